"""iCalendar feeds: plain entries in, an RFC 5545 calendar out (build, then serialize).

Identical data gives identical bytes: every stamp comes from the data, never from the clock.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, vDuration, vText

from logistics_app.timeutil import to_local

PRODID = "-//logistics_app//Logística de eventos de cine//ES"
CANCELLED_PREFIX = "CANCELADO: "
# Cancelled items stay visible this long after they would have ended, so calendars drop them.
CANCELLED_GRACE = timedelta(days=7)
REFRESH = timedelta(hours=1)
_STATUS = {"confirmed": "CONFIRMED", "tentative": "TENTATIVE", "cancelled": "CANCELLED"}
_UID_NAMESPACE = uuid.UUID("6f1d9a52-3c55-4c1e-9a61-1b8f0f3b7a10")


@dataclass(frozen=True)
class FeedEntry:
    uid: str
    title: str
    start: datetime  # aware
    end: datetime
    zone: str  # shown in this zone (the venue's, else the event's)
    status: str
    sequence: int
    created: datetime
    updated: datetime
    all_day: bool = False
    description: str = ""
    category: str = ""
    location: str = ""
    geo: tuple[float, float] | None = None
    url: str = ""
    kind: str = ""  # the stored code (ceremony, screening ...), for the JSON


@dataclass(frozen=True)
class FeedMeta:
    key: str  # stable identity of the feed, e.g. "event:ariel-2025"
    name: str
    description: str
    url: str
    zone: str


def calendar_uid(key: str) -> str:
    return str(uuid.uuid5(_UID_NAMESPACE, key))


def visible_in_feed(status: str, end: datetime, now: datetime) -> bool:
    """Cancelled items stay (marked) until a week after their end, then leave the feed."""
    return status != "cancelled" or end + CANCELLED_GRACE > now


def last_modified(entries: Sequence[FeedEntry], fallback: datetime) -> datetime:
    return max((e.updated for e in entries), default=fallback)


def build_calendar(meta: FeedMeta, entries: Sequence[FeedEntry], *, fallback_stamp: datetime) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("uid", calendar_uid(meta.key))
    cal.add("name", meta.name)
    # X- properties have no declared type: make icalendar escape them as text.
    cal.add("x-wr-calname", vText(meta.name))
    if meta.description:
        cal.add("description", meta.description)
        cal.add("x-wr-caldesc", vText(meta.description))
    if meta.url:
        cal.add("url", meta.url, parameters={"VALUE": "URI"})
    cal.add("x-wr-timezone", meta.zone)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # icalendar writes a bare timedelta in an X- property wrongly: wrap it.
    cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add("last-modified", last_modified(entries, fallback_stamp))

    ordered = sorted(entries, key=lambda e: (e.start, e.uid))
    for entry in ordered:
        cal.add_component(_event(entry))
    first = min((to_local(e.start, e.zone).date() for e in ordered), default=fallback_stamp.date())
    first -= timedelta(days=1)
    cal.add_missing_timezones(first_date=first)
    if meta.zone not in cal.get_used_tzids() | {tz.tz_name for tz in cal.timezones}:
        # X-WR-TIMEZONE names a zone; describe it too (and a calendar needs one component at least).
        cal.subcomponents.insert(0, Timezone.from_tzid(meta.zone, first_date=first))
    return cal


def _event(entry: FeedEntry) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", entry.updated)
    event.add("created", entry.created)
    event.add("last-modified", entry.updated)
    event.add("sequence", entry.sequence)
    cancelled = entry.status == "cancelled"
    event.add("summary", f"{CANCELLED_PREFIX}{entry.title}" if cancelled else entry.title)
    if entry.all_day:
        first: date = to_local(entry.start, entry.zone).date()
        # DTEND of a date is exclusive: an item ending at local midnight ends on that date.
        last: date = to_local(entry.end - timedelta(microseconds=1), entry.zone).date() + timedelta(days=1)
        event.add("dtstart", first)
        event.add("dtend", last)
    else:
        event.add("dtstart", to_local(entry.start, entry.zone))
        event.add("dtend", to_local(entry.end, entry.zone))
    event.add("status", _STATUS[entry.status])
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    if entry.description:
        event.add("description", entry.description)
    if entry.category:
        event.add("categories", [entry.category])
    if entry.location:
        event.add("location", entry.location)
    if entry.geo is not None:
        event.add("geo", entry.geo)
    if entry.url:
        event.add("url", entry.url, parameters={"VALUE": "URI"})
    return event


def serialize(cal: Calendar) -> bytes:
    return cal.to_ical()
