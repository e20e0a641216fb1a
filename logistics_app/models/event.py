from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.db import UTCDateTime
from logistics_app.models.enums import EventKind
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class Event(Keyed, table=True):
    __tablename__ = "event"
    __table_args__ = (sa.CheckConstraint("end_date >= start_date", name="event_dates_ordered"),)

    slug: str = Field(max_length=80, sa_column_kwargs={"unique": True}, nullable=False)
    name: str = Field(max_length=200)
    kind: EventKind = Field(sa_type=sa.String(32))
    timezone: str = Field(max_length=64, default="America/Mexico_City")
    start_date: date
    end_date: date
    city: str = Field(default="", max_length=120)
    state: str = Field(default="", max_length=80)
    description: str = Field(default="", sa_type=sa.Text)
    notes: str = Field(default="", sa_type=sa.Text)
    is_public: bool = Field(default=True)
    archived: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    main_venue_id: int | None = Field(default=None, foreign_key="venue.id", ondelete="SET NULL")
    # Sealed award winners show nowhere until they are revealed: by hand, or at this time.
    reveal_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    winners_revealed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The crew's read-only link to the show caller's view (/equipo/<token>); None: no link.
    crew_token: str | None = Field(default=None, max_length=64, sa_column_kwargs={"unique": True})
    # Publication notices go out at once; otherwise they wait in the outbox for an organizer to send.
    mail_at_once: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
