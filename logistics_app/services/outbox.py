"""The outbox: e-mail written in the transaction that causes it, delivered afterwards.

`queue_release` runs inside "Publicar" (releases.publish): every agency contact and coordinator
whose agency leads or supports a changed item gets one message for that release (a publication
that rolls back leaves no message). The messages wait (held) until an organizer has looked at them
and sends them, unless the event sends at once. services.delivery sends them; services.reminders
queues the plain messages (reminders, alerts, itineraries) through `queue_plain`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from logistics_app import routes
from logistics_app.db import after_commit
from logistics_app.domain.changelog import Change, change_from, merge
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.feeds import FeedEntry
from logistics_app.domain.mail import (
    CalendarPart,
    Digest,
    DigestLine,
    itip,
    method_for,
    paragraphs_html,
    with_note,
)
from logistics_app.i18n import DEFAULT_LANG, long_datetime, normalize_lang, t, zone_label
from logistics_app.models import (
    Agency,
    AgencyContact,
    Event,
    ItemParticipant,
    ItemSupportingAgency,
    MailOptOut,
    MessageKind,
    MessageStatus,
    OutboxMessage,
    Person,
    PublishedItem,
    Role,
    ScheduleRelease,
    User,
    Visibility,
    key_of,
)
from logistics_app.queries import feeds
from logistics_app.services.delivery import as_email
from logistics_app.services.lookups import event_by_slug
from logistics_app.settings import get_settings
from logistics_app.timeutil import now_utc, to_local

log = logging.getLogger(__name__)


@dataclass
class _Recipient:
    name: str
    agencies: dict[int, str]  # id -> name, in the order they were found
    items: set[str] = field(default_factory=set)  # UIDs of items the address's person takes part in
    lang: str = DEFAULT_LANG  # of the first row found for the address


def recipients_of(session: Session, agency_ids: set[int]) -> dict[str, _Recipient]:
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
    recipients = recipients_of(session, set().union(*agencies_of.values()))
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
        if row.status == MessageStatus.QUEUED:
            after_commit(session, "outbox", at=row.next_attempt_at)
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
# Plain messages (reminders, alerts, itineraries: services.reminders), queued at once, never held or merged.


def queue_plain(
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
    if to:
        after_commit(session, "outbox")
    return len(to)


def already_written(subject: str, text: str, _lang: str) -> tuple[str, str]:
    """A message already written in its recipient's language."""
    return subject, text


def send_held(*, session: Session, slug: str, now: datetime | None = None) -> int:
    """An organizer has reviewed the event's held messages: they go out with the next delivery."""
    event = event_by_slug(session=session, slug=slug)
    result = session.exec(
        sa.update(OutboxMessage)
        .where(col(OutboxMessage.event_id) == event.id, col(OutboxMessage.status) == MessageStatus.HELD)
        .values(status=MessageStatus.QUEUED, next_attempt_at=now or now_utc())
    )
    after_commit(session, "outbox")
    return int(result.rowcount)


def set_mail_at_once(*, session: Session, slug: str, at_once: bool) -> None:
    """Whether the event's notices go out at publication, or wait to be reviewed."""
    event_by_slug(session=session, slug=slug).mail_at_once = at_once


def mail_at_once(*, session: Session, slug: str) -> bool:
    return event_by_slug(session=session, slug=slug).mail_at_once


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
    after_commit(session, "outbox")


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
