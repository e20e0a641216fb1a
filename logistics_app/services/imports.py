"""Importing another calendar into an event: all or nothing, and again without duplicates."""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import FieldError, ValidationFailed
from logistics_app.domain.ics_import import ImportedCalendar, ImportedItem, Notice, kind_from_categories, read_calendar
from logistics_app.domain.places import Place, PlaceIndex
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.validation import parse_choice
from logistics_app.i18n import t
from logistics_app.infra.limits import MAX_TEXT
from logistics_app.models import ItemKind, ItemStatus, ScheduleItem, Space, Venue, Visibility, key_of, not_null, rows_of
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.schedule import create_items, item_input, update_item

KINDS = list(ItemKind)


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    dry_run: bool = False

    def summary(self, lang: str = "es") -> str:
        return t(
            "import.report",
            lang,
            added=len(self.added),
            changed=len(self.changed),
            cancelled=len(self.cancelled),
            unchanged=len(self.unchanged),
        )

    def as_view(self, lang: str = "es", limit: int = 200) -> dict[str, object]:
        """What the import page shows: the summary and each list of titles (long lists cut)."""
        return {
            "summary": self.summary(lang),
            "dry_run": self.dry_run,
            "warnings": [w.message(lang) for w in self.warnings[:limit]],
            "groups": [
                {"label": t(f"import.group.{name}", lang, count=len(titles)), "titles": titles[:limit], "name": name}
                for name, titles in (
                    ("added", self.added),
                    ("changed", self.changed),
                    ("cancelled", self.cancelled),
                    ("unchanged", self.unchanged),
                )
                if titles
            ],
        }


_READ_LOCK = threading.Lock()
_LAST_READ: OrderedDict[tuple[str, str, date, date], ImportedCalendar] = OrderedDict()


def _read(raw: bytes, zone: str, first: date, last: date) -> ImportedCalendar:
    """read_calendar, keeping the last two readings: the preview and the import that follows read
    the same bytes (organizers only; a refused file is never kept)."""
    key = (hashlib.sha256(raw).hexdigest(), zone, first, last)
    with _READ_LOCK:
        if key in _LAST_READ:
            _LAST_READ.move_to_end(key)
            return _LAST_READ[key]
    data = read_calendar(raw, zone=zone, first=first, last=last)
    with _READ_LOCK:
        _LAST_READ[key] = data
        while len(_LAST_READ) > 2:
            _LAST_READ.popitem(last=False)
    return data


def _keeps_uid(incoming: ImportedItem, taken: set[str]) -> bool:
    if incoming.key != incoming.uid or incoming.uid in taken:
        return False
    try:
        return str(uuid.UUID(incoming.uid)) == incoming.uid.lower()
    except ValueError:
        return False


def places(*, session: Session) -> list[Place]:
    """Every venue and space an imported LOCATION may name."""
    venues = {v.id: v for v in session.exec(select(Venue))}
    found = [Place(key_of(v), v.name, v.address, v.city, v.state, v.is_online, v.url) for v in venues.values()]
    for space in session.exec(select(Space)):
        v = venues[space.venue_id]
        found.append(Place(key_of(v), v.name, v.address, v.city, v.state, v.is_online, v.url, space.id, space.name))
    return found


@dataclass(frozen=True)
class _Values:
    """What an imported occurrence sets on its item (ItemInput's fields of the same names)."""

    title: str
    kind: ItemKind
    start: datetime
    end: datetime
    all_day: bool
    status: ItemStatus
    description: str
    venue_id: int | None
    space_id: int | None
    location_text: str


def _values(incoming: ImportedItem, where: PlaceIndex, kind: ItemKind, status: ItemStatus) -> _Values:
    place = where.match(incoming.location) if incoming.location else None
    return _Values(
        title=_fit(incoming.title, 300),
        kind=kind_from_categories(incoming.categories, KINDS) or kind,
        start=incoming.start,
        end=incoming.end,
        all_day=incoming.all_day,
        status=ItemStatus.CANCELLED if incoming.cancelled else status,
        description=_fit(incoming.description, MAX_TEXT),
        venue_id=place.venue_id if place else None,
        space_id=place.space_id if place else None,
        location_text="" if place else _fit(incoming.location, 500),
    )


_STORED = (
    col(ScheduleItem.title),
    col(ScheduleItem.kind),
    col(ScheduleItem.start_utc),
    col(ScheduleItem.end_utc),
    col(ScheduleItem.all_day),
    col(ScheduleItem.status),
    col(ScheduleItem.description),
    col(ScheduleItem.venue_id),
    col(ScheduleItem.space_id),
    col(ScheduleItem.location_text),
)


def _fit(text: str, limit: int) -> str:
    """A calendar's text as our columns keep it (what does not fit is cut, NUL dropped)."""
    return text.replace("\x00", "")[:limit]


def _imported_before(session: Session, event_id: int, keys: list[str]) -> dict[str, tuple[int, int | None, _Values]]:
    """For each key an earlier import stored: the item's id, its source SEQUENCE and its values."""
    found = {}
    for chunk in range(0, len(keys), 5_000):
        # More columns than sqlmodel's select() types: SQLAlchemy's select, read by rows_of().
        query = sa.select(
            col(ScheduleItem.source_key), col(ScheduleItem.id), col(ScheduleItem.source_sequence), *_STORED
        ).where(col(ScheduleItem.event_id) == event_id, col(ScheduleItem.source_key).in_(keys[chunk : chunk + 5_000]))
        for key, item_id, sequence, *values in rows_of(session, query):
            title, kind, start, end, all_day, status, *rest = values
            # Picked by its source key, read back with its primary key: neither is NULL.
            stored = _Values(title, ItemKind(kind), start, end, all_day, ItemStatus(status), *rest)
            found[not_null(key)] = (not_null(item_id), sequence, stored)
    return found


def import_ics(
    *,
    session: Session,
    slug: str,
    raw: bytes,
    visibility: str = Visibility.INTERNAL,
    at: datetime | None = None,
) -> ImportReport:
    """Adds, updates or cancels the event's items from a calendar (ImportRejected stores nothing).

    Each VEVENT's UID (with its occurrence for a series) finds the item a previous import made; an
    older SEQUENCE than the one already imported changes nothing. LOCATION names one of our venues
    or spaces when it can (so conflicts see it), else it is kept as the item's place text;
    CATEGORIES give the kind when they name one. Everything is written: a dry run is the same
    import rolled back (run_import), so it meets every check the real one does.
    """
    errors: list[FieldError] = []
    shown = parse_choice(errors, "visibility", visibility, Visibility, Visibility.INTERNAL)
    if errors:
        raise ValidationFailed(errors)
    event = event_by_slug(session=session, slug=slug)
    data = _read(raw, event.timezone, event.start_date, event.end_date)
    report = ImportReport(warnings=list(data.warnings))
    where = PlaceIndex(places(session=session) if any(i.location for i in data.items) else [])
    existing = _imported_before(session, key_of(event), [i.key for i in data.items])
    # A single event keeps its UID when no other item has it: a feed exported and imported elsewhere
    # comes back with the same UIDs.
    singles = [i.uid for i in data.items if i.key == i.uid]
    taken = set(session.exec(select(ScheduleItem.uid).where(col(ScheduleItem.uid).in_(singles))))
    new: list[ItemInput] = []
    for incoming in data.items:
        before = existing.get(incoming.key)
        if before is None:
            values = _values(incoming, where, ItemKind.MEETING, ItemStatus.CONFIRMED)
            report.added.append(incoming.title)
            new.append(_input(values, shown, incoming, keep_uid=_keeps_uid(incoming, taken)))
            continue
        item_id, source_sequence, stored = before
        values = _values(incoming, where, stored.kind, stored.status)
        if (source_sequence or 0) > incoming.sequence or stored == values:
            report.unchanged.append(incoming.title)
            continue
        (report.cancelled if incoming.cancelled else report.changed).append(incoming.title)
        current = session.get_one(ScheduleItem, item_id)
        edit = item_input(session=session, item=current)
        for name, value in vars(values).items():
            setattr(edit, name, value)
        update_item(session=session, item_id=key_of(current), data=edit, at=at)
        current.source_sequence = incoming.sequence
    create_items(session=session, event=event, inputs=new, at=at)
    return report


def _input(values: _Values, visibility: Visibility, incoming: ImportedItem, *, keep_uid: bool) -> ItemInput:
    return ItemInput(
        **asdict(values),
        visibility=visibility,
        uid=incoming.uid if keep_uid else None,
        source=(incoming.key, incoming.sequence),
    )


def run_import(
    *,
    slug: str,
    raw: bytes,
    dry_run: bool = False,
    visibility: str = Visibility.INTERNAL,
    engine: Engine | None = None,
    actor_id: int | None = None,
) -> ImportReport:
    """One transaction: the whole calendar is stored, or (a dry run, a rejected file) nothing is."""
    with session_scope(engine, actor_id=actor_id) as session:
        report = import_ics(session=session, slug=slug, raw=raw, visibility=visibility)
        report.dry_run = dry_run
        if dry_run:
            session.rollback()
    return report
