"""Sealed winners: entered by the tally ("escrutinio") before the ceremony, shown nowhere until
their category is revealed — one by one as the ceremony reaches them (by hand, at a category's
time, or when the show caller reaches its segment), or all at once (by hand or at the event's
reveal time) — when they are copied to Nomination.is_winner. A wrong reveal is corrected (sealed
again and revealed again) or retracted; each is logged (RevealRecord).

Every public page, feed, JSON and export reads only Nomination.is_winner; the sealed table is read
here alone, for people with the tally permission.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlmodel import Session, col, select

from logistics_app.db import after_commit
from logistics_app.domain.access import Action, Principal, require
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.i18n import clock, long_datetime
from logistics_app.models import (
    AwardCategory,
    Event,
    Nomination,
    RevealRecord,
    SealedWinner,
    key_of,
)
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.rundown import ceremony_of
from logistics_app.timeutil import localize, now_utc, to_local


def revealed(*, session: Session, slug: str, now: datetime | None = None) -> bool:
    """Whether any category's winner is public (the exports then carry the winners column)."""
    event = event_by_slug(session=session, slug=slug)
    if event.winners_revealed_at is not None and event.winners_revealed_at <= (now or now_utc()):
        return True
    return (
        session.exec(
            select(AwardCategory.id).where(
                AwardCategory.event_id == event.id, col(AwardCategory.revealed_at).is_not(None)
            )
        ).first()
        is not None
    )


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


def reveal_status(*, session: Session, actor: Principal, slug: str, lang: str = "es") -> dict[int, dict[str, str]]:
    """Category id -> its reveal as the tally sees it: "state" (sealed, no_winner, revealed, or
    changed: sealed differs from what shows), "at" (when revealed, event's zone) and "shown" (the
    nomination the public sees)."""
    require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    sealed = tally(session=session, actor=actor, slug=slug)
    shown = dict(
        session.exec(
            select(Nomination.category_id, Nomination.id)
            .join(AwardCategory, col(AwardCategory.id) == Nomination.category_id)
            .where(AwardCategory.event_id == event.id, col(Nomination.is_winner))
        ).all()
    )
    starts = _ceremony_start(session, event)
    out: dict[int, dict[str, str]] = {}
    for category in session.exec(select(AwardCategory).where(AwardCategory.event_id == event.id)):
        cid = key_of(category)
        if category.revealed_at is None:
            state = "sealed" if cid in sealed else "no_winner"
        else:
            state = "changed" if sealed.get(cid) not in (None, shown.get(cid)) else "revealed"
        at = clock(to_local(category.revealed_at, event.timezone), lang) if category.revealed_at else ""
        planned = to_local(category.reveal_at, event.timezone).replace(tzinfo=None) if category.reveal_at else None
        out[cid] = {
            "state": state,
            "at": at,
            "shown": str(shown.get(cid, "")),
            "planned": long_datetime(planned, lang) if planned else "",
            # what the datetime-local field starts from: the planned time, else the ceremony's start
            "planned_input": (planned or starts).isoformat(timespec="minutes"),
        }
    return out


def _wall_time(text: str, day: date) -> datetime | None:
    """A wall-clock time typed as "HH:MM" (on `day`) or a date and time ("2025-09-20T21:15",
    "2025-09-20 21:15"); None for anything else (a date alone, an offset, "2025")."""
    if ":" not in text:
        return None
    try:
        return datetime.combine(day, time.fromisoformat(text))
    except ValueError:
        pass
    try:
        wall = datetime.fromisoformat(text)
    except ValueError:
        return None
    return wall if wall.tzinfo is None and ("T" in text or " " in text) else None


def _ceremony_start(session: Session, event: Event) -> datetime:
    """When the ceremony starts, in the event's zone (the event's last day at 20:00 without one)."""
    try:
        ceremony = ceremony_of(session=session, event=event)
    except NotFound:
        return datetime.combine(event.end_date, time(20, 0))
    return to_local(ceremony.start_utc, event.timezone).replace(tzinfo=None)


def schedule_reveal(*, session: Session, actor: Principal, slug: str, at: datetime | None) -> None:
    require(actor, Action.TALLY)
    event_by_slug(session=session, slug=slug).reveal_at = at
    if at is not None:
        after_commit(session, "reveal", at=at)


def _category_of(session: Session, event: Event, category_id: int) -> AwardCategory:
    category = session.get(AwardCategory, category_id)
    if category is None or category.event_id != event.id:
        raise NotFound(str(category_id))
    return category


def _reveal_one(session: Session, category: AwardCategory, now: datetime, user_id: int | None) -> str | None:
    """Makes the category's sealed winner public (a first reveal, or a correction when another one
    was shown); returns the action logged, or None when there is nothing sealed or nothing new."""
    sealed = session.exec(select(SealedWinner).where(SealedWinner.category_id == category.id)).first()
    if sealed is None:
        return None
    nominations = list(session.exec(select(Nomination).where(Nomination.category_id == category.id)))
    shown = {key_of(n) for n in nominations if n.is_winner}
    if category.revealed_at is not None and shown == {sealed.nomination_id}:
        return None
    action = "reveal" if category.revealed_at is None else "correct"
    for nomination in nominations:
        nomination.is_winner = nomination.id == sealed.nomination_id
    winner = next(n for n in nominations if n.id == sealed.nomination_id)
    category.revealed_at = now
    session.add(
        RevealRecord(
            category_id=key_of(category),
            action=action,
            nomination_id=key_of(winner),
            work_title=winner.work_title[:300],
            at=now,
            user_id=user_id,
        )
    )
    session.flush()
    return action


def reveal_category(
    *, session: Session, actor: Principal | None, slug: str, category_id: int, now: datetime | None = None
) -> str:
    """Reveals one category's sealed winner (or corrects a wrong reveal to what is sealed now);
    returns "reveal", "correct" or "" when it shows already. A category with no sealed winner is
    refused. actor None: its reveal time, or the show caller reaching its segment."""
    if actor is not None:
        require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    category = _category_of(session, event, category_id)
    if session.exec(select(SealedWinner.id).where(SealedWinner.category_id == category.id)).first() is None:
        raise ValidationFailed([FieldError("category", "no_sealed_winner", {"name": category.name})])
    return _reveal_one(session, category, now or now_utc(), actor.user_id if actor else None) or ""


def reveal_at_segment(
    *, session: Session, slug: str, category_id: int, user_id: int | None, now: datetime | None = None
) -> str:
    """The show caller reached the category's announcement: its sealed winner is revealed (no
    tally permission needed: the winner was sealed for this moment); "" when nothing is sealed
    or it shows already."""
    event = event_by_slug(session=session, slug=slug)
    return _reveal_one(session, _category_of(session, event, category_id), now or now_utc(), user_id) or ""


def retract_category(
    *, session: Session, actor: Principal, slug: str, category_id: int, now: datetime | None = None
) -> None:
    """Takes a wrong reveal back: the category shows no winner again until it is revealed again
    (by hand, at its segment, or at a new reveal time)."""
    require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    category = _category_of(session, event, category_id)
    if category.revealed_at is None:
        return
    for nomination in session.exec(select(Nomination).where(Nomination.category_id == category.id)):
        nomination.is_winner = False
    category.revealed_at = None
    category.reveal_at = None  # its time is spent: the minute sweep must not reveal it again
    session.add(
        RevealRecord(category_id=key_of(category), action="retract", at=now or now_utc(), user_id=actor.user_id)
    )
    session.flush()


def unsealed(*, session: Session, actor: Principal, slug: str) -> list[str]:
    """The categories with no sealed winner, in ceremony order (a reveal would skip them)."""
    require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    return list(
        session.exec(
            select(AwardCategory.name)
            .where(AwardCategory.event_id == event.id)
            .where(~col(AwardCategory.id).in_(select(SealedWinner.category_id)))
            .order_by(col(AwardCategory.position))
        )
    )


def reveal_log(*, session: Session, actor: Principal, slug: str) -> list[RevealRecord]:
    """Every reveal, correction and retraction of the event, oldest first."""
    require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    return list(
        session.exec(
            select(RevealRecord)
            .join(AwardCategory, col(AwardCategory.id) == RevealRecord.category_id)
            .where(AwardCategory.event_id == event.id)
            .order_by(col(RevealRecord.at), col(RevealRecord.id))
        )
    )


def schedule_category_reveal(
    *, session: Session, actor: Principal, slug: str, category_id: int, time_text: str, now: datetime | None = None
) -> datetime | None:
    """Sets (or, with "", clears) the time a category reveals itself, in the event's zone: a date
    and time ("2025-09-20T21:15", as a datetime-local field sends it, or "2025-09-20 21:15"), or
    only HH:MM, on the ceremony's day (the backend's minute sweep, or a job at that time, does it).
    A time already past is refused. Returns the time in UTC."""
    require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    category = _category_of(session, event, category_id)
    text = time_text.strip()
    if not text:
        category.reveal_at = None
        session.add(category)
        return None
    wall = _wall_time(text, _ceremony_start(session, event).date())
    if wall is None:
        raise ValidationFailed([FieldError("time", "bad_reveal_when")])
    at = localize(wall.replace(second=0, microsecond=0), event.timezone)
    if at <= (now or now_utc()):  # the sweep would reveal it at once: that is "Revelar"'s job
        raise ValidationFailed([FieldError("time", "reveal_in_past")])
    category.reveal_at = at
    session.add(category)
    after_commit(session, "reveal", at=category.reveal_at)
    return category.reveal_at


def reveal(*, session: Session, slug: str, actor: Principal | None, now: datetime | None = None) -> int:
    """Reveals every category with a sealed winner not shown yet, in ceremony order; returns how
    many. actor None: the event's reveal time."""
    if actor is not None:
        require(actor, Action.TALLY)
    event = event_by_slug(session=session, slug=slug)
    return _reveal(session, event, now or now_utc(), actor.user_id if actor else None)


def _reveal(session: Session, event: Event, now: datetime, user_id: int | None) -> int:
    done = 0
    for category in session.exec(
        select(AwardCategory).where(AwardCategory.event_id == event.id).order_by(col(AwardCategory.position))
    ):
        done += _reveal_one(session, category, now, user_id) is not None
    event.winners_revealed_at = event.winners_revealed_at or now
    session.flush()
    return done


def reveal_due(*, session: Session, now: datetime | None = None) -> list[str]:
    """Reveals what is due (the backend checks every minute): events whose reveal time has come,
    and categories whose own reveal time has; returns the events' slugs."""
    now = now or now_utc()
    due = session.exec(
        select(Event).where(
            col(Event.reveal_at).is_not(None),
            col(Event.reveal_at) <= now,
            col(Event.winners_revealed_at).is_(None),
        )
    ).all()
    slugs = []
    for event in due:
        _reveal(session, event, now, None)
        slugs.append(event.slug)
    for category in session.exec(
        select(AwardCategory).where(
            col(AwardCategory.reveal_at).is_not(None),
            col(AwardCategory.reveal_at) <= now,
            col(AwardCategory.revealed_at).is_(None),
        )
    ):
        if _reveal_one(session, category, now, None) is not None:
            owner = session.get(Event, category.event_id)
            if owner is not None and owner.slug not in slugs:
                slugs.append(owner.slug)
    return slugs
