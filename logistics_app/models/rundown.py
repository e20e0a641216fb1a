"""The ceremony's run of show: ordered segments with planned durations, and who presents them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from logistics_app.db import UTCDateTime
from logistics_app.models.keys import Keyed


class RunSegment(Keyed, table=True):
    """One segment of a ceremony (an item of kind "ceremony"); its times follow from the order."""

    __tablename__ = "run_segment"
    __table_args__ = (
        sa.UniqueConstraint("ceremony_id", "position", name="segment_position_unique_per_ceremony"),
        sa.CheckConstraint("minutes > 0", name="segment_minutes_positive"),
    )

    ceremony_id: int = Field(foreign_key="schedule_item.id", ondelete="CASCADE", index=True)
    position: int
    kind: str = Field(max_length=20)  # opening, category, music, memoriam, closing, other
    title: str = Field(max_length=300)
    minutes: int
    category_id: int | None = Field(default=None, foreign_key="award_category.id", ondelete="SET NULL")
    notes: str = Field(default="", sa_type=sa.Text)
    # The internal schedule item this segment was exported as (updated by the next export).
    item_id: int | None = Field(default=None, foreign_key="schedule_item.id", ondelete="SET NULL")
    # On the night: when the show caller started and ended it (the report compares them with the plan).
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SegmentPresenter(SQLModel, table=True):
    __tablename__ = "segment_presenter"

    segment_id: int = Field(foreign_key="run_segment.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)
