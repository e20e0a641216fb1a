"""Time-zone names as other calendar programs write them, turned into IANA zones.

IANA names pass through. Windows zone IDs ("Central Standard Time (Mexico)") follow CLDR's
windowsZones table (shipped in Babel); the display names of older Outlook and Exchange exports
("(UTC-06:00) Guadalajara, Mexico City, Monterrey") follow node-ical's table (data/SOURCE.md).
Vendor-prefixed "globally unique" TZIDs ("/mozilla.org/20050126_1/America/Mexico_City") keep
their IANA ending.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from babel.core import get_global

from logistics_app.timeutil import is_valid_zone

_DATA = Path(__file__).resolve().parent / "data" / "windowsZones.json"


@cache
def _windows() -> dict[str, str]:
    names: dict[str, str] = {
        name: value["iana"][0] for name, value in json.loads(_DATA.read_text()).items() if name.startswith("(")
    }
    names.update(get_global("windows_zone_mapping"))
    return names


def windows_zone(name: str) -> str | None:
    """The IANA zone of a Windows zone ID or display name, or None."""
    return _windows().get(name.strip())


def iana_zone(name: str) -> str | None:
    """The IANA zone this TZID means when it is a zone name others know (IANA, Windows, vendor
    prefixed), or None for a name only the calendar's own VTIMEZONE can explain."""
    name = name.strip()
    if is_valid_zone(name):
        return name
    if windows := windows_zone(name):
        return windows
    if name.startswith("/"):
        parts = name.strip("/").split("/")
        for first in range(1, len(parts)):
            if is_valid_zone(candidate := "/".join(parts[first:])):
                return candidate
    return None
