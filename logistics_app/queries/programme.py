"""The public programme: filters, free-text search and pages, all decided on the server."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa
from sqlalchemy import ColumnElement, or_
from sqlmodel import Session, col, func, select

from logistics_app import routes
from logistics_app.domain.errors import NotFound
from logistics_app.domain.search import SearchIndex
from logistics_app.domain.text import slugify, to_int
from logistics_app.i18n import clock, long_date, t, zone_label
from logistics_app.models import (
    AwardCategory,
    Event,
    ItemKind,
    ItemParticipant,
    Nomination,
    Person,
    PublishedItem,
    Space,
    Venue,
    Visibility,
    Work,
    key_of,
    not_null,
    rows_of,
)
from logistics_app.queries import indexes
from logistics_app.services.lookups import event_by_slug
from logistics_app.timeutil import local_day_bounds, now_utc, to_local

# The public (and the agencies' and people's feeds) read the last published schedule, not the
# organizers' working copy.
Item = PublishedItem

PAGE_SIZE = 30
FACETS = ("day", "state", "city", "venue", "kind", "work", "category")
# URL parameter names, as visitors read them in a shared link.
PARAMS = {
    "day": "dia",
    "state": "estado",
    "city": "ciudad",
    "venue": "sede",
    "kind": "tipo",
    "work": "pelicula",
    "category": "categoria",
    "text": "q",
    "show_past": "pasadas",
    "page": "pagina",
}


@dataclass(frozen=True)
class ProgrammeQuery:
    day: str = ""
    state: str = ""
    city: str = ""
    venue: str = ""
    kind: str = ""
    work: str = ""
    category: str = ""
    text: str = ""
    show_past: bool | None = None  # None: hide the past while the event runs
    page: int = 1

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ProgrammeQuery:
        values: dict[str, Any] = {}
        for name, param in PARAMS.items():
            raw = (params.get(param) or "").strip()[:200]
            if name == "show_past":
                values[name] = {"1": True, "0": False}.get(raw)
            elif name == "page":
                values[name] = max(1, to_int(raw, 1) or 1)
            else:
                values[name] = raw
        return cls(**values)

    def to_params(self, **changes: Any) -> dict[str, str]:
        """URL parameters for this query with some changes (a filter change goes back to page 1)."""
        changed = replace(self, **({"page": 1} | changes))
        out = {}
        for name, param in PARAMS.items():
            value = getattr(changed, name)
            if name == "show_past":
                if value is not None:
                    out[param] = "1" if value else "0"
            elif name == "page":
                if value > 1:
                    out[param] = str(value)
            elif value:
                out[param] = value
        return out

    def url(self, slug: str, **changes: Any) -> str:
        params = self.to_params(**changes)
        path: str = routes.event_url(slug)  # routes types its URLs loosely (Reflex Vars too)
        return path + (f"?{urlencode(params)}" if params else "")


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class ProgrammeRow:
    uid: str
    date: str
    new_date: bool
    time: str
    zone: str
    title: str
    kind_label: str
    status: str
    status_label: str
    place: str
    venue_slug: str
    work_slug: str

    def as_dict(self) -> dict[str, str]:
        return {k: ("1" if v is True else "" if v is False else str(v)) for k, v in self.__dict__.items()}


@dataclass
class ProgrammePage:
    query: ProgrammeQuery
    items: list[ProgrammeRow]
    total: int
    pages: int
    hiding_past: bool
    running: bool
    facets: dict[str, list[Option]] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Search index per event, rebuilt when the data version changes.


def search_index(*, session: Session, event_id: int) -> SearchIndex:
    """The public programme's index: titles, films, directors, places and people."""

    def build() -> SearchIndex:
        people: dict[int, list[str]] = {}
        for item_id, name in session.exec(
            select(ItemParticipant.item_id, Person.name)
            .join(Person, col(Person.id) == ItemParticipant.person_id)
            .join(Item, col(Item.id) == ItemParticipant.item_id)
            .where(Item.event_id == event_id)
        ):
            people.setdefault(item_id, []).append(name)
        # More columns than sqlmodel's select() types: SQLAlchemy's select, read by rows_of().
        rows = rows_of(
            session,
            sa.select(
                col(Item.id),
                col(Item.title),
                col(Item.work_title),
                col(Work.director),
                col(Venue.name),
                col(Venue.address),
                col(Venue.city),
                col(Venue.state),
                col(Space.name),
            )
            .join(Work, col(Work.id) == Item.work_id, isouter=True)
            .join(Venue, col(Venue.id) == Item.venue_id, isouter=True)
            .join(Space, col(Space.id) == Item.space_id, isouter=True)
            .where(_public(event_id)),
        )
        entries = []
        for row in rows:
            item_id = not_null(row[0])  # a primary key read back
            entries.append((item_id, [*(v or "" for v in row[1:]), *people.get(item_id, [])]))
        return SearchIndex.build(entries)

    return indexes.search_index(session=session, kind="programme", event_id=event_id, build=build)


def _public(event_id: int) -> ColumnElement[bool]:
    return (col(Item.event_id) == event_id) & (col(Item.visibility) == Visibility.PUBLIC)


# ---------------------------------------------------------------------------------------------


def programme(
    *,
    session: Session,
    slug: str,
    query: ProgrammeQuery,
    lang: str = "es",
    visitor_zone: str = "",
    now: datetime | None = None,
) -> ProgrammePage:
    """One page of an event's public programme for the query."""
    now = now or now_utc()
    event = event_by_slug(session=session, slug=slug)
    if not event.is_public or event.archived:
        raise NotFound(slug)
    assert event.id is not None
    today = to_local(now, event.timezone).date()
    running = event.start_date <= today <= event.end_date
    hiding_past = query.show_past is False or (query.show_past is None and running)

    conditions = [_public(event.id)]
    if query.day:
        with contextlib.suppress(ValueError):
            conditions.append(_on_local_day(session, event, date.fromisoformat(query.day)))
    if query.state:
        conditions.append(col(Venue.state) == query.state)
    if query.city:
        conditions.append(col(Venue.city) == query.city)
    if query.venue:
        conditions.append(col(Venue.slug) == query.venue)
    if query.kind:
        conditions.append(col(Item.kind) == query.kind)
    if query.work:
        conditions.append(col(Work.slug) == query.work)
    if query.category:
        works = _category_works(session, event.id, query.category)
        conditions.append(col(Item.work_id).in_(works))
    if hiding_past:
        conditions.append(col(Item.end_utc) > now)
    if query.text.strip():
        conditions.append(col(Item.id).in_(search_index(session=session, event_id=event.id).search(query.text)))

    base = (
        select(Item, Venue, Space, Work)
        .join(Venue, col(Venue.id) == Item.venue_id, isouter=True)
        .join(Space, col(Space.id) == Item.space_id, isouter=True)
        .join(Work, col(Work.id) == Item.work_id, isouter=True)
        .where(*conditions)
    )
    total = session.exec(select(func.count()).select_from(base.subquery())).one()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(query.page, pages)
    rows = session.exec(
        base.order_by(col(Item.start_utc), col(Item.title), col(Item.id))
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ).all()
    items = dated(
        [
            programme_row(item, venue, space, work, event.timezone, visitor_zone, lang)
            for item, venue, space, work in rows
        ]
    )
    return ProgrammePage(
        query=replace(query, page=page),
        items=items,
        total=total,
        pages=pages,
        hiding_past=hiding_past,
        running=running,
        facets=_facets(session, event, lang),
    )


def dated(rows: list[ProgrammeRow]) -> list[ProgrammeRow]:
    """Marks the first row of each date, where the list shows the date as a heading."""
    return [replace(row, new_date=i == 0 or row.date != rows[i - 1].date) for i, row in enumerate(rows)]


def programme_row(
    item: Item,
    venue: Venue | None,
    space: Space | None,
    work: Work | None,
    event_zone: str,
    visitor_zone: str,
    lang: str,
) -> ProgrammeRow:
    """An item at the time of its venue's zone, naming the zone where it is not the visitor's."""
    zone = venue.timezone if venue is not None and venue.timezone else event_zone
    start, end = to_local(item.start_utc, zone), to_local(item.end_utc, zone)
    shown_zone = ""
    if visitor_zone != zone:
        visitor_offset = to_local(item.start_utc, visitor_zone).utcoffset() if visitor_zone else None
        if visitor_offset != start.utcoffset():
            shown_zone = zone_label(start)
    place = item.location_text
    if venue is not None:
        place = (
            f"{venue.name} ({t('item.online', lang)})"
            if venue.is_online
            else " · ".join(
                dict.fromkeys(filter(None, (space.name if space else "", venue.name, venue.city, venue.state)))
            )
        )
    return ProgrammeRow(
        uid=item.uid,
        date=long_date(start.date(), lang),
        new_date=False,
        time=f"{clock(start, lang)}–{clock(end, lang)}",
        zone=shown_zone,
        title=item.title,
        kind_label=t(f"item.{item.kind}", lang),
        status=str(item.status),
        status_label=t(f"status.{item.status}", lang),
        place=place,
        venue_slug=venue.slug if venue is not None else "",
        work_slug=work.slug if work is not None else "",
    )


def _on_local_day(session: Session, event: Event, day: date) -> ColumnElement[bool]:
    """Items starting on that day where they happen: each venue's own zone, else the event's.

    The same day the programme shows above each item, so a late screening in Tijuana is listed
    (and counted) under its Tijuana date."""
    zone = func.coalesce(Venue.timezone, event.timezone)
    zones = set(session.exec(select(Venue.timezone).distinct()).all()) | {event.timezone}
    per_zone = []
    for name in filter(None, zones):
        low, high = local_day_bounds(day, name)
        per_zone.append((zone == name) & (col(Item.start_utc) >= low) & (col(Item.start_utc) < high))
    return or_(*per_zone)


def _category_works(session: Session, event_id: int, category_slug: str) -> list[int]:
    """Works nominated in the category of this event's awards (or of the awards it leads to)."""
    rows = session.exec(
        select(AwardCategory.name, Nomination.work_id).join(Nomination, col(Nomination.category_id) == AwardCategory.id)
    ).all()
    return [work_id for name, work_id in rows if slugify(name) == category_slug and work_id is not None]


def _facets(session: Session, event: Event, lang: str) -> dict[str, list[Option]]:
    public = _public(key_of(event))
    # More columns than sqlmodel's select() types: SQLAlchemy's select, read by rows_of().
    joined = (
        sa.select(
            col(Item.start_utc),
            col(Item.kind),
            col(Venue.slug),
            col(Venue.name),
            col(Venue.state),
            col(Venue.city),
            col(Work.slug),
            col(Work.title),
            col(Venue.timezone),
        )
        .join(Venue, col(Venue.id) == Item.venue_id, isouter=True)
        .join(Work, col(Work.id) == Item.work_id, isouter=True)
        .where(public)
    )
    days: dict[date, int] = {}
    kinds, venues, states, cities, works = set(), {}, set(), set(), {}
    for start, kind, v_slug, v_name, state, city, w_slug, w_title, zone in rows_of(session, joined):
        day = to_local(start, zone or event.timezone).date()
        days[day] = days.get(day, 0) + 1
        kinds.add(kind)
        if v_slug:
            venues[v_slug] = v_name
        if state:
            states.add(state)
        if city:
            cities.add(city)
        if w_slug:
            works[w_slug] = w_title
    work_ids = select(Item.work_id).where(public)
    categories = session.exec(
        select(AwardCategory.name, AwardCategory.position)
        .join(Nomination, col(Nomination.category_id) == AwardCategory.id)
        .where(col(Nomination.work_id).in_(work_ids))
        .distinct()
        .order_by(col(AwardCategory.position))
    ).all()
    return {
        "day": [Option(d.isoformat(), f"{long_date(d, lang)} ({n})") for d, n in sorted(days.items())],
        "state": [Option(s, s) for s in sorted(states)],
        "city": [Option(c, c) for c in sorted(cities)],
        "venue": [Option(slug, name) for slug, name in sorted(venues.items(), key=lambda kv: kv[1])],
        "kind": [Option(k, t(f"item.{k}", lang)) for k in ItemKind if k in kinds],
        "work": [Option(slug, title) for slug, title in sorted(works.items(), key=lambda kv: kv[1])],
        "category": [Option(slugify(name), name) for name, _ in dict.fromkeys(categories)],
    }
