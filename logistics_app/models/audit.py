"""The change log: every change to a working schedule item, field by field, with who made it."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from logistics_app.models.release import ChangeRecord
from logistics_app.models.schedule import ScheduleItem
from logistics_app.timeutil import now_utc

# Bookkeeping columns: they change with every save and say nothing to a reader of the log.
_SKIPPED = frozenset(
    {"id", "version", "updated_at", "created_at", "sequence", "uid", "source_key", "source_sequence", "parent_id"}
)
_COLUMNS = tuple(c.key for c in sa.inspect(ScheduleItem).column_attrs if c.key not in _SKIPPED)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _record(session: Session, item: ScheduleItem, field: str, before: Any, after: Any) -> dict[str, Any]:
    return {
        "at": now_utc(),
        "user_id": session.info.get("actor_id"),
        "event_id": item.event_id,
        "item_uid": item.uid,
        "item_title": item.title[:300],
        "field": field,
        "before": _text(before),
        "after": _text(after),
    }


@sa.event.listens_for(Session, "before_flush")
def _log_changes(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get("no_change_log"):
        return
    records = [
        _record(session, item, "created", "", item.title) for item in session.new if isinstance(item, ScheduleItem)
    ]
    for item in [o for o in session.dirty if isinstance(o, ScheduleItem) and session.is_modified(o)]:
        state = sa.inspect(item)
        for name in _COLUMNS:
            history = state.attrs[name].history
            if history.has_changes():
                before = history.deleted[0] if history.deleted else None
                after = history.added[0] if history.added else None
                if _text(before) != _text(after):
                    records.append(_record(session, item, name, before, after))
    records += [
        _record(session, item, "deleted", item.title, "") for item in session.deleted if isinstance(item, ScheduleItem)
    ]
    if records:
        # One INSERT for the lot (an import creates thousands of items in one flush).
        session.execute(sa.insert(ChangeRecord), records)
