"""Creating and changing schedule items: validated, sequenced, one transaction each."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.schedule import ItemInput, bumps_sequence
from logistics_app.domain.validation import validate_item
from logistics_app.models import (
    Agency,
    Event,
    ItemKind,
    ItemParticipant,
    ItemStatus,
    ItemSupportingAgency,
    ParticipantRole,
    Person,
    ScheduleItem,
    Space,
    Venue,
    Visibility,
    key_of,
)
from logistics_app.timeutil import as_utc, now_utc


def check_item(*, session: Session, event: Event, data: ItemInput, rows: dict[Any, Any] | None = None) -> None:
    """Refuses an item the rules do not allow. `rows` keeps the places and agencies looked up
    (the session's identity map forgets them), for many items in a row."""
    rows = {} if rows is None else rows

    def get(model: type[Any], key: int | None) -> Any:
        if key is None:
            return None
        if (model, key) not in rows:
            rows[model, key] = session.get(model, key)
        return rows[model, key]

    space = get(Space, data.space_id)
    if data.space_id is not None and space is None:
        raise ValidationFailed([FieldError("space", "not_found", {"what": str(data.space_id)})])
    venue_id = data.venue_id if data.venue_id is not None else (space.venue_id if space else None)
    venue = get(Venue, venue_id)
    space_venue = get(Venue, space.venue_id) if space else None
    if data.start.tzinfo is None or data.end.tzinfo is None:
        raise ValueError("item times must be aware datetimes")
    errors = validate_item(
        title=data.title,
        kind=data.kind,
        status=data.status,
        visibility=data.visibility,
        start=data.start,
        end=data.end,
        zone_name=event.timezone,
        venue_id=venue.id if venue else None,
        venue_name=venue.name if venue else "",
        space_venue_id=space.venue_id if space else None,
        space_name=space.name if space else "",
        space_venue_name=space_venue.name if space_venue else "",
    )
    if data.lead_agency_id is not None and get(Agency, data.lead_agency_id) is None:
        errors.append(FieldError("lead_agency", "not_found", {"what": str(data.lead_agency_id)}))
    for agency_id in data.supporting_agency_ids:
        if get(Agency, agency_id) is None:
            errors.append(FieldError("supporting", "not_found", {"what": str(agency_id)}))
    for person_id, _role in data.participants:
        if get(Person, person_id) is None:
            errors.append(FieldError("people", "not_found", {"what": str(person_id)}))
    if errors:
        raise ValidationFailed(errors)
    data.venue_id = venue.id if venue else None


# What an item stores just as its input gives it, under the same name (both ways: _columns, item_input).
_AS_GIVEN = (
    "all_day",
    "venue_id",
    "space_id",
    "lead_agency_id",
    "description",
    "notes",
    "work_title",
    "work_id",
    "share_before_publish",
)


def _columns(data: ItemInput) -> dict[str, Any]:
    return {
        "title": data.title.strip(),
        "kind": data.kind,
        "start_utc": as_utc(data.start),
        "end_utc": as_utc(data.end),
        "status": data.status,
        "visibility": data.visibility,
        "location_text": data.location_text.strip()[:500],
        **{name: getattr(data, name) for name in _AS_GIVEN},
    }


def _set_links(session: Session, item: ScheduleItem, data: ItemInput) -> None:
    assert item.id is not None
    for link in session.exec(select(ItemSupportingAgency).where(ItemSupportingAgency.item_id == item.id)):
        session.delete(link)
    for participant in session.exec(select(ItemParticipant).where(ItemParticipant.item_id == item.id)):
        session.delete(participant)
    session.flush()
    for agency_id in dict.fromkeys(data.supporting_agency_ids):
        session.add(ItemSupportingAgency(item_id=item.id, agency_id=agency_id))
    for person_id, role in dict(data.participants).items():
        session.add(ItemParticipant(item_id=item.id, person_id=person_id, role=role))


def create_item(
    *, session: Session, event: Event, data: ItemInput, at: datetime | None = None, checked: bool = False
) -> ScheduleItem:
    """A new item (`checked`: the caller has just run check_item on the same values)."""
    return create_items(session=session, event=event, inputs=[data], at=at, checked=checked)[0]


def create_items(
    *, session: Session, event: Event, inputs: list[ItemInput], at: datetime | None = None, checked: bool = False
) -> list[ScheduleItem]:
    """Many items at once (an import): each checked as create_item does, written in one flush."""
    stamp = at or now_utc()
    items: list[ScheduleItem] = []
    rows: dict[Any, Any] = {}
    for data in inputs:
        if not checked:
            check_item(session=session, event=event, data=data, rows=rows)
        item = ScheduleItem(event_id=key_of(event), created_at=stamp, updated_at=stamp, **_columns(data))
        if data.uid:
            item.uid = data.uid
        if data.source:
            item.source_key, item.source_sequence = data.source
        items.append(item)
    session.add_all(items)
    session.flush()
    for item, data in zip(items, inputs, strict=True):
        if data.supporting_agency_ids or data.participants:
            _set_links(session, item, data)
    return items


class StaleEdit(Exception):
    """Someone saved the item since this edit began; nothing was written."""

    def __init__(self, current: ItemInput, version: int):
        super().__init__(f"the item is at version {version} now")
        self.current = current  # the values saved meanwhile, to show the organizer
        self.version = version


def _current(session: Session, item_id: int, expected_version: int | None) -> ScheduleItem:
    query = select(ScheduleItem).where(ScheduleItem.id == item_id)
    if expected_version is not None:
        # Lock the row (PostgreSQL) so that two saves of the same version cannot both pass.
        query = query.with_for_update()
    item = session.exec(query).first()
    if item is None:
        raise NotFound(str(item_id))
    if expected_version is not None and item.version != expected_version:
        raise StaleEdit(item_input(session=session, item=item), item.version)
    return item


def update_item(
    *,
    session: Session,
    item_id: int,
    data: ItemInput,
    at: datetime | None = None,
    expected_version: int | None = None,
    checked: bool = False,
) -> ScheduleItem:
    """Saves an edit; with expected_version, refuses it if the item changed meanwhile
    (`checked`: the caller has just run check_item on the same values)."""
    item = _current(session, item_id, expected_version)
    event = session.get(Event, item.event_id)
    assert event is not None
    if not checked:
        check_item(session=session, event=event, data=data)
    changes = _columns(data)
    current = {name: getattr(item, name) for name in changes}
    if bumps_sequence(current, changes):
        item.sequence += 1
    for name, value in changes.items():
        setattr(item, name, value)
    item.updated_at = at or now_utc()
    item.version += 1
    session.add(item)
    _set_links(session, item, data)
    session.flush()
    return item


def delete_item(*, session: Session, item_id: int, expected_version: int | None = None) -> None:
    """Removes an item for good (its UID is never reused; feeds drop it)."""
    session.delete(_current(session, item_id, expected_version))
    session.flush()


def duplicate_item(*, session: Session, item_id: int) -> ScheduleItem:
    """A copy with a new UID, same time and place, its agencies and people."""
    item = _current(session, item_id, None)
    event = session.get(Event, item.event_id)
    assert event is not None
    return create_item(session=session, event=event, data=item_input(session=session, item=item))


def item_input(*, session: Session, item: ScheduleItem) -> ItemInput:
    """The editable values of a stored item (its codes as the enums they are: the database gives
    them back as plain strings)."""
    support = session.exec(select(ItemSupportingAgency.agency_id).where(ItemSupportingAgency.item_id == item.id)).all()
    people = session.exec(
        select(ItemParticipant.person_id, ItemParticipant.role).where(ItemParticipant.item_id == item.id)
    ).all()
    return ItemInput(
        **{name: getattr(item, name) for name in _AS_GIVEN},
        title=item.title,
        kind=ItemKind(item.kind),
        start=item.start_utc,
        end=item.end_utc,
        status=ItemStatus(item.status),
        visibility=Visibility(item.visibility),
        location_text=item.location_text,
        supporting_agency_ids=tuple(support),
        participants=tuple((pid, ParticipantRole(role)) for pid, role in people),
    )
