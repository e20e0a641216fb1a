"""Conflicts of one event, or of one item being edited, checked against every event around it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from logistics_app.domain.conflicts import Conflict, EventWindow, Slot, find_conflicts
from logistics_app.models import Event, ItemParticipant, ItemStatus, Person, ScheduleItem, Space
from logistics_app.services.queries import event_by_slug

CANDIDATE_ID = -1  # the unsaved item in a preview


def _window(event: Event) -> EventWindow:
    return EventWindow(event.id, event.name, event.start_date, event.end_date, event.timezone)  # type: ignore[arg-type]


def _slots(session: Session, first: datetime, last: datetime, *, exclude: int | None = None) -> list[Slot]:
    """Every live item of any event that overlaps [first, last), with its space and people."""
    overlapping = (
        (col(ScheduleItem.start_utc) < last)
        & (col(ScheduleItem.end_utc) > first)
        & (ScheduleItem.status != ItemStatus.CANCELLED)
    )
    if exclude is not None:
        overlapping &= col(ScheduleItem.id) != exclude
    zones = dict(session.exec(select(Event.id, Event.timezone)).all())
    people: dict[int, list[tuple[int, str]]] = {}
    rows = session.exec(
        select(ItemParticipant.item_id, Person.id, Person.name)
        .join(Person, col(Person.id) == ItemParticipant.person_id)
        .join(ScheduleItem, col(ScheduleItem.id) == ItemParticipant.item_id)
        .where(overlapping)
    )
    for item_id, person_id, name in rows:
        people.setdefault(item_id, []).append((person_id, name))  # type: ignore[arg-type]
    return [
        Slot(
            id=item.id,  # type: ignore[arg-type]
            title=item.title,
            event_id=item.event_id,
            start=item.start_utc,
            end=item.end_utc,
            zone=zones[item.event_id],
            space_id=item.space_id,
            space_name=space.name if space else "",
            space_parallel=space.allows_parallel if space else False,
            people=tuple(people.get(item.id, ())),  # type: ignore[arg-type]
        )
        for item, space in session.exec(select(ScheduleItem, Space).join(Space, isouter=True).where(overlapping))
    ]


def event_conflicts(*, session: Session, slug: str) -> list[Conflict]:
    event = event_by_slug(session, slug)
    live = ScheduleItem.status != ItemStatus.CANCELLED
    bounds = session.exec(
        select(ScheduleItem.start_utc, ScheduleItem.end_utc).where(ScheduleItem.event_id == event.id, live)
    ).all()
    if not bounds:
        return []
    slots = _slots(session, min(b[0] for b in bounds), max(b[1] for b in bounds))
    own = {s.id for s in slots if s.event_id == event.id}
    return [c for c in find_conflicts(slots, [_window(event)]) if own.intersection(c.item_ids)]


def preview_conflicts(
    *,
    session: Session,
    event: Event,
    title: str,
    start: datetime,
    end: datetime,
    space_id: int | None,
    person_ids: tuple[int, ...] = (),
    item_id: int | None = None,
    cancelled: bool = False,
) -> list[Conflict]:
    """The conflicts an item would have with these values, before it is saved."""
    if end <= start or cancelled:
        return []
    space = session.get(Space, space_id) if space_id is not None else None
    names = dict(session.exec(select(Person.id, Person.name).where(col(Person.id).in_(person_ids))).all())
    candidate = Slot(
        id=item_id if item_id is not None else CANDIDATE_ID,
        title=title or "—",
        event_id=event.id,  # type: ignore[arg-type]
        start=start,
        end=end,
        zone=event.timezone,
        space_id=space_id,
        space_name=space.name if space else "",
        space_parallel=space.allows_parallel if space else False,
        people=tuple((pid, names.get(pid, "")) for pid in person_ids),
    )
    slots = [*_slots(session, start, end, exclude=item_id), candidate]
    return [c for c in find_conflicts(slots, [_window(event)]) if candidate.id in c.item_ids]
