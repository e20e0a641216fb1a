"""Test data made on purpose (as pretalx's tests/factories.py): each test builds the events,
places and items it talks about instead of leaning on the demo's titles. Every factory takes the
fields that matter to the test as keywords and fills the rest with plain values."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlmodel import Session

from logistics_app.domain.access import Principal
from logistics_app.domain.schedule import ItemInput
from logistics_app.models import Agency, AgencyKind, Event, EventKind, ItemKind, Person, Space, Venue
from logistics_app.services import accounts

# Saturday 20 September 2025, 20:00 in Puerto Vallarta (UTC-6): the 67th Ariel ceremony.
GALA = datetime(2025, 9, 21, 2, 0, tzinfo=UTC)
PASSWORD = "Vallarta-2025!"


def an_item(**changes: Any) -> ItemInput:
    """An hour-long meeting at GALA (any field can be given)."""
    base = ItemInput(title="Reunión de prueba", kind=ItemKind.MEETING, start=GALA, end=GALA + timedelta(hours=1))
    return replace(base, **changes)


def _stored(session: Session, row: Any) -> Any:
    session.add(row)
    session.flush()
    return row


def an_event(session: Session, slug: str = "muestra", **changes: Any) -> Event:
    fields: dict[str, Any] = {
        "name": slug.replace("-", " ").title(),
        "kind": EventKind.FESTIVAL,
        "start_date": date(2025, 9, 19),
        "end_date": date(2025, 9, 21),
    }
    return _stored(session, Event(slug=slug, **(fields | changes)))  # type: ignore[no-any-return]


def a_venue(session: Session, slug: str = "sede", **changes: Any) -> Venue:
    fields: dict[str, Any] = {"name": slug.replace("-", " ").title(), "timezone": "America/Mexico_City"}
    return _stored(session, Venue(slug=slug, **(fields | changes)))  # type: ignore[no-any-return]


def a_space(session: Session, venue: Venue, name: str = "Sala 1", **changes: Any) -> Space:
    return _stored(session, Space(venue_id=venue.id, name=name, **changes))  # type: ignore[no-any-return]


def an_agency(session: Session, slug: str = "agencia", **changes: Any) -> Agency:
    fields: dict[str, Any] = {"name": slug.replace("-", " ").title(), "kind": AgencyKind.GOVERNMENT}
    return _stored(session, Agency(slug=slug, **(fields | changes)))  # type: ignore[no-any-return]


def a_person(session: Session, name: str = "Persona de prueba", **changes: Any) -> Person:
    return _stored(session, Person(name=name, **changes))  # type: ignore[no-any-return]


def an_organizer(session: Session, email: str = "organiza@amacc.mx", **changes: Any) -> Principal:
    """A signed-up organizer (with `can_tally=True`, one who may seal winners)."""
    fields: dict[str, Any] = {"name": "Organización", "password": PASSWORD, "role": "organizer"}
    return accounts.principal_of(accounts.create_user(session=session, email=email, **(fields | changes)))
