"""What a release changes, computed from the difference between the published and working
schedules (as pretalx does): new, moved, cancelled, changed place, changed details."""

from __future__ import annotations

from dataclasses import asdict, dataclass
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
        if old is None:
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
