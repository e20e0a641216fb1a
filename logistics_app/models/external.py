"""Other organisations' calendars that a venue or an agency is subscribed to, and their busy times."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.db import UTCDateTime
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class CalendarSubscription(Keyed, table=True):
    """A venue's or an agency's external calendar (one each), fetched again on a schedule."""

    __tablename__ = "calendar_subscription"
    __table_args__ = (
        sa.CheckConstraint(
            "(venue_id IS NULL) <> (agency_id IS NULL)",
            name="calendar_subscription_one_owner",
        ),
    )
    # Refreshing a busy calendar changes no feed, so it does not invalidate the feed caches.
    unversioned: ClassVar[bool] = True

    venue_id: int | None = Field(
        default=None, foreign_key="venue.id", ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    agency_id: int | None = Field(
        default=None, foreign_key="agency.id", ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    url: str = Field(max_length=2000)
    # Validators of the last copy fetched, sent back as If-None-Match / If-Modified-Since.
    etag: str = Field(default="", max_length=400)
    last_modified: str = Field(default="", max_length=100)
    checked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    changed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The last refresh's problem, as a message code and its parameters (shown in the user's language).
    error_code: str = Field(default="", max_length=60)
    error_params: str = Field(default="", sa_type=sa.Text)
    next_refresh_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime, index=True)
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)


class BusyBlock(Keyed, table=True):
    """A time the subscribed calendar says its owner is busy. Not a schedule item: never in a feed."""

    __tablename__ = "busy_block"
    __table_args__ = (
        sa.CheckConstraint("end_utc > start_utc", name="busy_block_end_after_start"),
        sa.Index("ix_busy_block_start", "start_utc"),
    )
    unversioned: ClassVar[bool] = True

    subscription_id: int = Field(foreign_key="calendar_subscription.id", ondelete="CASCADE", index=True)
    title: str = Field(default="", max_length=300)
    start_utc: datetime = Field(sa_type=UTCDateTime)
    end_utc: datetime = Field(sa_type=UTCDateTime)
    all_day: bool = Field(default=False)
