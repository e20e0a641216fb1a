"""Delivery: the outbox's due messages to SMTP, one claim at a time (several workers share them);
a refusal or a dropped connection puts a message back with a growing wait, and after the last
attempt it stays failed with the server's answer. Account mail (a reset link) goes at once."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.mail import (
    CalendarPart,
    message,
    with_note,
)
from logistics_app.integrations import smtp
from logistics_app.integrations.smtp import SmtpFailed, SmtpTarget
from logistics_app.models import (
    MessageKind,
    MessageStatus,
    OutboxMessage,
    key_of,
    not_null,
)
from logistics_app.settings import get_settings
from logistics_app.timeutil import now_utc

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
# A message a worker took and never finished (the process died) is taken again after this.
STALE_CLAIM = timedelta(minutes=15)


def retry_wait(attempts: int) -> timedelta:
    """1, 2, 4, 8, 16 minutes after the 1st to 5th failed attempt."""
    return timedelta(minutes=2 ** max(0, attempts - 1))


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


def mail_server() -> str:
    """The host mail goes through, or "" when SMTP_URL is not set (nothing is sent)."""
    settings = get_settings()
    return SmtpTarget.from_url(settings.smtp_url).host if settings.smtp_url else ""
