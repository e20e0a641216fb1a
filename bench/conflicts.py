"""Conflict detection on 100,000 items: prints the time of one full sweep (make bench)."""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta

from logistics_app.domain.conflicts import EventWindow, Slot, find_conflicts

N_ITEMS, N_SPACES, N_PEOPLE, N_EVENTS = 100_000, 2_000, 20_000, 100


def build(seed: int = 2025) -> tuple[list[Slot], list[EventWindow]]:
    rng = random.Random(seed)
    origin = datetime(2025, 1, 1, tzinfo=UTC)
    slots = []
    for i in range(N_ITEMS):
        start = origin + timedelta(minutes=15 * rng.randrange(365 * 24 * 4))
        people = tuple((p, f"persona {p}") for p in rng.sample(range(N_PEOPLE), rng.randrange(0, 4)))
        slots.append(
            Slot(
                id=i,
                title=f"actividad {i}",
                event_id=i % N_EVENTS,
                start=start,
                end=start + timedelta(minutes=30 * rng.randrange(1, 8)),
                zone="America/Mexico_City",
                space_id=rng.randrange(N_SPACES),
                space_name="sala",
                people=people,
                cancelled=rng.random() < 0.05,
            )
        )
    windows = [
        EventWindow(e, f"evento {e}", date(2025, 1, 1), date(2025, 12, 31), "America/Mexico_City")
        for e in range(N_EVENTS)
    ]
    return slots, windows


def main() -> None:
    slots, windows = build()
    timings = []
    for _ in range(3):
        began = time.perf_counter()
        found = find_conflicts(slots, windows)
        timings.append(time.perf_counter() - began)
    by_kind: dict[str, int] = {}
    for conflict in found:
        by_kind[conflict.kind] = by_kind.get(conflict.kind, 0) + 1
    print(f"conflict detection: {N_ITEMS:,} items, {N_SPACES:,} spaces, {N_PEOPLE:,} people")
    print(f"  best of 3: {min(timings):.3f} s   (runs: {', '.join(f'{t:.3f}' for t in timings)})")
    print(f"  conflicts found: {len(found):,} {by_kind}")


if __name__ == "__main__":
    main()
