"""Publishing an event's schedule: the working copy becomes release N, with its changelog.

The public programme, the public feeds and the JSON read the published copy (PublishedItem);
organizers edit the working copy (ScheduleItem) until they publish again.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from logistics_app.db import session_scope
from logistics_app.domain.access import Action, Principal, require
from logistics_app.domain.changelog import Change, Snapshot, change_from, changelog, merge
from logistics_app.i18n import LANGUAGES, clock, long_datetime, t
from logistics_app.models import (
    Agency,
    ChangeRecord,
    Event,
    ItemStatus,
    PublishedItem,
    ScheduleItem,
    ScheduleRelease,
    Space,
    User,
    Venue,
    key_of,
)
from logistics_app.models.schedule import ItemFields
from logistics_app.services import outbox
from logistics_app.services.lookups import event_by_slug
from logistics_app.timeutil import now_utc, to_local

FIELDS = tuple(ItemFields.model_fields)
# What the public sees of an item besides its time and place: a change to these is "changed".
DETAILS = ("kind", "visibility", "description", "work_title", "work_id", "all_day", "status")


class NothingToPublish(Exception):
    """The working schedule is the published one."""


class PublishedMeanwhile(Exception):
    """Someone else published this event at the same moment; nothing of this attempt was kept."""


def publish_event(*, slug: str, actor: Principal | None, lang: str = "es", engine: Engine | None = None) -> int:
    """publish in its own transaction; returns the version number. Two organizers publishing at
    once: the second is told so (PublishedMeanwhile) instead of failing on the unique number."""
    try:
        with session_scope(engine, actor_id=actor.user_id if actor else None) as session:
            return publish(session=session, slug=slug, actor=actor, lang=lang).number
    except IntegrityError:
        raise PublishedMeanwhile() from None


def _places(session: Session) -> tuple[dict[int | None, str], dict[int | None, str]]:
    return dict(session.exec(select(col(Venue.id), col(Venue.name))).all()), dict(
        session.exec(select(col(Space.id), col(Space.name))).all()
    )


def _snapshots(session: Session, model: type[ItemFields], event_id: int) -> list[Snapshot]:
    venues, spaces = _places(session)
    return [
        Snapshot(
            uid=item.uid,
            title=item.title,
            start=item.start_utc,
            end=item.end_utc,
            place=" · ".join(filter(None, (spaces.get(item.space_id or -1, ""), venues.get(item.venue_id or -1, "")))),
            cancelled=item.status == ItemStatus.CANCELLED,
            details=tuple(getattr(item, name) for name in DETAILS),
        )
        for item in session.exec(select(model).where(model.event_id == event_id))
    ]


def _when(zone: str, lang: str) -> Any:
    def describe(snapshot: Snapshot) -> str:
        start, end = to_local(snapshot.start, zone), to_local(snapshot.end, zone)
        return f"{long_datetime(start, lang)}–{clock(end, lang)}"

    return describe


def pending(*, session: Session, slug: str, lang: str = "es") -> list[Change]:
    """What "Publicar" would release now."""
    event = event_by_slug(session=session, slug=slug)
    return changelog(
        _snapshots(session, PublishedItem, key_of(event)),
        _snapshots(session, ScheduleItem, key_of(event)),
        _when(event.timezone, lang),
    )


def publish(
    *,
    session: Session,
    slug: str,
    actor: Principal | None,
    lang: str = "es",
    now: datetime | None = None,
    allow_empty: bool = False,
    notify: bool = True,
) -> ScheduleRelease:
    """Releases the working schedule as the next numbered version (actor None: the demo loader or
    the CLI). With `notify`, the agencies concerned get their digest through the outbox, queued in
    this same transaction."""
    if actor is not None:
        require(actor, Action.PUBLISH)
    now = now or now_utc()
    event = event_by_slug(session=session, slug=slug)
    changes = pending(session=session, slug=slug, lang=lang)
    if not changes and not allow_empty:
        raise NothingToPublish()
    # The notices are written in each recipient's language, whatever the publisher's.
    mailed = (
        {each: changes if each == lang else pending(session=session, slug=slug, lang=each) for each in LANGUAGES}
        if notify
        else {}
    )
    last = session.exec(select(func.max(ScheduleRelease.number)).where(ScheduleRelease.event_id == event.id)).one()
    number = (last or 0) + 1
    published = {p.id: p for p in session.exec(select(PublishedItem).where(PublishedItem.event_id == event.id))}
    working = session.exec(select(ScheduleItem).where(ScheduleItem.event_id == event.id)).all()
    for item in working:
        values = {name: getattr(item, name) for name in FIELDS}
        copy = published.pop(item.id, None)
        if copy is None:
            session.add(PublishedItem(**values, release_no=number))
        elif any(getattr(copy, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(copy, name, value)
            copy.release_no = number
    for gone in published.values():  # deleted from the working schedule: calendars learn it is cancelled
        if gone.status != ItemStatus.CANCELLED:
            gone.status, gone.sequence, gone.updated_at, gone.release_no = (
                ItemStatus.CANCELLED,
                gone.sequence + 1,
                now,
                number,
            )
    release = ScheduleRelease(
        event_id=key_of(event),
        number=number,
        published_at=now,
        published_by=actor.user_id if actor else None,
        changes=json.dumps([c.as_dict() for c in changes], ensure_ascii=False),
    )
    session.add(release)
    session.flush()
    if notify:
        outbox.queue_release(session=session, event=event, release=release, changes=mailed)
    return release


def _change_row(change: dict[str, str], lang: str) -> dict[str, str]:
    return {**change, "label": t(f"release.kind.{change['kind']}", lang)}


_Logged = TypeVar("_Logged", ScheduleRelease, ChangeRecord)


def _newest(
    session: Session, slug: str, model: type[_Logged], *order: ColumnElement[Any], limit: int
) -> tuple[Event, list[_Logged], dict[int | None, str]]:
    """The event, its newest `limit` rows of a log (releases, changes) in that order, and the names
    of the accounts, to say who published or changed."""
    event = event_by_slug(session=session, slug=slug)
    rows = session.exec(select(model).where(model.event_id == event.id).order_by(*order).limit(limit)).all()
    return event, list(rows), dict(session.exec(select(User.id, User.name)).all())


def releases(*, session: Session, slug: str, lang: str = "es", limit: int = 20) -> list[dict[str, Any]]:
    """The event's releases, newest first, each with its changelog."""
    event, rows, names = _newest(session, slug, ScheduleRelease, col(ScheduleRelease.number).desc(), limit=limit)
    return [
        {
            "number": str(r.number),
            "title": t("release.title", lang, number=r.number),
            "when": long_datetime(to_local(r.published_at, event.timezone), lang),
            "who": names.get(r.published_by, "") if r.published_by else "",
            "changes": [_change_row(c, lang) for c in json.loads(r.changes)],
        }
        for r in rows
    ]


def changes_since(
    *, session: Session, uids: set[str], since: datetime | None, lang: str = "es"
) -> list[dict[str, str]]:
    """What changed in these items in the releases published after `since` (every release when
    there was no visit yet), each item once: its releases' changes told as one, as a notice
    merges them, under its event's name."""
    query = select(ScheduleRelease, Event).join(Event, col(Event.id) == ScheduleRelease.event_id)
    if since is not None:
        query = query.where(col(ScheduleRelease.published_at) > since)
    told: dict[int, tuple[Event, list[Change], int]] = {}
    for release, event in session.exec(query.order_by(col(ScheduleRelease.published_at), col(ScheduleRelease.id))):
        changes = [change_from(c) for c in json.loads(release.changes) if c["uid"] in uids]
        if not changes:
            continue
        _, before, _ = told.get(key_of(event), (event, [], 0))
        told[key_of(event)] = (event, merge(before, changes), release.number)
    out = []
    for event, changes, number in sorted(told.values(), key=lambda t_: t_[0].start_date, reverse=True):
        out += [
            {
                **_change_row(change.as_dict(), lang),
                "event": event.name,
                "release": t("release.title", lang, number=number),
            }
            for change in changes
        ]
    return out


def pending_rows(*, session: Session, slug: str, lang: str = "es") -> list[dict[str, str]]:
    return [_change_row(c.as_dict(), lang) for c in pending(session=session, slug=slug, lang=lang)]


def history(*, session: Session, slug: str, lang: str = "es", limit: int = 40) -> list[dict[str, str]]:
    """The newest changes to the event's items: who, when, which field, before and after, written
    for people (statuses in their language, times in the event's zone, places by name)."""
    order = (col(ChangeRecord.at).desc(), col(ChangeRecord.id).desc())
    event, rows, names = _newest(session, slug, ChangeRecord, *order, limit=limit)
    shown = _Values(session, event.timezone, lang)
    return [
        {
            "when": long_datetime(to_local(r.at, event.timezone), lang),
            "who": names.get(r.user_id, "") if r.user_id else t("history.system", lang),
            "item": r.item_title,
            "field": t(f"history.field.{r.field}", lang) if r.field in HISTORY_FIELDS else r.field,
            "before": shown(r.field, r.before)[:120],
            "after": shown(r.field, r.after)[:120],
        }
        for r in rows
    ]


_NAMED: dict[str, type[Space] | type[Venue] | type[Agency]] = {
    "space_id": Space,
    "venue_id": Venue,
    "lead_agency_id": Agency,
}


class _Values:
    """A logged value as a person reads it: the log keeps raw text (ids, enum values, UTC times)."""

    def __init__(self, session: Session, zone: str, lang: str) -> None:
        self.session, self.zone, self.lang = session, zone, lang
        self.names: dict[tuple[str, str], str] = {}

    def __call__(self, field: str, value: str) -> str:
        if not value:
            return ""
        if field in ("start_utc", "end_utc"):
            try:
                return long_datetime(to_local(datetime.fromisoformat(value), self.zone), self.lang)
            except ValueError:
                return value
        if field in ("status", "visibility", "kind"):
            prefix = {"status": "status", "visibility": "visibility", "kind": "item"}[field]
            return t(f"{prefix}.{value}", self.lang)
        model: type[Space] | type[Venue] | type[Agency] | None = _NAMED.get(field)
        if model is not None:
            if (field, value) not in self.names:
                row = self.session.get(model, int(value)) if value.isdigit() else None
                self.names[field, value] = str(getattr(row, "name", value))
            return self.names[field, value]
        if field in ("all_day", "share_before_publish"):
            return t("history.yes" if value == "True" else "history.no", self.lang)
        return value


HISTORY_FIELDS = frozenset(
    {
        "created",
        "deleted",
        "restored",
        "title",
        "start_utc",
        "end_utc",
        "status",
        "space_id",
        "venue_id",
        "visibility",
        "kind",
        "lead_agency_id",
        "description",
        "notes",
        "all_day",
        "share_before_publish",
    }
)
