"""The organizer's view of an event: every item, the form to edit one, the timeline, the panel."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from logistics_app.domain.conflicts import Conflict
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.forms import parse_span
from logistics_app.domain.search import SearchIndex
from logistics_app.domain.text import to_int
from logistics_app.i18n import clock, long_date, long_datetime, t, zone_label_over
from logistics_app.models import (
    Agency,
    Event,
    ItemKind,
    ItemStatus,
    ItemSupportingAgency,
    ScheduleItem,
    Space,
    Venue,
    Visibility,
    current_version,
)
from logistics_app.services.conflicts import event_conflicts, preview_conflicts
from logistics_app.services.external_calendars import busy_blocks
from logistics_app.services.queries import event_by_slug
from logistics_app.services.schedule import ItemInput, check_item, create_item, item_input, update_item
from logistics_app.timeutil import local_day_bounds, now_utc, to_local

PLAN_PAGE_SIZE = 50
FORM_FIELDS = (
    "title",
    "kind",
    "start_day",
    "start",
    "end_day",
    "end",
    "space",
    "status",
    "visibility",
    "lead_agency",
    "description",
    "notes",
)


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


_INDEXES: dict[tuple[str, int, int], SearchIndex] = {}


def _index(session: Session, event_id: int) -> SearchIndex:
    key = (str(session.get_bind().url), event_id, current_version(session))
    if key not in _INDEXES:
        rows = session.exec(
            select(
                ScheduleItem.id,
                ScheduleItem.title,
                ScheduleItem.notes,
                ScheduleItem.description,
                Space.name,
                Venue.name,
            )
            .join(Space, col(Space.id) == ScheduleItem.space_id, isouter=True)
            .join(Venue, col(Venue.id) == ScheduleItem.venue_id, isouter=True)
            .where(ScheduleItem.event_id == event_id)
        ).all()
        _INDEXES.clear()
        _INDEXES[key] = SearchIndex.build((r[0], [v or "" for v in r[1:]]) for r in rows)
    return _INDEXES[key]


def plan_list(*, session: Session, slug: str, filters: PlanFilters, lang: str = "es") -> PlanPage:
    """Every item of the event (any visibility), filtered and paged on the server."""
    event = event_by_slug(session, slug)
    conditions: list[Any] = [ScheduleItem.event_id == event.id]
    day_start = None
    if filters.day:
        try:
            day_start, day_end = local_day_bounds(date.fromisoformat(filters.day), event.timezone)
            conditions += [col(ScheduleItem.start_utc) >= day_start, col(ScheduleItem.start_utc) < day_end]
        except ValueError:
            pass
    if to_int(filters.space) is not None:
        conditions.append(ScheduleItem.space_id == to_int(filters.space))
    if to_int(filters.agency) is not None:
        agency_id = to_int(filters.agency)
        supported = select(ItemSupportingAgency.item_id).where(ItemSupportingAgency.agency_id == agency_id)
        conditions.append((ScheduleItem.lead_agency_id == agency_id) | col(ScheduleItem.id).in_(supported))
    for name in ("kind", "status", "visibility"):
        if getattr(filters, name):
            conditions.append(getattr(ScheduleItem, name) == getattr(filters, name))
    if filters.text.strip():
        conditions.append(col(ScheduleItem.id).in_(_index(session, event.id).search(filters.text)))  # type: ignore[arg-type]
    total = session.exec(select(func.count()).select_from(ScheduleItem).where(*conditions)).one()
    pages = max(1, -(-total // PLAN_PAGE_SIZE))
    page = max(1, min(filters.page, pages))
    rows = session.exec(
        select(ScheduleItem, Space, Venue, Agency)
        .join(Space, col(Space.id) == ScheduleItem.space_id, isouter=True)
        .join(Venue, col(Venue.id) == ScheduleItem.venue_id, isouter=True)
        .join(Agency, col(Agency.id) == ScheduleItem.lead_agency_id, isouter=True)
        .where(*conditions)
        .order_by(col(ScheduleItem.start_utc), col(ScheduleItem.id))
        .offset((page - 1) * PLAN_PAGE_SIZE)
        .limit(PLAN_PAGE_SIZE)
    ).all()
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
        options=form_options(session, event, lang),
    )


def form_options(session: Session, event: Event, lang: str) -> dict[str, list[dict[str, str]]]:
    """Choices for the filters and the item form."""
    spaces = session.exec(
        select(Space.id, Space.name, Venue.name)
        .join(Venue, col(Venue.id) == Space.venue_id)
        .order_by(col(Venue.name), col(Space.name))
    ).all()
    agencies = session.exec(select(Agency.id, Agency.acronym, Agency.name).order_by(col(Agency.name))).all()
    starts = session.exec(select(ScheduleItem.start_utc).where(ScheduleItem.event_id == event.id)).all()
    days = sorted({to_local(s, event.timezone).date() for s in starts})
    return {
        "day": [{"value": d.isoformat(), "label": long_date(d, lang)} for d in days],
        "space": [{"value": str(i), "label": f"{s} · {v}"} for i, s, v in spaces],
        "agency": [{"value": str(i), "label": a or n} for i, a, n in agencies],
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
    }


def load_form(session: Session, event: Event, item_id: int) -> tuple[dict[str, str], int]:
    """The stored item as the form shows it (local date and times), and its version."""
    item = session.get(ScheduleItem, item_id)
    if item is None or item.event_id != event.id:
        raise NotFound(str(item_id))
    return values_of(item_input(session, item), event.timezone), item.version


def values_of(data: ItemInput, zone: str) -> dict[str, str]:
    start, end = to_local(data.start, zone), to_local(data.end, zone)
    return {
        "title": data.title,
        "kind": str(data.kind),
        "start_day": start.date().isoformat(),
        "start": start.strftime("%H:%M"),
        "end_day": end.date().isoformat(),
        "end": end.strftime("%H:%M"),
        "space": str(data.space_id or ""),
        "status": str(data.status),
        "visibility": str(data.visibility),
        "lead_agency": str(data.lead_agency_id or ""),
        "description": data.description,
        "notes": data.notes,
        "share_before_publish": "1" if data.share_before_publish else "",
    }


def form_input(
    session: Session, event: Event, form: dict[str, str], item_id: int | None = None
) -> tuple[ItemInput | None, list[FieldError]]:
    """What the organizer typed, as an item to save (with the links an edit must keep)."""
    span, errors = parse_span(
        form.get("start_day", ""), form.get("start", ""), form.get("end_day", ""), form.get("end", ""), event.timezone
    )
    if span is None:
        return None, errors
    stored = session.get(ScheduleItem, item_id) if item_id is not None else None
    if item_id is not None and stored is None:
        raise NotFound(str(item_id))
    base = item_input(session, stored) if stored is not None else None
    space_id = to_int(form.get("space"))
    space = session.get(Space, space_id) if space_id is not None else None
    data = ItemInput(
        title=form.get("title", ""),
        kind=form.get("kind", ""),
        start=span[0],
        end=span[1],
        venue_id=space.venue_id if space else (base.venue_id if base else event.main_venue_id),
        space_id=space_id,
        status=form.get("status", ""),
        visibility=form.get("visibility", ""),
        lead_agency_id=to_int(form.get("lead_agency")),
        supporting_agency_ids=base.supporting_agency_ids if base else (),
        participants=base.participants if base else (),
        description=form.get("description", ""),
        notes=form.get("notes", ""),
        work_title=base.work_title if base else "",
        work_id=base.work_id if base else None,
        share_before_publish=form.get("share_before_publish", "") not in ("", "0", "false"),
    )
    return data, errors


def check_form(
    session: Session, event: Event, form: dict[str, str], item_id: int | None = None
) -> tuple[list[FieldError], list[Conflict]]:
    """Problems and conflicts of the form as typed, before anything is saved."""
    data, errors = form_input(session, event, form, item_id)
    if data is None:
        return errors, []
    try:
        check_item(session, event, data)
    except ValidationFailed as failed:
        errors += failed.errors
    conflicts = preview_conflicts(
        session=session,
        event=event,
        title=data.title,
        start=data.start,
        end=data.end,
        space_id=data.space_id,
        person_ids=tuple(pid for pid, _ in data.participants),
        venue_id=data.venue_id,
        agency_ids=(*((data.lead_agency_id,) if data.lead_agency_id else ()), *data.supporting_agency_ids),
        item_id=item_id,
        cancelled=data.status == ItemStatus.CANCELLED,
    )
    return errors, conflicts


class NeedsConfirmation(Exception):
    def __init__(self, conflicts: list[Conflict]):
        super().__init__(f"{len(conflicts)} conflicts")
        self.conflicts = conflicts


def save_form(
    *,
    session: Session,
    slug: str,
    form: dict[str, str],
    item_id: int | None = None,
    expected_version: int | None = None,
    confirmed: bool = False,
) -> ScheduleItem:
    """Saves the form in one transaction; conflicts need `confirmed`, stale edits are refused."""
    event = event_by_slug(session, slug)
    errors, conflicts = check_form(session, event, form, item_id)
    if errors:
        raise ValidationFailed(errors)
    if conflicts and not confirmed:
        raise NeedsConfirmation(conflicts)
    data, _ = form_input(session, event, form, item_id)
    assert data is not None
    if item_id is None:
        return create_item(session=session, event=event, data=data)
    return update_item(session=session, item_id=item_id, data=data, expected_version=expected_version)


def _conflict_rows(session: Session, conflicts: list[Conflict], lang: str) -> list[dict[str, Any]]:
    """Each conflict with a link to each side's editor (in its own event's schedule)."""
    slugs = dict(session.exec(select(Event.id, Event.slug)).all())
    return [
        {
            "message": c.message(lang),
            "severity": str(c.severity),
            "sides": [
                {"title": side.title, "href": f"/organizar/eventos/{slugs[side.event_id]}/programa?editar={side.id}"}
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
    event = event_by_slug(session, slug)
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


PX_PER_MINUTE = 1


def timeline(*, session: Session, slug: str, day: str = "", lang: str = "es") -> Timeline:
    """One local day of the event, one column per space used that day (Indico's timetable), and one
    per venue or agency whose external calendar is busy that day."""
    event = event_by_slug(session, slug)
    zone = event.timezone
    days = form_options(session, event, lang)["day"]
    chosen = day if day in {d["value"] for d in days} else (days[0]["value"] if days else event.start_date.isoformat())
    low, high = local_day_bounds(date.fromisoformat(chosen), zone)
    rows = session.exec(
        select(ScheduleItem, Space, Venue)
        .join(Space, col(Space.id) == ScheduleItem.space_id, isouter=True)
        .join(Venue, col(Venue.id) == ScheduleItem.venue_id, isouter=True)
        .where(ScheduleItem.event_id == event.id, col(ScheduleItem.start_utc) < high, col(ScheduleItem.end_utc) > low)
        .order_by(col(ScheduleItem.start_utc))
    ).all()
    # (column, start, end, id, title, status): items first, then the busy times of external calendars
    entries = [
        (
            " · ".join(filter(None, (space.name if space else "", venue.name if venue else "")))
            or t("plan.no_space", lang),
            item.start_utc,
            item.end_utc,
            str(item.id),
            item.title,
            str(item.status),
        )
        for item, space, venue in rows
    ]
    entries += [
        (t("busy.column", lang, owner=owner), block.start_utc, block.end_utc, "", block.title, "busy")
        for block, _, owner in busy_blocks(session=session, first=low, last=high)
    ]
    day_start, day_end = to_local(low, zone), to_local(high, zone)
    first_hour = min((max(to_local(e[1], zone), day_start).hour for e in entries), default=8)
    last_hour = max(
        (int((min(to_local(e[2], zone), day_end) - day_start).total_seconds() // 3600) + 1 for e in entries),
        default=20,
    )
    origin = day_start.replace(hour=first_hour)
    columns: dict[str, list[dict[str, str]]] = {}
    for name, start_utc, end_utc, item_id, title, status in entries:
        start, end = max(to_local(start_utc, zone), origin), min(to_local(end_utc, zone), day_end)
        columns.setdefault(name, []).append(
            {
                "id": item_id,
                "title": title or t("busy.untitled", lang),
                "time": f"{clock(to_local(start_utc, zone), lang)}–{clock(to_local(end_utc, zone), lang)}",
                "top": f"{int((start - origin).total_seconds() // 60) * PX_PER_MINUTE}px",
                "height": f"{max(24, int((end - start).total_seconds() // 60) * PX_PER_MINUTE)}px",
                "status": status,
            }
        )
    hours = list(range(first_hour, last_hour + 1))
    return Timeline(
        day=chosen,
        day_label=long_date(date.fromisoformat(chosen), lang),
        hours=[f"{h % 24:02d}:00" for h in hours],
        # Spaces in name order, then the external calendars' columns.
        columns=[
            {"name": n, "blocks": b, "busy": "1" if b[0]["status"] == "busy" else ""}
            for n, b in sorted(columns.items(), key=lambda c: (c[1][0]["status"] == "busy", c[0]))
        ],
        height=len(hours) * 60 * PX_PER_MINUTE,
    )
