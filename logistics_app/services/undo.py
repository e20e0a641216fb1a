"""Undo: every organizer's change to the schedule records what it replaced (in the same
transaction), and undoing restores it in one transaction, if nothing changed it since.

Three kinds of record, any mix in one entry: items changed (their values before, and the version
the change left), items created (removed again), and rows deleted — an item, a deliverable, a
run-of-show segment, a nomination — with every row the database deleted or emptied along with them
(their cascades), put back with their own ids, so that links, feeds and UIDs are as they were."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.domain.schedule import ItemInput
from logistics_app.i18n import long_datetime, t
from logistics_app.models import (
    AwardCategory,
    ChangeRecord,
    Event,
    ItemKind,
    ItemStatus,
    ParticipantRole,
    RunSegment,
    ScheduleItem,
    UndoEntry,
    Visibility,
    key_of,
    table_of,
)
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.schedule import StaleEdit, delete_item, item_input, update_item
from logistics_app.timeutil import now_utc, to_local

TOAST_MINUTES = 5  # the toast after a change offers undo this long; the history, as long as it applies
HISTORY = 20


class UndoRefused(Exception):
    """Something changed what the entry would restore; nothing was written."""

    def __init__(self, code: str, title: str = ""):
        super().__init__(code)
        self.code, self.title = code, title

    def message(self, lang: str) -> str:
        return t(f"undo.refused.{self.code}", lang, title=self.title)


# --- recording -----------------------------------------------------------------------------


class Recorder:
    """Collects what a use case is about to change; `save` writes the entry (same transaction)."""

    def __init__(self, session: Session, event: Event, user_id: int | None, label: str) -> None:
        self.session, self.event, self.user_id, self.label = session, event, user_id, label
        self.changed: list[tuple[int, ItemInput]] = []
        self.created: list[int] = []
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.nulled: list[list[Any]] = []

    def before_change(self, item: ScheduleItem) -> None:
        self.changed.append((key_of(item), item_input(session=self.session, item=item)))

    def after_create(self, items: Iterable[ScheduleItem]) -> None:
        self.created += [key_of(item) for item in items]

    def before_delete(self, model: type[SQLModel], ids: Sequence[int], *, forget: Iterable[str] = ()) -> None:
        """Keeps the rows about to be deleted and everything their deletion takes along (except the
        tables in `forget`: what an undo must not bring back by itself)."""
        self.session.flush()
        _collect(self.session, sa.inspect(model).local_table, list(ids), self.rows, self.nulled)
        for name in forget:
            self.rows.pop(name, None)

    def save(self) -> UndoEntry:
        self.session.flush()
        versions = dict(
            self.session.exec(
                select(ScheduleItem.id, ScheduleItem.version).where(
                    col(ScheduleItem.id).in_([i for i, _ in self.changed] + self.created)
                )
            ).all()
        )
        payload = {
            "changed": [{"id": i, "version": versions.get(i), "input": _input_json(d)} for i, d in self.changed],
            "created": [{"id": i, "version": versions.get(i)} for i in self.created],
            "deleted": {"rows": self.rows, "nulled": self.nulled},
        }
        entry = UndoEntry(
            event_id=key_of(self.event),
            user_id=self.user_id,
            label=self.label[:300],
            payload=json.dumps(payload, default=_json),
        )
        self.session.add(entry)
        self.session.flush()
        return entry


def _collect(
    session: Session, table: sa.Table, ids: list[int], rows: dict[str, list[dict[str, Any]]], nulled: list[list[Any]]
) -> None:
    """The rows of `table` with these ids, then (recursively) the rows that refer to them: those a
    deletion cascades to are kept whole; a reference the database will empty is kept as it is."""
    if not ids:
        return
    (key,) = table.primary_key.columns
    found = [dict(r._mapping) for r in session.execute(sa.select(table).where(key.in_(ids)))]
    rows.setdefault(table.name, []).extend(found)
    for child in SQLModel.metadata.sorted_tables:
        for column in child.columns:
            for fk in column.foreign_keys:
                if fk.column.table is not table:
                    continue
                referring = [dict(r._mapping) for r in session.execute(sa.select(child).where(column.in_(ids)))]
                if not referring:
                    continue
                if (fk.ondelete or "").upper() == "CASCADE":
                    pk = list(child.primary_key.columns)
                    if len(pk) == 1 and pk[0] is not column:
                        _collect(session, child, [r[pk[0].name] for r in referring], rows, nulled)
                    else:  # an association row: kept whole
                        rows.setdefault(child.name, []).extend(referring)
                else:
                    for row in referring:
                        nulled.append(
                            [
                                child.name,
                                {c.name: row[c.name] for c in child.primary_key.columns},
                                column.name,
                                row[column.name],
                            ]
                        )


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    raise TypeError(type(value).__name__)


def _unjson(value: Any) -> Any:
    if isinstance(value, dict) and "__datetime__" in value:
        return datetime.fromisoformat(value["__datetime__"])
    if isinstance(value, dict) and "__date__" in value:
        return date.fromisoformat(value["__date__"])
    return value


def _input_json(data: ItemInput) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(data).items()}


def _input_back(raw: dict[str, Any]) -> ItemInput:
    values = {k: _unjson(v) for k, v in raw.items()}
    values["kind"], values["status"] = ItemKind(values["kind"]), ItemStatus(values["status"])
    values["visibility"] = Visibility(values["visibility"])
    values["supporting_agency_ids"] = tuple(values["supporting_agency_ids"])
    values["participants"] = tuple((int(p), ParticipantRole(r)) for p, r in values["participants"])
    values["source"] = tuple(values["source"]) if values.get("source") else None
    return ItemInput(**values)


# --- undoing -------------------------------------------------------------------------------


def undo(*, session: Session, slug: str, entry_id: int, user_id: int | None) -> str:
    """Restores what the entry recorded, in this transaction; returns its label. Refused
    (UndoRefused) when it was undone already, or when something changed what it would restore."""
    event = event_by_slug(session=session, slug=slug)
    entry = session.exec(select(UndoEntry).where(UndoEntry.id == entry_id).with_for_update()).first()
    if entry is None or entry.event_id != event.id:
        raise NotFound(f"undo {entry_id}")
    if entry.undone_at is not None:
        raise UndoRefused("done")
    payload = json.loads(entry.payload)
    try:
        for created in payload.get("created", []):
            item = session.get(ScheduleItem, created["id"])
            if item is None:
                continue
            if item.version != created["version"] or _added_since(session, key_of(item)):
                raise UndoRefused("changed", item.title)
            delete_item(session=session, item_id=key_of(item), expected_version=created["version"])
        for changed in payload.get("changed", []):
            item = session.get(ScheduleItem, changed["id"])
            if item is None or item.version != changed["version"]:
                raise UndoRefused("changed", item.title if item else _input_back(changed["input"]).title)
            update_item(
                session=session,
                item_id=key_of(item),
                data=_input_back(changed["input"]),
                expected_version=changed["version"],
            )
        _restore(session, event, payload.get("deleted", {}), user_id)
    except (StaleEdit, ValidationFailed, IntegrityError) as clash:
        # Changed meanwhile (by someone else, or a place or person it needs is gone): nothing written.
        raise UndoRefused("conflict") from clash
    entry.undone_at = now_utc()
    session.add(entry)
    session.flush()
    return entry.label


# Rows an item owns that it is recorded with (its people and support bump its version).
_ITEM_LINKS = frozenset({"schedule_item", "item_participant", "item_supporting_agency"})


def _added_since(session: Session, item_id: int) -> bool:
    """Whether anything was attached to the item since it was created (a deliverable, a run of
    show): removing the item would take it along, unrecorded."""
    rows: dict[str, list[dict[str, Any]]] = {}
    _collect(session, table_of(ScheduleItem), [item_id], rows, [])
    return any(rows.get(name) for name in rows if name not in _ITEM_LINKS)


def undo_now(slug: str, entry_id: int, user_id: int | None) -> str:
    """undo in its own transaction (the pages call it in a worker thread: a large change
    rewrites many rows)."""
    with session_scope(actor_id=user_id) as session:
        return undo(session=session, slug=slug, entry_id=entry_id, user_id=user_id)


def _restore(session: Session, event: Event, deleted: dict[str, Any], user_id: int | None) -> None:
    rows: dict[str, list[dict[str, Any]]] = deleted.get("rows", {})
    if not rows:
        return
    tables = {table.name: table for table in SQLModel.metadata.sorted_tables}
    for table in SQLModel.metadata.sorted_tables:  # parents before the rows that refer to them
        kept = [{k: _unjson(v) for k, v in row.items()} for row in rows.get(table.name, [])]
        if not kept:
            continue
        (first, *_) = table.primary_key.columns
        if len(table.primary_key.columns) == 1:
            taken = session.execute(sa.select(first).where(first.in_([r[first.name] for r in kept]))).first()
            if taken is not None:
                raise UndoRefused("taken")
        if table.name == ScheduleItem.__tablename__:
            for row in kept:  # calendars must see the item come back as a change
                row["sequence"], row["version"], row["updated_at"] = row["sequence"] + 1, row["version"] + 1, now_utc()
            session.execute(
                sa.insert(ChangeRecord),
                [
                    {
                        "at": now_utc(),
                        "user_id": user_id,
                        "event_id": row["event_id"],
                        "item_uid": row["uid"],
                        "item_title": row["title"][:300],
                        "field": "restored",
                        "before": "",
                        "after": row["title"][:300],
                    }
                    for row in kept
                ],
            )
        if table.name in _ORDERED:
            for row in sorted(kept, key=lambda r: r["position"]):
                _make_room(session, table.name, row)
        session.execute(sa.insert(table), kept)
    for name, key, column, value in deleted.get("nulled", []):
        table = tables[name]
        session.execute(
            sa.update(table)
            .where(*(table.c[k] == _unjson(v) for k, v in key.items()), table.c[column].is_(None))
            .values({column: value})
        )


# Ordered rows (unique positions within their parent) that come back at their place.
_ORDERED: dict[str, tuple[Any, str]] = {
    RunSegment.__tablename__: (RunSegment, "ceremony_id"),
    AwardCategory.__tablename__: (AwardCategory, "event_id"),
}


def _make_room(session: Session, table: str, row: dict[str, Any]) -> None:
    """A segment or category comes back at its place in its list: if another one holds it now,
    that one and the ones after it move down one (parked below zero first: positions are unique)."""
    model, parent = _ORDERED[table]
    position = row["position"]
    later = list(
        session.exec(select(model).where(getattr(model, parent) == row[parent], col(model.position) >= position))
    )
    if not any(other.position == position for other in later):
        return
    for other in later:
        other.position = -other.position - 1
    session.flush()
    for other in later:
        other.position = -other.position
    session.flush()


def recent(*, session: Session, slug: str, lang: str = "es", limit: int = HISTORY) -> list[dict[str, str]]:
    """The event's latest changes that can be undone, newest first (the panel's history)."""
    event = event_by_slug(session=session, slug=slug)
    rows = session.exec(
        select(UndoEntry)
        .where(UndoEntry.event_id == event.id, col(UndoEntry.undone_at).is_(None))
        .order_by(col(UndoEntry.created_at).desc(), col(UndoEntry.id).desc())
        .limit(limit)
    ).all()
    return [
        {"id": str(r.id), "label": r.label, "when": long_datetime(to_local(r.created_at, event.timezone), lang)}
        for r in rows
    ]


def latest_for(*, session: Session, slug: str, user_id: int | None, now: datetime | None = None) -> UndoEntry | None:
    """The person's own latest change, while its toast may still offer undo."""
    event = event_by_slug(session=session, slug=slug)
    since = (now or now_utc()) - timedelta(minutes=TOAST_MINUTES)
    return session.exec(
        select(UndoEntry)
        .where(
            UndoEntry.event_id == event.id,
            UndoEntry.user_id == user_id,
            col(UndoEntry.undone_at).is_(None),
            col(UndoEntry.created_at) > since,
        )
        .order_by(col(UndoEntry.id).desc())
    ).first()
