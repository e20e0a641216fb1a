from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.db import UTCDateTime
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class Venue(Keyed, table=True):
    __tablename__ = "venue"
    __table_args__ = (sa.CheckConstraint("capacity IS NULL OR capacity >= 0", name="venue_capacity_not_negative"),)

    slug: str = Field(max_length=120, sa_column_kwargs={"unique": True}, nullable=False)
    name: str = Field(max_length=200)
    address: str = Field(default="", max_length=400)
    city: str = Field(default="", max_length=120)
    state: str = Field(default="", max_length=80)
    # None means "the event's zone" (the default the issue asks for).
    timezone: str | None = Field(default=None, max_length=64)
    latitude: float | None = None
    longitude: float | None = None
    capacity: int | None = None
    accessibility: str = Field(default="", sa_type=sa.Text)
    is_online: bool = Field(default=False)
    url: str = Field(default="", max_length=400)
    notes: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)


class Space(Keyed, table=True):
    """A bookable part of a venue: a stage, a lobby, a press room."""

    __tablename__ = "space"
    __table_args__ = (
        sa.UniqueConstraint("venue_id", "name", name="space_name_unique_per_venue"),
        sa.CheckConstraint("capacity IS NULL OR capacity >= 0", name="space_capacity_not_negative"),
    )

    venue_id: int = Field(foreign_key="venue.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    capacity: int | None = None
    # An open-air forum can host several things at once.
    allows_parallel: bool = Field(default=False)
    accessibility: str = Field(default="", sa_type=sa.Text)
