"""Lookups shared by the services and the read models (always inside the caller's transaction):
a row by its slug or its id, or the app's NotFound naming what was asked for."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session, SQLModel, select

from logistics_app.domain.errors import NotFound
from logistics_app.models import Agency, Event, Venue, Work

_Row = TypeVar("_Row", bound=SQLModel)
# The tables whose rows have a unique slug (the addresses of pages, feeds and forms).
_Slugged = TypeVar("_Slugged", Event, Venue, Agency, Work)


def by_id(*, session: Session, model: type[_Row], key: int | None, for_update: bool = False) -> _Row:
    """The row with this primary key (`for_update`: locked until the transaction ends, on PostgreSQL)."""
    found = session.get(model, key, with_for_update=for_update) if key is not None else None
    if found is None:
        raise NotFound(str(key))
    return found


def by_slug(*, session: Session, model: type[_Slugged], slug: str) -> _Slugged:
    found = session.exec(select(model).where(model.slug == slug)).first()
    if found is None:
        raise NotFound(slug)
    return found


def event_by_slug(*, session: Session, slug: str) -> Event:
    return by_slug(session=session, model=Event, slug=slug)


def venue_by_slug(*, session: Session, slug: str) -> Venue:
    return by_slug(session=session, model=Venue, slug=slug)


def public_event(*, session: Session, slug: str) -> Event:
    """An event the public may see: shown on the site and not archived (NotFound otherwise)."""
    event = event_by_slug(session=session, slug=slug)
    if not event.is_public or event.archived:
        raise NotFound(slug)
    return event
