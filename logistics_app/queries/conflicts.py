"""Conflicts of one event, or of one item being edited, checked against every event around it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from logistics_app.domain.conflicts import Busy, Conflict, EventWindow, Slot, find_conflicts
from logistics_app.domain.schedule import ItemInput
from logistics_app.models import (
    Event,
    ItemParticipant,
    ItemStatus,
    ItemSupportingAgency,
    Person,
    ScheduleItem,
    Space,
    key_of,
    not_null,
)
from logistics_app.services.external_calendars import busy_blocks
from logistics_app.services.lookups import event_by_slug

CANDIDATE_ID = -1  # the unsaved item in a preview


def _window(event: Event) -> EventWindow:
    return EventWindow(key_of(event), event.name, event.start_date, event.end_date, event.timezone)


def _slots(session: Session, first: datetime, last: datetime, *, exclude: int | None = None) -> list[Slot]:
    """Every live item of any event that overlaps [first, last), with its space and people."""
    overlapping = (
        (col(ScheduleItem.start_utc) < last)
        & (col(ScheduleItem.end_utc) > first)
        & (col(ScheduleItem.status) != ItemStatus.CANCELLED)
    )
    if exclude is not None:
        overlapping &= col(ScheduleItem.id) != exclude
    zones = dict(session.exec(select(Event.id, Event.timezone)).all())
    people: dict[int, list[tuple[int, str]]] = {}
    rows = session.exec(
        select(ItemParticipant.item_id, ItemParticipant.person_id, Person.name)
        .join(Person, col(Person.id) == ItemParticipant.person_id)
        .join(ScheduleItem, col(ScheduleItem.id) == ItemParticipant.item_id)
        .where(overlapping)
    )
    for item_id, person_id, name in rows:
        people.setdefault(item_id, []).append((person_id, name))
    supporting: dict[int, list[int]] = {}
    for item_id, agency_id in session.exec(
        select(ItemSupportingAgency.item_id, ItemSupportingAgency.agency_id)
        .join(ScheduleItem, col(ScheduleItem.id) == ItemSupportingAgency.item_id)
        .where(overlapping)
    ):
        supporting.setdefault(item_id, []).append(agency_id)
    return [
        Slot(
            id=key_of(item),
            title=item.title,
            event_id=item.event_id,
            start=item.start_utc,
            end=item.end_utc,
            zone=zones[item.event_id],
            space_id=item.space_id,
            space_name=space.name if space else "",
            space_parallel=space.allows_parallel if space else False,
            people=tuple(people.get(key_of(item), ())),
            venue_id=item.venue_id if item.venue_id is not None else (space.venue_id if space else None),
            agency_ids=(*((item.lead_agency_id,) if item.lead_agency_id else ()), *supporting.get(key_of(item), ())),
            parent_id=item.parent_id,
        )
        for item, space in session.exec(select(ScheduleItem, Space).join(Space, isouter=True).where(overlapping))
    ]


def _busy(session: Session, first: datetime, last: datetime) -> list[Busy]:
    """The external calendars' busy times overlapping [first, last), named by their owner."""
    return [
        Busy(
            # The table's CHECK constraint: a subscription without a venue has its agency.
            owner=("venue", sub.venue_id) if sub.venue_id is not None else ("agency", not_null(sub.agency_id)),
            owner_name=name,
            title=block.title,
            start=block.start_utc,
            end=block.end_utc,
        )
        for block, sub, name in busy_blocks(session=session, first=first, last=last)
    ]


def event_conflicts(*, session: Session, slug: str) -> list[Conflict]:
    event = event_by_slug(session=session, slug=slug)
    live = col(ScheduleItem.status) != ItemStatus.CANCELLED
    bounds = session.exec(
        select(ScheduleItem.start_utc, ScheduleItem.end_utc).where(ScheduleItem.event_id == event.id, live)
    ).all()
    if not bounds:
        return []
    first, last = min(b[0] for b in bounds), max(b[1] for b in bounds)
    slots = _slots(session, first, last)
    own = {s.id for s in slots if s.event_id == event.id}
    found = find_conflicts(slots, [_window(event)], _busy(session, first, last))
    return [c for c in found if own.intersection(c.item_ids)]


def preview_conflicts(
    *,
    session: Session,
    event: Event,
    title: str,
    start: datetime,
    end: datetime,
    space_id: int | None,
    person_ids: tuple[int, ...] = (),
    venue_id: int | None = None,
    agency_ids: tuple[int, ...] = (),
    item_id: int | None = None,
    cancelled: bool = False,
) -> list[Conflict]:
    """The conflicts an item would have with these values, before it is saved."""
    if end <= start or cancelled:
        return []
    space = session.get(Space, space_id) if space_id is not None else None
    names = dict(session.exec(select(Person.id, Person.name).where(col(Person.id).in_(person_ids))).all())
    stored = session.get(ScheduleItem, item_id) if item_id is not None else None
    candidate = Slot(
        id=item_id if item_id is not None else CANDIDATE_ID,
        title=title or "—",
        event_id=key_of(event),
        start=start,
        end=end,
        zone=event.timezone,
        space_id=space_id,
        space_name=space.name if space else "",
        space_parallel=space.allows_parallel if space else False,
        people=tuple((pid, names.get(pid, "")) for pid in person_ids),
        venue_id=venue_id if venue_id is not None else (space.venue_id if space else None),
        agency_ids=agency_ids,
        parent_id=stored.parent_id if stored is not None else None,
    )
    slots = [*_slots(session, start, end, exclude=item_id), candidate]
    found = find_conflicts(slots, [_window(event)], _busy(session, start, end))
    return [c for c in found if candidate.id in c.item_ids]


def preview_many(*, session: Session, event: Event, candidates: Sequence[tuple[int, ItemInput]]) -> list[Conflict]:
    """The conflicts of many items at once (an import, a bulk change), before they are saved:
    each candidate against the rest of the schedule and against each other. A candidate's id is
    the stored item it changes, or a negative number for a new one."""
    live = [(i, d) for i, d in candidates if d.end > d.start and d.status != ItemStatus.CANCELLED]
    if not live:
        return []
    first, last = min(d.start for _, d in live), max(d.end for _, d in live)
    changed = {i for i, _ in candidates if i > 0}
    spaces = {s.id: s for s in session.exec(select(Space).where(col(Space.id).in_({d.space_id for _, d in live})))}
    person_ids = {p for _, d in live for p, _ in d.participants}
    names = dict(session.exec(select(Person.id, Person.name).where(col(Person.id).in_(person_ids))).all())
    slots = [s for s in _slots(session, first, last) if s.id not in changed]
    parents = dict(
        session.exec(select(ScheduleItem.id, ScheduleItem.parent_id).where(col(ScheduleItem.id).in_(changed))).all()
    )
    for item_id, data in live:
        space = spaces.get(data.space_id) if data.space_id is not None else None
        slots.append(
            Slot(
                id=item_id,
                title=data.title or "—",
                event_id=key_of(event),
                start=data.start,
                end=data.end,
                zone=event.timezone,
                space_id=data.space_id,
                space_name=space.name if space else "",
                space_parallel=space.allows_parallel if space else False,
                people=tuple((pid, names.get(pid, "")) for pid, _ in data.participants),
                venue_id=data.venue_id if data.venue_id is not None else (space.venue_id if space else None),
                agency_ids=(*((data.lead_agency_id,) if data.lead_agency_id else ()), *data.supporting_agency_ids),
                parent_id=parents.get(item_id),
            )
        )
    own = {i for i, _ in live}
    found = find_conflicts(slots, [_window(event)], _busy(session, first, last))
    return [c for c in found if own.intersection(c.item_ids)]
