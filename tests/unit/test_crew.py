"""Crew shortfalls: overlapping needs of one role on one day, against what the agency declared."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from logistics_app.domain.crew import CrewNeed, crew_shortfalls

pytestmark = pytest.mark.unit
ZONE = "America/Mexico_City"  # UTC-6


def need(people: int, start_hour: int, end_hour: int, title: str, role: str = "gaffer") -> CrewNeed:
    return CrewNeed(
        role, people, datetime(2025, 9, 21, start_hour, tzinfo=UTC), datetime(2025, 9, 21, end_hour, tzinfo=UTC), title
    )


def test_overlapping_needs_add_up_and_are_compared_with_the_day_declared() -> None:
    needs = [need(8, 0, 3, "Iluminación de la gala"), need(6, 2, 4, "Ensayo con cámaras"), need(5, 4, 5, "Desmontaje")]
    [short] = crew_shortfalls(needs, {(date(2025, 9, 20), "gaffer"): 12}, ZONE)
    assert (short.needed, short.available, short.day) == (14, 12, date(2025, 9, 20))
    assert (short.start, short.end) == (datetime(2025, 9, 21, 2, tzinfo=UTC), datetime(2025, 9, 21, 3, tzinfo=UTC))
    assert short.message(ZONE) == (
        "Faltan eléctricos: se necesitan 14 el sábado 20 de septiembre de 2025 de 20:00 a 21:00 "
        "(«Iluminación de la gala», «Ensayo con cámaras») y hay 12."
    )


def test_back_to_back_work_and_other_roles_do_not_add_up() -> None:
    needs = [need(8, 0, 2, "Montaje"), need(8, 2, 4, "Función"), need(8, 0, 4, "Traslados", role="driver")]
    assert crew_shortfalls(needs, {(date(2025, 9, 20), "gaffer"): 8, (date(2025, 9, 20), "driver"): 8}, ZONE) == []


def test_a_day_without_a_declaration_counts_as_nobody() -> None:
    [short] = crew_shortfalls([need(2, 0, 1, "Traslado de nominados", role="driver")], {}, ZONE)
    assert (short.needed, short.available) == (2, 0)
