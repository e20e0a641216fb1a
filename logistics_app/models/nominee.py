"""A nominated person's trip to the ceremony: flights, hotel, transport, calls and seat."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.db import UTCDateTime
from logistics_app.models.keys import Keyed


class NomineeLogistics(Keyed, table=True):
    """One nominated person at one event. The times become schedule items of the person (their
    source_key is "nominee:<person id>:<what>", so saving again updates them)."""

    __tablename__ = "nominee_logistics"
    __table_args__ = (sa.UniqueConstraint("event_id", "person_id", name="nominee_logistics_once_per_event"),)

    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE")
    arrival_flight: str = Field(default="", max_length=20)
    arrival_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    arrival_airport: str = Field(default="PVR", max_length=3)
    departure_flight: str = Field(default="", max_length=20)
    departure_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    departure_airport: str = Field(default="PVR", max_length=3)
    hotel: str = Field(default="", max_length=200)
    transport_agency_id: int | None = Field(default=None, foreign_key="agency.id", ondelete="SET NULL")
    rehearsal_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    red_carpet_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    seat: str = Field(default="", max_length=20)
    # When the person's itinerary went to them by e-mail, days before the event (once).
    itinerary_sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
