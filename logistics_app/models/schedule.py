from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from logistics_app.db import UTCDateTime
from logistics_app.models.enums import ItemKind, ItemStatus, ParticipantRole, Visibility
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


def new_uid() -> str:
    return str(uuid.uuid4())


class ItemFields(Keyed):
    """The columns of an item, shared by the working schedule and its last published copy."""

    uid: str = Field(default_factory=new_uid, max_length=36, sa_column_kwargs={"unique": True})
    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    title: str = Field(max_length=300)
    kind: ItemKind = Field(sa_type=sa.String(32))
    start_utc: datetime = Field(sa_type=UTCDateTime)
    end_utc: datetime = Field(sa_type=UTCDateTime)
    all_day: bool = Field(default=False)
    venue_id: int | None = Field(default=None, foreign_key="venue.id", ondelete="SET NULL", index=True)
    space_id: int | None = Field(default=None, foreign_key="space.id", ondelete="SET NULL", index=True)
    # Where it happens when that is no venue of ours (an imported LOCATION that matched none).
    location_text: str = Field(default="", max_length=500, sa_column_kwargs={"server_default": ""})
    status: ItemStatus = Field(default=ItemStatus.CONFIRMED, sa_type=sa.String(16))
    visibility: Visibility = Field(default=Visibility.PUBLIC, sa_type=sa.String(16))
    lead_agency_id: int | None = Field(default=None, foreign_key="agency.id", ondelete="SET NULL")
    description: str = Field(default="", sa_type=sa.Text)
    notes: str = Field(default="", sa_type=sa.Text)
    # For screenings and broadcasts: the work shown.
    work_title: str = Field(default="", max_length=300)
    work_id: int | None = Field(default=None, foreign_key="work.id", ondelete="SET NULL", index=True)
    sequence: int = Field(default=0)
    # For imported items: the source calendar's UID (and occurrence), so a re-import updates them.
    source_key: str | None = Field(default=None, max_length=400)
    source_sequence: int | None = None
    # Bumped by every saved edit: a save that names an older version is refused (two organizers).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    # Agency and person feeds show this item's working version before it is published.
    share_before_publish: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})


class ScheduleItem(ItemFields, table=True):
    """One entry of an event's working programme, public or behind the scenes (organizers edit it)."""

    __tablename__ = "schedule_item"
    __table_args__ = (
        sa.CheckConstraint("end_utc > start_utc", name="item_end_after_start"),
        sa.CheckConstraint("sequence >= 0", name="item_sequence_not_negative"),
        sa.Index("ix_schedule_item_event_start", "event_id", "start_utc"),
        sa.UniqueConstraint("event_id", "source_key", name="item_source_key_unique_per_event"),
        # Never reuse a deleted item's id: its published copy keeps that id until it is cancelled.
        {"sqlite_autoincrement": True},
    )

    # A part of another item (a run-of-show segment of its ceremony): the two never conflict, and
    # the part goes with the whole when that is deleted.
    parent_id: int | None = Field(default=None, foreign_key="schedule_item.id", ondelete="CASCADE", index=True)


class PublishedItem(ItemFields, table=True):
    """The item as the last release published it: what the public programme, feeds and JSON show.

    It keeps the working item's id and UID; an item deleted from the working schedule stays here,
    cancelled, so that calendars learn of the cancellation.
    """

    __tablename__ = "published_item"
    __table_args__ = (sa.Index("ix_published_item_event_start", "event_id", "start_utc"),)

    release_no: int = Field(default=1)


class ItemSupportingAgency(SQLModel, table=True):
    __tablename__ = "item_supporting_agency"

    item_id: int = Field(foreign_key="schedule_item.id", ondelete="CASCADE", primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", ondelete="CASCADE", primary_key=True)


class ItemParticipant(SQLModel, table=True):
    __tablename__ = "item_participant"

    item_id: int = Field(foreign_key="schedule_item.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True, index=True)
    role: ParticipantRole = Field(default=ParticipantRole.GUEST, sa_type=sa.String(16))
