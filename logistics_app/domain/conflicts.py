"""Conflict detection: double-booked spaces, people in two places, items outside their event.

A sweep over intervals sorted by start: O(n log n + k) for n items and k clashes, never all pairs.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from logistics_app.i18n import clock, date_range, long_datetime, t
from logistics_app.timeutil import local_day_bounds, to_local


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ConflictKind(StrEnum):
    SPACE = "space"
    PERSON = "person"
    OUTSIDE_EVENT = "outside_event"
    BUSY = "busy"


@dataclass(frozen=True)
class Slot:
    """What the rules need to know about one schedule item."""

    id: int
    title: str
    event_id: int
    start: datetime
    end: datetime
    zone: str
    space_id: int | None = None
    space_name: str = ""
    space_parallel: bool = False
    people: tuple[tuple[int, str], ...] = ()
    cancelled: bool = False
    venue_id: int | None = None
    agency_ids: tuple[int, ...] = ()
    parent_id: int | None = None  # a part of that item (a run-of-show segment of its ceremony)


@dataclass(frozen=True)
class Busy:
    """A time a venue's or an agency's external calendar says it is taken."""

    owner: tuple[str, int]  # ("venue", id) or ("agency", id)
    owner_name: str
    title: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class EventWindow:
    id: int
    name: str
    start_date: date
    end_date: date
    zone: str


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    severity: Severity
    a: Slot
    b: Slot | None = None
    params: dict[str, Any] = field(default_factory=dict)
    busy: Busy | None = None

    @property
    def item_ids(self) -> tuple[int, ...]:
        return (self.a.id,) if self.b is None else (self.a.id, self.b.id)

    def message(self, lang: str = "es") -> str:
        return t(f"conflict.{self.kind}", lang, **self._message_params(lang))

    def _message_params(self, lang: str) -> dict[str, Any]:
        if self.busy is not None:
            return {
                "a": self.a.title,
                "owner": self.busy.owner_name,
                "busy": self.busy.title or t("busy.untitled", lang),
                "when": self._overlap(self.busy.start, self.busy.end, lang),
            }
        if self.b is None:
            window: EventWindow = self.params["event"]
            return {
                "a": self.a.title,
                "when": long_datetime(to_local(self.a.start, self.a.zone), lang),
                "event": window.name,
                "dates": date_range(window.start_date, window.end_date, lang),
            }
        when = self._overlap(self.b.start, self.b.end, lang)
        return {"a": self.a.title, "b": self.b.title, "when": when, **self.params_for_text()}

    def _overlap(self, start: datetime, end: datetime, lang: str) -> str:
        """When the first side and the other overlap, in the first side's zone."""
        low, high = to_local(max(self.a.start, start), self.a.zone), to_local(min(self.a.end, end), self.a.zone)
        return f"{long_datetime(low, lang)}–{clock(high, lang)}"

    def params_for_text(self) -> dict[str, Any]:
        return {k: v for k, v in self.params.items() if isinstance(v, str)}

    def as_dict(self, lang: str = "es") -> dict[str, Any]:
        return {
            "type": str(self.kind),
            "severity": str(self.severity),
            "items": list(self.item_ids),
            "message": self.message(lang),
        }


def _overlapping_pairs(
    keyed: list[tuple[Any, float, float, int]],
) -> Iterable[tuple[Any, int, int]]:
    """Yield (key, i, j) for every two intervals with the same key that overlap.

    Intervals are half-open: one that ends when the next starts does not overlap it.
    """
    keyed.sort()
    active: list[tuple[float, int]] = []
    current_key: Any = object()
    for key, start, end, index in keyed:
        if key != current_key:
            current_key, active = key, []
        while active and active[0][0] <= start:
            heapq.heappop(active)
        for _, other in active:
            yield key, other, index
        heapq.heappush(active, (end, index))


def _crossing_pairs(
    keyed: list[tuple[Any, float, float, bool, int]],
) -> Iterable[tuple[int, int]]:
    """Yield (item index, busy index) for every item that overlaps a busy time with the same key.

    Items among themselves and busy times among themselves are not compared.
    """
    keyed.sort()
    active: tuple[list[tuple[float, int]], list[tuple[float, int]]] = ([], [])
    current_key: Any = object()
    for key, start, end, is_busy, index in keyed:
        if key != current_key:
            current_key, active = key, ([], [])
        for heap in active:
            while heap and heap[0][0] <= start:
                heapq.heappop(heap)
        for _, other in active[not is_busy]:
            yield (other, index) if is_busy else (index, other)
        heapq.heappush(active[is_busy], (end, index))


def find_conflicts(
    slots: Sequence[Slot], windows: Iterable[EventWindow] = (), busy: Sequence[Busy] = ()
) -> list[Conflict]:
    """Every conflict among the slots (and with the busy times), errors first, in chronological order."""
    live = [s for s in slots if not s.cancelled]
    times = [(s.start.timestamp(), s.end.timestamp()) for s in live]
    conflicts: list[Conflict] = []

    space_rows = [
        (s.space_id, *times[i], i) for i, s in enumerate(live) if s.space_id is not None and not s.space_parallel
    ]
    for _, i, j in _overlapping_pairs(space_rows):
        if _whole_and_part(live[i], live[j]):
            continue
        a, b = _ordered(live[i], live[j])
        conflicts.append(Conflict(ConflictKind.SPACE, Severity.ERROR, a, b, {"space": a.space_name}))

    names: dict[int, str] = {}
    person_rows = []
    for i, s in enumerate(live):
        start, end = times[i]
        for person_id, person_name in s.people:
            names[person_id] = person_name
            person_rows.append((person_id, start, end, i))
    for person_id, i, j in _overlapping_pairs(person_rows):
        if _whole_and_part(live[i], live[j]):
            continue
        a, b = _ordered(live[i], live[j])
        conflicts.append(Conflict(ConflictKind.PERSON, Severity.ERROR, a, b, {"person": names[person_id]}))

    owned: list[tuple[Any, float, float, bool, int]] = []
    for i, s in enumerate(live):
        if s.parent_id is not None:  # a part meets a busy time through its whole, once
            continue
        start, end = times[i]
        if s.venue_id is not None:
            owned.append((("venue", s.venue_id), start, end, False, i))
        # An agency that leads and supports the same item meets its busy time once.
        owned.extend((("agency", agency), start, end, False, i) for agency in set(s.agency_ids))
    owned.extend((b.owner, b.start.timestamp(), b.end.timestamp(), True, j) for j, b in enumerate(busy))
    for i, j in _crossing_pairs(owned):
        conflicts.append(Conflict(ConflictKind.BUSY, Severity.WARNING, live[i], busy=busy[j]))

    bounds = {w.id: (w, *_utc_bounds(w)) for w in windows}
    for s in live:
        bound = bounds.get(s.event_id)
        if bound is None:
            continue
        window, low, high = bound
        if s.start < low or s.end > high:
            conflicts.append(Conflict(ConflictKind.OUTSIDE_EVENT, Severity.WARNING, s, None, {"event": window}))

    conflicts.sort(key=lambda c: (c.severity != Severity.ERROR, c.a.start, c.a.id))
    return conflicts


def _whole_and_part(a: Slot, b: Slot) -> bool:
    """A segment and its own ceremony share the stage and the presenters by design."""
    return a.parent_id == b.id or b.parent_id == a.id


def _ordered(a: Slot, b: Slot) -> tuple[Slot, Slot]:
    return (a, b) if (a.start, a.id) <= (b.start, b.id) else (b, a)


def _utc_bounds(window: EventWindow) -> tuple[datetime, datetime]:
    """From the first local midnight of the event to the midnight ending its last day."""
    return local_day_bounds(window.start_date, window.zone)[0], local_day_bounds(window.end_date, window.zone)[1]
