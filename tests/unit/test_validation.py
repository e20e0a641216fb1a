from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from logistics_app.domain.validation import (
    is_web_address,
    validate_event,
    validate_item,
    validate_space,
    validate_venue,
)

pytestmark = pytest.mark.unit
START = datetime(2025, 9, 21, 2, 0, tzinfo=UTC)


def _item(**overrides: object) -> list:  # type: ignore[type-arg]
    args: dict[str, object] = {
        "title": "Ceremonia",
        "kind": "ceremony",
        "status": "confirmed",
        "visibility": "public",
        "start": START,
        "end": START.replace(hour=5),
        "zone_name": "America/Mexico_City",
        "venue_id": 1,
    }
    args.update(overrides)
    return validate_item(**args)  # type: ignore[arg-type]


def test_a_valid_item_has_no_errors() -> None:
    assert _item() == []


def test_end_before_start_names_both_local_times() -> None:
    errors = _item(end=START.replace(hour=1))
    assert [(e.field, e.code) for e in errors] == [("end", "end_before_start")]
    assert errors[0].message("es") == "La hora de fin (19:00) debe ser posterior a la de inicio (20:00)."
    assert errors[0].message("en") == "The end time (19:00) must be after the start time (20:00)."


def test_space_of_another_venue_is_refused() -> None:
    errors = _item(
        venue_id=1, venue_name="CIC", space_venue_id=2, space_name="Sala principal", space_venue_name="Teatro Vallarta"
    )
    assert [(e.field, e.code) for e in errors] == [("space", "space_of_other_venue")]
    assert "pertenece a otra sede (Teatro Vallarta)" in errors[0].message()


def test_unknown_choice_and_missing_title() -> None:
    errors = _item(title="  ", kind="fiesta")
    assert [(e.field, e.code) for e in errors] == [("title", "required"), ("kind", "unknown_choice")]


def test_event_with_unknown_zone_and_reversed_dates() -> None:
    errors = validate_event(
        slug="ariel-2025",
        name="Ariel",
        kind="awards_ceremony",
        timezone="Mexico/Vallarta",
        start_date=date(2025, 9, 21),
        end_date=date(2025, 9, 20),
    )
    assert [(e.field, e.code) for e in errors] == [
        ("timezone", "unknown_timezone"),
        ("end_date", "event_end_before_start"),
    ]
    assert errors[0].message() == "«Mexico/Vallarta» no es una zona horaria válida; use una como America/Mexico_City."


def test_duplicate_and_malformed_slugs() -> None:
    dup = validate_event(
        slug="ariel-2025",
        name="Ariel",
        kind="awards_ceremony",
        timezone="America/Mexico_City",
        start_date=date(2025, 9, 20),
        end_date=date(2025, 9, 20),
        taken_slugs=["ariel-2025"],
    )
    assert [(e.field, e.code) for e in dup] == [("slug", "duplicate_slug")]
    bad = validate_venue(
        slug="Teatro Vallarta", name="Teatro", timezone=None, capacity=None, latitude=None, longitude=None
    )
    assert [(e.field, e.code) for e in bad] == [("slug", "bad_slug")]


def test_negative_capacity_and_bad_coordinates() -> None:
    errors = validate_venue(
        slug="cic", name="CIC", timezone="America/Tijuana", capacity=-1, latitude=95.0, longitude=-105.2
    )
    assert [(e.field, e.code) for e in errors] == [("capacity", "negative_capacity"), ("latitude", "bad_latitude")]
    assert [(e.field, e.code) for e in validate_space(name="Lobby", capacity=-5)] == [("capacity", "negative_capacity")]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://cinetecamexico.net", True),
        ("http://cine.example.mx/sala?x=1", True),
        ("javascript:alert(document.domain)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example", False),
        ("https://", False),
        ("", False),
    ],
)
def test_only_web_addresses_are_links(url: str, ok: bool) -> None:
    assert is_web_address(url) is ok


def test_a_venue_with_a_script_for_a_link_is_refused() -> None:
    errors = validate_venue(
        slug="sede",
        name="Sede",
        timezone=None,
        capacity=None,
        latitude=None,
        longitude=None,
        url="javascript:alert(document.domain)",
    )
    assert [(e.field, e.code) for e in errors] == [("url", "bad_web_address")]
