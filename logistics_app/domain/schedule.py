"""Rules about schedule items that don't need the database."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# A change to any of these is a change calendar apps must see (RFC 5545 SEQUENCE).
SEQUENCED_FIELDS = ("start_utc", "end_utc", "all_day", "venue_id", "space_id", "status")


def bumps_sequence(current: Mapping[str, Any], changes: Mapping[str, Any]) -> bool:
    """True when the changes move the item in time or place, or change its status."""
    return any(name in changes and changes[name] != current.get(name) for name in SEQUENCED_FIELDS)
