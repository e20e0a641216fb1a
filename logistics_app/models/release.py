"""Published versions of an event's schedule, and the record of every change to its items."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.db import UTCDateTime
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class ScheduleRelease(Keyed, table=True):
    """Version N of an event's schedule, as "Publicar" released it, with its changelog."""

    __tablename__ = "schedule_release"
    __table_args__ = (sa.UniqueConstraint("event_id", "number", name="release_number_unique_per_event"),)

    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE", index=True)
    number: int
    published_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    published_by: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    # The changelog: a JSON list of {"kind", "uid", "title", "before", "after"}.
    changes: str = Field(default="[]", sa_type=sa.Text)


class ChangeRecord(Keyed, table=True):
    """One field of one item changed: who, when, before and after (the audit log)."""

    __tablename__ = "change_record"
    __table_args__ = (sa.Index("ix_change_record_event_at", "event_id", "at"),)
    # The audit log is written with the change it records; it changes no feed by itself.
    unversioned: ClassVar[bool] = True

    at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    item_uid: str = Field(max_length=36, index=True)
    item_title: str = Field(max_length=300)
    field: str = Field(max_length=40)  # "created", "deleted", or the column's name
    before: str = Field(default="", sa_type=sa.Text)
    after: str = Field(default="", sa_type=sa.Text)
