"""The outbox: e-mail written in the transaction that causes it, delivered afterwards.

`queue_release` runs inside "Publicar" (releases.publish): every agency contact and coordinator
whose agency leads or supports a changed item gets one message for that release (a publication
that rolls back leaves no message). The messages wait (held) until an organizer has looked at them
and sends them, unless the event sends at once. `deliver` claims due messages one at a time and hands each to
SMTP; a refusal or a dropped connection puts it back with a growing wait, and after the last
attempt it stays failed with the server's answer, for an organizer to see and retry.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.changelog import Change, change_from, merge
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.feeds import FeedEntry
from logistics_app.domain.mail import (
    CalendarPart,
    Digest,
    DigestLine,
    itip,
    message,
    method_for,
    paragraphs_html,
    with_note,
)
from logistics_app.i18n import DEFAULT_LANG, LANGUAGES, long_datetime, normalize_lang, t, zone_label
from logistics_app.integrations import smtp
from logistics_app.integrations.smtp import SmtpFailed, SmtpTarget
from logistics_app.models import (
    Agency,
    AgencyContact,
    Deliverable,
    DeliverableStatus,
    Event,
    FeedKind,
    ItemParticipant,
    ItemSupportingAgency,
    MailOptOut,
    MessageKind,
    MessageStatus,
    NomineeLogistics,
    OutboxMessage,
    Person,
    PublishedItem,
    Role,
    ScheduleItem,
    ScheduleRelease,
    User,
    Visibility,
    key_of,
    not_null,
)
from logistics_app.queries import feeds
from logistics_app.services.lookups import event_by_slug
from logistics_app.settings import get_settings
from logistics_app.timeutil import local_day_bounds, now_utc, to_local

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
# A message a worker took and never finished (the process died) is taken again after this.
STALE_CLAIM = timedelta(minutes=15)


def retry_wait(attempts: int) -> timedelta:
    """1, 2, 4, 8, 16 minutes after the 1st to 5th failed attempt."""
    return timedelta(minutes=2 ** max(0, attempts - 1))


@dataclass
class _Recipient:
    name: str
    agencies: dict[int, str]  # id -> name, in the order they were found
    items: set[str] = field(default_factory=set)  # UIDs of items the address's person takes part in
    lang: str = DEFAULT_LANG  # of the first row found for the address


def _recipients(session: Session, agency_ids: set[int]) -> dict[str, _Recipient]:
    """Every address of these agencies (contacts, coordinators' accounts), once each, lower-case."""
    names = dict(session.exec(select(Agency.id, Agency.name).where(col(Agency.id).in_(agency_ids))).all())
    contacts = session.exec(
        select(AgencyContact.email, AgencyContact.name, AgencyContact.agency_id, AgencyContact.lang)
        .where(col(AgencyContact.agency_id).in_(agency_ids), AgencyContact.email != "")
        .order_by(col(AgencyContact.id))
    ).all()
    coordinators = session.exec(
        select(User.email, User.name, User.agency_id, User.lang)
        .where(col(User.agency_id).in_(agency_ids), User.role == Role.COORDINATOR, col(User.disabled_at).is_(None))
        .order_by(col(User.id))
    ).all()
    found: dict[str, _Recipient] = {}
    for email, name, agency_id, lang in [*contacts, *coordinators]:
        address = email.strip().lower()
        if "@" not in address or agency_id is None:
            continue
        recipient = found.setdefault(address, _Recipient(name, {}, lang=normalize_lang(lang)))
        recipient.agencies[agency_id] = names.get(agency_id, "")
    return found


def _add_people(session: Session, recipients: dict[str, _Recipient], items: Sequence[PublishedItem]) -> None:
    """The people who take part in these items and have an e-mail (their own feed has every one of
    their items, internal ones too), each told of their own items."""
    by_id = {key_of(item): item.uid for item in items}
    rows = session.exec(
        select(ItemParticipant.item_id, Person.email, Person.name, Person.lang)
        .join(Person, col(Person.id) == ItemParticipant.person_id)
        .where(col(ItemParticipant.item_id).in_(list(by_id)), Person.email != "")
    ).all()
    for item_id, email, name, lang in rows:
        address = email.strip().lower()
        if "@" in address:
            recipients.setdefault(address, _Recipient(name, {}, lang=normalize_lang(lang))).items.add(by_id[item_id])


def _agencies_of(session: Session, items: Sequence[PublishedItem]) -> dict[str, set[int]]:
    """For each item (by UID), the agencies that see it in their portal: its lead, and its
    supporting agencies unless it is internal (as the agency feeds decide)."""
    supporting: dict[int, set[int]] = {}
    ids = [key_of(item) for item in items]
    for item_id, agency_id in session.exec(
        select(ItemSupportingAgency.item_id, ItemSupportingAgency.agency_id).where(
            col(ItemSupportingAgency.item_id).in_(ids)
        )
    ):
        supporting.setdefault(item_id, set()).add(agency_id)
    out = {}
    for item in items:
        agencies = {item.lead_agency_id} if item.lead_agency_id else set()
        if item.visibility != Visibility.INTERNAL:
            agencies |= supporting.get(key_of(item), set())
        out[item.uid] = agencies
    return out


def queue_release(
    *, session: Session, event: Event, release: ScheduleRelease, changes: Mapping[str, Sequence[Change]]
) -> int:
    """Queues the release's notice for everyone concerned, each in their language (`changes`: the
    release's changelog written in each language); returns how many messages it wrote.

    A recipient's notice that has not gone out yet (held for review, or waiting out the merge
    window of an event that sends at once) takes in this release's changes instead: one message
    tells both publications."""
    told_in = {lang: {change.uid: change for change in told} for lang, told in changes.items()}
    order = [change.uid for change in changes[DEFAULT_LANG]]
    uids = set(order)
    if not uids:
        return 0
    session.flush()
    agencies_of = _agencies_of(session, _published(session, event, uids))
    recipients = _recipients(session, set().union(*agencies_of.values()))
    _add_people(session, recipients, _published(session, event, uids))
    for address in session.exec(select(MailOptOut.address).where(col(MailOptOut.address).in_(list(recipients)))):
        recipients.pop(address, None)
    unsent = {
        row.recipient: row
        for row in session.exec(
            select(OutboxMessage)
            .where(
                OutboxMessage.event_id == event.id,
                OutboxMessage.kind == MessageKind.DIGEST,
                col(OutboxMessage.status).in_((MessageStatus.HELD, MessageStatus.QUEUED)),
                OutboxMessage.attempts == 0,
            )
            # A worker claiming one of these waits for this transaction, then sends what it wrote.
            .with_for_update()
        )
    }
    settings = get_settings()
    # A note the organizer wrote for the held notices goes on the new ones too.
    held_note = next((row.note for row in unsent.values() if row.status == MessageStatus.HELD and row.note), "")
    # Every item any of these messages tells of, read once, as the feeds show it.
    told_before = {c["uid"] for row in unsent.values() for c in json.loads(row.changes)}
    where = col(PublishedItem.uid).in_(uids | told_before) & (PublishedItem.event_id == event.id)
    batch = _Batch(
        event=event,
        release=release,
        entries={
            (lang, item.uid): feeds.feed_entry(item, item_event, venue, space, lang)
            for item, item_event, venue, space in feeds.item_rows(session=session, where=where)
            for lang in changes
        },
        sender=settings.mail_from,
        site=settings.site_url,
        api=settings.api_url,
    )
    # Which changes (by position in the changelog) each agency is told of.
    for_agency: dict[int, set[int]] = {}
    for position, uid in enumerate(order):
        for agency_id in agencies_of.get(uid, ()):
            for_agency.setdefault(agency_id, set()).add(position)
    written = 0
    for address, recipient in recipients.items():
        positions = set().union(*(for_agency.get(agency_id, set()) for agency_id in recipient.agencies))
        positions |= {position for position, uid in enumerate(order) if uid in recipient.items}
        row = unsent.get(address)
        lang = row.lang if row is not None and row.lang in told_in else recipient.lang
        told = [told_in.get(lang, told_in[DEFAULT_LANG])[order[position]] for position in sorted(positions)]
        if not told:
            continue
        if row is None:
            wait = timedelta(minutes=settings.mail_merge_minutes) if event.mail_at_once else timedelta(0)
            row = OutboxMessage(
                event_id=key_of(event),
                release_no=release.number,
                recipient=address,
                subject="",
                body_text="",
                body_html="",
                status=MessageStatus.QUEUED if event.mail_at_once else MessageStatus.HELD,
                note="" if event.mail_at_once else held_note,
                created_at=release.published_at,
                next_attempt_at=release.published_at + wait,
            )
        else:
            told = merge([change_from(c) for c in json.loads(row.changes)], told)
            if not told:  # new, then deleted before anyone was told
                session.delete(row)
                continue
        _compose(batch, row, told, recipient, lang if lang in told_in else DEFAULT_LANG)
        session.add(row)
        written += 1
    return written


def _published(session: Session, event: Event, uids: set[str]) -> list[PublishedItem]:
    return list(
        session.exec(select(PublishedItem).where(PublishedItem.event_id == event.id, col(PublishedItem.uid).in_(uids)))
    )


@dataclass(frozen=True)
class _Batch:
    """What every message of one publication shares."""

    event: Event
    release: ScheduleRelease
    entries: dict[tuple[str, str], FeedEntry]  # the items, by language and UID, as the feeds show them now
    sender: str
    site: str
    api: str


def _compose(batch: _Batch, row: OutboxMessage, told: list[Change], recipient: _Recipient, lang: str) -> None:
    """Writes the message's text, HTML and calendar parts (each item as it is published now)."""
    entries = sorted(
        (batch.entries[lang, uid] for uid in {change.uid for change in told} if (lang, uid) in batch.entries),
        key=lambda entry: (entry.start, entry.uid),
    )
    calendars = [
        CalendarPart(method_for(entry), entry.uid, itip(entry, organizer=batch.sender, attendee=row.recipient).decode())
        for entry in entries
    ]
    digest = replace(
        _digest(batch.event, batch.release, told, recipient, lang, batch.site),
        unsubscribe_label=t("mail.digest.unsubscribe", lang),
        unsubscribe=batch.api + routes.unsubscribe_path(row.unsubscribe_token),
    )
    row.release_no, row.recipient_name, row.lang = batch.release.number, recipient.name, lang
    row.subject, row.body_text, row.body_html = digest.subject, digest.text(), digest.html()
    row.calendars = json.dumps([part.__dict__ for part in calendars], ensure_ascii=False)
    row.changes = json.dumps([change.as_dict() for change in told], ensure_ascii=False)


def count_for(*, session: Session, release: ScheduleRelease) -> int:
    """How many messages a release queued."""
    return len(
        session.exec(
            select(OutboxMessage.id).where(
                OutboxMessage.event_id == release.event_id, OutboxMessage.release_no == release.number
            )
        ).all()
    )


def _digest(
    event: Event, release: ScheduleRelease, changes: list[Change], recipient: _Recipient, lang: str, site: str
) -> Digest:
    agencies = ", ".join(recipient.agencies.values())
    zone = zone_label(to_local(release.published_at, event.timezone))
    if not agencies:  # a nominee or presenter, told of their own items
        return Digest(
            subject=t("mail.digest.subject", lang, event=event.name, count=len(changes)),
            greeting=t("mail.digest.greeting", lang, name=recipient.name),
            intro=t("mail.digest.intro_person", lang, event=event.name, number=release.number, zone=zone),
            lines=tuple(DigestLine(t(f"release.kind.{c.kind}", lang), c.title, c.before, c.after) for c in changes),
            link_label=t("mail.digest.link_person", lang),
            link=site + routes.event_url(event.slug),
            footer=t("mail.digest.footer_person", lang, event=event.name),
        )
    lines = tuple(DigestLine(t(f"release.kind.{c.kind}", lang), c.title, c.before, c.after) for c in changes)
    return Digest(
        subject=t("mail.digest.subject", lang, event=event.name, count=len(lines)),
        greeting=t("mail.digest.greeting", lang, name=recipient.name)
        if recipient.name
        else t("mail.digest.hello", lang),
        intro=t("mail.digest.intro", lang, event=event.name, number=release.number, agencies=agencies, zone=zone),
        lines=lines,
        link_label=t("mail.digest.link", lang),
        link=site + routes.PORTAL,
        footer=t("mail.digest.footer", lang, agencies=agencies, event=event.name),
    )


# ---------------------------------------------------------------------------------------------
# Reminders and alerts: plain messages, queued at once, never held or merged.

REMIND_WITHIN = timedelta(hours=24)
ALERT_EVERY = timedelta(hours=1)


def _queue_plain(
    session: Session,
    *,
    event_id: int,
    kind: MessageKind,
    to: dict[str, tuple[str, str]],
    write: Callable[[str], tuple[str, str]],
    now: datetime,
) -> int:
    """One message to each address (name, language); `write(lang)` gives its subject and text."""
    for address, (name, lang) in to.items():
        subject, text = write(lang)
        session.add(
            OutboxMessage(
                event_id=event_id,
                kind=kind,
                recipient=address,
                recipient_name=name,
                lang=lang,
                subject=subject,
                body_text=text,
                body_html=paragraphs_html(text),
                created_at=now,
                next_attempt_at=now,
            )
        )
    return len(to)


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
    return _queue_plain(session, event_id=key_of(event), kind=MessageKind.ALERT, to=to, write=write, now=now)


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
        to = {address: (r.name, r.lang) for address, r in _recipients(session, {deliverable.agency_id}).items()}
        queued += _queue_plain(
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
        queued += _queue_plain(
            session,
            event_id=key_of(event),
            kind=MessageKind.ITINERARY,
            to={person.email.strip().lower(): (person.name, lang)},
            write=partial(_written, subject, text),
            now=now,
        )
    return queued


def _written(subject: str, text: str, _lang: str) -> tuple[str, str]:
    """A message already written in its recipient's language."""
    return subject, text


def remind_due(*, engine: Engine | None = None, now: datetime | None = None) -> int:
    """queue_reminders and queue_itineraries in their own transaction (the background loop calls it)."""
    with session_scope(engine) as session:
        return queue_reminders(session=session, now=now) + queue_itineraries(session=session, now=now)


# ---------------------------------------------------------------------------------------------
# Delivery.


def as_email(row: OutboxMessage, *, sender: str) -> EmailMessage:
    """The stored message as it goes out (the same Message-ID on every attempt)."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    digest = row.kind == MessageKind.DIGEST and row.unsubscribe_token
    leave = get_settings().api_url + routes.unsubscribe_path(row.unsubscribe_token) if digest else ""
    text, html_text = with_note(row.note, row.body_text, row.body_html)
    return message(
        unsubscribe=leave,
        subject=row.subject,
        text=text,
        html_text=html_text,
        sender=sender,
        recipient=row.recipient,
        recipient_name=row.recipient_name,
        message_id=f"<outbox-{key_of(row)}.{row.event_id}.{row.release_no}@{domain}>",
        calendars=[CalendarPart(**part) for part in json.loads(row.calendars)],
    )


@dataclass
class Delivery:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver(
    *,
    send: Callable[[EmailMessage], None],
    engine: Engine | None = None,
    sender: str | None = None,
    now: datetime | None = None,
    limit: int = 200,
) -> Delivery:
    """Sends the messages that are due, one claim at a time (other workers take the rest).
    `now` fixes the clock (tests); otherwise each claim and each outcome is stamped when it
    happens, so a long batch never makes its own late claims look stale to another worker."""
    fixed = now
    clock: Callable[[], datetime] = now_utc if fixed is None else partial(_same, fixed)
    now = clock()
    sender = sender or get_settings().mail_from
    report = Delivery()
    with session_scope(engine) as session:
        session.exec(
            sa.update(OutboxMessage)
            .where(
                col(OutboxMessage.status) == MessageStatus.SENDING, col(OutboxMessage.claimed_at) < now - STALE_CLAIM
            )
            .values(status=MessageStatus.QUEUED)
        )
        due = session.exec(
            select(OutboxMessage.id)
            .where(col(OutboxMessage.status) == MessageStatus.QUEUED, col(OutboxMessage.next_attempt_at) <= now)
            .order_by(col(OutboxMessage.id))
            .limit(limit)
        ).all()
    for message_id in due:
        row = _claim(engine, not_null(message_id), clock())
        if row is None:
            continue
        try:
            send(as_email(row, sender=sender))
        except Exception as failure:  # the server's refusal, or a message that cannot be written
            said = str(failure) if isinstance(failure, SmtpFailed) else f"{type(failure).__name__}: {failure}"
            gave_up = _record_failure(engine, key_of(row), said, clock())
            report.failed += gave_up
            report.retrying += not gave_up
        else:
            _finish(engine, key_of(row), status=MessageStatus.SENT, sent_at=clock(), claimed_at=None, last_error="")
            report.sent += 1
    return report


def _same(moment: datetime) -> datetime:
    return moment


def _claim(engine: Engine | None, message_id: int, now: datetime) -> OutboxMessage | None:
    with session_scope(engine) as session:
        taken = session.exec(
            sa.update(OutboxMessage)
            .where(col(OutboxMessage.id) == message_id, col(OutboxMessage.status) == MessageStatus.QUEUED)
            .values(status=MessageStatus.SENDING, claimed_at=now)
        )
        return session.get(OutboxMessage, message_id) if taken.rowcount == 1 else None


def _finish(engine: Engine | None, message_id: int, **values: Any) -> None:
    with session_scope(engine) as session:
        session.exec(sa.update(OutboxMessage).where(col(OutboxMessage.id) == message_id).values(**values))


def _record_failure(engine: Engine | None, message_id: int, error: str, now: datetime) -> bool:
    """Back in the queue after a wait, or failed for good after the last attempt (True)."""
    with session_scope(engine) as session:
        row = not_null(session.get(OutboxMessage, message_id))
        attempts = row.attempts + 1
        gave_up = attempts >= MAX_ATTEMPTS
        row.attempts, row.last_error, row.claimed_at = attempts, error[:2000], None
        row.status = MessageStatus.FAILED if gave_up else MessageStatus.QUEUED
        row.next_attempt_at = now + retry_wait(attempts)
    return gave_up


def send_held(*, session: Session, slug: str, now: datetime | None = None) -> int:
    """An organizer has reviewed the event's held messages: they go out with the next delivery."""
    event = event_by_slug(session=session, slug=slug)
    result = session.exec(
        sa.update(OutboxMessage)
        .where(col(OutboxMessage.event_id) == event.id, col(OutboxMessage.status) == MessageStatus.HELD)
        .values(status=MessageStatus.QUEUED, next_attempt_at=now or now_utc())
    )
    return int(result.rowcount)


def set_mail_at_once(*, session: Session, slug: str, at_once: bool) -> None:
    """Whether the event's notices go out at publication, or wait to be reviewed."""
    event_by_slug(session=session, slug=slug).mail_at_once = at_once


def mail_at_once(*, session: Session, slug: str) -> bool:
    return event_by_slug(session=session, slug=slug).mail_at_once


def mail_server() -> str:
    """The host mail goes through, or "" when SMTP_URL is not set (nothing is sent)."""
    settings = get_settings()
    return SmtpTarget.from_url(settings.smtp_url).host if settings.smtp_url else ""


def preview(*, session: Session, slug: str, message_id: int) -> dict[str, Any]:
    """A message as it will arrive: subject, addresses, both bodies and its calendar parts."""
    event = event_by_slug(session=session, slug=slug)
    row = session.get(OutboxMessage, message_id)
    if row is None or row.event_id != event.id:
        raise NotFound(str(message_id))
    mail = as_email(row, sender=get_settings().mail_from)
    text, html_text = with_note(row.note, row.body_text, row.body_html)
    return {
        "subject": row.subject,
        "from": str(mail["From"]),
        "to": str(mail["To"]),
        "text": text,
        "html": html_text,
        "calendars": [{"method": part["method"], "ics": part["ics"]} for part in json.loads(row.calendars)],
    }


MAX_NOTE = 2000


def set_note(*, session: Session, slug: str, note: str) -> int:
    """The organizer's words before every notice of the event held for review; returns how many."""
    event = event_by_slug(session=session, slug=slug)
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise ValidationFailed([FieldError("note", "too_long", {"max": MAX_NOTE})])
    result = session.exec(
        sa.update(OutboxMessage)
        .where(col(OutboxMessage.event_id) == event.id, col(OutboxMessage.status) == MessageStatus.HELD)
        .values(note=note)
    )
    return int(result.rowcount)


def held_note(*, session: Session, slug: str) -> str:
    """The note the event's held notices carry now."""
    event = event_by_slug(session=session, slug=slug)
    notes = session.exec(
        select(OutboxMessage.note).where(OutboxMessage.event_id == event.id, OutboxMessage.status == MessageStatus.HELD)
    ).first()
    return notes or ""


def retry(*, session: Session, slug: str, message_id: int) -> None:
    """An organizer sends a failed message again (from the start of its attempts)."""
    event = event_by_slug(session=session, slug=slug)
    row = session.get(OutboxMessage, message_id)
    if row is None or row.event_id != event.id or row.status != MessageStatus.FAILED:
        return
    row.status, row.attempts, row.next_attempt_at, row.last_error = MessageStatus.QUEUED, 0, now_utc(), ""


def outbox(*, session: Session, slug: str, lang: str = DEFAULT_LANG) -> list[dict[str, str]]:
    """The event's messages, newest release first: to whom, what, and how it went."""
    event = event_by_slug(session=session, slug=slug)
    rows = session.exec(
        select(OutboxMessage)
        .where(OutboxMessage.event_id == event.id)
        .order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.recipient))
    ).all()
    return [
        {
            "id": str(row.id),
            "when": long_datetime(to_local(row.created_at, event.timezone), lang),
            "sent": long_datetime(to_local(row.sent_at, event.timezone), lang) if row.sent_at else "",
            "release": str(row.release_no) if row.release_no is not None else t(f"outbox.kind.{row.kind}", lang),
            "recipient": row.recipient,
            "subject": row.subject,
            "status": str(row.status),
            "status_label": t(f"outbox.status.{row.status}", lang),
            "attempts": str(row.attempts),
            "error": row.last_error,
        }
        for row in rows
    ]


# Messages about a person's own account (a reset link) go at once, not through the outbox: they
# carry a secret that is not stored, and the person is waiting for them.
_MAIL_WORK = ThreadPoolExecutor(max_workers=2, thread_name_prefix="mail")


def send_in_background(mail: EmailMessage) -> None:
    """Hands the message to SMTP in a worker thread; the caller does not wait (an unknown and a
    known address answer alike). A refusal is logged, without the message's content."""
    settings = get_settings()
    if not settings.smtp_url:
        log.warning("SMTP_URL is not set: the message %r to %s is not sent", mail["Subject"], mail["To"])
        return
    target = SmtpTarget.from_url(settings.smtp_url, user=settings.smtp_user, password=settings.smtp_password)

    def send() -> None:
        try:
            smtp.send(target, mail)
        except SmtpFailed as failure:
            log.warning("the mail server refused the message %r to %s: %s", mail["Subject"], mail["To"], failure)

    _MAIL_WORK.submit(send)


def unsubscribe(*, session: Session, token: str, now: datetime | None = None) -> str:
    """The one-click link of a notice: its address gets no more publication notices, and its
    notices not sent yet are dropped. Returns the address (NotFound for an unknown link)."""
    row = session.exec(select(OutboxMessage).where(OutboxMessage.unsubscribe_token == token)).first() if token else None
    if row is None:
        raise NotFound("unsubscribe")
    if session.get(MailOptOut, row.recipient) is None:
        session.add(MailOptOut(address=row.recipient, created_at=now or now_utc()))
    for unsent in session.exec(
        select(OutboxMessage).where(
            OutboxMessage.recipient == row.recipient,
            OutboxMessage.kind == MessageKind.DIGEST,
            col(OutboxMessage.status).in_((MessageStatus.HELD, MessageStatus.QUEUED)),
        )
    ):
        session.delete(unsent)
    return row.recipient


def opted_out(*, session: Session, slug: str) -> list[str]:
    """The event's recipients who asked for no more notices (the organizers see who)."""
    event = event_by_slug(session=session, slug=slug)
    return list(
        session.exec(
            select(MailOptOut.address)
            .where(
                col(MailOptOut.address).in_(select(OutboxMessage.recipient).where(OutboxMessage.event_id == event.id))
            )
            .order_by(col(MailOptOut.address))
        ).all()
    )
