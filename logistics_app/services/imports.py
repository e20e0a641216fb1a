"""Importing another calendar into an event: all or nothing, and again without duplicates."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from logistics_app.db import session_scope
from logistics_app.domain.ics_import import ImportedItem, read_calendar
from logistics_app.i18n import t
from logistics_app.models import ItemKind, ItemStatus, ScheduleItem, Visibility
from logistics_app.services.queries import event_by_slug
from logistics_app.services.schedule import ItemInput, create_item, item_input, update_item


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
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
            "warnings": self.warnings[:limit],
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


def _keeps_uid(incoming: ImportedItem, taken: set[str]) -> bool:
    if incoming.key != incoming.uid or incoming.uid in taken:
        return False
    try:
        return str(uuid.UUID(incoming.uid)) == incoming.uid.lower()
    except ValueError:
        return False


def _differs(item: ScheduleItem, incoming: ImportedItem) -> bool:
    status = ItemStatus.CANCELLED if incoming.cancelled else item.status
    return (item.title, item.start_utc, item.end_utc, item.all_day, item.status, item.description) != (
        incoming.title,
        incoming.start,
        incoming.end,
        incoming.all_day,
        status,
        incoming.description,
    )


def import_ics(
    *,
    session: Session,
    slug: str,
    raw: bytes,
    dry_run: bool = False,
    visibility: str = Visibility.INTERNAL,
    at: datetime | None = None,
) -> ImportReport:
    """Adds, updates or cancels the event's items from a calendar (ImportRejected stores nothing).

    Each VEVENT's UID (with its occurrence for a series) finds the item a previous import made; an
    older SEQUENCE than the one already imported changes nothing.
    """
    event = event_by_slug(session, slug)
    data = read_calendar(raw, zone=event.timezone, first=event.start_date, last=event.end_date)
    report = ImportReport(warnings=data.warnings, dry_run=dry_run)
    keys = [i.key for i in data.items]
    existing = {
        item.source_key: item
        for item in session.exec(
            select(ScheduleItem).where(ScheduleItem.event_id == event.id, col(ScheduleItem.source_key).in_(keys))
        )
    }
    # A single event keeps its UID when no other item has it: a feed exported and imported elsewhere
    # comes back with the same UIDs.
    singles = [i.uid for i in data.items if i.key == i.uid]
    taken = set(session.exec(select(ScheduleItem.uid).where(col(ScheduleItem.uid).in_(singles))))
    for incoming in data.items:
        current = existing.get(incoming.key)
        if current is None:
            report.added.append(incoming.title)
            if not dry_run:
                item = create_item(
                    session=session,
                    event=event,
                    at=at,
                    data=ItemInput(
                        title=incoming.title[:300],
                        kind=ItemKind.MEETING,
                        start=incoming.start,
                        end=incoming.end,
                        all_day=incoming.all_day,
                        visibility=visibility,
                        description=incoming.description,
                        notes=incoming.location,
                        status=ItemStatus.CANCELLED if incoming.cancelled else ItemStatus.CONFIRMED,
                        uid=incoming.uid if _keeps_uid(incoming, taken) else None,
                    ),
                )
                item.source_key, item.source_sequence = incoming.key, incoming.sequence
            continue
        if (current.source_sequence or 0) > incoming.sequence or not _differs(current, incoming):
            report.unchanged.append(incoming.title)
            continue
        (report.cancelled if incoming.cancelled else report.changed).append(incoming.title)
        if not dry_run:
            data_in = item_input(session, current)
            data_in.title, data_in.start, data_in.end = incoming.title[:300], incoming.start, incoming.end
            data_in.all_day, data_in.description = incoming.all_day, incoming.description
            if incoming.cancelled:
                data_in.status = ItemStatus.CANCELLED
            update_item(session=session, item_id=current.id, data=data_in, at=at)  # type: ignore[arg-type]
            current.source_sequence = incoming.sequence
    session.flush()
    return report


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
        report = import_ics(session=session, slug=slug, raw=raw, dry_run=dry_run, visibility=visibility)
        if dry_run:
            session.rollback()
    return report
