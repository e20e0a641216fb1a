"""Crew capacity: does an agency have the people its deliverables need at the same time?

For each crew role and local day, a sweep over the deliverables' times finds the largest number of
people needed at once and compares it with what the agency declared for that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from logistics_app.i18n import clock, long_date, t
from logistics_app.models.enums import CrewRole
from logistics_app.timeutil import to_local


@dataclass(frozen=True)
class CrewNeed:
    """People of one role a deliverable takes during its item's time."""

    role: CrewRole
    people: int
    start: datetime  # aware UTC
    end: datetime
    title: str


@dataclass(frozen=True)
class Shortfall:
    role: CrewRole
    day: date
    needed: int
    available: int
    start: datetime  # when the peak begins and ends (aware UTC)
    end: datetime
    titles: tuple[str, ...]

    def message(self, zone: str, lang: str = "es") -> str:
        return t(
            "crew.shortfall",
            lang,
            role=t(f"crew.role.{self.role}", lang),
            needed=self.needed,
            available=self.available,
            day=long_date(self.day, lang),
            start=clock(to_local(self.start, zone), lang),
            end=clock(to_local(self.end, zone), lang),
            titles=", ".join(f"«{title}»" for title in self.titles),
        )


def crew_shortfalls(needs: list[CrewNeed], capacity: dict[tuple[date, CrewRole], int], zone: str) -> list[Shortfall]:
    """Each role and day where overlapping needs exceed the declared crew (no declaration: 0)."""
    by_day: dict[tuple[date, CrewRole], list[CrewNeed]] = {}
    for need in needs:
        if need.people > 0:
            by_day.setdefault((to_local(need.start, zone).date(), need.role), []).append(need)
    shortfalls = []
    for (day, role), day_needs in sorted(by_day.items()):
        # Ends before starts at the same instant: back-to-back work does not add up.
        points = sorted(
            [(n.start, 1, n) for n in day_needs] + [(n.end, -1, n) for n in day_needs],
            key=lambda p: (p[0], p[1]),
        )
        current, peak, peak_at, active = 0, 0, None, []
        peak_set: tuple[str, ...] = ()
        for index, (instant, step, need) in enumerate(points):
            current += step * need.people
            if step > 0:
                active.append(need)
            else:
                active.remove(need)
            if current > peak:
                following = points[index + 1][0] if index + 1 < len(points) else instant
                peak, peak_at, peak_set = current, (instant, following), tuple(n.title for n in active)
        available = capacity.get((day, role), 0)
        if peak > available and peak_at is not None:
            shortfalls.append(Shortfall(role, day, peak, available, peak_at[0], peak_at[1], peak_set))
    return shortfalls
