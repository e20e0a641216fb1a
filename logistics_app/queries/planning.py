"""The organizer's view of an event: every item, the editor's form as shown, the panel, the timeline."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from logistics_app import routes
from logistics_app.domain.conflicts import Conflict
from logistics_app.domain.errors import NotFound
from logistics_app.domain.forms import form_of_item
from logistics_app.domain.search import SearchIndex
from logistics_app.domain.text import to_int
from logistics_app.domain.timeline import Block, lay_out, lay_out_week
from logistics_app.i18n import clock, long_date, long_datetime, t, zone_label_over
from logistics_app.models import (
    Agency,
    AgencyKind,
    Event,
    ItemKind,
    ItemStatus,
    ItemSupportingAgency,
    ParticipantRole,
    Person,
    ScheduleItem,
    Space,
    Venue,
    Visibility,
    key_of,
    not_null,
    rows_of,
)
from logistics_app.queries import indexes
from logistics_app.queries.conflicts import event_conflicts
from logistics_app.services.external_calendars import busy_blocks
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.schedule import item_input
from logistics_app.timeutil import local_day_bounds, now_utc, to_local

PLAN_PAGE_SIZE = 50


@dataclass
class PlanFilters:
    day: str = ""
    space: str = ""  # space id
    agency: str = ""  # agency id
    kind: str = ""
    status: str = ""
    visibility: str = ""
    text: str = ""
    page: int = 1


@dataclass
class PlanPage:
    items: list[dict[str, str]]
    total: int
    pages: int
    page: int
    zone: str
    options: dict[str, list[dict[str, str]]] = field(default_factory=dict)


def _index(session: Session, event_id: int) -> SearchIndex:
    """The organizer's index: every item's title, notes, description and place."""

    def build() -> SearchIndex:
        # More columns than sqlmodel's select() types: SQLAlchemy's select, read by rows_of().
        rows = rows_of(
            session,
            sa.select(
                col(ScheduleItem.id),
                col(ScheduleItem.title),
                col(ScheduleItem.notes),
                col(ScheduleItem.description),
                col(Space.name),
                col(Venue.name),
            )
            .join(Space, col(Space.id) == ScheduleItem.space_id, isouter=True)
            .join(Venue, col(Venue.id) == ScheduleItem.venue_id, isouter=True)
            .where(col(ScheduleItem.event_id) == event_id),
        )
        return SearchIndex.build((not_null(r[0]), [v or "" for v in r[1:]]) for r in rows)  # ids read back

    return indexes.search_index(session=session, kind="planning", event_id=event_id, build=build)


def plan_conditions(
    *, session: Session, event: Event, filters: PlanFilters
) -> tuple[list[ColumnElement[bool]], datetime | None]:
    """The filters as SQL conditions on the event's items (and the chosen day's start, if any)."""
    conditions: list[ColumnElement[bool]] = [col(ScheduleItem.event_id) == event.id]
    day_start = None
    if filters.day:
        try:
            day_start, day_end = local_day_bounds(date.fromisoformat(filters.day), event.timezone)
            conditions += [col(ScheduleItem.start_utc) >= day_start, col(ScheduleItem.start_utc) < day_end]
        except ValueError:
            pass
    if to_int(filters.space) is not None:
        conditions.append(col(ScheduleItem.space_id) == to_int(filters.space))
    if to_int(filters.agency) is not None:
        agency_id = to_int(filters.agency)
        supported = select(ItemSupportingAgency.item_id).where(ItemSupportingAgency.agency_id == agency_id)
        conditions.append((col(ScheduleItem.lead_agency_id) == agency_id) | col(ScheduleItem.id).in_(supported))
    for name in ("kind", "status", "visibility"):
        if getattr(filters, name):
            conditions.append(col(getattr(ScheduleItem, name)) == getattr(filters, name))
    if filters.text.strip():
        conditions.append(col(ScheduleItem.id).in_(_index(session, key_of(event)).search(filters.text)))
    return conditions, day_start


def placed_items(conditions: list[ColumnElement[bool]]) -> Any:
    """The items meeting the conditions, in start order, each with its space, venue and lead
    agency (None where it has none). Typed Any: sqlmodel's select types up to four entities."""
    return (
        select(ScheduleItem, Space, Venue, Agency)
        .join(Space, col(Space.id) == ScheduleItem.space_id, isouter=True)
        .join(Venue, col(Venue.id) == ScheduleItem.venue_id, isouter=True)
        .join(Agency, col(Agency.id) == ScheduleItem.lead_agency_id, isouter=True)
        .where(*conditions)
        .order_by(col(ScheduleItem.start_utc), col(ScheduleItem.id))
    )


def plan_list(*, session: Session, slug: str, filters: PlanFilters, lang: str = "es") -> PlanPage:
    """Every item of the event (any visibility), filtered and paged on the server."""
    event = event_by_slug(session=session, slug=slug)
    conditions, day_start = plan_conditions(session=session, event=event, filters=filters)
    total = session.exec(select(func.count()).select_from(ScheduleItem).where(*conditions)).one()
    pages = max(1, -(-total // PLAN_PAGE_SIZE))
    page = max(1, min(filters.page, pages))
    rows = session.exec(placed_items(conditions).offset((page - 1) * PLAN_PAGE_SIZE).limit(PLAN_PAGE_SIZE)).all()
    items = []
    for item, space, venue, agency in rows:
        start, end = to_local(item.start_utc, event.timezone), to_local(item.end_utc, event.timezone)
        items.append(
            {
                "id": str(item.id),
                "version": str(item.version),
                "date": long_date(start.date(), lang),
                "time": f"{clock(start, lang)}–{clock(end, lang)}",
                "title": item.title,
                "kind": t(f"item.{item.kind}", lang),
                "status": str(item.status),
                "status_label": t(f"status.{item.status}", lang),
                "visibility": t(f"visibility.{item.visibility}", lang),
                "place": " · ".join(filter(None, (space.name if space else "", venue.name if venue else "")))
                or item.location_text,
                "agency": (agency.acronym or agency.name) if agency else "",
            }
        )
    # The offset of the times shown (or of the chosen day), not of the event's oldest item.
    shown = [item.start_utc for item, *_ in rows] or [day_start or now_utc()]
    return PlanPage(
        items=items,
        total=total,
        pages=pages,
        page=page,
        zone=zone_label_over(event.timezone, shown),
        options=form_options(session=session, event=event, lang=lang),
    )


def form_options(*, session: Session, event: Event, lang: str) -> dict[str, list[dict[str, str]]]:
    """Choices for the filters and the item form."""
    spaces = session.exec(
        select(Space.id, Space.name, Venue.name)
        .join(Venue, col(Venue.id) == Space.venue_id)
        .order_by(col(Venue.name), col(Space.name))
    ).all()
    agencies = session.exec(
        select(Agency.id, Agency.acronym, Agency.name)
        .where(col(Agency.archived_at).is_(None))
        .order_by(col(Agency.name))
    ).all()
    people = session.exec(
        select(Person.id, Person.name, Agency.acronym)
        .join(Agency, col(Agency.id) == Person.agency_id, isouter=True)
        .where(col(Person.archived_at).is_(None))
        .order_by(col(Person.name))
    ).all()
    starts = session.exec(select(ScheduleItem.start_utc).where(ScheduleItem.event_id == event.id)).all()
    days = sorted({to_local(s, event.timezone).date() for s in starts})
    return {
        "day": [{"value": d.isoformat(), "label": long_date(d, lang)} for d in days],
        "space": [{"value": str(i), "label": f"{s} · {v}"} for i, s, v in spaces],
        "agency": [{"value": str(i), "label": a or n} for i, a, n in agencies],
        "person": [{"value": str(i), "label": f"{n} · {a}" if a else n} for i, n, a in people],
        "role": [{"value": r.value, "label": t(f"participant.{r}", lang)} for r in ParticipantRole],
        "agency_kind": [{"value": k.value, "label": t(f"agency.{k}", lang)} for k in AgencyKind],
        "kind": [{"value": k.value, "label": t(f"item.{k}", lang)} for k in ItemKind],
        "status": [{"value": s.value, "label": t(f"status.{s}", lang)} for s in ItemStatus],
        "visibility": [{"value": v.value, "label": t(f"visibility.{v}", lang)} for v in Visibility],
    }


def blank_form(event: Event) -> dict[str, str]:
    day = event.start_date.isoformat()
    return {
        "title": "",
        "kind": ItemKind.MEETING.value,
        "start_day": day,
        "start": "10:00",
        "end_day": day,
        "end": "11:00",
        "space": "",
        "status": ItemStatus.TENTATIVE.value,
        "visibility": Visibility.INTERNAL.value,
        "lead_agency": "",
        "description": "",
        "notes": "",
        "share_before_publish": "",
        "supporting": "",
        "people": "",
    }


def load_form(*, session: Session, event: Event, item_id: int) -> tuple[dict[str, str], int]:
    """The stored item as the form shows it (local date and times), and its version."""
    item = session.get(ScheduleItem, item_id)
    if item is None or item.event_id != event.id:
        raise NotFound(str(item_id))
    return form_of_item(item_input(session=session, item=item), event.timezone), item.version


def _conflict_rows(session: Session, conflicts: list[Conflict], lang: str) -> list[dict[str, Any]]:
    """Each conflict with a link to each side's editor (in its own event's schedule)."""
    slugs = dict(session.exec(select(Event.id, Event.slug)).all())
    return [
        {
            "message": c.message(lang),
            "severity": str(c.severity),
            "sides": [
                {"title": side.title, "href": routes.plan_item_url(slugs[side.event_id], side.id)}
                for side in (c.a, c.b)
                if side is not None
            ],
        }
        for c in conflicts
    ]


@dataclass
class Panel:
    name: str
    days_to_go: str
    by_status: list[dict[str, str]]
    conflicts: list[dict[str, str]]
    tentative_agencies: list[str]
    recent: list[dict[str, str]]


def panel(*, session: Session, slug: str, lang: str = "es", now: datetime | None = None) -> Panel:
    event = event_by_slug(session=session, slug=slug)
    now = now or now_utc()
    today = to_local(now, event.timezone).date()
    delta = (event.start_date - today).days
    if delta > 0:
        days = t("panel.days_to_go", lang, count=delta)
    elif today <= event.end_date:
        days = t("panel.running", lang)
    else:
        days = t("panel.over", lang)
    statuses = Counter(session.exec(select(ScheduleItem.status).where(ScheduleItem.event_id == event.id)).all())
    tentative = session.exec(
        select(Agency.acronym, Agency.name)
        .join(ScheduleItem, col(ScheduleItem.lead_agency_id) == Agency.id)
        .where(ScheduleItem.event_id == event.id, ScheduleItem.status == ItemStatus.TENTATIVE)
        .distinct()
    ).all()
    recent = session.exec(
        select(ScheduleItem)
        .where(ScheduleItem.event_id == event.id)
        .order_by(col(ScheduleItem.updated_at).desc(), col(ScheduleItem.id).desc())
        .limit(8)
    ).all()
    return Panel(
        name=event.name,
        days_to_go=days,
        by_status=[
            {"status": s.value, "label": t(f"status.{s}", lang), "count": str(statuses.get(s, 0))} for s in ItemStatus
        ],
        conflicts=_conflict_rows(session, event_conflicts(session=session, slug=slug), lang),
        tentative_agencies=sorted(a or n for a, n in tentative),
        recent=[
            {"id": str(i.id), "title": i.title, "when": long_datetime(to_local(i.updated_at, event.timezone), lang)}
            for i in recent
        ],
    )


@dataclass
class Timeline:
    day: str
    day_label: str
    hours: list[str]
    columns: list[dict[str, Any]]  # {"name": space, "blocks": [{"id", "title", "time", "top", "height", "status"}]}
    height: int


def timeline(*, session: Session, slug: str, day: str = "", lang: str = "es") -> Timeline:
    """One local day of the event, one column per space used that day (Indico's timetable), and one
    per venue or agency whose external calendar is busy that day."""
    event = event_by_slug(session=session, slug=slug)
    zone = event.timezone
    days = form_options(session=session, event=event, lang=lang)["day"]
    chosen = day if day in {d["value"] for d in days} else (days[0]["value"] if days else event.start_date.isoformat())
    low, high = local_day_bounds(date.fromisoformat(chosen), zone)
    rows = session.exec(
        select(ScheduleItem, Space, Venue)
        .join(Space, col(Space.id) == ScheduleItem.space_id, isouter=True)
        .join(Venue, col(Venue.id) == ScheduleItem.venue_id, isouter=True)
        .where(ScheduleItem.event_id == event.id, col(ScheduleItem.start_utc) < high, col(ScheduleItem.end_utc) > low)
        .order_by(col(ScheduleItem.start_utc))
    ).all()

    def when(start: datetime, end: datetime) -> str:
        return f"{clock(to_local(start, zone), lang)}–{clock(to_local(end, zone), lang)}"

    blocks = [
        Block(
            " · ".join(filter(None, (space.name if space else "", venue.name if venue else "")))
            or t("plan.no_space", lang),
            item.start_utc,
            item.end_utc,
            str(item.id),
            item.title,
            str(item.status),
            when(item.start_utc, item.end_utc),
        )
        for item, space, venue in rows
    ]
    blocks += [
        Block(
            t("busy.column", lang, owner=owner),
            block.start_utc,
            block.end_utc,
            "",
            block.title or t("busy.untitled", lang),
            "busy",
            when(block.start_utc, block.end_utc),
        )
        for block, _, owner in busy_blocks(session=session, first=low, last=high)
    ]
    layout = lay_out(blocks, zone, low, high)

    # Each column's key, where an item dropped on it goes: a space, no space, or an external
    # calendar's busy times (nothing can be dropped there); and every space of the event's venues,
    # used that day or not, so that an item can be moved to an empty room.
    def label(space: Space | None, venue: Venue | None) -> str:
        return " · ".join(filter(None, (space.name if space else "", venue.name if venue else ""))) or t(
            "plan.no_space", lang
        )

    keys = {label(space, venue): f"space:{space.id}" if space else "space:none" for _, space, venue in rows}
    venue_ids = set(session.exec(select(ScheduleItem.venue_id).where(ScheduleItem.event_id == event.id)).all())
    venue_ids |= {event.main_venue_id}
    rooms = session.exec(
        select(Space, Venue).join(Venue, col(Venue.id) == Space.venue_id).where(col(Venue.id).in_(venue_ids - {None}))
    ).all()
    # Each item's version rides with its block: a drop applies to the item as it was shown.
    versions = {str(item.id): str(item.version) for item, _, _ in rows}
    keyed = [
        {
            **c,
            "key": "busy" if c["busy"] else keys.get(c["name"], "space:none"),
            "blocks": [{**b, "version": versions.get(b["id"], "")} for b in c["blocks"]],
        }
        for c in layout.columns
    ]
    shown = {c["name"] for c in keyed}
    empty = sorted(
        (
            {"name": label(space, venue), "blocks": [], "busy": "", "key": f"space:{space.id}"}
            for space, venue in rooms
            if label(space, venue) not in shown
        ),
        key=lambda c: str(c["name"]),
    )
    columns = [c for c in keyed if not c["busy"]] + empty + [c for c in keyed if c["busy"]]
    return Timeline(
        day=chosen,
        day_label=long_date(date.fromisoformat(chosen), lang),
        hours=layout.hours,
        columns=columns,
        height=layout.height,
    )


def week(*, session: Session, slug: str, lang: str = "es") -> Timeline:
    """Every day of the event side by side, a column each (its items, any space), on the same hours."""
    event = event_by_slug(session=session, slug=slug)
    zone = event.timezone
    days: list[tuple[str, datetime, datetime, list[Block]]] = []
    dates: list[date] = []
    day = event.start_date
    while day <= event.end_date and len(days) < 31:
        low, high = local_day_bounds(day, zone)
        rows = session.exec(
            select(ScheduleItem).where(
                ScheduleItem.event_id == event.id,
                col(ScheduleItem.start_utc) >= low,
                col(ScheduleItem.start_utc) < high,
            )
        ).all()
        blocks = [
            Block(
                "",
                item.start_utc,
                item.end_utc,
                str(item.id),
                item.title,
                str(item.status),
                f"{clock(to_local(item.start_utc, zone), lang)}–{clock(to_local(item.end_utc, zone), lang)}",
            )
            for item in rows
        ]
        days.append((long_date(day, lang), low, high, blocks))
        dates.append(day)
        day += timedelta(days=1)
    layout = lay_out_week(days, zone)
    # An item dropped on a day's column moves to that day ("day:<date>").
    columns = [{**c, "key": f"day:{d.isoformat()}"} for c, d in zip(layout.columns, dates, strict=True)]
    return Timeline(day="", day_label="", hours=layout.hours, columns=columns, height=layout.height)
