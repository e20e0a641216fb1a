"""Run-of-show arithmetic: each segment starts when the one before ends; the total is compared
with the broadcast slot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

SEGMENT_KINDS = ("opening", "category", "music", "memoriam", "closing", "other")


@dataclass(frozen=True)
class Timed:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Rundown:
    times: list[Timed]
    ends: datetime
    overrun: timedelta  # how far past the slot's end the last segment ends (zero when it fits)
    spare: timedelta  # how much of the slot is left (zero when it overruns)


def plan(start: datetime, minutes: list[int], slot_end: datetime) -> Rundown:
    """Start and end of each segment, in order, from the ceremony's start."""
    times, at = [], start
    for length in minutes:
        times.append(Timed(at, at + timedelta(minutes=length)))
        at += timedelta(minutes=length)
    return Rundown(times, at, max(timedelta(0), at - slot_end), max(timedelta(0), slot_end - at))


def presenter_is_nominee(presenters: set[int], nominees: set[int]) -> set[int]:
    """People who would present a category they are nominated in."""
    return presenters & nominees
