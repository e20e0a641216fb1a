"""Venues and agencies subscribed to their own calendars (Outlook, Google ...): busy times, refreshed.

A refresh fetches with the last copy's validators (ETag, Last-Modified) outside any transaction,
then replaces the busy blocks in one transaction. A failed refresh keeps the blocks it had and
records the reason, so the organizer sees both the last good data and what went wrong.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.ics_import import ImportRejected, read_calendar
from logistics_app.i18n import long_datetime
from logistics_app.integrations.remote_calendar import (
    Fetched,
    FetchPolicy,
    FetchRefused,
    check_url,
    configured_policy,
    fetch_calendar,
)
from logistics_app.models import Agency, BusyBlock, CalendarSubscription, Event, Venue, key_of, not_null
from logistics_app.settings import get_settings
from logistics_app.timeutil import DEFAULT_ZONE, now_utc, to_local

OWNERS = ("venue", "agency")
# Busy times are kept from a little before today to a year ahead, and over every current event.
KEEP_BEFORE = timedelta(days=7)
KEEP_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class Refreshed:
    subscription_id: int
    outcome: str  # "changed", "not_modified" or "failed"
    blocks: int
    error: str = ""


def _owner(session: Session, kind: str, slug: str) -> Venue | Agency:
    found: Venue | Agency | None = None
    if kind == "venue":
        found = session.exec(select(Venue).where(Venue.slug == slug)).first()
    elif kind == "agency":
        found = session.exec(select(Agency).where(Agency.slug == slug)).first()
    if found is None:
        raise NotFound(slug)
    return found


def subscription_of(*, session: Session, kind: str, slug: str) -> CalendarSubscription | None:
    owner = _owner(session, kind, slug)
    column = CalendarSubscription.venue_id if kind == "venue" else CalendarSubscription.agency_id
    return session.exec(select(CalendarSubscription).where(column == owner.id)).first()


def subscribe(
    *, session: Session, kind: str, slug: str, url: str, policy: FetchPolicy | None = None
) -> CalendarSubscription:
    """Subscribes the venue or agency to the URL (replacing an earlier one); the first fetch is due now."""
    url = url.strip()
    try:
        check_url(url, policy or configured_policy())
    except FetchRefused as refused:
        raise ValidationFailed([FieldError("url", "calendar_url", {"reason": refused.message()})]) from None
    owner = _owner(session, kind, slug)
    subscription = subscription_of(session=session, kind=kind, slug=slug)
    if subscription is None:
        if kind == "venue":
            subscription = CalendarSubscription(url=url, venue_id=owner.id)
        else:  # "agency": _owner refuses any other kind
            subscription = CalendarSubscription(url=url, agency_id=owner.id)
        session.add(subscription)
    elif subscription.url != url:
        session.exec(sa.delete(BusyBlock).where(col(BusyBlock.subscription_id) == subscription.id))
        subscription.url, subscription.etag, subscription.last_modified = url, "", ""
        subscription.checked_at = subscription.changed_at = None
        subscription.error_code, subscription.error_params = "", ""
    subscription.next_refresh_at = now_utc()
    session.flush()
    return subscription


def unsubscribe(*, session: Session, kind: str, slug: str) -> None:
    """Forgets the external calendar and its busy times."""
    subscription = subscription_of(session=session, kind=kind, slug=slug)
    if subscription is not None:
        session.delete(subscription)
        session.flush()


def _keep_window(session: Session, now: datetime) -> tuple[date, date]:
    first, last = session.exec(
        select(func.min(Event.start_date), func.max(Event.end_date)).where(col(Event.archived).is_(False))
    ).one()
    low, high = (now - KEEP_BEFORE).date(), (now + KEEP_AHEAD).date()
    return min(low, first or low), max(high, last or high)


def _zone(session: Session, subscription: CalendarSubscription) -> str:
    venue = session.get(Venue, subscription.venue_id) if subscription.venue_id is not None else None
    return (venue.timezone if venue else None) or DEFAULT_ZONE


def error_message(subscription: CalendarSubscription, lang: str = "es") -> str:
    """The last refresh's problem in the user's language, or ""."""
    if not subscription.error_code:
        return ""
    params: dict[str, Any] = json.loads(subscription.error_params or "{}")
    family, _, code = subscription.error_code.partition(".")
    if family == "import":
        line = params.pop("line", None)
        return ImportRejected(code, line=line, **params).message(lang)
    return FetchRefused(code, **params).message(lang)


def _fail(subscription: CalendarSubscription, family: str, code: str, params: dict[str, Any]) -> None:
    subscription.error_code = f"{family}.{code}"
    subscription.error_params = json.dumps(params, ensure_ascii=False, default=str)


def refresh(
    subscription_id: int,
    *,
    engine: Engine | None = None,
    policy: FetchPolicy | None = None,
    now: datetime | None = None,
    fetch: Callable[..., Fetched] = fetch_calendar,
) -> Refreshed:
    """Fetches one subscription again (no transaction is open while the network is used)."""
    now = now or now_utc()
    with session_scope(engine) as session:
        subscription = session.get(CalendarSubscription, subscription_id)
        if subscription is None:
            raise NotFound(str(subscription_id))
        url, etag, last_modified = subscription.url, subscription.etag, subscription.last_modified
    fetched: Fetched | None = None
    refused: FetchRefused | None = None
    try:
        fetched = fetch(url, policy=policy or configured_policy(), etag=etag, last_modified=last_modified)
    except FetchRefused as error:
        refused = error
    minutes = get_settings().calendar_refresh_minutes
    with session_scope(engine) as session:
        subscription = session.get(CalendarSubscription, subscription_id, with_for_update=True)
        if subscription is None or subscription.url != url:  # removed or changed meanwhile: its result is moot
            raise NotFound(str(subscription_id))
        subscription.checked_at, subscription.next_refresh_at = now, now + timedelta(minutes=minutes)
        count = session.exec(
            select(func.count()).select_from(BusyBlock).where(BusyBlock.subscription_id == subscription_id)
        ).one()
        if refused is not None:
            _fail(subscription, "fetch", refused.code, refused.params)
            return Refreshed(subscription_id, "failed", count, error_message(subscription))
        assert fetched is not None
        if fetched.not_modified:
            subscription.error_code, subscription.error_params = "", ""
            return Refreshed(subscription_id, "not_modified", count)
        first, last = _keep_window(session, now)
        try:
            calendar = read_calendar(fetched.body, zone=_zone(session, subscription), first=first, last=last)
        except ImportRejected as rejected:
            _fail(subscription, "import", rejected.code, {**rejected.params, "line": rejected.line})
            return Refreshed(subscription_id, "failed", count, error_message(subscription))
        session.exec(sa.delete(BusyBlock).where(col(BusyBlock.subscription_id) == subscription_id))
        session.add_all(
            BusyBlock(
                subscription_id=subscription_id,
                title=item.title[:300],
                start_utc=item.start,
                end_utc=item.end,
                all_day=item.all_day,
            )
            for item in calendar.items
            if not item.cancelled
        )
        subscription.etag, subscription.last_modified = fetched.etag, fetched.last_modified
        subscription.changed_at = now
        subscription.error_code, subscription.error_params = "", ""
        return Refreshed(subscription_id, "changed", sum(not i.cancelled for i in calendar.items))


def claim_due(*, engine: Engine | None = None, now: datetime | None = None, limit: int | None = None) -> list[int]:
    """The subscriptions due for a refresh (at most `limit`), each claimed by this worker alone
    (others skip it)."""
    now = now or now_utc()
    # A worker that dies mid-refresh leaves it due again soon; a refresh takes at most the
    # download's deadline, well within the lease.
    lease = now + timedelta(minutes=5)
    claimed = []
    with session_scope(engine) as session:
        due = session.exec(
            select(CalendarSubscription.id)
            .where(col(CalendarSubscription.next_refresh_at) <= now)
            .order_by(col(CalendarSubscription.next_refresh_at))
            .limit(limit)
        ).all()
        for subscription_id in due:
            result = session.exec(
                sa.update(CalendarSubscription)
                .where(
                    col(CalendarSubscription.id) == subscription_id, col(CalendarSubscription.next_refresh_at) <= now
                )
                .values(next_refresh_at=lease)
            )
            if result.rowcount == 1:
                claimed.append(not_null(subscription_id))  # a primary key read back
    return claimed


def refresh_due(
    *, engine: Engine | None = None, policy: FetchPolicy | None = None, now: datetime | None = None
) -> list[Refreshed]:
    """Refreshes every subscription that is due (the calendars job and the CLI call this),
    claiming one at a time: a slow calendar holds only its own claim, and other workers take the rest."""
    done = []
    while claimed := claim_due(engine=engine, now=now, limit=1):
        try:
            done.append(refresh(claimed[0], engine=engine, policy=policy, now=now))
        except NotFound:
            continue
    return done


NO_CALENDAR = {"url": "", "checked": "", "error": "", "blocks": ""}


def describe(subscription: CalendarSubscription | None, blocks: int, zone: str, lang: str = "es") -> dict[str, str]:
    """A small read model for the directory pages."""
    if subscription is None:
        return dict(NO_CALENDAR)
    return {
        "url": subscription.url,
        "checked": long_datetime(to_local(subscription.checked_at, zone), lang) if subscription.checked_at else "",
        "error": error_message(subscription, lang),
        "blocks": str(blocks),
    }


def calendars_of(*, session: Session, kind: str, lang: str = "es") -> dict[int, dict[str, str]]:
    """Owner id -> its external calendar described, for every venue or agency that has one."""
    column = CalendarSubscription.venue_id if kind == "venue" else CalendarSubscription.agency_id
    counts = dict(
        session.exec(select(BusyBlock.subscription_id, func.count()).group_by(col(BusyBlock.subscription_id))).all()
    )
    zones = dict(session.exec(select(Venue.id, Venue.timezone)).all()) if kind == "venue" else {}
    return {
        getattr(sub, f"{kind}_id"): describe(
            sub, counts.get(key_of(sub), 0), zones.get(getattr(sub, f"{kind}_id")) or DEFAULT_ZONE, lang
        )
        for sub in session.exec(select(CalendarSubscription).where(col(column).is_not(None)))
    }


def busy_blocks(
    *, session: Session, first: datetime, last: datetime
) -> list[tuple[BusyBlock, CalendarSubscription, str]]:
    """Busy blocks overlapping [first, last), each with its subscription and its owner's name, by start."""
    rows = session.exec(
        select(BusyBlock, CalendarSubscription, Venue.name, Agency.name)
        .join(CalendarSubscription, col(CalendarSubscription.id) == BusyBlock.subscription_id)
        .join(Venue, col(Venue.id) == CalendarSubscription.venue_id, isouter=True)
        .join(Agency, col(Agency.id) == CalendarSubscription.agency_id, isouter=True)
        .where(col(BusyBlock.start_utc) < last, col(BusyBlock.end_utc) > first)
        .order_by(col(BusyBlock.start_utc))
    ).all()
    return [(block, sub, venue or agency or "") for block, sub, venue, agency in rows]
