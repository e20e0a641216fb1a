"""What an agency owes on an item (a deliverable), and how many crew it has per role and day."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.db import UTCDateTime
from logistics_app.models.enums import CrewRole, DeliverableStatus
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class Deliverable(Keyed, table=True):
    """E.g. "transport from the airport for 40 nominees", owed by one agency for one item."""

    __tablename__ = "deliverable"
    __table_args__ = (
        sa.CheckConstraint("status <> 'blocked' OR blocked_reason <> ''", name="deliverable_blocked_has_reason"),
        sa.CheckConstraint("quantity IS NULL OR quantity >= 0", name="deliverable_quantity_not_negative"),
        sa.CheckConstraint("crew_count IS NULL OR crew_count >= 0", name="deliverable_crew_not_negative"),
    )

    item_id: int = Field(foreign_key="schedule_item.id", ondelete="CASCADE", index=True)
    agency_id: int = Field(foreign_key="agency.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=300)
    quantity: int | None = None
    # People of one crew role the deliverable takes for the item's whole time (for the crew check).
    crew_role: CrewRole | None = Field(default=None, sa_type=sa.String(16))
    crew_count: int | None = None
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    status: DeliverableStatus = Field(default=DeliverableStatus.PENDING, sa_type=sa.String(16))
    blocked_reason: str = Field(default="", max_length=500)
    notes: str = Field(default="", sa_type=sa.Text)
    version: int = Field(default=1)
    updated_by: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    # When its agency was reminded that it is due within a day (once; a new due time clears it).
    reminded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)


class CrewCapacity(Keyed, table=True):
    """How many people of a role an agency has on a day."""

    __tablename__ = "crew_capacity"
    __table_args__ = (
        sa.UniqueConstraint("agency_id", "day", "role", name="crew_capacity_once_per_day_and_role"),
        sa.CheckConstraint("people >= 0", name="crew_capacity_not_negative"),
    )

    agency_id: int = Field(foreign_key="agency.id", ondelete="CASCADE", index=True)
    day: date
    role: CrewRole = Field(sa_type=sa.String(16))
    people: int
