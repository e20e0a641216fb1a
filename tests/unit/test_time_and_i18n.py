from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from logistics_app import i18n
from logistics_app.domain.schedule import bumps_sequence
from logistics_app.timeutil import as_utc, local_day_bounds, localize, to_local, zone_choices

pytestmark = pytest.mark.unit


def test_the_ceremony_at_eight_pm_in_vallarta_is_two_am_utc() -> None:
    assert localize(datetime(2025, 9, 20, 20, 0), "America/Mexico_City") == datetime(2025, 9, 21, 2, 0, tzinfo=UTC)


def test_mexico_city_has_no_summer_time_any_more() -> None:
    july = to_local(datetime(2025, 7, 1, 12, tzinfo=UTC), "America/Mexico_City")
    assert july.utcoffset() is not None and july.utcoffset().total_seconds() == -6 * 3600  # type: ignore[union-attr]


def test_tijuana_keeps_daylight_saving() -> None:
    summer = to_local(datetime(2025, 9, 1, 12, tzinfo=UTC), "America/Tijuana")
    assert summer.utcoffset().total_seconds() == -7 * 3600  # type: ignore[union-attr]


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        as_utc(datetime(2025, 9, 20, 20, 0))


def test_local_day_bounds() -> None:
    assert local_day_bounds(date(2025, 9, 20), "America/Mexico_City") == (
        datetime(2025, 9, 20, 6, tzinfo=UTC),
        datetime(2025, 9, 21, 6, tzinfo=UTC),
    )


def test_zone_list_puts_mexico_first() -> None:
    zones = zone_choices()
    assert zones[:2] == ["America/Mexico_City", "America/Bahia_Banderas"]
    assert "Europe/Madrid" in zones


def test_dates_read_as_users_write_them() -> None:
    ceremony = to_local(datetime(2025, 9, 21, 2, 0, tzinfo=UTC), "America/Mexico_City")
    assert i18n.long_datetime(ceremony, "es") == "sábado 20 de septiembre de 2025, 20:00"
    assert i18n.long_datetime(ceremony, "en") == "Saturday, September 20, 2025, 20:00"
    assert i18n.zone_label(ceremony) == "America/Mexico_City (UTC−06:00)"


def test_every_message_exists_in_both_languages() -> None:
    assert set(i18n.es.MESSAGES) == set(i18n.en.MESSAGES)
    assert i18n.t("home.upcoming", "fr") == "Próximos eventos"


def test_sequence_moves_with_time_place_and_status_only() -> None:
    current = {"start_utc": 1, "end_utc": 2, "space_id": 3, "status": "confirmed", "title": "Ensayo"}
    assert bumps_sequence(current, {"space_id": 4})
    assert bumps_sequence(current, {"status": "cancelled"})
    assert not bumps_sequence(current, {"title": "Ensayo general", "start_utc": 1})
