"""Venues and their spaces' bookings, agencies and people, for the organizer."""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from logistics_app.domain.text import fold
from logistics_app.i18n import clock, long_date, t
from logistics_app.models import (
    Agency,
    AgencyContact,
    Event,
    ItemParticipant,
    ItemSupportingAgency,
    Person,
    ScheduleItem,
    Space,
    Venue,
    key_of,
)
from logistics_app.queries.events import map_url
from logistics_app.services.external_calendars import NO_CALENDAR, calendars_of
from logistics_app.timeutil import to_local


def _item_rows(session: Session, where: ColumnElement[bool], lang: str, limit: int = 50) -> list[dict[str, str]]:
    rows = session.exec(
        select(ScheduleItem, Event)
        .join(Event, col(Event.id) == ScheduleItem.event_id)
        .where(where)
        .order_by(col(ScheduleItem.start_utc))
        .limit(limit)
    ).all()
    out = []
    for item, event in rows:
        start = to_local(item.start_utc, event.timezone)
        out.append(
            {
                "title": item.title,
                "event": event.name,
                "event_slug": event.slug,
                "when": f"{long_date(start.date(), lang)}, {clock(start, lang)}",
                "status": t(f"status.{item.status}", lang),
            }
        )
    return out


def venues(*, session: Session, lang: str = "es") -> list[dict[str, object]]:
    """Venues with spaces first, each space with its bookings across events."""
    spaces: dict[int, list[Space]] = {}
    for space in session.exec(select(Space).order_by(col(Space.name))):
        spaces.setdefault(space.venue_id, []).append(space)
    calendars = calendars_of(session=session, kind="venue", lang=lang)
    out: list[dict[str, object]] = []
    for venue in session.exec(select(Venue).order_by(col(Venue.name))):
        own = spaces.get(key_of(venue), [])
        out.append(
            {
                "slug": venue.slug,
                "name": venue.name,
                "place": ", ".join(filter(None, (venue.address, venue.city, venue.state))) or t("item.online", lang),
                "city": venue.city,
                "state": venue.state,
                "search": fold(" ".join((venue.name, venue.slug, venue.address, venue.city, venue.state))),
                "capacity": str(venue.capacity or ""),
                "timezone": venue.timezone or "",
                "coordinates": f"{venue.latitude}, {venue.longitude}" if venue.latitude is not None else "",
                "map_url": map_url(venue),
                "calendar": calendars.get(key_of(venue), NO_CALENDAR),
                "spaces": [
                    {
                        "name": s.name,
                        "capacity": str(s.capacity or ""),
                        "count": str(session.exec(select(func.count()).where(ScheduleItem.space_id == s.id)).one()),
                        "bookings": _item_rows(session, col(ScheduleItem.space_id) == s.id, lang),
                    }
                    for s in own
                ],
            }
        )
    out.sort(key=lambda v: (not v["spaces"], str(v["name"])))
    return out


def agencies(*, session: Session, lang: str = "es") -> list[dict[str, object]]:
    """Agencies, their contacts, and the items they lead or support."""
    calendars = calendars_of(session=session, kind="agency", lang=lang)
    out: list[dict[str, object]] = []
    for agency in session.exec(select(Agency).order_by(col(Agency.archived_at).is_not(None), col(Agency.name))):
        supported = select(ItemSupportingAgency.item_id).where(ItemSupportingAgency.agency_id == agency.id)
        involved = (col(ScheduleItem.lead_agency_id) == agency.id) | col(ScheduleItem.id).in_(supported)
        contacts = session.exec(select(AgencyContact).where(AgencyContact.agency_id == agency.id)).all()
        out.append(
            {
                "id": str(agency.id),
                "slug": agency.slug,
                "name": agency.name,
                "acronym": agency.acronym,
                "kind": t(f"agency.{agency.kind}", lang),
                "archived": agency.archived_at is not None,
                "contacts": [
                    {
                        "id": str(c.id),
                        "name": c.name,
                        "role": c.role,
                        "email": c.email,
                        "phone": c.phone,
                        "lang": c.lang.upper(),
                    }
                    for c in contacts
                ],
                "items": _item_rows(session, involved, lang, limit=30),
                "calendar": calendars.get(key_of(agency), NO_CALENDAR),
            }
        )
    return out


def people(*, session: Session, lang: str = "es") -> list[dict[str, object]]:
    """People and the items they take part in."""
    names = dict(session.exec(select(Agency.id, Agency.acronym)).all())
    out: list[dict[str, object]] = []
    for person in session.exec(select(Person).order_by(col(Person.archived_at).is_not(None), col(Person.name))):
        taking_part = col(ScheduleItem.id).in_(
            select(ItemParticipant.item_id).where(ItemParticipant.person_id == person.id)
        )
        out.append(
            {
                "id": str(person.id),
                "name": person.name,
                "title": person.title,
                "agency": names.get(person.agency_id, "") if person.agency_id else "",
                "email": person.email,
                "archived": person.archived_at is not None,
                "items": _item_rows(session, taking_part, lang, limit=30),
            }
        )
    return out
