"""Lookups shared by the services (always inside the caller's transaction)."""

from __future__ import annotations

from sqlmodel import Session, select

from logistics_app.domain.errors import NotFound
from logistics_app.models import Event, Venue


def event_by_slug(*, session: Session, slug: str) -> Event:
    event = session.exec(select(Event).where(Event.slug == slug)).first()
    if event is None:
        raise NotFound(slug)
    return event


def venue_by_slug(*, session: Session, slug: str) -> Venue:
    venue = session.exec(select(Venue).where(Venue.slug == slug)).first()
    if venue is None:
        raise NotFound(slug)
    return venue
