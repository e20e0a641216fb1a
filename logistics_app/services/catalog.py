"""Creating and changing events, venues and spaces: validated first, one transaction each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import TypeVar

from sqlmodel import Session, col, select

from logistics_app.domain.errors import FieldError, ValidationFailed
from logistics_app.domain.validation import validate_event, validate_space, validate_venue
from logistics_app.models import Event, EventKind, Space, Venue, key_of
from logistics_app.services.lookups import by_id, event_by_slug, venue_by_slug
from logistics_app.timeutil import now_utc

_N = TypeVar("_N", int, float)


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
    event = by_id(session=session, model=Event, key=event_id)
    _check_event(session, data, event_id)
    for name, value in asdict(data).items():
        setattr(event, name, value)
    event.kind = EventKind(data.kind)
    event.updated_at = now_utc()
    session.add(event)
    session.flush()
    return event


def set_archived(*, session: Session, slug: str, archived: bool) -> None:
    """Archived events leave the public site and the organizer's default list; nothing is deleted."""
    event = event_by_slug(session=session, slug=slug)
    event.archived = archived
    event.updated_at = now_utc()
    session.add(event)


def event_form(event: Event | None) -> dict[str, str]:
    """An event's editable values as text, for the form (blank for a new one)."""
    if event is None:
        return {
            "slug": "",
            "name": "",
            "kind": "awards_ceremony",
            "timezone": "America/Mexico_City",
            "start_date": "",
            "end_date": "",
            "city": "",
            "state": "",
            "description": "",
            "is_public": "1",
        }
    return {
        "slug": event.slug,
        "name": event.name,
        "kind": str(event.kind),
        "timezone": event.timezone,
        "start_date": event.start_date.isoformat(),
        "end_date": event.end_date.isoformat(),
        "city": event.city,
        "state": event.state,
        "description": event.description,
        "is_public": "1" if event.is_public else "",
    }


def edit_form(*, session: Session, slug: str) -> tuple[dict[str, str], int]:
    """The event's form to edit it, and its id."""
    event = event_by_slug(session=session, slug=slug)
    return event_form(event), key_of(event)


def event_input(form: dict[str, str]) -> tuple[EventInput | None, list[FieldError]]:
    """The form's text as an EventInput, or the fields whose text is not a date."""
    errors, dates = [], {}
    for name in ("start_date", "end_date"):
        try:
            dates[name] = date.fromisoformat(form.get(name, "").strip())
        except ValueError:
            errors.append(FieldError(name, "bad_date"))
    if errors:
        return None, errors
    return EventInput(
        slug=form.get("slug", "").strip(),
        name=form.get("name", ""),
        kind=form.get("kind", ""),
        timezone=form.get("timezone", ""),
        start_date=dates["start_date"],
        end_date=dates["end_date"],
        city=form.get("city", "").strip(),
        state=form.get("state", "").strip(),
        description=form.get("description", ""),
        is_public=bool(form.get("is_public")),
    ), []


def save_event_form(*, session: Session, form: dict[str, str], event_id: int | None = None) -> Event:
    """Creates or edits an event from the form, in one transaction; problems raise ValidationFailed."""
    data, errors = event_input(form)
    if data is None:
        raise ValidationFailed(errors)
    if event_id is None:
        return create_event(session=session, data=data)
    current = by_id(session=session, model=Event, key=event_id)
    # What the form does not show is kept as it is.
    data.main_venue_id, data.notes = current.main_venue_id, current.notes
    return update_event(session=session, event_id=event_id, data=data)


def check_event_form(*, session: Session, form: dict[str, str], event_id: int | None = None) -> list[FieldError]:
    """The problems of the form as typed (nothing is written)."""
    data, errors = event_input(form)
    if data is None:
        return errors
    try:
        _check_event(session, data, event_id)
    except ValidationFailed as failed:
        return failed.errors
    return []


def _venue_errors(session: Session, data: VenueInput) -> list[FieldError]:
    return validate_venue(
        slug=data.slug,
        name=data.name,
        timezone=data.timezone,
        capacity=data.capacity,
        latitude=data.latitude,
        longitude=data.longitude,
        taken_slugs=_taken(session, Venue, data.slug, None),
        url=data.url,
    )


def create_venue(*, session: Session, data: VenueInput) -> Venue:
    errors = _venue_errors(session, data)
    if errors:
        raise ValidationFailed(errors)
    # Online venues have no street address.
    venue = Venue(**{**asdict(data), "address": "" if data.is_online else data.address.strip()})
    session.add(venue)
    session.flush()
    return venue


def _number(form: dict[str, str], name: str, kind: Callable[[str], _N], errors: list[FieldError]) -> _N | None:
    text = form.get(name, "").strip().replace(",", "")
    if not text:
        return None
    try:
        return kind(text)
    except ValueError:
        errors.append(FieldError(name, "bad_number"))
        return None


def _venue_input(form: dict[str, str], errors: list[FieldError]) -> VenueInput:
    capacity = _number(form, "capacity", int, errors)
    latitude = _number(form, "latitude", float, errors)
    longitude = _number(form, "longitude", float, errors)
    return VenueInput(
        slug=form.get("slug", "").strip(),
        name=form.get("name", ""),
        address=form.get("address", ""),
        city=form.get("city", "").strip(),
        state=form.get("state", "").strip(),
        timezone=form.get("timezone") or None,
        latitude=latitude,
        longitude=longitude,
        capacity=capacity,
        is_online=bool(form.get("is_online")),
        url=form.get("url", "").strip(),
    )


def check_venue_form(*, session: Session, form: dict[str, str]) -> list[FieldError]:
    """The problems of a new venue's form as typed (nothing is written)."""
    errors: list[FieldError] = []
    data = _venue_input(form, errors)
    return errors + _venue_errors(session, data)


def save_venue_form(*, session: Session, form: dict[str, str]) -> Venue:
    """Creates a venue from the form's text; problems raise ValidationFailed and nothing is stored."""
    errors: list[FieldError] = []
    data = _venue_input(form, errors)
    try:
        venue = create_venue(session=session, data=data)
    except ValidationFailed as failed:
        raise ValidationFailed(errors + failed.errors) from None
    if errors:
        raise ValidationFailed(errors)
    return venue


def save_space_form(*, session: Session, venue_slug: str, form: dict[str, str]) -> Space:
    venue = venue_by_slug(session=session, slug=venue_slug)
    errors: list[FieldError] = []
    capacity = _number(form, "capacity", int, errors)
    if errors:
        raise ValidationFailed(errors)
    return add_space(
        session=session,
        venue_id=key_of(venue),
        name=form.get("name", ""),
        capacity=capacity,
        allows_parallel=bool(form.get("allows_parallel")),
    )


def add_space(
    *, session: Session, venue_id: int, name: str, capacity: int | None = None, allows_parallel: bool = False
) -> Space:
    by_id(session=session, model=Venue, key=venue_id)
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
