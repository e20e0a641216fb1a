"""Reading calendars that other programs wrote (Google, Outlook/Exchange, Thunderbird ...).

Bytes in, plain items out: text decoded as it comes (UTF-8 with or without BOM, else Windows-1252),
zone names resolved (IANA; Windows IDs and display names by CLDR's rules, which win over a stale
VTIMEZONE), recurrences expanded (recurring-ical-events), floating times read in the calendar's
X-WR-TIMEZONE (x-wr-timezone) or else in the event's zone. Nothing is invented: an unknown zone, a
date that cannot be read, an end before the start or a file cut short is refused with one
sentence naming the line, never a traceback; what is left out (dates outside the event, repeated
UIDs) is counted in the warnings.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any, TypeVar

import recurring_ical_events
import x_wr_timezone
from dateutil.rrule import rrule, rrulestr
from icalendar import Calendar, vRecur
from icalendar.timezone import tzp as icalendar_tzp

from logistics_app.domain.errors import Refusal
from logistics_app.domain.text import decode, fold
from logistics_app.domain.zone_names import iana_zone, windows_zone
from logistics_app.i18n import catalogue, t
from logistics_app.timeutil import localize

MAX_OCCURRENCES = 20_000
# Dates of a series this far before or after the event are counted as left out (not expanded further).
OUTSIDE_WINDOW = timedelta(days=366)
OUTSIDE_LIMIT = 5_000
_DATES = {"DTSTART", "DTEND", "DURATION", "RDATE", "EXDATE", "RECURRENCE-ID", "DUE"}
_TZID = re.compile(r';TZID=("[^"]*"|[^;:]*)', re.IGNORECASE)


class ImportRejected(Refusal):
    """The calendar cannot be imported; nothing was stored. `line`: where in the file."""

    prefix = "import"

    def __init__(self, code: str, *, line: int | None = None, **params: Any):
        super().__init__(code, **params)
        self.line = line

    def message(self, lang: str = "es") -> str:
        text = super().message(lang)
        return text if self.line is None else t("import.at_line", lang, line=self.line, message=text)


@dataclass(frozen=True)
class ImportedItem:
    key: str  # UID (or, without one, a key from its content), plus the occurrence for a series
    uid: str
    title: str
    start: datetime  # aware UTC
    end: datetime
    all_day: bool
    cancelled: bool
    sequence: int
    location: str = ""
    description: str = ""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Notice:
    """A warning, said in the reader's language when it is shown."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "es") -> str:
        return t(self.code, lang, **dict(self.params))


@dataclass
class ImportedCalendar:
    items: list[ImportedItem] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    outside: int = 0  # dates left out: before or after the event
    outside_capped: bool = False  # more than `outside` (counting stopped)

    def warn(self, code: str, **params: Any) -> None:
        notice = Notice(code, tuple(params.items()))
        if notice not in self.warnings:
            self.warnings.append(notice)


def _one_line(text: object, limit: int = 120) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# The file's shape: every BEGIN has its END, and where each event is.


@dataclass(frozen=True)
class _Block:
    first: int  # line numbers, 1-based, inclusive
    last: int


def _events(lines: list[str]) -> tuple[list[_Block], dict[str, int]]:
    """The top-level VEVENTs' line spans, and the VTIMEZONEs' TZIDs with their lines. A component
    left open or closed out of turn is refused here, where the line is still known."""
    stack: list[tuple[str, int]] = []
    events: list[_Block] = []
    zones: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            stack.append((upper[6:].strip(), number))
        elif upper.startswith("END:"):
            name = upper[4:].strip()
            if not stack or stack[-1][0] != name:
                expected = stack[-1][0] if stack else "-"
                raise ImportRejected("unbalanced", line=number, found=name, expected=expected)
            _, opened = stack.pop()
            if name == "VEVENT" and len(stack) == 1:
                events.append(_Block(opened, number))
        elif stack and stack[-1][0] == "VTIMEZONE" and upper.startswith(("TZID:", "TZID;")):
            zones[line.split(":", 1)[1].strip()] = number
    if stack:
        name, opened = stack[-1]
        raise ImportRejected("truncated", line=len(lines), component=name, opened=opened)
    return events, zones


# What the importer reads of an event; the rest (DTSTAMP, attendees, alarms, vendors' X- lines) is
# left out before parsing, which is most of the work for a big export.
_READ = frozenset(
    [
        "UID",
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "DURATION",
        "RRULE",
        "RDATE",
        "EXDATE",
        "EXRULE",
        "RECURRENCE-ID",
        "STATUS",
        "SEQUENCE",
        "LOCATION",
        "DESCRIPTION",
        "CATEGORIES",
    ]
)


def _for_parser(lines: list[str]) -> str:
    """The calendar with only what the importer reads of each event (line count no longer matters:
    lines are named from the whole file)."""
    kept, depth, inside_event, keeping = [], 0, False, True
    for line in lines:
        if line[:1] in (" ", "\t"):  # the folded rest of the line before
            if keeping:
                kept.append(line)
            continue
        upper = line.upper()
        if upper.startswith("BEGIN:"):
            depth += 1
            inside_event = inside_event or (depth == 2 and upper.strip() == "BEGIN:VEVENT")
        keeping = not inside_event or (
            depth == 2
            and (upper.startswith(("BEGIN:VEVENT", "END:VEVENT")) or re.split("[;:]", upper, maxsplit=1)[0] in _READ)
        )
        if keeping:
            kept.append(line)
        if upper.startswith("END:"):
            depth -= 1
            inside_event = inside_event and depth >= 2
    return "\r\n".join(kept) + "\r\n"


def _line_of(lines: list[str], block: _Block, prop: str, value: str | None = None) -> int:
    """The line of the event's property (the one holding `value`, when given)."""
    found = [
        number
        for number in range(block.first, block.last + 1)
        if lines[number - 1].upper().startswith((prop + ":", prop + ";"))
    ]
    exact = [n for n in found if value is not None and lines[n - 1].rstrip().endswith(":" + value)]
    return (exact or found or [block.first])[0]


# ---------------------------------------------------------------------------------------------
# Zone names: what each TZID means.


def _resolve_zones(lines: list[str], described: dict[str, int], result: ImportedCalendar) -> list[str]:
    """The lines with every TZID that names a known zone rewritten to its IANA name. A Windows
    name follows CLDR's current rules even when the file describes it (old Outlook VTIMEZONEs carry
    1601-era daylight-saving rules); a name nobody knows and the file does not describe is refused."""
    out = []
    for number, line in enumerate(lines, start=1):
        if line[:1] in (" ", "\t") or ";TZID=" not in line.upper():
            out.append(line)
            continue

        def swap(match: re.Match[str], number: int = number) -> str:
            name = match.group(1).strip('"')
            zone = iana_zone(name)
            if zone is None:
                if name in described:
                    return match.group(0)  # the calendar's own zone, explained by its VTIMEZONE
                raise ImportRejected("unknown_zone", line=number, zone=_one_line(name, 60))
            if windows_zone(name) and name != zone:
                key = "import.windows_zone_described" if name in described else "import.windows_zone"
                result.warn(key, name=name, zone=zone)
            return f";TZID={zone}"

        out.append(_TZID.sub(swap, line))
    return out


# ---------------------------------------------------------------------------------------------
# Reading.


# icalendar keeps every zone a calendar describes under its own name in one process-wide table
# (the first description wins): a calendar's zones must not stay there for the next calendar to
# read, nor pile up. One reading at a time, its zones removed when it is done.
_ZONES_LOCK = threading.Lock()


def _zone_table() -> dict[str, Any]:
    return getattr(icalendar_tzp, "_TZP__tz_cache", {})


def read_calendar(raw: bytes, *, zone: str, first: date, last: date) -> ImportedCalendar:
    """Every occurrence between first and last (inclusive dates, in the event's zone), in UTC."""
    with _ZONES_LOCK:
        known = set(_zone_table())
        try:
            return _read(raw, zone, first, last)
        except ImportRejected:
            raise
        except Exception as error:  # e.g. a calendar's own zone whose rules contradict themselves
            raise ImportRejected("broken", reason=_one_line(error)) from None
        finally:
            for name in set(_zone_table()) - known:
                _zone_table().pop(name, None)


def _read(raw: bytes, zone: str, first: date, last: date) -> ImportedCalendar:
    text = decode(raw, errors="replace")
    if "BEGIN:VCALENDAR" not in text[:2000].upper():
        raise ImportRejected("not_calendar", line=1)
    lines = text.splitlines()
    blocks, described = _events(lines)
    result = ImportedCalendar()
    lines = _resolve_zones(lines, described, result)
    calendar = _parse(_for_parser(lines), lines)
    components = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if not components:
        raise ImportRejected("no_events")
    if len(components) != len(blocks):  # cannot happen after _events; keep the lines honest
        blocks = [_Block(1, len(lines))] * len(components)
    window = (
        localize(datetime.combine(first, time.min), zone),
        localize(datetime.combine(last + timedelta(days=1), time.min), zone),
    )
    uids = [_check_event(c, lines, b, zone, result) for c, b in zip(components, blocks, strict=True)]
    if "X-WR-TIMEZONE" in calendar:
        calendar = _standard(calendar, lines)
        components = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    series = {uid for uid, c in zip(uids, components, strict=True) if {"RRULE", "RDATE", "RECURRENCE-ID"} & set(c)}
    singles, repeating = [], Calendar()
    for component in calendar.subcomponents:
        if component.name != "VEVENT":
            repeating.add_component(component)  # time zones, for the series
    for uid, component in zip(uids, components, strict=True):
        if "UID" not in component:
            component.add("UID", uid)  # the key from its content names its occurrences too
        if uid in series:
            repeating.add_component(component)
        else:
            singles.append((uid, component))
    found = [_item(c, uid, zone, result, False) for uid, c in singles]
    found += _expand(repeating, first, last, zone, result) if series else []
    inside = [i for i in found if i.end > window[0] and i.start < window[1]]
    result.outside += len(found) - len(inside)
    if len(inside) > MAX_OCCURRENCES:
        raise ImportRejected("too_many", limit=MAX_OCCURRENCES)
    result.items = _one_per_key(inside, result)
    if result.outside:
        code = "import.outside_many" if result.outside_capped else "import.outside"
        result.warn(code, count=result.outside, first=first.isoformat(), last=last.isoformat())
    return result


def _parse(text: str, lines: list[str]) -> Calendar:
    try:
        calendar = Calendar.from_ical(text)
    except Exception as error:  # icalendar's own words, turned into one sentence with the line
        quoted = re.search(r"b?'([^']{4,})'", str(error))
        number = next((n for n, line in enumerate(lines, 1) if quoted and quoted.group(1)[:40] in line), None)
        raise ImportRejected(
            "unreadable", line=number, text=_one_line(quoted.group(1) if quoted else error, 80)
        ) from None
    if isinstance(calendar, list):
        raise ImportRejected("several_calendars")
    return calendar


def _standard(calendar: Calendar, lines: list[str]) -> Calendar:
    """Floating times read in the calendar's X-WR-TIMEZONE (a name others know, or refused)."""
    name = str(calendar["X-WR-TIMEZONE"])
    number = next((n for n, line in enumerate(lines, 1) if line.upper().startswith("X-WR-TIMEZONE")), None)
    known = iana_zone(name)
    if known is None:
        raise ImportRejected("unknown_zone", line=number, zone=_one_line(name, 60))
    calendar["X-WR-TIMEZONE"] = known
    try:
        standard: Calendar = x_wr_timezone.to_standard(calendar)  # the library is untyped
        return standard
    except Exception as error:  # the library's own refusal, said in one line
        raise ImportRejected("broken", line=number, reason=_one_line(error)) from None


def _check_event(component: Any, lines: list[str], block: _Block, zone: str, result: ImportedCalendar) -> str:
    """The event's UID (or a key from its content), after checking that its dates can be read and
    that it does not end before it starts."""
    title = _one_line(component.get("SUMMARY") or "", 60) or t("import.untitled")
    for prop, error in getattr(component, "errors", []):  # values icalendar kept but could not read
        prop = str(prop or "?")
        got = re.search(r"Got: '([^']*)'", str(error))
        value = got.group(1) if got else _raw(component, prop)
        code = "bad_date" if prop in _DATES else "bad_value"
        raise ImportRejected(code, line=_line_of(lines, block, prop, value), prop=prop, value=_one_line(value, 60))
    start = _decoded(component, "DTSTART", lines, block)
    if start is None:
        raise ImportRejected("no_start", line=block.first, title=title)
    end = _decoded(component, "DTEND", lines, block)
    if end is None and "DURATION" in component:
        duration = _decoded(component, "DURATION", lines, block)
        try:
            end = start + duration if isinstance(duration, timedelta) else None
        except OverflowError:
            raise ImportRejected(
                "bad_date", line=_line_of(lines, block, "DURATION"), prop="DURATION", value=_raw(component, "DURATION")
            ) from None
    if end is not None:
        begins, ends = _instant(start, zone, None, ""), _instant(end, zone, None, "")
        if ends[0] < begins[0]:
            prop = "DTEND" if "DTEND" in component else "DURATION"
            raise ImportRejected(
                "end_before_start",
                line=_line_of(lines, block, prop),
                title=title,
                start=_raw(component, "DTSTART"),
                end=_raw(component, prop),
            )
    uid = str(component.get("UID") or "").strip()
    if uid:
        return uid
    result.warn("import.no_uid")
    content = "|".join(_raw(component, p) for p in ("SUMMARY", "DTSTART", "DTEND", "DURATION", "LOCATION", "RRULE"))
    return "sin-uid:" + hashlib.sha256(content.encode()).hexdigest()[:24]


def _raw(component: Any, prop: str) -> str:
    value = component.get(prop)
    if value is None:
        return ""
    text = value.to_ical() if hasattr(value, "to_ical") else value
    return _one_line(text.decode(errors="replace") if isinstance(text, bytes) else str(text), 60)


def _decoded(component: Any, prop: str, lines: list[str], block: _Block) -> Any:
    if prop not in component:
        return None
    try:
        value = component.decoded(prop)
    except Exception:  # icalendar keeps a value it cannot read as text and fails on decoding
        value = None
    if not isinstance(value, date | timedelta):
        raise ImportRejected("bad_date", line=_line_of(lines, block, prop), prop=prop, value=_raw(component, prop))
    return value


# Seconds in one step of each frequency (the longest month and year: an upper bound of the steps).
_STEP = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3_600, "DAILY": 86_400, "WEEKLY": 604_800,
         "MONTHLY": 2_678_400, "YEARLY": 31_622_400}  # fmt: skip
_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")  # dateutil's order
# A rule is followed step by step from its start: beyond this many steps it is refused unread.
MAX_STEPS = 500_000


def _rule(component: Any) -> rrule | None:
    """The event's RRULE as dateutil reads it, without UNTIL (which only ever removes dates)."""
    value = component.get("RRULE")
    if value is None:
        return None
    parts = value[0] if isinstance(value, list) else value
    if not hasattr(parts, "items") or "FREQ" not in parts:
        return None  # an empty RRULE (some exports write one): a single date
    recur = vRecur({k: v for k, v in parts.items() if k != "UNTIL"})
    start = component.decoded("DTSTART")
    if not isinstance(start, datetime):
        start = datetime.combine(start, time.min)
    to_ical: Callable[[], bytes] = recur.to_ical  # icalendar leaves vRecur.to_ical unannotated
    rule = rrulestr(to_ical().decode(), dtstart=start)
    # One RRULE line, without forceset, always reads as an rrule (never an rruleset).
    assert isinstance(rule, rrule)
    return rule


def _private(rule: rrule) -> dict[str, Any]:
    """The rule's own fields (_dtstart, _freq, _interval): dateutil keeps them private and its stubs
    leave them out."""
    return vars(rule)


def _dates_of_rule(rule: rrule, begin: datetime, end: datetime, limit: int) -> int:
    """How many of the rule's dates fall between begin and end (counting stops at limit)."""
    tz = _private(rule)["_dtstart"].tzinfo
    begin, end = (begin, end) if tz is not None else (begin.replace(tzinfo=None), end.replace(tzinfo=None))
    count = 0
    for when in rule.xafter(begin, inc=True):
        if when >= end or count >= limit:
            break
        count += 1
    return count


def _check_rules(series: Calendar, first: date, last: date, zone: str, result: ImportedCalendar) -> None:
    """Refuses a series whose rule would take too long to follow (FREQ=SECONDLY for a season) or
    gives too many dates, before any is expanded; counts those a year around the event."""
    near = (localize(datetime.combine(first - timedelta(days=1), time.min), zone),
            localize(datetime.combine(last + timedelta(days=2), time.min), zone))  # fmt: skip
    year = (near[0] - OUTSIDE_WINDOW, near[1] + OUTSIDE_WINDOW)
    total = 0
    for component in series.walk("VEVENT"):
        try:
            rule = _rule(component)
            if rule is None:
                continue
            fields = _private(rule)
            start = fields["_dtstart"]
            step = _STEP[_FREQUENCIES[fields["_freq"]]] * max(1, fields["_interval"])
            steps = (year[1].replace(tzinfo=None) - start.replace(tzinfo=None)).total_seconds() / step
            if steps > MAX_STEPS:
                raise ImportRejected("too_many", limit=MAX_OCCURRENCES)
            total += _dates_of_rule(rule, near[0], near[1], MAX_OCCURRENCES + 1)
            if total > MAX_OCCURRENCES:
                raise ImportRejected("too_many", limit=MAX_OCCURRENCES)
            if not result.outside_capped:
                left = OUTSIDE_LIMIT - result.outside
                result.outside += _dates_of_rule(rule, year[0], near[0], left)
                result.outside += _dates_of_rule(rule, near[1], year[1], OUTSIDE_LIMIT - result.outside)
                result.outside_capped = result.outside >= OUTSIDE_LIMIT
        except ImportRejected:
            raise
        except Exception as error:  # a rule dateutil cannot follow
            raise ImportRejected("broken", reason=_one_line(error)) from None


def _expand(series: Calendar, first: date, last: date, zone: str, result: ImportedCalendar) -> list[ImportedItem]:
    """The occurrences of the recurring events near the event's dates (their rules checked first)."""
    _check_rules(series, first, last, zone, result)
    found: list[ImportedItem] = []
    try:
        query = recurring_ical_events.of(series)
        # A day on each side: the dates are the event's, in its zone; the items' instants decide.
        for count, occurrence in enumerate(query.between(first - timedelta(days=1), last + timedelta(days=2))):
            if count >= MAX_OCCURRENCES + 1_000:
                raise ImportRejected("too_many", limit=MAX_OCCURRENCES)
            found.append(_item(occurrence, _uid_of(occurrence), zone, result, True))
    except ImportRejected:
        raise
    except Exception as error:  # a rule the library cannot follow: said in one line
        raise ImportRejected("broken", reason=_one_line(error)) from None
    return found


def _uid_of(component: Any) -> str:
    return str(component.get("UID") or "").strip()


def _instant(value: Any, zone: str, result: ImportedCalendar | None, title: str) -> tuple[datetime, bool]:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            if result is not None:
                result.warn("import.floating", uid=title, zone=zone)
            return localize(value, zone), False
        return value.astimezone(UTC), False
    return localize(datetime.combine(value, time.min), zone), True


def _item(event: Any, uid: str, zone: str, result: ImportedCalendar, in_series: bool) -> ImportedItem:
    title = str(event.get("SUMMARY") or "").strip() or t("import.untitled")
    start, all_day = _instant(event.decoded("DTSTART"), zone, result, uid or title)
    if "DTEND" in event:
        end, _ = _instant(event.decoded("DTEND"), zone, result, uid or title)
    elif "DURATION" in event:
        end = start + event.decoded("DURATION")
    else:
        end = start + (timedelta(days=1) if all_day else timedelta(0))
    if end <= start:  # RFC 5545: no DTEND means it ends when it starts; an item needs a span
        end = start + (timedelta(days=1) if all_day else timedelta(minutes=1))
    key = uid
    if in_series:
        # The occurrence's original time (RECURRENCE-ID) names it, even after it was moved.
        original = event.decoded("RECURRENCE-ID") if "RECURRENCE-ID" in event else event.decoded("DTSTART")
        anchor, _ = _instant(original, zone, None, uid)
        key = f"{uid}#{anchor.strftime('%Y%m%dT%H%M%SZ')}"
    cancelled = str(event.get("STATUS") or "").upper() == "CANCELLED"
    if cancelled:  # our own feeds mark cancelled titles; the status says it already
        title = title.removeprefix("CANCELADO: ")
    return ImportedItem(
        key=key,
        uid=uid,
        title=title,
        start=start,
        end=end,
        all_day=all_day,
        cancelled=cancelled,
        sequence=_sequence(event),
        location=" ".join(str(event.get("LOCATION") or "").split()),
        description=str(event.get("DESCRIPTION") or ""),
        categories=_categories(event),
    )


def _sequence(event: Any) -> int:
    try:
        return int(event.get("SEQUENCE") or 0)
    except (TypeError, ValueError):
        return 0


def _categories(event: Any) -> tuple[str, ...]:
    values = event.get("CATEGORIES")
    found: list[str] = []
    for value in values if isinstance(values, list) else [values] if values is not None else []:
        found += [str(c) for c in getattr(value, "cats", [value])]
    return tuple(c.strip() for c in found if str(c).strip())


def _one_per_key(items: list[ImportedItem], result: ImportedCalendar) -> list[ImportedItem]:
    """One item per key: a UID given twice keeps its newest SEQUENCE (the later one on a tie)."""
    counts = Counter(i.key for i in items)
    chosen: dict[str, ImportedItem] = {}
    for item in items:
        if item.key not in chosen or item.sequence >= chosen[item.key].sequence:
            chosen[item.key] = item
    for key, count in counts.items():
        if count > 1:
            code = "import.duplicate_content" if key.startswith("sin-uid:") else "import.duplicate_uid"
            result.warn(code, title=chosen[key].title, count=count)
    return [i for i in items if chosen[i.key] is i]


# ---------------------------------------------------------------------------------------------
# What an imported event is: its kind from CATEGORIES.


_Kind = TypeVar("_Kind", bound=str)


def kind_from_categories(categories: tuple[str, ...], kinds: list[_Kind]) -> _Kind | None:
    """The first category that names one of `kinds` (its code, or its label in Spanish or English,
    ignoring accents and case): "Proyección", "screening", "Ceremonia"."""
    names: dict[str, _Kind] = _kind_names(tuple(kinds))  # functools.cache keeps no type variables
    for category in categories:
        if found := names.get(fold(category.strip())):
            return found
    return None


@cache
def _kind_names(kinds: tuple[_Kind, ...]) -> dict[str, _Kind]:
    names: dict[str, _Kind] = {}
    for lang in ("es", "en"):
        labels = catalogue(lang)
        for kind in kinds:
            names[fold(kind)] = kind
            names[fold(labels.get(f"item.{kind}", kind))] = kind
    return names
