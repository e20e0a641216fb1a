"""Input rules for events, venues, spaces and schedule items (database-free)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlsplit

from logistics_app.domain.errors import FieldError
from logistics_app.i18n import clock
from logistics_app.models.enums import EventKind, ItemKind, ItemStatus, Visibility
from logistics_app.timeutil import is_valid_zone, to_local

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_Choice = TypeVar("_Choice", bound=StrEnum)


def required(errors: list[FieldError], name: str, value: str | None, *, max_len: int) -> None:
    if value is None or not value.strip():
        errors.append(FieldError(name, "required"))
    elif len(value) > max_len:
        errors.append(FieldError(name, "too_long", {"max": max_len}))


def check_slug(errors: list[FieldError], slug: str, *, taken: Iterable[str] = ()) -> None:
    if not slug:
        errors.append(FieldError("slug", "required"))
    elif not SLUG_RE.match(slug):
        errors.append(FieldError("slug", "bad_slug"))
    elif slug in set(taken):
        errors.append(FieldError("slug", "duplicate_slug", {"slug": slug}))


def check_zone(errors: list[FieldError], name: str, zone_name: str | None) -> None:
    if zone_name is None or not is_valid_zone(zone_name):
        errors.append(FieldError(name, "unknown_timezone", {"zone": zone_name or ""}))


def is_web_address(url: str) -> bool:
    """An http(s) address with a host: nothing a link could run (javascript:, data:)."""
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def check_web_address(errors: list[FieldError], name: str, url: str) -> None:
    if url.strip() and not is_web_address(url):
        errors.append(FieldError(name, "bad_web_address"))


def check_choice(errors: list[FieldError], name: str, value: str, choices: type[StrEnum]) -> None:
    if value not in {c.value for c in choices}:
        errors.append(FieldError(name, "unknown_choice", {"value": value}))


def parse_choice(errors: list[FieldError], name: str, value: str, choices: type[_Choice], fallback: _Choice) -> _Choice:
    """What a form or a file sent as one of the choices. An unknown value is reported in `errors`
    (as check_choice says it) and `fallback` stands in for it, only so that the other fields can
    still be checked: input with errors is never stored."""
    try:
        return choices(value)
    except ValueError:
        check_choice(errors, name, value, choices)
        return fallback


def validate_event(
    *,
    slug: str,
    name: str,
    kind: str,
    timezone: str,
    start_date: date,
    end_date: date,
    taken_slugs: Iterable[str] = (),
) -> list[FieldError]:

    errors: list[FieldError] = []
    check_slug(errors, slug, taken=taken_slugs)
    required(errors, "name", name, max_len=200)
    check_choice(errors, "kind", kind, EventKind)
    check_zone(errors, "timezone", timezone)
    if end_date < start_date:
        errors.append(FieldError("end_date", "event_end_before_start"))
    return errors


def validate_venue(
    *,
    slug: str,
    name: str,
    timezone: str | None,
    capacity: int | None,
    latitude: float | None,
    longitude: float | None,
    taken_slugs: Iterable[str] = (),
    url: str = "",
) -> list[FieldError]:
    errors: list[FieldError] = []
    check_slug(errors, slug, taken=taken_slugs)
    required(errors, "name", name, max_len=200)
    check_web_address(errors, "url", url)
    if timezone is not None:
        check_zone(errors, "timezone", timezone)
    if capacity is not None and capacity < 0:
        errors.append(FieldError("capacity", "negative_capacity"))
    if latitude is not None and not -90 <= latitude <= 90:
        errors.append(FieldError("latitude", "bad_latitude"))
    if longitude is not None and not -180 <= longitude <= 180:
        errors.append(FieldError("longitude", "bad_longitude"))
    return errors


def validate_space(*, name: str, capacity: int | None) -> list[FieldError]:
    errors: list[FieldError] = []
    required(errors, "name", name, max_len=200)
    if capacity is not None and capacity < 0:
        errors.append(FieldError("capacity", "negative_capacity"))
    return errors


def validate_item(
    *,
    title: str,
    kind: str,
    status: str,
    visibility: str,
    start: datetime,
    end: datetime,
    zone_name: str,
    venue_id: int | None,
    venue_name: str = "",
    space_venue_id: int | None = None,
    space_name: str = "",
    space_venue_name: str = "",
) -> list[FieldError]:
    """Rules for one schedule item; times are aware, shown back in zone_name."""

    errors: list[FieldError] = []
    required(errors, "title", title, max_len=300)
    check_choice(errors, "kind", kind, ItemKind)
    check_choice(errors, "status", status, ItemStatus)
    check_choice(errors, "visibility", visibility, Visibility)
    if end <= start:
        local_start, local_end = to_local(start, zone_name), to_local(end, zone_name)
        errors.append(
            FieldError(
                "end",
                "end_before_start",
                {"start": clock(local_start), "end": clock(local_end)},
            )
        )
    if space_venue_id is not None and venue_id is not None and space_venue_id != venue_id:
        errors.append(
            FieldError(
                "space",
                "space_of_other_venue",
                {"space": space_name, "venue": space_venue_name, "expected": venue_name},
            )
        )
    return errors
