"""What the printed sheets hold: a day per space or per agency, the whole programme by day, the
run sheet; in the event's zone and the reader's language (domain.printing lays them out)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from logistics_app.domain.printing import Group, Row, Sheet
from logistics_app.i18n import clock, long_date, t, zone_label
from logistics_app.models import (
    Agency,
    AwardCategory,
    Event,
    ItemStatus,
    ItemSupportingAgency,
    Nomination,
    ScheduleItem,
    key_of,
)
from logistics_app.queries.planning import PlanFilters, placed_items, plan_conditions
from logistics_app.queries.schedule_sheet import people_by_item
from logistics_app.services import rundown, show
from logistics_app.services.lookups import event_by_slug
from logistics_app.timeutil import local_day_bounds, to_local

SHEETS = ("space", "agency", "programme", "run")


def _zone(event: Event, day: date, lang: str) -> str:
    return t("plan.times_in", lang).replace(
        "{zone}", zone_label(to_local(local_day_bounds(day, event.timezone)[0], event.timezone))
    )


def _sheet(event: Event, title_key: str, subtitle: str, day: date, groups: list[Group], lang: str) -> Sheet:
    return Sheet(
        title=t(title_key, lang),
        subtitle=subtitle,
        zone=_zone(event, day, lang),
        columns=(
            t("print.col.time", lang),
            t("print.col.item", lang),
            t("print.col.place", lang),
            t("print.col.who", lang),
        ),
        groups=groups,
        empty=t("print.empty", lang),
        lang=lang,
        footer=t("print.page", lang),
    )


def _rows(
    session: Session, event: Event, filters: PlanFilters, lang: str
) -> list[tuple[ScheduleItem, Row, str, list[int]]]:
    """Each item of the filter as a printed row, with its space's heading and its agencies."""
    conditions, _ = plan_conditions(session=session, event=event, filters=filters)
    items = session.exec(placed_items(conditions)).all()
    ids = [key_of(item) for item, *_ in items]
    people = people_by_item(session=session, ids=ids, lang=lang)
    supporting: dict[int, list[int]] = {}
    for item_id, agency_id in session.exec(
        select(ItemSupportingAgency.item_id, ItemSupportingAgency.agency_id).where(
            col(ItemSupportingAgency.item_id).in_(ids)
        )
    ):
        supporting.setdefault(item_id, []).append(agency_id)
    out = []
    for item, space, venue, agency in items:
        start, end = to_local(item.start_utc, event.timezone), to_local(item.end_utc, event.timezone)
        status = "" if item.status == ItemStatus.CONFIRMED else t(f"status.{item.status}", lang)
        who = "; ".join(
            filter(None, [(agency.acronym or agency.name) if agency else "", *people.get(key_of(item), [])])
        )
        row = Row(
            time=f"{clock(start, lang)}–{clock(end, lang)}",
            title=item.title,
            place=" · ".join(filter(None, (space.name if space else "", venue.name if venue else "")))
            or item.location_text,
            who=who,
            note=status,
            struck=item.status == ItemStatus.CANCELLED,
        )
        heading = (
            f"{space.name} · {venue.name}" if space and venue else (venue.name if venue else t("print.no_space", lang))
        )
        agencies = [*([item.lead_agency_id] if item.lead_agency_id else []), *supporting.get(key_of(item), [])]
        out.append((item, row, heading, agencies))
    return out


def _grouped(pairs: Iterable[tuple[str, Row]]) -> list[Group]:
    groups: dict[str, Group] = {}
    for heading, row in pairs:
        groups.setdefault(heading, Group(heading)).rows.append(row)
    return list(groups.values())


def day_sheet(*, session: Session, slug: str, day: date, by: str, lang: str = "es", only: str = "") -> Sheet:
    """One day of the event, a page per space (by="space") or per agency (by="agency"); `only`
    keeps one space or agency (its id, as the programme's filters give it)."""
    event = event_by_slug(session=session, slug=slug)
    filters = PlanFilters(
        day=day.isoformat(), space=only if by == "space" else "", agency=only if by == "agency" else ""
    )
    rows = _rows(session, event, filters, lang)
    if by == "agency":
        names = {a.id: a.name for a in session.exec(select(Agency))}
        pairs = [
            (names.get(a, ""), row) for _, row, _, agencies in rows for a in agencies if not only or str(a) == only
        ]
        groups = sorted(_grouped(pairs), key=lambda g: g.heading)
    else:
        groups = _grouped((heading, row) for _, row, heading, _ in rows)
    subtitle = f"{event.name} · {long_date(day, lang)}"
    sheet = _sheet(event, f"print.title.{by}", subtitle, day, groups, lang)
    sheet.show_place = by != "space"
    return sheet


def programme_sheet(*, session: Session, slug: str, lang: str = "es") -> Sheet:
    """The whole programme (every item, any visibility), a page per day."""
    event = event_by_slug(session=session, slug=slug)
    rows = _rows(session, event, PlanFilters(), lang)
    groups = _grouped(
        (long_date(to_local(item.start_utc, event.timezone).date(), lang), row) for item, row, _, _ in rows
    )
    return _sheet(event, "print.title.programme", event.name, event.start_date, groups, lang)


def run_sheet(*, session: Session, slug: str, lang: str = "es") -> Sheet:
    """The ceremony's run of show, segment by segment with its computed times."""
    event = event_by_slug(session=session, slug=slug)
    show = rundown.run_of_show(session=session, slug=slug, lang=lang)
    rows = [
        Row(
            time=f"{r['start']}–{r['end']}",
            title=str(r["title"]),
            place=str(r["kind_label"]),
            who=str(r["presenters"]),
            note=t("print.minutes", lang, minutes=r["minutes"]) + (f" · {r['category']}" if r["category"] else ""),
        )
        for r in show.rows
    ]
    ceremony = rundown.ceremony_of(session=session, event=event)
    day = to_local(ceremony.start_utc, event.timezone).date()
    sheet = _sheet(event, "print.title.run", f"{show.ceremony} · {show.slot}", day, [Group("", rows)], lang)
    sheet.columns = (
        t("print.col.time", lang),
        t("print.col.segment", lang),
        t("print.col.kind", lang),
        t("print.col.presenters", lang),
    )
    return sheet


def after_show_sheet(*, session: Session, slug: str, lang: str = "es") -> Sheet:
    """After the show: each segment planned against how it ran (how far off), the totals, and the
    winners revealed (in the order they were; a winner still sealed is not printed)."""
    event = event_by_slug(session=session, slug=slug)
    view = show.view(session=session, slug=slug, lang=lang)
    ran = [r for r in view.segments if r["seconds"]]
    planned, took = sum(int(r["minutes"]) for r in ran), round(sum(int(r["seconds"]) for r in ran) / 60)
    timings = Group(
        t("print.after.timings", lang, planned=planned, took=took, off=show.signed(took - planned)),
        [
            Row(
                time=r["planned"],
                title=r["title"],
                place=r["actual"] or "—",
                who=r["over"],
                note=" · ".join(filter(None, (r["kind_label"], t("print.minutes", lang, minutes=r["minutes"])))),
            )
            for r in view.segments
        ],
        columns=(
            t("show.col.planned", lang),
            t("print.col.segment", lang),
            t("show.col.actual", lang),
            t("show.col.off", lang),
        ),
    )
    revealed = session.exec(
        select(AwardCategory, Nomination)
        .join(Nomination, col(Nomination.category_id) == AwardCategory.id)
        .where(
            AwardCategory.event_id == event.id,
            col(AwardCategory.revealed_at).is_not(None),
            col(Nomination.is_winner),
        )
        .order_by(col(AwardCategory.revealed_at), col(AwardCategory.position))
    ).all()
    awarded = Group(
        t("print.after.awarded", lang, count=len(revealed)),
        [
            Row(
                time=clock(to_local(category.revealed_at, event.timezone), lang) if category.revealed_at else "",
                title=category.name,
                place=nomination.work_title,
                who=nomination.nominee_names,
            )
            for category, nomination in revealed
        ],
        columns=(
            t("print.col.revealed", lang),
            t("print.col.category", lang),
            t("print.col.work", lang),
            t("print.col.people", lang),
        ),
    )
    ceremony = rundown.ceremony_of(session=session, event=event)
    day = to_local(ceremony.start_utc, event.timezone).date()
    return _sheet(event, "print.title.after", f"{view.ceremony} · {view.slot}", day, [timings, awarded], lang)


def days_of(*, session: Session, slug: str) -> list[date]:
    event = event_by_slug(session=session, slug=slug)
    starts = session.exec(select(ScheduleItem.start_utc).where(ScheduleItem.event_id == event.id)).all()
    return sorted({to_local(s, event.timezone).date() for s in starts}) or [event.start_date]
