"""Creating and changing events, venues and spaces: validated first, one transaction each."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlmodel import Session, col, select

from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.validation import validate_event, validate_space, validate_venue
from logistics_app.models import Event, EventKind, Space, Venue
from logistics_app.timeutil import now_utc


@dataclass
class EventInput:
    slug: str
    name: str
    kind: str
    timezone: str
    start_date: date
    end_date: date
    city: str = ""
    state: str = ""
    description: str = ""
    notes: str = ""
    is_public: bool = True
    main_venue_id: int | None = None


@dataclass
class VenueInput:
    slug: str
    name: str
    address: str = ""
    city: str = ""
    state: str = ""
    timezone: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    capacity: int | None = None
    accessibility: str = ""
    is_online: bool = False
    url: str = ""
    notes: str = ""


def _taken(session: Session, model: type[Event] | type[Venue], slug: str, own_id: int | None) -> list[str]:
    query = select(model.slug).where(model.slug == slug)
    if own_id is not None:
        query = query.where(col(model.id) != own_id)
    return list(session.exec(query))


def _check_event(session: Session, data: EventInput, own_id: int | None) -> None:
    errors = validate_event(
        slug=data.slug,
        name=data.name,
        kind=data.kind,
        timezone=data.timezone,
        start_date=data.start_date,
        end_date=data.end_date,
        taken_slugs=_taken(session, Event, data.slug, own_id),
    )
    if data.main_venue_id is not None and session.get(Venue, data.main_venue_id) is None:
        errors.append(FieldError("main_venue", "not_found", {"what": str(data.main_venue_id)}))
    if errors:
        raise ValidationFailed(errors)


def create_event(*, session: Session, data: EventInput) -> Event:
    _check_event(session, data, None)
    event = Event(**{**asdict(data), "kind": EventKind(data.kind), "name": data.name.strip()})
    session.add(event)
    session.flush()
    return event


def update_event(*, session: Session, event_id: int, data: EventInput) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(str(event_id))
    _check_event(session, data, event_id)
    for name, value in asdict(data).items():
        setattr(event, name, value)
    event.kind = EventKind(data.kind)
    event.updated_at = now_utc()
    session.add(event)
    session.flush()
    return event


def create_venue(*, session: Session, data: VenueInput) -> Venue:
    errors = validate_venue(
        slug=data.slug,
        name=data.name,
        timezone=data.timezone,
        capacity=data.capacity,
        latitude=data.latitude,
        longitude=data.longitude,
        taken_slugs=_taken(session, Venue, data.slug, None),
    )
    if errors:
        raise ValidationFailed(errors)
    # Online venues have no street address.
    venue = Venue(**{**asdict(data), "address": "" if data.is_online else data.address.strip()})
    session.add(venue)
    session.flush()
    return venue


def add_space(
    *, session: Session, venue_id: int, name: str, capacity: int | None = None, allows_parallel: bool = False
) -> Space:
    if session.get(Venue, venue_id) is None:
        raise NotFound(str(venue_id))
    errors = validate_space(name=name, capacity=capacity)
    taken = session.exec(select(Space.id).where(Space.venue_id == venue_id, Space.name == name.strip())).first()
    if taken is not None:
        errors.append(FieldError("name", "duplicate_space", {"name": name.strip()}))
    if errors:
        raise ValidationFailed(errors)
    space = Space(venue_id=venue_id, name=name.strip(), capacity=capacity, allows_parallel=allows_parallel)
    session.add(space)
    session.flush()
    return space
