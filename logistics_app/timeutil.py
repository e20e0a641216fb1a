"""The only place that knows about clocks and time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# Mexico's zones first, in the order organizers meet them (see DATA.md, "Places and time").
MEXICAN_ZONES = (
    "America/Mexico_City",
    "America/Bahia_Banderas",
    "America/Mazatlan",
    "America/Hermosillo",
    "America/Tijuana",
    "America/Cancun",
    "America/Chihuahua",
    "America/Ciudad_Juarez",
    "America/Merida",
    "America/Monterrey",
    "America/Matamoros",
    "America/Ojinaga",
)
# Where an event, a venue or a calendar says nothing: Mexico's central time (most of the country).
DEFAULT_ZONE = MEXICAN_ZONES[0]


def now_utc() -> datetime:
    return datetime.now(UTC)


def is_valid_zone(name: str) -> bool:
    if not name or name != name.strip():
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def as_utc(dt: datetime) -> datetime:
    """An aware datetime in UTC; a naive one is refused, never guessed."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime: give it a time zone first")
    return dt.astimezone(UTC)


def to_local(dt: datetime, zone_name: str) -> datetime:
    return as_utc(dt).astimezone(ZoneInfo(zone_name))


def localize(naive: datetime, zone_name: str) -> datetime:
    """Read a wall-clock time as local time in the zone, returned in UTC."""
    if naive.tzinfo is not None:
        raise ValueError("expected a wall-clock (naive) time")
    return naive.replace(tzinfo=ZoneInfo(zone_name)).astimezone(UTC)


def local_day_bounds(day: date, zone_name: str) -> tuple[datetime, datetime]:
    """UTC instants of the start of a local day and of the next one."""
    tz = ZoneInfo(zone_name)
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(date.fromordinal(day.toordinal() + 1), time.min, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def zone_choices() -> list[str]:
    """Every IANA zone, Mexico's first."""
    rest = sorted(z for z in available_timezones() if z not in MEXICAN_ZONES and "/" in z)
    return [*MEXICAN_ZONES, *rest]
