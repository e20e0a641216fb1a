"""Read models of events and their schedules for pages, the CLI and the API."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from babel.numbers import format_decimal
from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from logistics_app.domain.validation import is_web_address
from logistics_app.i18n import date_range, locale_of, t, zone_label_over
from logistics_app.models import Event, PublishedItem, Space, Venue, Visibility, Work, key_of
from logistics_app.queries.programme import ProgrammeRow, dated, programme_row
from logistics_app.services.lookups import event_by_slug, venue_by_slug
from logistics_app.timeutil import to_local

# The public (and the agencies' and people's feeds) read the last published schedule, not the
# organizers' working copy.
Item = PublishedItem


@dataclass(frozen=True)
class EventCard:
    slug: str
    name: str
    kind: str
    kind_label: str
    dates: str
    start_date: str
    end_date: str
    city: str
    venue: str
    items: int
    items_label: str
    timezone: str
    archived: bool = False
    is_public: bool = True

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _public_items(event_id: int) -> ColumnElement[bool]:
    return (col(Item.event_id) == event_id) & (col(Item.visibility) == Visibility.PUBLIC)


def list_events(
    *, session: Session, lang: str = "es", public_only: bool = True, include_archived: bool = False
) -> list[EventCard]:
    """Every event, soonest first, with its main venue and public item count."""
    counts = dict(
        session.exec(
            select(Item.event_id, func.count())
            .where(col(Item.visibility) == Visibility.PUBLIC)
            .group_by(col(Item.event_id))
        ).all()
    )
    query = select(Event, Venue).join(Venue, isouter=True).order_by(col(Event.start_date), col(Event.slug))
    if public_only:
        query = query.where(col(Event.is_public).is_(True))
    if not include_archived:
        query = query.where(col(Event.archived).is_(False))
    return [_card(e, v, counts.get(key_of(e), 0), lang) for e, v in session.exec(query)]


def split_upcoming(cards: list[EventCard], now: datetime) -> tuple[list[EventCard], list[EventCard]]:
    """(upcoming or running, past: the latest to end first), each judged by the date in its own zone."""

    def over(card: EventCard) -> bool:
        return date.fromisoformat(card.end_date) < to_local(now, card.timezone).date()

    past = sorted((c for c in cards if over(c)), key=lambda c: (c.end_date, c.start_date), reverse=True)
    return [c for c in cards if not over(c)], past


def _card(event: Event, venue: Venue | None, items: int, lang: str) -> EventCard:
    return EventCard(
        slug=event.slug,
        name=event.name,
        kind=str(event.kind),
        kind_label=t(f"kind.{event.kind}", lang),
        dates=date_range(event.start_date, event.end_date, lang),
        start_date=event.start_date.isoformat(),
        end_date=event.end_date.isoformat(),
        city=", ".join(dict.fromkeys(filter(None, (event.city, event.state)))),
        venue=venue.name if venue else "",
        items=items,
        items_label=t("event.items", lang, count=items),
        timezone=event.timezone,
        archived=event.archived,
        is_public=event.is_public,
    )


def event_card(*, session: Session, slug: str, lang: str = "es") -> tuple[EventCard, str]:
    """An event's card and description, for its page header."""
    event = event_by_slug(session=session, slug=slug)
    venue = session.get(Venue, event.main_venue_id) if event.main_venue_id else None
    count = session.exec(select(func.count()).select_from(Item).where(_public_items(key_of(event)))).one()
    return _card(event, venue, count, lang), event.description


@dataclass(frozen=True)
class VenuePage:
    slug: str
    name: str
    address: str
    place: str
    zone: str
    capacity: str
    accessibility: str
    is_online: bool
    url: str
    map_url: str
    spaces: list[str]
    items: list[ProgrammeRow]
    total: int


VENUE_PAGE_SIZE = 100


def venue_page(*, session: Session, slug: str, lang: str = "es", limit: int = VENUE_PAGE_SIZE) -> VenuePage:
    """A venue and the public items held there, across events, soonest first."""
    venue = venue_by_slug(session=session, slug=slug)
    zone = venue.timezone or "America/Mexico_City"
    public = (
        (col(Item.venue_id) == venue.id)
        & (col(Item.visibility) == Visibility.PUBLIC)
        & col(Event.is_public).is_(True)
        & col(Event.archived).is_(False)
    )
    total = session.exec(
        select(func.count()).select_from(Item).join(Event, col(Event.id) == Item.event_id).where(public)
    ).one()
    rows = session.exec(
        select(Item, Space, Work)
        .join(Event, col(Event.id) == Item.event_id)
        .join(Space, col(Space.id) == Item.space_id, isouter=True)
        .join(Work, col(Work.id) == Item.work_id, isouter=True)
        .where(public)
        .order_by(col(Item.start_utc), col(Item.title))
        .limit(limit)
    ).all()
    spaces = session.exec(select(Space.name).where(Space.venue_id == venue.id).order_by(col(Space.name))).all()
    return VenuePage(
        slug=venue.slug,
        name=venue.name,
        address=venue.address,
        place=", ".join(dict.fromkeys(filter(None, (venue.city, venue.state)))),
        zone=zone_label_over(zone, [row[0].start_utc for row in rows]) if rows else zone,
        capacity=format_decimal(venue.capacity, locale=locale_of(lang)) if venue.capacity is not None else "",
        accessibility=venue.accessibility,
        is_online=venue.is_online,
        url=venue.url if is_web_address(venue.url) else "",  # a link never runs anything
        map_url=map_url(venue),
        spaces=list(spaces),
        items=dated([programme_row(item, venue, space, work, zone, zone, lang) for item, space, work in rows]),
        total=total,
    )


def map_url(venue: Venue) -> str:
    """A link to the venue on OpenStreetMap: by coordinates when known, else by address."""
    if venue.is_online:
        return ""
    if venue.latitude is not None and venue.longitude is not None:
        return (
            f"https://www.openstreetmap.org/?mlat={venue.latitude}&mlon={venue.longitude}"
            f"#map=17/{venue.latitude}/{venue.longitude}"
        )
    query = ", ".join(filter(None, (venue.name, venue.address, venue.city, venue.state, "México")))
    return "https://www.openstreetmap.org/search?query=" + quote(query)
