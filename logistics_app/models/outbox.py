"""E-mail waiting to go out: written in the same transaction as what causes it (a publication),
sent afterwards by the outbox's delivery, once per recipient and version."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from logistics_app.db import UTCDateTime
from logistics_app.models.enums import MessageKind, MessageStatus
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class OutboxMessage(Keyed, table=True):
    """One message to one address about an event's schedule, as of one release (and the releases
    before it that had not gone out yet)."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "release_no", "recipient", name="one_message_per_release_and_recipient"),
        sa.Index("ix_outbox_message_due", "status", "next_attempt_at"),
    )
    # Mail changes no feed.
    unversioned: ClassVar[bool] = True

    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE", index=True)
    kind: MessageKind = Field(default=MessageKind.DIGEST, sa_type=sa.String(16))
    release_no: int | None = None  # a digest's release; reminders and alerts have none
    recipient: str = Field(max_length=254)  # lower-case address
    recipient_name: str = Field(default="", max_length=200)
    lang: str = Field(default="es", max_length=5)
    subject: str = Field(max_length=300)
    body_text: str = Field(sa_type=sa.Text)
    body_html: str = Field(sa_type=sa.Text)
    # The organizer's own words, put before the message when they review it (optional).
    note: str = Field(default="", sa_type=sa.Text)
    # iMIP parts (RFC 6047), one iCalendar object per item, as JSON: [{"method", "uid", "ics"}].
    calendars: str = Field(default="[]", sa_type=sa.Text)
    # What it tells, as the changelog's JSON: a later publication before it goes out merges in.
    changes: str = Field(default="[]", sa_type=sa.Text)
    status: MessageStatus = Field(default=MessageStatus.QUEUED, sa_type=sa.String(16))
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str = Field(default="", sa_type=sa.Text)
    # The one-click unsubscribe link's key (RFC 8058): it can only stop this address's notices.
    unsubscribe_token: str = Field(default_factory=lambda: secrets.token_urlsafe(24), max_length=64, index=True)
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MailOptOut(SQLModel, table=True):
    """An address that asked for no more publication notices (account messages still reach it)."""

    __tablename__ = "mail_opt_out"
    unversioned: ClassVar[bool] = True

    address: str = Field(primary_key=True, max_length=254)  # lower-case
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
