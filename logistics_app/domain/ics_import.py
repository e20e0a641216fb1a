"""Reading calendars that other programs wrote (Google, Outlook/Exchange, Thunderbird ...).

Bytes in, plain items out: text decoded as it comes (UTF-8 with or without BOM, else Windows-1252),
recurrences expanded within a window (recurring-ical-events), floating times read in the calendar's
X-WR-TIMEZONE (x-wr-timezone) or else in the event's zone. A file that cannot be read is rejected
with the reason and the line, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar

from logistics_app.i18n import t
from logistics_app.timeutil import localize

MAX_OCCURRENCES = 20_000


class ImportRejected(Exception):
    """The calendar cannot be imported; nothing was stored."""

    def __init__(self, code: str, *, line: int | None = None, **params: Any):
        super().__init__(code)
        self.code, self.line, self.params = code, line, params

    def message(self, lang: str = "es") -> str:
        text = t(f"import.{self.code}", lang, **self.params)
        return text if self.line is None else t("import.at_line", lang, line=self.line, message=text)


@dataclass(frozen=True)
class ImportedItem:
    key: str  # UID, plus the occurrence's start for a recurring series
    uid: str
    title: str
    start: datetime  # aware UTC
    end: datetime
    all_day: bool
    cancelled: bool
    sequence: int
    location: str = ""
    description: str = ""


@dataclass
class ImportedCalendar:
    items: list[ImportedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is dropped), or Windows-1252 as old Mexican Outlook exports write."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _line_of(text: str, needle: str) -> int | None:
    needle = needle.strip()[:40]
    if not needle:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return None


def _value(line: str) -> str:
    """What follows the first colon outside double quotes (the property's value)."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[index + 1 :]
    return ""


def _broken_line(text: str, error: str) -> int | None:
    """The line of the property an icalendar error names, found by its name and the value it got."""
    name = re.search(r"property '([A-Z-]+)'", error)
    got = re.search(r"Got: '([^']*)'", error)
    if name is None:
        return None
    prefixes = (name.group(1) + ":", name.group(1) + ";")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.upper().startswith(prefixes)]
    for number, line in lines:
        if got is not None and _value(line).strip() == got.group(1):
            return number
    return lines[0][0] if lines else None


def read_calendar(raw: bytes, *, zone: str, first: date, last: date) -> ImportedCalendar:
    """Every occurrence between first and last (inclusive dates), in UTC."""
    text = decode(raw)
    if "BEGIN:VCALENDAR" not in text[:2000].upper():
        raise ImportRejected("not_calendar", line=1)
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as error:
        quoted = re.search(r"b?'([^']{4,})'", str(error))
        raise ImportRejected(
            "unreadable", line=_line_of(text, quoted.group(1)) if quoted else None, reason=str(error)[:120]
        ) from None
    if isinstance(calendar, list):
        raise ImportRejected("several_calendars")
    if not calendar.walk("VEVENT"):
        raise ImportRejected("no_events")
    result = ImportedCalendar()
    # Occurrences carry a RECURRENCE-ID after expansion; what makes a series is the source.
    series = {str(c.get("UID")) for c in calendar.walk("VEVENT") if {"RRULE", "RDATE", "RECURRENCE-ID"} & set(c)}
    try:
        calendar = x_wr_timezone.to_standard(calendar)
        occurrences = recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
        for count, occurrence in enumerate(occurrences):
            if count >= MAX_OCCURRENCES:
                raise ImportRejected("too_many", limit=MAX_OCCURRENCES)
            result.items.append(_item(occurrence, zone, result, series))
    except ImportRejected:
        raise
    except Exception as error:  # a broken value in one event: name it and its line
        raise ImportRejected("broken", line=_broken_line(text, str(error)), reason=str(error)[:160]) from None
    return result


def _instant(value: Any, zone: str, result: ImportedCalendar, uid: str) -> tuple[datetime, bool]:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            warning = t("import.floating", uid=uid, zone=zone)
            if warning not in result.warnings:
                result.warnings.append(warning)
            return localize(value, zone), False
        return value.astimezone(UTC), False
    return localize(datetime.combine(value, time.min), zone), True


def _item(event: Any, zone: str, result: ImportedCalendar, series: set[str]) -> ImportedItem:
    uid = str(event.get("UID") or "")
    start, all_day = _instant(event.decoded("DTSTART"), zone, result, uid)
    if "DTEND" in event:
        end, _ = _instant(event.decoded("DTEND"), zone, result, uid)
    elif "DURATION" in event:
        end = start + event.decoded("DURATION")
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    if end <= start:  # RFC 5545: no DTEND means it ends when it starts; we need a span
        end = start + (timedelta(days=1) if all_day else timedelta(minutes=1))
    key = uid
    if uid in series:
        # The occurrence's original time (RECURRENCE-ID) names it, even after it was moved.
        original = event.decoded("RECURRENCE-ID") if "RECURRENCE-ID" in event else start
        anchor, _ = _instant(original, zone, result, uid)
        key = f"{uid}#{anchor.strftime('%Y%m%dT%H%M%SZ')}"
    return ImportedItem(
        key=key,
        uid=uid,
        title=str(event.get("SUMMARY") or "(sin título)"),
        start=start,
        end=end,
        all_day=all_day,
        cancelled=str(event.get("STATUS") or "").upper() == "CANCELLED",
        sequence=int(event.get("SEQUENCE") or 0),
        location=str(event.get("LOCATION") or ""),
        description=str(event.get("DESCRIPTION") or ""),
    )
