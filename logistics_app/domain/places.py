"""Where an item happens, as text (the feeds' LOCATION) and back (an imported LOCATION matched to a
venue or one of its spaces, ignoring accents, case and punctuation)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from logistics_app.domain.text import fold


@dataclass(frozen=True)
class Place:
    """A venue, or a space of it, as the matcher sees them."""

    venue_id: int
    venue_name: str
    address: str = ""
    city: str = ""
    state: str = ""
    is_online: bool = False
    url: str = ""
    space_id: int | None = None
    space_name: str = ""


def location_text(place: Place) -> str:
    """The LOCATION feeds write: space, venue, address, city, state (or an online venue's name and link)."""
    if place.is_online:
        return " ".join(filter(None, (place.venue_name, place.url)))
    parts = [place.space_name, place.venue_name, place.address, place.city, place.state]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


class PlaceIndex:
    """Every way a LOCATION may name a place, prepared once for a whole import."""

    def __init__(self, places: Iterable[Place]):
        # (how sure, the name as matched) -> the places it names
        self._names: dict[tuple[int, str], set[Place]] = {}
        self._seen: dict[str, Place | None] = {}
        for place in places:
            venue, space = _key(place.venue_name), _key(place.space_name)
            names = [(4, _key(location_text(place)))]
            if space:
                names += [(3, f"{space} {venue}"), (3, f"{venue} {space}"), (3, f"{space}|{venue}")]
            else:
                names += [(2, venue), (2, f"{venue}|")]
            for name in names:
                self._names.setdefault(name, set()).add(place)

    def match(self, location: str) -> Place | None:
        """The venue or space a LOCATION names: its whole text as the feeds write it, the space and
        venue names, or the venue's name alone (each ignoring accents, case and punctuation); a
        space beats its venue. None when nothing matches or two places match equally."""
        if location not in self._seen:
            self._seen[location] = self._match(location)
        return self._seen[location]

    def _match(self, location: str) -> Place | None:
        wanted = _key(location)
        if not wanted:
            return None
        parts = [_key(p) for p in location.split(",")]
        tries = [(4, wanted), (3, wanted), (3, "|".join(parts[:2])), (2, wanted), (2, f"{parts[0]}|")]
        for rank in (4, 3, 2):
            found = set().union(*(self._names.get(t, set()) for t in tries if t[0] == rank))
            if found:
                return next(iter(found)) if len(found) == 1 else None
        return None


def match_place(location: str, places: Iterable[Place]) -> Place | None:
    """PlaceIndex(places).match(location), for a single LOCATION."""
    return PlaceIndex(places).match(location)
