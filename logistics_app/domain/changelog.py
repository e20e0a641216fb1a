"""What a release changes, computed from the difference between the published and working
schedules (as pretalx does): new, moved, cancelled, changed place, changed details."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any


class ChangeKind(StrEnum):
    NEW = "new"
    MOVED = "moved"
    CANCELLED = "cancelled"
    PLACE = "place"  # another venue or space
    CHANGED = "changed"  # title, description, status, visibility ...


@dataclass(frozen=True)
class Snapshot:
    """What the changelog compares of an item (times in aware UTC; the place as its name)."""

    uid: str
    title: str
    start: datetime
    end: datetime
    place: str
    cancelled: bool
    details: tuple[Any, ...] = ()  # anything else shown to the public


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    uid: str
    title: str
    before: str = ""
    after: str = ""

    def as_dict(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items()}


def changelog(
    published: list[Snapshot], working: list[Snapshot], describe: Any = lambda s: s.start.isoformat()
) -> list[Change]:
    """The changes, one per item and most important first (new, cancelled, moved, place, changed).

    `describe(snapshot)` writes an item's time for people (the caller knows the zone and language).
    Items gone from the working schedule count as cancelled.
    """
    before = {s.uid: s for s in published}
    after = {s.uid: s for s in working}
    changes = []
    for uid, now in after.items():
        old = before.get(uid)
        if old is None and now.cancelled:  # added and cancelled before anyone was told: cancelled, not new
            changes.append(Change(ChangeKind.CANCELLED, uid, now.title, describe(now), ""))
        elif old is None:
            changes.append(Change(ChangeKind.NEW, uid, now.title, "", describe(now)))
        elif now.cancelled and not old.cancelled:
            changes.append(Change(ChangeKind.CANCELLED, uid, now.title, describe(old), ""))
        elif (now.start, now.end) != (old.start, old.end):
            changes.append(Change(ChangeKind.MOVED, uid, now.title, describe(old), describe(now)))
        elif now.place != old.place:
            changes.append(Change(ChangeKind.PLACE, uid, now.title, old.place, now.place))
        elif (now.title, now.cancelled, now.details) != (old.title, old.cancelled, old.details):
            changes.append(Change(ChangeKind.CHANGED, uid, now.title, old.title, now.title))
    changes += [
        Change(ChangeKind.CANCELLED, uid, old.title, describe(old), "")
        for uid, old in before.items()
        if uid not in after and not old.cancelled
    ]
    order = list(ChangeKind)
    return sorted(changes, key=lambda c: (order.index(c.kind), c.title))


def change_from(row: dict[str, str]) -> Change:
    """A change as `Change.as_dict` stored it."""
    return Change(ChangeKind(row["kind"]), row["uid"], row["title"], row.get("before", ""), row.get("after", ""))


def merge(earlier: list[Change], later: list[Change]) -> list[Change]:
    """Two releases' changes told as one (a notice not sent yet, and the next publication):
    moved twice is moved from the first time to the last; new then moved is new at its last time;
    new then cancelled is nothing; anything then cancelled is cancelled from its first time.
    Other pairs are both told."""
    told: dict[str, list[Change]] = {}
    for change in earlier:
        told.setdefault(change.uid, []).append(change)
    for change in later:
        before = told.get(change.uid, [])
        first = before[0] if before else None
        if first is None:
            told[change.uid] = [change]
        elif change.kind == ChangeKind.CANCELLED:
            told[change.uid] = [] if first.kind == ChangeKind.NEW else [replace(change, before=first.before)]
        elif first.kind == ChangeKind.NEW and change.kind == ChangeKind.MOVED:
            told[change.uid] = [replace(first, title=change.title, after=change.after)]
        elif first.kind == ChangeKind.NEW:
            told[change.uid] = [replace(first, title=change.title)]
        elif first.kind == change.kind == ChangeKind.MOVED and len(before) == 1:
            told[change.uid] = [replace(change, before=first.before)]
        else:
            told[change.uid] = [*before, change]
    order = list(ChangeKind)
    undone = (ChangeKind.MOVED, ChangeKind.PLACE)  # moved there and back again: nothing to tell
    merged = (c for changes in told.values() for c in changes if not (c.kind in undone and c.before == c.after))
    return sorted(merged, key=lambda c: (order.index(c.kind), c.title))
