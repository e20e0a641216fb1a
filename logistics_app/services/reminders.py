"""Reminders and alerts, through the outbox: a deliverable due within 24 hours reminds its agency;
one marked blocked alerts the organizers at once; a nominee gets their itinerary before the event.
Plain messages, queued at once, never held or merged; each claimed in the database, so two workers
never send one twice."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.i18n import LANGUAGES, long_datetime, normalize_lang, t, zone_label
from logistics_app.models import (
    Agency,
    Deliverable,
    DeliverableStatus,
    Event,
    FeedKind,
    MessageKind,
    NomineeLogistics,
    OutboxMessage,
    Person,
    Role,
    ScheduleItem,
    User,
    key_of,
    not_null,
)
from logistics_app.queries import feeds
from logistics_app.services.outbox import already_written, queue_plain, recipients_of
from logistics_app.settings import get_settings
from logistics_app.timeutil import local_day_bounds, now_utc, to_local

log = logging.getLogger(__name__)
REMIND_WITHIN = timedelta(hours=24)
ALERT_EVERY = timedelta(hours=1)


def queue_blocked_alert(*, session: Session, deliverable: Deliverable, now: datetime | None = None) -> int:
    """A deliverable was just marked blocked: every organizer hears of it at once, with the reason."""
    now = now or now_utc()
    item = not_null(session.get(ScheduleItem, deliverable.item_id))
    event = not_null(session.get(Event, item.event_id))
    agency = not_null(session.get(Agency, deliverable.agency_id))
    organizers = session.exec(
        select(User.email, User.name, User.lang).where(User.role == Role.ORGANIZER, col(User.disabled_at).is_(None))
    ).all()
    settings = get_settings()

    def write(lang: str) -> tuple[str, str]:
        return t("mail.alert.subject", lang, agency=agency.name, title=deliverable.title), t(
            "mail.alert.body",
            lang,
            agency=agency.name,
            title=deliverable.title,
            item=item.title,
            when=long_datetime(to_local(item.start_utc, event.timezone), lang),
            reason=deliverable.blocked_reason,
            link=settings.site_url + routes.plan_panel_url(event.slug),
        )

    to = {email.lower(): (name, normalize_lang(lang)) for email, name, lang in organizers}
    # Blocked, unblocked, blocked again: the organizers hear of it once an hour at most.
    recent = session.exec(
        select(OutboxMessage.id).where(
            OutboxMessage.event_id == event.id,
            OutboxMessage.kind == MessageKind.ALERT,
            col(OutboxMessage.subject).in_([write(lang)[0] for lang in LANGUAGES]),
            col(OutboxMessage.created_at) > now - ALERT_EVERY,
        )
    ).first()
    if recent is not None:
        return 0
    return queue_plain(session, event_id=key_of(event), kind=MessageKind.ALERT, to=to, write=write, now=now)


def _first_to_stamp(session: Session, stamp: Any, key: Any, row_id: int, now: datetime) -> bool:
    """Sets a row's empty stamp; False when another worker did first (it sends, not this one)."""
    table = stamp.class_
    done = session.exec(sa.update(table).where(key == row_id, col(stamp).is_(None)).values({stamp.key: now}))
    return bool(done.rowcount == 1)


def queue_reminders(*, session: Session, now: datetime | None = None) -> int:
    """Deliverables due within a day and not done: their agency's addresses are reminded, once
    (each deliverable is claimed in the database, so several workers never remind twice)."""
    now = now or now_utc()
    due = session.exec(
        select(Deliverable, ScheduleItem, Event)
        .join(ScheduleItem, col(ScheduleItem.id) == Deliverable.item_id)
        .join(Event, col(Event.id) == ScheduleItem.event_id)
        .where(
            col(Deliverable.due_at) > now,
            col(Deliverable.due_at) <= now + REMIND_WITHIN,
            col(Deliverable.reminded_at).is_(None),
            col(Deliverable.status) != DeliverableStatus.DONE,
        )
    ).all()
    settings, queued = get_settings(), 0
    for deliverable, item, event in due:
        if not _first_to_stamp(session, Deliverable.reminded_at, Deliverable.id, key_of(deliverable), now):
            continue
        to = {address: (r.name, r.lang) for address, r in recipients_of(session, {deliverable.agency_id}).items()}
        queued += queue_plain(
            session,
            event_id=key_of(event),
            kind=MessageKind.REMINDER,
            to=to,
            write=partial(_reminder, deliverable, item, event, settings.site_url),
            now=now,
        )
    return queued


def _reminder(deliverable: Deliverable, item: ScheduleItem, event: Event, site: str, lang: str) -> tuple[str, str]:
    return t("mail.reminder.subject", lang, title=deliverable.title), t(
        "mail.reminder.body",
        lang,
        title=deliverable.title,
        item=item.title,
        event=event.name,
        due=long_datetime(to_local(not_null(deliverable.due_at), event.timezone), lang),
        status=t(f"deliverable.status.{deliverable.status}", lang),
        link=site + routes.PORTAL,
    )


def queue_itineraries(*, session: Session, now: datetime | None = None) -> int:
    """Nominees with an e-mail whose event starts within NOMINEE_ITINERARY_DAYS get their own
    items (flights, pick-ups, calls, the ceremony), hotel and seat, once."""
    now, settings = now or now_utc(), get_settings()
    ahead = timedelta(days=settings.nominee_itinerary_days)
    rows = session.exec(
        select(NomineeLogistics, Person, Event)
        .join(Person, col(Person.id) == NomineeLogistics.person_id)
        .join(Event, col(Event.id) == NomineeLogistics.event_id)
        .where(col(NomineeLogistics.itinerary_sent_at).is_(None), Person.email != "")
    ).all()
    queued = 0
    for logistics, person, event in rows:
        starts, _ = local_day_bounds(event.start_date, event.timezone)
        _, ends = local_day_bounds(event.end_date, event.timezone)
        if not (starts - ahead <= now < ends):
            continue
        if not _first_to_stamp(
            session, NomineeLogistics.itinerary_sent_at, NomineeLogistics.id, key_of(logistics), now
        ):
            continue
        lang = normalize_lang(person.lang)
        spec = feeds.owner_spec(session=session, kind=FeedKind.PERSON, person_id=key_of(person), lang=lang)
        entries = [e for e in feeds.entries_of(session=session, spec=spec, now=now, lang=lang) if e.end > now]
        lines = "\n".join(
            f"- {long_datetime(to_local(e.start, e.zone), lang)}: {e.title}"
            + (f" · {e.location}" if e.location else "")
            for e in entries
        )
        text = t(
            "mail.itinerary.body",
            lang,
            name=person.name,
            event=event.name,
            zone=zone_label(to_local(starts, event.timezone)),
            lines=lines or t("mail.itinerary.none", lang),
            hotel=logistics.hotel or "—",
            seat=logistics.seat or "—",
        )
        subject = t("mail.itinerary.subject", lang, event=event.name)
        queued += queue_plain(
            session,
            event_id=key_of(event),
            kind=MessageKind.ITINERARY,
            to={person.email.strip().lower(): (person.name, lang)},
            write=partial(already_written, subject, text),
            now=now,
        )
    return queued


def remind_due(*, engine: Engine | None = None, now: datetime | None = None) -> int:
    """queue_reminders and queue_itineraries in their own transaction (the mail job calls it)."""
    with session_scope(engine) as session:
        return queue_reminders(session=session, now=now) + queue_itineraries(session=session, now=now)


# ---------------------------------------------------------------------------------------------
# Delivery.
