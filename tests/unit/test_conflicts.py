from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from logistics_app.domain.conflicts import ConflictKind, EventWindow, Severity, Slot, find_conflicts

pytestmark = pytest.mark.unit
MX = "America/Mexico_City"
T0 = datetime(2025, 9, 20, 18, 0, tzinfo=UTC)  # 12:00 in Puerto Vallarta


def slot(id: int, start_h: float, end_h: float, **kw: object) -> Slot:
    defaults: dict[str, object] = {"title": f"item {id}", "event_id": 1, "zone": MX}
    defaults.update(kw)
    return Slot(id=id, start=T0 + timedelta(hours=start_h), end=T0 + timedelta(hours=end_h), **defaults)  # type: ignore[arg-type]


def test_same_space_at_overlapping_times_is_an_error() -> None:
    found = find_conflicts([slot(1, 0, 2, space_id=7, space_name="Gran Salón"), slot(2, 1, 3, space_id=7)])
    assert [(c.kind, c.severity, c.item_ids) for c in found] == [(ConflictKind.SPACE, Severity.ERROR, (1, 2))]
    assert "«item 1» y «item 2» ocupan Gran Salón" in found[0].message("es")
    assert "“item 1” and “item 2” use Gran Salón" in found[0].message("en")


def test_items_touching_end_to_start_do_not_overlap() -> None:
    assert find_conflicts([slot(1, 0, 2, space_id=7), slot(2, 2, 3, space_id=7)]) == []


def test_items_crossing_midnight_overlap_the_next_morning() -> None:
    # 23:30–02:00 local and 01:00–03:00 local the next day, same space.
    late = slot(1, 11.5, 14, space_id=7, space_name="Camerinos")
    early = slot(2, 13, 15, space_id=7, space_name="Camerinos")
    found = find_conflicts([early, late])
    assert [c.item_ids for c in found] == [(1, 2)]


def test_cancelled_items_never_conflict() -> None:
    assert find_conflicts([slot(1, 0, 2, space_id=7), slot(2, 1, 3, space_id=7, cancelled=True)]) == []


def test_a_space_for_parallel_use_allows_overlaps() -> None:
    assert (
        find_conflicts([slot(1, 0, 2, space_id=7, space_parallel=True), slot(2, 1, 3, space_id=7, space_parallel=True)])
        == []
    )


def test_different_spaces_do_not_conflict() -> None:
    assert find_conflicts([slot(1, 0, 2, space_id=7), slot(2, 1, 3, space_id=8)]) == []


def test_a_person_in_two_items_of_different_events_is_an_error() -> None:
    rehearsal = slot(1, 0, 2, title="Ensayo general", event_id=1, people=((5, "Luisa Huertas"),))
    masterclass = slot(2, 1, 3, title="Clase magistral", event_id=2, people=((5, "Luisa Huertas"),))
    found = find_conflicts([masterclass, rehearsal])
    assert [(c.kind, c.severity, c.item_ids) for c in found] == [(ConflictKind.PERSON, Severity.ERROR, (1, 2))]
    assert found[0].message() == (
        "Luisa Huertas está en «Ensayo general» y en «Clase magistral» al mismo tiempo "
        "(sábado 20 de septiembre de 2025, 13:00–14:00)."
    )


def test_three_overlapping_items_give_three_pairs() -> None:
    found = find_conflicts([slot(1, 0, 3, space_id=1), slot(2, 1, 4, space_id=1), slot(3, 2, 5, space_id=1)])
    assert sorted(c.item_ids for c in found) == [(1, 2), (1, 3), (2, 3)]


def test_item_outside_its_event_dates_is_a_warning() -> None:
    window = EventWindow(1, "67 Premios Ariel", date(2025, 9, 19), date(2025, 9, 21), MX)
    inside = slot(1, 0, 2)
    after = slot(2, 48, 49)  # 22 September, local
    found = find_conflicts([inside, after], [window])
    assert [(c.kind, c.severity, c.item_ids) for c in found] == [(ConflictKind.OUTSIDE_EVENT, Severity.WARNING, (2,))]
    assert "queda fuera de las fechas del evento «67 Premios Ariel»" in found[0].message()


def test_item_ending_at_midnight_of_the_last_day_is_inside() -> None:
    window = EventWindow(1, "Ariel", date(2025, 9, 19), date(2025, 9, 20), MX)
    # 20 Sep 22:00 to 21 Sep 00:00 local
    assert find_conflicts([slot(1, 10, 12)], [window]) == []


def test_errors_come_before_warnings() -> None:
    window = EventWindow(1, "Ariel", date(2025, 9, 20), date(2025, 9, 20), MX)
    found = find_conflicts([slot(1, -30, -29), slot(2, 0, 2, space_id=3), slot(3, 1, 2, space_id=3)], [window])
    assert [c.severity for c in found] == [Severity.ERROR, Severity.WARNING]


def test_the_sweep_finds_exactly_the_pairs_a_full_comparison_finds() -> None:
    import random

    rng = random.Random(7)
    slots = [
        slot(
            i,
            rng.randrange(0, 96) / 4,
            0,
            space_id=rng.randrange(4),
            people=((rng.randrange(6), "p"),),
            cancelled=rng.random() < 0.1,
        )
        for i in range(300)
    ]
    slots = [Slot(**{**s.__dict__, "end": s.start + timedelta(minutes=15 * rng.randrange(1, 12))}) for s in slots]
    live = [s for s in slots if not s.cancelled]
    expected = set()
    for a in live:
        for b in live:
            if a.id < b.id and a.start < b.end and b.start < a.end:
                if a.space_id == b.space_id:
                    expected.add(("space", a.id, b.id))
                if a.people[0][0] == b.people[0][0]:
                    expected.add(("person", a.id, b.id))
    found = {(str(c.kind), *sorted(c.item_ids)) for c in find_conflicts(slots)}
    assert found == expected


def test_overlapping_blocks_of_a_column_stand_side_by_side() -> None:
    from logistics_app.domain.timeline import side_by_side

    def block(name: str, top: int, height: int) -> dict[str, str]:
        return {"id": name, "top": f"{top}px", "height": f"{height}px"}

    placed = side_by_side([block("a", 0, 300), block("b", 60, 60), block("c", 180, 60), block("d", 400, 30)])
    lanes = {b["id"]: (b["lane"], b["lanes"]) for b in placed}
    # b and c overlap a (not each other): both in the second lane; d is alone.
    assert lanes == {"a": ("0", "2"), "b": ("1", "2"), "c": ("1", "2"), "d": ("0", "1")}
