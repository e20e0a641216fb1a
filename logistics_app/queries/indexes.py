"""Search indexes of an event's items, built once per data version and kept for the latest only."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from sqlmodel import Session

from logistics_app.domain.search import SearchIndex
from logistics_app.models import current_version

# (database, which index, event) -> (data version, index); events come from the database, never
# from what a visitor typed, and at most this many are kept.
_KEPT = 64
_INDEXES: OrderedDict[tuple[str, str, int], tuple[int, SearchIndex]] = OrderedDict()
_LOCK = threading.Lock()


def search_index(*, session: Session, kind: str, event_id: int, build: Callable[[], SearchIndex]) -> SearchIndex:
    """The `kind` index of the event (the public programme's, the organizer's), rebuilt by
    `build` when the data changed since it was made."""
    key, version = (str(session.get_bind().engine.url), kind, event_id), current_version(session)
    with _LOCK:
        if key in _INDEXES and _INDEXES[key][0] == version:
            _INDEXES.move_to_end(key)
            return _INDEXES[key][1]
    index = build()
    with _LOCK:
        _INDEXES[key] = (version, index)
        _INDEXES.move_to_end(key)
        while len(_INDEXES) > _KEPT:
            _INDEXES.popitem(last=False)
    return index
