"""VTIMEZONE blocks that every calendar parser reads the same way.

icalendar writes a zone's yearly daylight-saving history as one multi-valued RDATE line; ical.js
(Thunderbird) and vobject read only its first value and put most of a multi-year feed an hour
off. Here each transition is its own STANDARD or DAYLIGHT observance with a single DTSTART (the
onset in the offset it leaves, as RFC 5545 3.6.5 says), and only the transitions between a feed's
first and last item are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Observance:
    onset: datetime  # naive: local wall time in `offset_from`
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool


def _state(instant: datetime, tz: ZoneInfo) -> tuple[timedelta, bool, str]:
    local = instant.astimezone(tz)
    return local.utcoffset() or timedelta(), bool(local.dst()), local.tzname() or ""


@lru_cache(maxsize=512)
def observances(zone: str, first: date, last: date) -> tuple[Observance, ...]:
    """The observance in force at the start of `first`, then every transition until the end of `last`."""
    tz = ZoneInfo(zone)
    instant = datetime.combine(first, time(), tz).astimezone(UTC)
    end = datetime.combine(last + _DAY, time(), tz).astimezone(UTC)
    offset, daylight, name = current = _state(instant, tz)
    found = [Observance(datetime.combine(first, time()), offset, offset, name, daylight)]
    while instant < end:
        step = min(instant + _DAY, end)
        if _state(step, tz) != current:
            # The first second of the new state, by bisection (transitions fall on whole seconds).
            low, high = instant, step
            while high - low > timedelta(seconds=1):
                middle = low + timedelta(seconds=(high - low) // timedelta(seconds=1) // 2)
                low, high = (low, middle) if _state(middle, tz) != current else (middle, high)
            new = _state(high, tz)
            onset = (high + current[0]).replace(tzinfo=None)
            found.append(Observance(onset, current[0], new[0], new[2], new[1]))
            current = new
        instant = step
    return tuple(found)


def vtimezone(zone: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for `zone` valid from `first` to `last`, one DTSTART per observance."""
    component = Timezone()
    component.add("tzid", zone)
    component.add("x-lic-location", zone)
    for observance in observances(zone, first, last):
        part = TimezoneDaylight() if observance.daylight else TimezoneStandard()
        part.add("dtstart", observance.onset)
        part.add("tzoffsetfrom", observance.offset_from)
        part.add("tzoffsetto", observance.offset_to)
        if observance.name:
            part.add("tzname", observance.name)
        component.add_component(part)
    return component
