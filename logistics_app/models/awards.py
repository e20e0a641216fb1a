from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from logistics_app.db import UTCDateTime
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class AwardCategory(Keyed, table=True):
    __tablename__ = "award_category"
    __table_args__ = (
        sa.UniqueConstraint("event_id", "name", name="category_name_unique_per_event"),
        sa.UniqueConstraint("event_id", "position", name="category_position_unique_per_event"),
    )

    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    position: int
    notes: str = Field(default="", sa_type=sa.Text)
    # Each category's winner is revealed on its own: by hand, at this time, or when the show caller
    # reaches its segment; revealed_at is when it was (None: not yet, or retracted).
    reveal_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revealed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Nomination(Keyed, table=True):
    __tablename__ = "nomination"
    __table_args__ = (sa.UniqueConstraint("category_id", "work_title", "nominee_names", name="nomination_unique"),)

    category_id: int = Field(foreign_key="award_category.id", ondelete="CASCADE", index=True)
    work_title: str = Field(max_length=300)
    work_id: int | None = Field(default=None, foreign_key="work.id", ondelete="SET NULL", index=True)
    work_year: int | None = None
    director: str = Field(default="", max_length=300)
    producer: str = Field(default="", max_length=500)
    # Names as the academy published them, for display; linked people are in NominationPerson.
    nominee_names: str = Field(default="", max_length=500)
    is_winner: bool = Field(default=False)
    notes: str = Field(default="", sa_type=sa.Text)


class NominationPerson(SQLModel, table=True):
    __tablename__ = "nomination_person"

    nomination_id: int = Field(foreign_key="nomination.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", primary_key=True)


class SealedWinner(Keyed, table=True):
    """A winner entered by the tally ("escrutinio") before the reveal. Read only by the tally page
    and by the reveal, which copies it to Nomination.is_winner."""

    __tablename__ = "sealed_winner"
    # Sealed choices reach no feed or page until the reveal writes Nomination.is_winner.
    unversioned: ClassVar[bool] = True

    nomination_id: int = Field(foreign_key="nomination.id", ondelete="CASCADE", sa_column_kwargs={"unique": True})
    category_id: int = Field(foreign_key="award_category.id", ondelete="CASCADE", index=True)
    entered_by: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    entered_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)


class RevealRecord(Keyed, table=True):
    """Every reveal, correction and retraction of a category's winner: what the public saw, when,
    and who did it (the ceremony's log)."""

    __tablename__ = "reveal_record"

    category_id: int = Field(foreign_key="award_category.id", ondelete="CASCADE", index=True)
    action: str = Field(max_length=20)  # "reveal", "correct", "retract"
    nomination_id: int | None = Field(default=None, foreign_key="nomination.id", ondelete="SET NULL")
    work_title: str = Field(default="", max_length=300)  # the winner named then, kept if it is deleted
    at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
