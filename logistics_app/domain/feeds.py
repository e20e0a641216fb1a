"""iCalendar feeds: plain entries in, an RFC 5545 calendar out (build, then serialize).

Identical data gives identical bytes: every stamp comes from the data, never from the clock.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vDuration, vText

from logistics_app.domain.vtimezone import vtimezone
from logistics_app.models.enums import ItemKind, ItemStatus
from logistics_app.timeutil import to_local

PRODID = "-//logistics_app//Logística de eventos de cine//ES"
CANCELLED_PREFIX = "CANCELADO: "
# Cancelled items stay visible this long after they would have ended, so calendars drop them.
CANCELLED_GRACE = timedelta(days=7)
REFRESH = timedelta(hours=1)
_STATUS = {ItemStatus.CONFIRMED: "CONFIRMED", ItemStatus.TENTATIVE: "TENTATIVE", ItemStatus.CANCELLED: "CANCELLED"}
_UID_NAMESPACE = uuid.UUID("6f1d9a52-3c55-4c1e-9a61-1b8f0f3b7a10")


@dataclass(frozen=True)
class FeedEntry:
    uid: str
    title: str
    start: datetime  # aware
    end: datetime
    zone: str  # shown in this zone (the venue's, else the event's)
    status: ItemStatus
    sequence: int
    created: datetime
    updated: datetime
    all_day: bool = False
    description: str = ""
    category: str = ""
    location: str = ""
    geo: tuple[float, float] | None = None
    url: str = ""
    kind: ItemKind | None = None  # for the JSON


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
    return status != ItemStatus.CANCELLED or end + CANCELLED_GRACE > now


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

    # Time zones first, in TZID order, then the events by start: the same data, the same bytes.
    for zone, (first, last) in sorted(_zone_ranges(meta.zone, entries, fallback_stamp).items()):
        cal.add_component(vtimezone(zone, first - timedelta(days=1), last + timedelta(days=1)))
    for entry in sorted(entries, key=lambda e: (e.start, e.uid)):
        cal.add_component(vevent(entry))
    return cal


def _zone_ranges(calendar_zone: str, entries: Sequence[FeedEntry], fallback: datetime) -> dict[str, tuple[date, date]]:
    """For each zone the feed's times use, the local dates of its first and last time. The
    calendar's own zone (X-WR-TIMEZONE) is described too, over the whole feed's dates."""
    ranges: dict[str, tuple[date, date]] = {}
    for entry in entries:
        if entry.all_day:
            continue
        days = (to_local(entry.start, entry.zone).date(), to_local(entry.end, entry.zone).date())
        first, last = ranges.get(entry.zone, days)
        ranges[entry.zone] = (min(first, days[0]), max(last, days[1]))
    if calendar_zone not in ranges:
        instants = [e.start for e in entries] + [e.end for e in entries] or [fallback]
        ranges[calendar_zone] = (
            to_local(min(instants), calendar_zone).date(),
            to_local(max(instants), calendar_zone).date(),
        )
    return ranges


def written_span(entry: FeedEntry) -> tuple[date, date] | tuple[datetime, datetime]:
    """DTSTART and DTEND as the feed writes them: local times in the entry's zone, or for an
    all-day item its local dates (DTEND exclusive: an item ending at local midnight ends that day)."""
    if entry.all_day:
        first = to_local(entry.start, entry.zone).date()
        last = to_local(entry.end - timedelta(microseconds=1), entry.zone).date() + timedelta(days=1)
        return first, last
    return _unambiguous(to_local(entry.start, entry.zone)), _unambiguous(to_local(entry.end, entry.zone))


def _unambiguous(local: datetime) -> datetime:
    """A local time that happens twice (the hour repeated when clocks go back) is written in UTC:
    a TZID and a wall time cannot say which of the two it is."""
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return local.astimezone(UTC)
    return local


def vevent(entry: FeedEntry) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", entry.updated)
    event.add("created", entry.created)
    event.add("last-modified", entry.updated)
    event.add("sequence", entry.sequence)
    cancelled = entry.status == ItemStatus.CANCELLED
    event.add("summary", f"{CANCELLED_PREFIX}{entry.title}" if cancelled else entry.title)
    start, end = written_span(entry)
    event.add("dtstart", start)
    event.add("dtend", end)
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
    data: bytes = cal.to_ical()  # icalendar leaves Component.to_ical unannotated
    return data
