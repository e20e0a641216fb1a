"""A day of the timeline laid out: one column per space (Indico's timetable), blocks placed by
minute from the first hour anything happens to the end of the day. Plain values in, plain values out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from logistics_app.timeutil import to_local

PX_PER_MINUTE = 1
MIN_BLOCK_PX = 24  # a short item still has room for its title


@dataclass(frozen=True)
class Block:
    column: str  # the space (or an external calendar's "busy" column)
    start: datetime  # aware
    end: datetime
    id: str
    title: str
    status: str  # an item's status, or "busy"
    time_label: str


@dataclass(frozen=True)
class DayLayout:
    hours: list[str]
    columns: list[dict[str, Any]]  # {"name", "blocks": [{"id", "title", "time", "top", "height", "status"}], "busy"}
    height: int


def _placed(block: Block, start: datetime, end: datetime, origin: datetime) -> dict[str, str]:
    """A block in its column: its top and height in pixels from the column's first hour."""
    return {
        "id": block.id,
        "title": block.title,
        "time": block.time_label,
        "top": f"{int((start - origin).total_seconds() // 60) * PX_PER_MINUTE}px",
        "height": f"{max(MIN_BLOCK_PX, int((end - start).total_seconds() // 60) * PX_PER_MINUTE)}px",
        "status": block.status,
    }


def side_by_side(placed: list[dict[str, str]]) -> list[dict[str, str]]:
    """Blocks of one column that overlap (a clash, or a day of the week) share its width: each gets
    a lane and the number of lanes of its group, instead of hiding the other under it."""

    def span(block: dict[str, str]) -> tuple[int, int]:
        top = int(block["top"].removesuffix("px"))
        return top, top + int(block["height"].removesuffix("px"))

    ordered = sorted(placed, key=lambda b: span(b))
    out: list[dict[str, str]] = []
    group: list[dict[str, str]] = []
    ends: list[int] = []  # where each lane of the current group is free again
    group_end = -1
    for block in ordered:
        top, bottom = span(block)
        if group and top >= group_end:  # nothing before overlaps it: a group of its own begins
            out += [{**b, "lanes": str(len(ends))} for b in group]
            group, ends, group_end = [], [], -1
        lane = next((i for i, end in enumerate(ends) if end <= top), len(ends))
        ends[lane : lane + 1] = [bottom]
        group.append({**block, "lane": str(lane)})
        group_end = max(group_end, bottom)
    out += [{**b, "lanes": str(len(ends))} for b in group]
    return out


def lay_out(blocks: list[Block], zone: str, day_start: datetime, day_end: datetime) -> DayLayout:
    """The day from its local start to its end; empty, it shows 08:00 to 20:00."""
    start_local, end_local = to_local(day_start, zone), to_local(day_end, zone)
    first_hour = min((max(to_local(b.start, zone), start_local).hour for b in blocks), default=8)
    last_hour = max(
        (int((min(to_local(b.end, zone), end_local) - start_local).total_seconds() // 3600) + 1 for b in blocks),
        default=20,
    )
    origin = start_local.replace(hour=first_hour)
    columns: dict[str, list[dict[str, str]]] = {}
    for block in blocks:
        start, end = max(to_local(block.start, zone), origin), min(to_local(block.end, zone), end_local)
        columns.setdefault(block.column, []).append(_placed(block, start, end, origin))
    hours = list(range(first_hour, last_hour + 1))
    return DayLayout(
        hours=[f"{h % 24:02d}:00" for h in hours],
        # Spaces in name order, then the external calendars' columns.
        columns=[
            {"name": name, "blocks": side_by_side(placed), "busy": "1" if placed[0]["status"] == "busy" else ""}
            for name, placed in sorted(columns.items(), key=lambda c: (c[1][0]["status"] == "busy", c[0]))
        ],
        height=len(hours) * 60 * PX_PER_MINUTE,
    )


def lay_out_week(days: list[tuple[str, datetime, datetime, list[Block]]], zone: str) -> DayLayout:
    """The event's days side by side (a column each, its local date as the name), every column on
    the same hours, from the earliest start to the latest end of any day."""
    starts = [max(to_local(b.start, zone), to_local(low, zone)) for _, low, _, blocks in days for b in blocks]
    first_hour = min((s.hour for s in starts), default=8)
    last_hour = max(
        (
            int((min(to_local(b.end, zone), to_local(high, zone)) - to_local(low, zone)).total_seconds() // 3600) + 1
            for _, low, high, blocks in days
            for b in blocks
        ),
        default=20,
    )
    columns = []
    for label, low, high, blocks in days:
        origin = to_local(low, zone).replace(hour=first_hour)
        placed = []
        for block in blocks:
            start, end = max(to_local(block.start, zone), origin), min(to_local(block.end, zone), to_local(high, zone))
            placed.append(_placed(block, start, end, origin))
        columns.append({"name": label, "blocks": side_by_side(placed), "busy": ""})
    hours = list(range(first_hour, max(last_hour, first_hour + 1) + 1))
    return DayLayout(hours=[f"{h % 24:02d}:00" for h in hours], columns=columns, height=len(hours) * 60 * PX_PER_MINUTE)
