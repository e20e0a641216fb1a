"""Rules about schedule items that don't need the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from logistics_app.models.enums import ItemKind, ItemStatus, ParticipantRole, Visibility

# A change to any of these is a change calendar apps must see (RFC 5545 SEQUENCE).
SEQUENCED_FIELDS = ("start_utc", "end_utc", "all_day", "venue_id", "space_id", "status")


def bumps_sequence(current: Mapping[str, Any], changes: Mapping[str, Any]) -> bool:
    """True when the changes move the item in time or place, or change its status."""
    return any(name in changes and changes[name] != current.get(name) for name in SEQUENCED_FIELDS)


@dataclass
class ItemInput:
    """An item's editable values as a form, an import or the demo give them (times aware)."""

    title: str
    kind: ItemKind
    start: datetime
    end: datetime
    venue_id: int | None = None
    space_id: int | None = None
    status: ItemStatus = ItemStatus.CONFIRMED
    visibility: Visibility = Visibility.PUBLIC
    all_day: bool = False
    lead_agency_id: int | None = None
    supporting_agency_ids: tuple[int, ...] = ()
    participants: tuple[tuple[int, ParticipantRole], ...] = ()  # (person id, role)
    description: str = ""
    notes: str = ""
    work_title: str = ""
    work_id: int | None = None
    share_before_publish: bool = False
    location_text: str = ""
    uid: str | None = None
    # An imported item's source (its key in the calendar it came from, and that calendar's SEQUENCE).
    source: tuple[str, int] | None = None
