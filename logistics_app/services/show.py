"""The ceremony on the night: the show caller moves from segment to segment, each segment's actual
start and end are recorded, a category's winner is revealed when the caller reaches its
announcement, and afterwards the actual timings are compared with the plan.

Every device (the caller's, the stage manager's, the floor's, the press room's, the control
room's) reads the same rows: what one of them does, the others see at their next look (the pages
look four times a second, only reading again when the data version moved)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from logistics_app.domain.errors import NotFound
from logistics_app.domain.rundown import plan
from logistics_app.i18n import clock, t
from logistics_app.models import AwardCategory, Event, Person, RunSegment, SegmentPresenter, key_of
from logistics_app.services import winners
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.rundown import ceremony_of
from logistics_app.timeutil import now_utc, to_local


@dataclass
class ShowView:
    event_name: str = ""
    ceremony: str = ""
    slot: str = ""
    zone: str = ""
    segments: list[dict[str, str]] = field(default_factory=list)
    current: dict[str, str] = field(default_factory=dict)  # empty before the first and after the last
    upcoming: list[dict[str, str]] = field(default_factory=list)  # the next two
    state: str = "before"  # before, running, over
    planned_total: int = 0  # minutes
    slot_minutes: int = 0
    projected: str = ""  # "+4 min" past the slot's end at this pace, "−3 min" inside it, "" before


def _segments(session: Session, ceremony_id: int) -> list[RunSegment]:
    return list(
        session.exec(select(RunSegment).where(RunSegment.ceremony_id == ceremony_id).order_by(col(RunSegment.position)))
    )


def _presenters(session: Session, segment_ids: list[int]) -> dict[int, str]:
    names: dict[int, list[str]] = {}
    for segment_id, name in session.exec(
        select(SegmentPresenter.segment_id, Person.name)
        .join(Person, col(Person.id) == SegmentPresenter.person_id)
        .where(col(SegmentPresenter.segment_id).in_(segment_ids))
        .order_by(col(Person.name))
    ):
        names.setdefault(segment_id, []).append(name)
    return {k: ", ".join(v) for k, v in names.items()}


def signed(minutes: int) -> str:
    return f"+{minutes} min" if minutes > 0 else f"−{-minutes} min" if minutes < 0 else "0 min"


def view(*, session: Session, slug: str, lang: str = "es", now: datetime | None = None) -> ShowView:
    """Where the ceremony stands: every segment planned and as it went, the current one (its start,
    for the running clock), the next two, and the pace against the broadcast slot."""
    now = now or now_utc()
    event = event_by_slug(session=session, slug=slug)
    ceremony = ceremony_of(session=session, event=event)
    zone = event.timezone
    segments = _segments(session, key_of(ceremony))
    timed = plan(ceremony.start_utc, [s.minutes for s in segments], ceremony.end_utc)
    presenters = _presenters(session, [key_of(s) for s in segments])
    categories = {c.id: c for c in session.exec(select(AwardCategory).where(AwardCategory.event_id == event.id))}
    current_index = next((i for i, s in enumerate(segments) if s.started_at and not s.ended_at), None)
    rows = []
    for i, (segment, times) in enumerate(zip(segments, timed.times, strict=True)):
        actual = ""
        if segment.started_at is not None:
            end = clock(to_local(segment.ended_at, zone), lang) if segment.ended_at else "…"
            actual = f"{clock(to_local(segment.started_at, zone), lang)}–{end}"
        took = int(((segment.ended_at or now) - segment.started_at).total_seconds() // 60) if segment.started_at else 0
        category = categories.get(segment.category_id) if segment.category_id else None
        rows.append(
            {
                "id": str(segment.id),
                "title": segment.title,
                "kind": segment.kind,
                "kind_label": t(f"rundown.kind.{segment.kind}", lang),
                "minutes": str(segment.minutes),
                "planned": f"{clock(to_local(times.start, zone), lang)}–{clock(to_local(times.end, zone), lang)}",
                "actual": actual,
                "over": signed(took - segment.minutes) if segment.ended_at else "",
                "seconds": str(round((segment.ended_at - segment.started_at).total_seconds()))  # it ran, once over
                if segment.ended_at and segment.started_at
                else "",
                "state": "done"
                if segment.ended_at
                else "current"
                if i == current_index
                else "next"
                if current_index is not None and i == current_index + 1
                else "later",
                "presenters": presenters.get(key_of(segment), ""),
                "started": segment.started_at.isoformat() if segment.started_at else "",
                "category": category.name if category else "",
                "revealed": "1" if category is not None and category.revealed_at is not None else "",
                "notes": segment.notes,
            }
        )
    finish: datetime | None = None  # when the show ends at this pace
    if current_index is not None:
        state, current = "running", segments[current_index]
        spent = (now - (current.started_at or now)).total_seconds() / 60
        left = max(current.minutes - spent, 0) + sum(s.minutes for s in segments[current_index + 1 :])
        finish = now + timedelta(minutes=left)
    elif segments and all(s.ended_at for s in segments):
        state, finish = "over", max(s.ended_at for s in segments if s.ended_at)
    else:
        state = "before"
    # Against the broadcast slot on the night; a rehearsal (another day) against the slot's length.
    first = min((s.started_at for s in segments if s.started_at), default=None)
    slot_end = ceremony.end_utc
    if first is not None and abs(first - ceremony.start_utc) > timedelta(hours=12):
        slot_end = first + (ceremony.end_utc - ceremony.start_utc)
    projected = signed(round((finish - slot_end).total_seconds() / 60)) if finish else ""
    upcoming_from = (current_index + 1) if current_index is not None else (0 if state == "before" else len(rows))
    return ShowView(
        event_name=event.name,
        ceremony=ceremony.title,
        slot=f"{clock(to_local(ceremony.start_utc, zone), lang)}–{clock(to_local(ceremony.end_utc, zone), lang)}",
        zone=zone,
        segments=rows,
        current=rows[current_index] if current_index is not None else {},
        upcoming=rows[upcoming_from : upcoming_from + 2],
        state=state,
        planned_total=sum(s.minutes for s in segments),
        slot_minutes=int((ceremony.end_utc - ceremony.start_utc).total_seconds() // 60),
        projected=projected,
    )


def advance(
    *, session: Session, slug: str, user_id: int | None, now: datetime | None = None, seen: str | None = None
) -> str:
    """The caller's "next segment": the current one ends (a category's winner is revealed as it is
    announced, if it was not yet) and the next starts; before the show, the first starts. `seen` is
    the segment the caller's screen showed as current ("" before the show): a second press from
    another device, or the same press twice, finds another one current and changes nothing.
    Returns the category whose winner was revealed, or ""."""
    now = now or now_utc()
    event = event_by_slug(session=session, slug=slug)
    ceremony = ceremony_of(session=session, event=event)
    segments = list(
        session.exec(  # locked: two presses at once are taken one after the other
            select(RunSegment)
            .where(RunSegment.ceremony_id == ceremony.id)
            .order_by(col(RunSegment.position))
            .with_for_update()
        )
    )
    current = next((s for s in segments if s.started_at and not s.ended_at), None)
    if seen is not None and seen != (str(current.id) if current else ""):
        return ""
    revealed = ""
    if current is not None:
        current.ended_at = now
        session.add(current)
        revealed = _announce(session, event, current, user_id, now)
    following = next((s for s in segments if s.started_at is None), None)
    if following is not None:
        following.started_at = now
        session.add(following)
    session.flush()
    return revealed


def announce(*, session: Session, slug: str, user_id: int | None, now: datetime | None = None) -> str:
    """The current category's winner, revealed now (the caller's "announce" at the envelope)."""
    event = event_by_slug(session=session, slug=slug)
    ceremony = ceremony_of(session=session, event=event)
    current = next((s for s in _segments(session, key_of(ceremony)) if s.started_at and not s.ended_at), None)
    if current is None:
        return ""
    return _announce(session, event, current, user_id, now or now_utc())


def _announce(session: Session, event: Event, segment: RunSegment, user_id: int | None, now: datetime) -> str:
    if segment.kind != "category" or segment.category_id is None:
        return ""
    done = winners.reveal_at_segment(
        session=session, slug=event.slug, category_id=segment.category_id, user_id=user_id, now=now
    )
    category = session.get(AwardCategory, segment.category_id)
    return category.name if done and category is not None else ""


def reset(*, session: Session, slug: str) -> None:
    """Clears the recorded timings (a rehearsal is over; the night starts afresh). Reveals stay."""
    ceremony = ceremony_of(session=session, event=event_by_slug(session=session, slug=slug))
    for segment in _segments(session, key_of(ceremony)):
        segment.started_at = segment.ended_at = None
        session.add(segment)
    session.flush()


def crew_link(*, session: Session, slug: str, rotate: bool = False) -> str:
    """The event's crew token (made on first use; `rotate` gives a new one, the old link dies)."""
    event = event_by_slug(session=session, slug=slug)
    if event.crew_token is None or rotate:
        event.crew_token = secrets.token_urlsafe(24)
        session.add(event)
        session.flush()
    return event.crew_token


def slug_for_crew(*, session: Session, token: str) -> str:
    """The event a crew link opens (NotFound for any other token)."""
    if not token or len(token) > 64:
        raise NotFound("crew")
    event = session.exec(select(Event).where(Event.crew_token == token)).first()
    if event is None:
        raise NotFound("crew")
    return event.slug
