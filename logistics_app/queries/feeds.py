"""Calendar feeds: which items each feed holds, rendered once per data version and cached."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import ColumnElement, and_, exists, false, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from logistics_app import routes
from logistics_app.domain.errors import NotFound
from logistics_app.domain.feeds import (
    CANCELLED_GRACE,
    FeedEntry,
    FeedMeta,
    build_calendar,
    last_modified,
    serialize,
    visible_in_feed,
)
from logistics_app.domain.places import Place, location_text
from logistics_app.domain.text import slugify, to_int
from logistics_app.i18n import t
from logistics_app.models import (
    Agency,
    Event,
    FeedKind,
    FeedState,
    ItemKind,
    ItemParticipant,
    ItemStatus,
    ItemSupportingAgency,
    Person,
    PublishedItem,
    ScheduleItem,
    Space,
    Venue,
    Visibility,
    key_of,
    not_null,
    table_of,
    version_stamp,
)
from logistics_app.models.schedule import ItemFields
from logistics_app.queries.works import live_winners
from logistics_app.services.lookups import event_by_slug, venue_by_slug
from logistics_app.services.subscriptions import active_token
from logistics_app.settings import get_settings
from logistics_app.timeutil import now_utc, to_local

# The public (and the agencies' and people's feeds) read the last published schedule, not the
# organizers' working copy.
Item = PublishedItem

# LAST-MODIFIED of a feed that has nothing yet: a constant, so its bytes stay stable.
EMPTY_FEED_STAMP = datetime(2022, 11, 1, tzinfo=UTC)


@dataclass(frozen=True)
class RenderedFeed:
    body: bytes
    etag: str
    last_modified: datetime
    filename: str
    private: bool


# ---------------------------------------------------------------------------------------------
# Cache: one rendering per (feed, data version, day of the cancelled-items cut-off).


class FeedCache:
    def __init__(self, size: int = 256):
        self._size = size
        self._items: OrderedDict[tuple[Any, ...], RenderedFeed] = OrderedDict()
        self._lock = threading.Lock()
        self._rendering: dict[tuple[Any, ...], threading.Lock] = {}
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self.renders = 0

    def get_or_render(self, key: tuple[Any, ...], render: Callable[[], RenderedFeed]) -> RenderedFeed:
        """The cached rendering, or one rendering while the other requests for it wait (after an
        edit, two hundred calendars asking at once must not render the same feed two hundred times).
        A rendering that fails leaves nothing behind."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            gate = self._rendering.setdefault(key, threading.Lock())
        try:
            with gate:
                with self._lock:
                    if key in self._items:
                        return self._items[key]
                feed = render()
                with self._lock:
                    self.renders += 1
                    self._items[key] = feed
                    while len(self._items) > self._size:
                        self._items.popitem(last=False)
        finally:
            with self._lock:
                self._rendering.pop(key, None)
        return feed

    def sizes(self) -> tuple[int, int, int]:
        """(renderings, bodies, renderings in progress): what the cache holds, for the tests."""
        with self._lock:
            return len(self._items), len(self._bodies), len(self._rendering)

    def body_for(self, content: str, build: Callable[[], bytes]) -> bytes:
        """The serialized calendar for this content fingerprint, built once."""
        with self._lock:
            if content in self._bodies:
                self._bodies.move_to_end(content)
                return self._bodies[content]
        body = build()
        with self._lock:
            self._bodies[content] = body
            while len(self._bodies) > self._size:
                self._bodies.popitem(last=False)
        return body

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bodies.clear()


CACHE = FeedCache()


# ---------------------------------------------------------------------------------------------
# What each feed holds.


def _public(model: type[ItemFields]) -> ColumnElement[bool]:
    return (
        (col(model.visibility) == Visibility.PUBLIC) & col(Event.is_public).is_(True) & col(Event.archived).is_(False)
    )


_PUBLIC = _public(Item)


def _supported_by(agency_id: int, model: type[ItemFields]) -> ColumnElement[bool]:
    return exists().where(
        col(ItemSupportingAgency.item_id) == model.id, col(ItemSupportingAgency.agency_id) == agency_id
    )


def agency_filter(agency_id: int, model: type[ItemFields] = Item) -> ColumnElement[bool]:
    """Items it leads (any visibility) or supports (but another agency's internal ones), plus the
    public programme of those events."""
    involved = or_(
        col(model.lead_agency_id) == agency_id,
        and_(_supported_by(agency_id, model), col(model.visibility) != Visibility.INTERNAL),
    )
    events = select(model.event_id).where(involved)
    return or_(involved, and_(_public(model), col(model.event_id).in_(events)))


def _person_filter(person_id: int, model: type[ItemFields] = Item) -> ColumnElement[bool]:
    return exists().where(col(ItemParticipant.item_id) == model.id, col(ItemParticipant.person_id) == person_id)


def _selection_filter(uids: list[str]) -> ColumnElement[bool]:
    return and_(_PUBLIC, col(Item.uid).in_(uids)) if uids else false()


def _early(where: ColumnElement[bool]) -> ColumnElement[bool]:
    """Working items an organizer shares before publishing, among those `where` (on ScheduleItem) picks."""
    return where & col(ScheduleItem.share_before_publish).is_(True)


def item_rows(
    *, session: Session, where: ColumnElement[bool], early: ColumnElement[bool] | None = None
) -> list[tuple[ItemFields, Event, Venue | None, Space | None]]:
    """Published items `where` picks; with `early`, the working version of items shared early
    replaces their published copy (agency and person feeds, the agency portal)."""

    def query(model: type[ItemFields], condition: ColumnElement[bool]) -> list[Any]:
        return list(
            session.exec(
                select(model, Event, Venue, Space)
                .join(Event, col(Event.id) == model.event_id)
                .join(Venue, col(Venue.id) == model.venue_id, isouter=True)
                .join(Space, col(Space.id) == model.space_id, isouter=True)
                .where(condition)
                .order_by(col(model.start_utc), col(model.uid))
            ).all()
        )

    rows = query(Item, where)
    if early is None:
        return rows
    shared = query(ScheduleItem, early)
    if not shared:
        return rows
    replaced = {item.id for item, *_ in shared}
    merged = [row for row in rows if row[0].id not in replaced] + shared
    return sorted(merged, key=lambda row: (row[0].start_utc, row[0].uid))


def agency_items(*, session: Session, agency_id: int) -> list[tuple[ItemFields, Event, Venue | None, Space | None]]:
    """What an agency sees: the rows of its private feed (published, or shared early)."""
    return item_rows(
        session=session, where=agency_filter(agency_id), early=_early(agency_filter(agency_id, ScheduleItem))
    )


def _entries(
    session: Session, where: ColumnElement[bool], now: datetime, lang: str, early: ColumnElement[bool] | None = None
) -> list[FeedEntry]:
    entries, winners_of = [], {}
    for item, event, venue, space in item_rows(session=session, where=where, early=early):
        if not visible_in_feed(item.status, item.end_utc, now):
            continue
        entry = feed_entry(item, event, venue, space, lang)
        if item.kind == ItemKind.CEREMONY:  # the ceremony's event carries its winners as revealed
            if event.id not in winners_of:
                winners_of[event.id] = _winners_text(session, event, lang)
            if winners_of[event.id]:
                entry = replace(entry, description=f"{entry.description}\n\n{winners_of[event.id]}")
        entries.append(entry)
    return entries


def _winners_text(session: Session, event: Event, lang: str) -> str:
    won = _winners(session, event)
    if not won:
        return ""
    lines = [f"{w['category']}: {w['title']}" + (f" ({w['people']})" if w["people"] else "") for w in won]
    return t("feed.winners", lang) + "\n" + "\n".join(lines)


def feed_entry(item: ItemFields, event: Event, venue: Venue | None, space: Space | None, lang: str) -> FeedEntry:
    zone = venue.timezone if venue is not None and venue.timezone else event.timezone
    day = to_local(item.start_utc, event.timezone).date().isoformat()
    return FeedEntry(
        uid=item.uid,
        title=item.title,
        start=item.start_utc,
        end=item.end_utc,
        zone=zone,
        status=ItemStatus(item.status),  # the database gives the codes back as plain strings
        sequence=item.sequence,
        created=item.created_at,
        updated=item.updated_at,
        all_day=item.all_day,
        description="\n\n".join(filter(None, (item.description, f"{event.name} · {t(f'item.{item.kind}', lang)}"))),
        category=t(f"item.{item.kind}", lang),
        kind=ItemKind(item.kind),
        location=_location(item, venue, space),
        geo=(venue.latitude, venue.longitude)
        if venue is not None and venue.latitude is not None and venue.longitude is not None
        else None,
        url=get_settings().site_url + routes.event_url(event.slug, day=day),
    )


def _location(item: ItemFields, venue: Venue | None, space: Space | None) -> str:
    if venue is None:
        return item.location_text
    return location_text(
        Place(
            key_of(venue),
            venue.name,
            venue.address,
            venue.city,
            venue.state,
            venue.is_online,
            venue.url,
            space.id if space else None,
            space.name if space else "",
        )
    )


# ---------------------------------------------------------------------------------------------
# The feeds.


@dataclass(frozen=True)
class FeedSpec:
    """Everything needed to render one feed, resolved from the request."""

    key: str
    where: ColumnElement[bool]
    name: str
    description: str
    url: str
    zone: str
    filename: str
    private: bool
    stamp: datetime
    # Working items shared before publishing that this feed also holds (agency and person feeds).
    early: ColumnElement[bool] | None = None


def event_spec(*, session: Session, slug: str) -> FeedSpec:
    event = event_by_slug(session=session, slug=slug)
    if not event.is_public or event.archived:
        raise NotFound(slug)
    return FeedSpec(
        key=f"event:{event.slug}",
        where=(col(Item.event_id) == event.id) & _PUBLIC,
        name=event.name,
        description=event.description,
        url=get_settings().site_url + routes.event_url(event.slug),
        zone=event.timezone,
        filename=f"{event.slug}.ics",
        private=False,
        stamp=event.updated_at,
    )


def venue_spec(*, session: Session, slug: str) -> FeedSpec:
    venue = venue_by_slug(session=session, slug=slug)
    return FeedSpec(
        key=f"venue:{venue.slug}",
        where=(col(Item.venue_id) == venue.id) & _PUBLIC,
        name=venue.name,
        description=", ".join(filter(None, (venue.address, venue.city, venue.state))),
        url=get_settings().site_url + routes.venue_url(venue.slug),
        zone=venue.timezone or "America/Mexico_City",
        filename=f"{venue.slug}.ics",
        private=False,
        stamp=venue.updated_at,
    )


def owner_id(*, session: Session, kind: FeedKind, owner: str) -> int:
    """An agency's id from its slug (or id), or a person's id."""
    if kind == FeedKind.AGENCY:
        agency = session.exec(select(Agency).where(Agency.slug == owner)).first()
        if agency is None and to_int(owner) is not None:
            agency = session.get(Agency, to_int(owner))
        if agency is None:
            raise NotFound(owner)
        return key_of(agency)
    person = session.get(Person, to_int(owner)) if to_int(owner) is not None else None
    if person is None:
        raise NotFound(owner)
    return key_of(person)


def owner_spec(
    *,
    session: Session,
    kind: FeedKind,
    agency_slug: str | None = None,
    person_id: int | None = None,
    lang: str = "es",
) -> FeedSpec:
    """An agency's or a person's private calendar, for exports by organizers (named in `lang`:
    render it in the same language)."""
    if kind == FeedKind.AGENCY:
        agency_id = owner_id(session=session, kind=kind, owner=agency_slug or "")
        return _owner_spec(session, kind, agency_id, f"agency:{agency_id}", EMPTY_FEED_STAMP, lang)
    pid = owner_id(session=session, kind=kind, owner=str(person_id))
    return _owner_spec(session, kind, pid, f"person:{pid}", EMPTY_FEED_STAMP, lang)


def _owner_spec(session: Session, kind: FeedKind, owner: int, key: str, stamp: datetime, lang: str) -> FeedSpec:
    zone = "America/Mexico_City"
    if kind == FeedKind.AGENCY:
        agency = session.get(Agency, owner)
        assert agency is not None
        name, where = t("feed.agency", lang, owner=agency.acronym or agency.name), agency_filter(owner)
        early = _early(agency_filter(owner, ScheduleItem))
    else:
        person = session.get(Person, owner)
        assert person is not None
        name, where = t("feed.person", lang, person=person.name), _person_filter(owner)
        early = _early(_person_filter(owner, ScheduleItem))
    return FeedSpec(
        key, where, name, "", get_settings().site_url, zone, f"{slugify(name, max_len=60)}.ics", True, stamp, early
    )


def token_spec(*, session: Session, token: str, lang: str = "es") -> FeedSpec:
    """The feed behind a private token, named in `lang`; unknown and revoked tokens are NotFound alike."""
    row = active_token(session=session, token=token)
    key = f"token:{row.id}"
    if row.kind == FeedKind.AGENCY:
        # The table's CHECK constraint: an agency token names its agency, a person token its person.
        return _owner_spec(session, FeedKind.AGENCY, not_null(row.agency_id), key, row.created_at, lang)
    if row.kind == FeedKind.PERSON:
        return _owner_spec(session, FeedKind.PERSON, not_null(row.person_id), key, row.created_at, lang)
    where = _selection_filter(row.selection.split())
    name = t("feed.my_agenda", lang)
    return FeedSpec(
        key,
        where,
        name,
        "",
        get_settings().site_url,
        "America/Mexico_City",
        f"{slugify(name, max_len=60)}.ics",
        True,
        row.updated_at,
    )


def entries_of(*, session: Session, spec: FeedSpec, now: datetime | None = None, lang: str = "es") -> list[FeedEntry]:
    """What a feed holds, as plain entries (the feed's rows, before rendering)."""
    return _entries(session, spec.where, now or now_utc(), lang, spec.early)


def render(*, session: Session, spec: FeedSpec, now: datetime | None = None, lang: str = "es") -> RenderedFeed:
    """A resolved feed's bytes, from the cache when nothing it reads changed since they were rendered."""
    now = now or now_utc()
    # Any committed change to what feeds read bumps the data version, so a key with the current
    # version is never stale; a token's own changes move its stamp. The cut-off for cancelled items
    # moves by whole days, so a day's renderings are shared.
    version, changed_at = version_stamp(session)
    cache_key = (
        str(session.get_bind().engine.url),
        spec.key,
        spec.stamp,
        lang,
        version,
        (now - CANCELLED_GRACE).date(),
    )
    return CACHE.get_or_render(cache_key, lambda: _render(session, spec, now, lang, changed_at))


def serve(*, session: Session, kind: str, arg: str, now: datetime | None = None, lang: str = "es") -> RenderedFeed:
    """A feed by its address (kind: event, venue, token, item). An unknown address raises NotFound
    before anything is cached; a cache hit costs two small queries."""
    return render(session=session, spec=RESOLVERS[kind](session, arg, lang), now=now, lang=lang)


def _render(session: Session, spec: FeedSpec, now: datetime, lang: str, data_changed_at: datetime) -> RenderedFeed:
    entries = _entries(session, spec.where, now, lang, spec.early)
    meta = FeedMeta(spec.key, spec.name, spec.description, spec.url, spec.zone)
    # Any change anywhere moves the data version, but most leave this feed as it was: the bytes of
    # the same content are reused instead of building the calendar again (the costly part).
    content = hashlib.sha256(repr((meta, entries, spec.stamp)).encode()).hexdigest()
    body = CACHE.body_for(content, lambda: serialize(build_calendar(meta, entries, fallback_stamp=spec.stamp)))
    etag = f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'
    newest = last_modified(entries, spec.stamp)
    return RenderedFeed(
        body=body,
        etag=etag,
        last_modified=_content_changed_at(
            session, f"{spec.key}|{lang}", etag, first=newest, changed=max(newest, data_changed_at)
        ),
        filename=spec.filename,
        private=spec.private,
    )


def _content_changed_at(session: Session, key: str, etag: str, *, first: datetime, changed: datetime) -> datetime:
    """Since when this feed has had these bytes (its Last-Modified), the same for every worker:
    `first` for a feed seen for the first time, `changed` when its bytes are new."""
    table = table_of(FeedState)
    stored = select(table.c.etag, table.c.changed_at).where(table.c.key == key)
    row = session.execute(stored).first()
    if row is not None and row.etag == etag:
        changed_at: datetime = row.changed_at  # a Row's named fields are untyped
        return changed_at
    if row is None:
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        # Another worker may write the same row at the same moment: the first one stays.
        session.execute(dialect.insert(table).values(key=key, etag=etag, changed_at=first).on_conflict_do_nothing())
    else:
        session.execute(
            sa.update(table).where(table.c.key == key, table.c.etag != etag).values(etag=etag, changed_at=changed)
        )
    latest: datetime = session.execute(stored).one().changed_at
    return latest


def item_spec(*, session: Session, uid: str) -> FeedSpec:
    """One public item as a calendar file ("Añadir a mi calendario")."""
    row = session.exec(
        select(Item, Event).join(Event, col(Event.id) == Item.event_id).where(Item.uid == uid, _PUBLIC)
    ).first()
    if row is None:
        raise NotFound(uid)
    item, event = row
    return FeedSpec(
        key=f"item:{uid}",
        where=(col(Item.uid) == uid) & _PUBLIC,
        name=item.title,
        description=event.name,
        url=get_settings().site_url + routes.event_url(event.slug),
        zone=event.timezone,
        filename=f"{slugify(item.title, max_len=60)}.ics",
        private=False,
        stamp=item.updated_at,
    )


# (session, the address's argument, the language) -> the feed; only private feeds have a name to translate.
RESOLVERS: dict[str, Callable[[Session, str, str], FeedSpec]] = {
    "event": lambda session, arg, lang: event_spec(session=session, slug=arg),
    "venue": lambda session, arg, lang: venue_spec(session=session, slug=arg),
    "token": lambda session, arg, lang: token_spec(session=session, token=arg, lang=lang),
    "item": lambda session, arg, lang: item_spec(session=session, uid=arg),
}


def schedule_json(*, session: Session, slug: str, now: datetime | None = None) -> dict[str, Any]:
    """The public programme as JSON: ISO 8601 times with offsets, stable UIDs."""
    spec = event_spec(session=session, slug=slug)
    event = event_by_slug(session=session, slug=slug)
    entries = _entries(session, spec.where, now or now_utc(), "es")
    return {
        "event": {
            "slug": event.slug,
            "name": event.name,
            "timezone": event.timezone,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
        },
        "items": [
            {
                "uid": e.uid,
                "title": e.title,
                "start": to_local(e.start, e.zone).isoformat(),
                "end": to_local(e.end, e.zone).isoformat(),
                "timezone": e.zone,
                "all_day": e.all_day,
                "status": str(e.status),
                "sequence": e.sequence,
                "kind": str(e.kind or ""),
                "kind_label": e.category,
                "location": e.location,
                "url": e.url,
                "last_modified": e.updated.isoformat(),
            }
            for e in entries
        ],
        # An awards event's winners, category by category as they are revealed (none before).
        "winners": _winners(session, event),
    }


def _winners(session: Session, event: Event) -> list[dict[str, str]]:
    try:
        document = live_winners(session=session, event_slug=event.slug)
    except NotFound:
        return []
    categories: Any = document["categories"]
    return [{"category": c["name"], "title": c["title"], "people": c["people"]} for c in categories if c["winner"]]
