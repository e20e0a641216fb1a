"""Conflicts of one event, checked against every event that overlaps it in time."""

from __future__ import annotations

from sqlmodel import Session, col, select

from logistics_app.domain.conflicts import Conflict, EventWindow, Slot, find_conflicts
from logistics_app.models import Event, ItemParticipant, ItemStatus, Person, ScheduleItem, Space
from logistics_app.services.queries import event_by_slug


def event_conflicts(*, session: Session, slug: str) -> list[Conflict]:
    event = event_by_slug(session, slug)
    live = ScheduleItem.status != ItemStatus.CANCELLED
    bounds = session.exec(
        select(ScheduleItem.start_utc, ScheduleItem.end_utc).where(ScheduleItem.event_id == event.id, live)
    ).all()
    if not bounds:
        return []
    first, last = min(b[0] for b in bounds), max(b[1] for b in bounds)
    overlapping = (col(ScheduleItem.start_utc) < last) & (col(ScheduleItem.end_utc) > first) & live

    events = {e.id: e for e in session.exec(select(Event))}
    people: dict[int, list[tuple[int, str]]] = {}
    rows = session.exec(
        select(ItemParticipant.item_id, Person.id, Person.name)
        .join(Person, col(Person.id) == ItemParticipant.person_id)
        .join(ScheduleItem, col(ScheduleItem.id) == ItemParticipant.item_id)
        .where(overlapping)
    )
    for item_id, person_id, name in rows:
        people.setdefault(item_id, []).append((person_id, name))  # type: ignore[arg-type]

    slots = []
    for item, space in session.exec(select(ScheduleItem, Space).join(Space, isouter=True).where(overlapping)):
        assert item.id is not None
        slots.append(
            Slot(
                id=item.id,
                title=item.title,
                event_id=item.event_id,
                start=item.start_utc,
                end=item.end_utc,
                zone=events[item.event_id].timezone,
                space_id=item.space_id,
                space_name=space.name if space else "",
                space_parallel=space.allows_parallel if space else False,
                people=tuple(people.get(item.id, ())),
            )
        )
    window = EventWindow(event.id, event.name, event.start_date, event.end_date, event.timezone)  # type: ignore[arg-type]
    own = {s.id for s in slots if s.event_id == event.id}
    return [c for c in find_conflicts(slots, [window]) if own.intersection(c.item_ids)]
