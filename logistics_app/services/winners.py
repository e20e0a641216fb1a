"""Sealed winners: entered by the tally ("escrutinio") before the ceremony, shown nowhere until the
reveal (an organizer's action, or the reveal time), when they are copied to Nomination.is_winner.

Every public page, feed, JSON and export reads only Nomination.is_winner; the sealed table is read
here alone, for people with the tally permission.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from logistics_app.db import after_commit
from logistics_app.domain.access import Action, Principal, require
from logistics_app.domain.errors import NotFound
from logistics_app.models import AwardCategory, Event, Nomination, SealedWinner, key_of
from logistics_app.services.lookups import event_by_slug
from logistics_app.timeutil import now_utc


def revealed(*, session: Session, slug: str, now: datetime | None = None) -> bool:
    event = event_by_slug(session=session, slug=slug)
    return event.winners_revealed_at is not None and event.winners_revealed_at <= (now or now_utc())


def seal(*, session: Session, actor: Principal, slug: str, nomination_id: int, now: datetime | None = None) -> None:
    """Marks the nomination as its category's winner (replacing an earlier choice there)."""
    require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    row = session.exec(
        select(Nomination, AwardCategory)
        .join(AwardCategory, col(AwardCategory.id) == Nomination.category_id)
        .where(Nomination.id == nomination_id, AwardCategory.event_id == event.id)
    ).first()
    if row is None:
        raise NotFound(str(nomination_id))
    nomination, category = row
    for old in session.exec(select(SealedWinner).where(SealedWinner.category_id == category.id)):
        session.delete(old)
    session.flush()
    session.add(
        SealedWinner(
            nomination_id=key_of(nomination),
            category_id=key_of(category),
            entered_by=actor.user_id,
            entered_at=now or now_utc(),
        )
    )
    session.flush()


def tally(*, session: Session, actor: Principal, slug: str) -> dict[int, int]:
    """Category id -> the sealed nomination id (for the tally page only)."""
    require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    return dict(
        session.exec(
            select(SealedWinner.category_id, SealedWinner.nomination_id)
            .join(AwardCategory, col(AwardCategory.id) == SealedWinner.category_id)
            .where(AwardCategory.event_id == event.id)
        ).all()
    )


def schedule_reveal(*, session: Session, actor: Principal, slug: str, at: datetime | None) -> None:
    require(actor, Action.TALLY)
    event_by_slug(session=session, slug=slug).reveal_at = at
    if at is not None:
        after_commit(session, "reveal", at=at)


def reveal(*, session: Session, slug: str, actor: Principal | None, now: datetime | None = None) -> int:
    """Copies the sealed winners to the nominations; returns how many. actor None: the reveal time."""
    if actor is not None:
        require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    return _reveal(session, event, now or now_utc())


def _reveal(session: Session, event: Event, now: datetime) -> int:
    sealed = session.exec(
        select(SealedWinner.nomination_id)
        .join(AwardCategory, col(AwardCategory.id) == SealedWinner.category_id)
        .where(AwardCategory.event_id == event.id)
    ).all()
    for nomination in session.exec(
        select(Nomination)
        .join(AwardCategory, col(AwardCategory.id) == Nomination.category_id)
        .where(AwardCategory.event_id == event.id)
    ):
        nomination.is_winner = nomination.id in sealed
    event.winners_revealed_at = now
    session.flush()
    return len(sealed)


def reveal_due(*, session: Session, now: datetime | None = None) -> list[str]:
    """Reveals the events whose reveal time has come (the backend checks every minute)."""
    now = now or now_utc()
    due = session.exec(
        select(Event).where(
            col(Event.reveal_at).is_not(None),
            col(Event.reveal_at) <= now,
            col(Event.winners_revealed_at).is_(None),
        )
    ).all()
    for event in due:
        _reveal(session, event, now)
    return [event.slug for event in due]
