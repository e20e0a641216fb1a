"""Turning what an organizer typed (local dates and times, as text) into checked values."""

from __future__ import annotations

from datetime import date, datetime, time

from logistics_app.domain.errors import FieldError
from logistics_app.timeutil import localize


def parse_local(
    day: str, clock: str, zone: str, *, day_field: str, time_field: str
) -> tuple[datetime | None, list[FieldError]]:
    """A local date (YYYY-MM-DD) and time (HH:MM) in the zone, as an aware UTC datetime."""
    errors = []
    try:
        local_day = date.fromisoformat(day.strip())
    except ValueError:
        errors.append(FieldError(day_field, "bad_date"))
    try:
        local_time = time.fromisoformat(clock.strip())
    except ValueError:
        errors.append(FieldError(time_field, "bad_time"))
    if errors:
        return None, errors
    return localize(datetime.combine(local_day, local_time), zone), []


def parse_span(
    start_day: str, start: str, end_day: str, end: str, zone: str
) -> tuple[tuple[datetime, datetime] | None, list[FieldError]]:
    """Start and end as typed in the event's zone. An end before the start is left for the item's
    validation to report, never guessed to be another day."""
    first, errors = parse_local(start_day, start, zone, day_field="start_day", time_field="start")
    last, more = parse_local(end_day or start_day, end, zone, day_field="end_day", time_field="end")
    errors += more
    if first is None or last is None:
        return None, errors
    return (first, last), errors
