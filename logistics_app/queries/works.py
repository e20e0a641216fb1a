"""Public pages about films, award categories and television slots."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from logistics_app.domain.errors import NotFound
from logistics_app.domain.text import fold, slugify
from logistics_app.models import (
    AwardCategory,
    Event,
    ItemKind,
    Nomination,
    PublishedItem,
    Space,
    Venue,
    Visibility,
    Work,
    key_of,
    rows_of,
)
from logistics_app.queries.programme import ProgrammeRow, dated, programme_row
from logistics_app.services.lookups import event_by_slug

# The public (and the agencies' and people's feeds) read the last published schedule, not the
# organizers' working copy.
Item = PublishedItem

MX = "America/Mexico_City"
_PUBLIC = (col(Item.visibility) == Visibility.PUBLIC) & col(Event.is_public).is_(True) & col(Event.archived).is_(False)


@dataclass(frozen=True)
class NominationRow:
    category: str
    category_slug: str
    event_slug: str
    event_name: str
    work_title: str
    work_slug: str
    year: str
    director: str
    nominees: str
    winner: str = ""  # "1" once the winners are revealed (is_winner is only ever set by the reveal)
    nomination_id: str = ""


@dataclass
class WorkPage:
    slug: str
    title: str
    year: str
    director: str
    minutes: str
    synopsis: str
    streaming: list[tuple[str, str]]
    nominations: list[NominationRow]
    screenings: list[ProgrammeRow]
    tv: list[ProgrammeRow]


def _rows(session: Session, where: ColumnElement[bool], lang: str, visitor_zone: str) -> list[ProgrammeRow]:
    # More entities than sqlmodel's select() types: SQLAlchemy's select, read by rows_of().
    rows = rows_of(
        session,
        sa.select(Item, Venue, Space, Work, Event)
        .join(Event, col(Event.id) == Item.event_id)
        .join(Venue, col(Venue.id) == Item.venue_id, isouter=True)
        .join(Space, col(Space.id) == Item.space_id, isouter=True)
        .join(Work, col(Work.id) == Item.work_id, isouter=True)
        .where(_PUBLIC, where)
        .order_by(col(Item.start_utc), col(Item.id)),
    )
    return dated(
        [
            programme_row(item, venue, space, work, event.timezone, visitor_zone or event.timezone, lang)
            for item, venue, space, work, event in rows
        ]
    )


def _nominations(session: Session, where: ColumnElement[bool]) -> list[NominationRow]:
    rows = session.exec(
        select(Nomination, AwardCategory, Event, Work)
        .join(AwardCategory, col(AwardCategory.id) == Nomination.category_id)
        .join(Event, col(Event.id) == AwardCategory.event_id)
        .join(Work, col(Work.id) == Nomination.work_id, isouter=True)
        .where(col(Event.is_public).is_(True), col(Event.archived).is_(False), where)
        .order_by(col(Event.start_date), col(AwardCategory.position), col(Nomination.work_title))
    ).all()
    return [
        NominationRow(
            category=category.name,
            category_slug=slugify(category.name),
            event_slug=event.slug,
            event_name=event.name,
            work_title=nomination.work_title,
            work_slug=work.slug if work else "",
            year=str(nomination.work_year or ""),
            director=nomination.director,
            nominees=nomination.nominee_names,
            winner="1" if nomination.is_winner else "",
            nomination_id=str(nomination.id),
        )
        for nomination, category, event, work in rows
    ]


def work_page(*, session: Session, slug: str, lang: str = "es", visitor_zone: str = "") -> WorkPage:
    work = session.exec(select(Work).where(Work.slug == slug)).first()
    if work is None:
        raise NotFound(slug)
    title = fold(work.title)
    broadcasts = [
        row
        for row, text in ((r, fold(f"{i.title} {i.description}")) for r, i in _broadcasts(session, lang, visitor_zone))
        if title in text or row.work_slug == work.slug
    ]
    return WorkPage(
        slug=work.slug,
        title=work.title,
        year=str(work.year or ""),
        director=work.director,
        minutes=str(work.minutes or ""),
        synopsis=work.synopsis,
        streaming=[_service(line) for line in work.streaming.splitlines() if "|" in line],
        nominations=_nominations(session, col(Nomination.work_id) == work.id),
        screenings=_rows(
            session, (col(Item.work_id) == work.id) & (col(Item.kind) != ItemKind.BROADCAST), lang, visitor_zone
        ),
        tv=broadcasts,
    )


def _service(line: str) -> tuple[str, str]:
    """A streaming line, "name|url", as (name, url)."""
    name, _, url = line.partition("|")
    return name, url


def _broadcasts(session: Session, lang: str, visitor_zone: str) -> list[tuple[ProgrammeRow, Item]]:
    rows = _rows(session, col(Item.kind) == ItemKind.BROADCAST, lang, visitor_zone or MX)
    items = {i.uid: i for i in session.exec(select(Item).where(Item.kind == ItemKind.BROADCAST)).all()}
    return [(row, items[row.uid]) for row in rows]


def tv_guide(*, session: Session, lang: str = "es", visitor_zone: str = "") -> list[ProgrammeRow]:
    """Every public television slot, soonest first."""
    return [row for row, _ in _broadcasts(session, lang, visitor_zone)]


@dataclass
class CategoryPage:
    event_slug: str
    event_name: str
    categories: list[tuple[str, str]]  # (slug, name) in ceremony order
    chosen: str
    nominations: list[NominationRow]


def category_page(*, session: Session, event_slug: str, category: str = "") -> CategoryPage:
    """An event's award categories and their nominees; winners once revealed."""
    event = event_by_slug(session=session, slug=event_slug)
    if not event.is_public or event.archived:
        raise NotFound(event_slug)
    names = session.exec(
        select(AwardCategory.name).where(AwardCategory.event_id == event.id).order_by(col(AwardCategory.position))
    ).all()
    categories = [(slugify(n), n) for n in names]
    if category and category not in dict(categories):
        raise NotFound(category)
    chosen_names = [n for s, n in categories if not category or s == category]
    return CategoryPage(
        event_slug=event.slug,
        event_name=event.name,
        categories=categories,
        chosen=category,
        nominations=_nominations(
            session, (col(AwardCategory.event_id) == event.id) & col(AwardCategory.name).in_(chosen_names)
        ),
    )


def live_winners(*, session: Session, event_slug: str) -> dict[str, object]:
    """What the public live view of the ceremony needs, small enough to send to thousands: each
    category in ceremony order, and for a revealed one its winner (nothing of a category before its
    reveal: is_winner is only ever set by it)."""
    event = event_by_slug(session=session, slug=event_slug)
    if not event.is_public or event.archived:
        raise NotFound(event_slug)
    categories = session.exec(
        select(AwardCategory).where(AwardCategory.event_id == event.id).order_by(col(AwardCategory.position))
    ).all()
    won = {
        n.category_id: n
        for n in session.exec(
            select(Nomination)
            .join(AwardCategory, col(AwardCategory.id) == Nomination.category_id)
            .where(AwardCategory.event_id == event.id, col(Nomination.is_winner))
        )
    }
    out = []
    for category in categories:
        winner = won.get(key_of(category))
        out.append(
            {
                "slug": slugify(category.name),
                "name": category.name,
                "winner": str(winner.id) if winner else "",
                "title": winner.work_title if winner else "",
                "people": winner.nominee_names if winner else "",
            }
        )
    return {"event": event.slug, "revealed": sum(1 for c in out if c["winner"]), "categories": out}
