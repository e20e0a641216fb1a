"""Mi itinerario: a person's own page behind a private link (their items in the event's zone,
hotel, flights and seat, and their calendar feed), and the e-mail that brings them the link."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from sqlmodel import Session, col, select

from logistics_app import routes
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.i18n import long_datetime, normalize_lang, t, zone_label
from logistics_app.models import Event, FeedKind, ItemStatus, MessageKind, NomineeLogistics, Person, key_of
from logistics_app.queries import feeds
from logistics_app.services import outbox, subscriptions
from logistics_app.services.lookups import event_by_slug
from logistics_app.settings import get_settings
from logistics_app.timeutil import local_day_bounds, now_utc, to_local

MAX_LINKS = 20


def send_link(*, session: Session, slug: str, person_id: int, created_by: int | None, lang: str) -> str:
    """Mails a nominee of the event a new private link to their itinerary, in their language; the
    links sent before keep working. Returns the address it goes to."""
    event = event_by_slug(session=session, slug=slug)
    person = session.get(Person, person_id)
    nominee = session.exec(
        select(NomineeLogistics.id).where(
            NomineeLogistics.event_id == event.id, NomineeLogistics.person_id == person_id
        )
    ).first()
    if person is None or nominee is None:
        raise NotFound(f"person {person_id}")
    address = person.email.strip().lower()
    if not address:
        raise ValidationFailed([FieldError("email", "required")])
    links = subscriptions.person_links(session=session, person_id=person_id)
    if len(links) >= MAX_LINKS:
        raise ValidationFailed([FieldError("email", "too_many_person_links", {"max": MAX_LINKS})])
    when = long_datetime(to_local(now_utc(), event.timezone), lang)
    token = subscriptions.make_person_link(
        session=session, person_id=person_id, label=t("itinerary.link_label", lang, when=when), created_by=created_by
    )
    person_lang = normalize_lang(person.lang)
    link = get_settings().site_url + routes.itinerary_url(token)
    subject = t("mail.itinerary_link.subject", person_lang, event=event.name)
    text = t("mail.itinerary_link.body", person_lang, name=person.name, event=event.name, link=link)
    outbox.queue_plain(
        session,
        event_id=key_of(event),
        kind=MessageKind.ITINERARY,
        to={address: (person.name, person_lang)},
        write=partial(outbox.already_written, subject, text),
        now=now_utc(),
    )
    return address


def itinerary(*, session: Session, token: str, lang: str, now: datetime | None = None) -> dict[str, Any]:
    """What the page behind a person's link shows (NotFound for an unknown or revoked link):
    for each event they take part in, their items in the event's zone, hotel, flights and seat."""
    row = subscriptions.active_token(session=session, token=token, kind=FeedKind.PERSON)
    person = session.get(Person, row.person_id)
    # Only a link sent as an itinerary opens the page (it carries its label); a calendar link made
    # for a feed alone shows the person's items, never their hotel, flights and seat.
    if person is None or not row.label:
        raise NotFound("token")
    now = now or now_utc()
    spec = feeds.owner_spec(session=session, kind=FeedKind.PERSON, person_id=key_of(person), lang=lang)
    entries = feeds.entries_of(session=session, spec=spec, now=now, lang=lang)
    logistics = {
        nominee.event_id: nominee
        for nominee in session.exec(select(NomineeLogistics).where(NomineeLogistics.person_id == person.id))
    }
    event_ids = set(logistics)
    events = session.exec(select(Event).where(col(Event.id).in_(event_ids))).all() if event_ids else []
    trips = [_trip(event, logistics[key_of(event)], lang) for event in sorted(events, key=lambda e: e.start_date)]
    # An item's zone is named only where it differs from its event's (a venue in another state).
    event_zones = {zone_label(to_local(local_day_bounds(e.start_date, e.timezone)[0], e.timezone)) for e in events}
    days: list[dict[str, Any]] = []
    for entry in entries:
        local = to_local(entry.start, entry.zone)
        zone = zone_label(local)
        days.append(
            {
                "uid": entry.uid,
                "when": long_datetime(local, lang),
                "zone": "" if zone in event_zones else zone,
                "title": entry.title,
                "place": entry.location,
                "cancelled": entry.status == ItemStatus.CANCELLED,
                "past": entry.end <= now,
            }
        )
    return {
        "name": person.name,
        "items": days,
        "trips": trips,
        "feed": subscriptions.subscription(routes.private_feed_path(token)),
    }


def _trip(event: Event, nominee: NomineeLogistics, lang: str) -> dict[str, str]:
    """The person's journey to one event: flights, hotel and seat, times in the event's zone."""
    starts, _ = local_day_bounds(event.start_date, event.timezone)

    def flight(number: str, airport: str, at: datetime | None) -> str:
        if not number and at is None:
            return "—"
        when = long_datetime(to_local(at, event.timezone), lang) if at is not None else ""
        return " · ".join(part for part in (number, airport, when) if part)

    return {
        "event": event.name,
        "zone": t("itinerary.zone", lang, zone=zone_label(to_local(starts, event.timezone))),
        "hotel": nominee.hotel or "—",
        "seat": nominee.seat or "—",
        "arrival": flight(nominee.arrival_flight, nominee.arrival_airport, nominee.arrival_at),
        "departure": flight(nominee.departure_flight, nominee.departure_airport, nominee.departure_at),
    }
