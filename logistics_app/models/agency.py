from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.db import UTCDateTime
from logistics_app.models.enums import AgencyKind
from logistics_app.models.keys import Keyed


class Agency(Keyed, table=True):
    """A coordinating organisation: a ministry, the film commission, the academy, a sponsor."""

    __tablename__ = "agency"

    slug: str = Field(max_length=80, sa_column_kwargs={"unique": True}, nullable=False)
    name: str = Field(max_length=200)
    acronym: str = Field(default="", max_length=40)
    kind: AgencyKind = Field(sa_type=sa.String(32))
    website: str = Field(default="", max_length=300)
    notes: str = Field(default="", sa_type=sa.Text)
    # Archived: kept for history (its items, deliverables and links stay), offered in no picker.
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AgencyContact(Keyed, table=True):
    __tablename__ = "agency_contact"

    agency_id: int = Field(foreign_key="agency.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    role: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254)
    lang: str = Field(default="es", max_length=5, sa_column_kwargs={"server_default": "es"})  # of its e-mail
    phone: str = Field(default="", max_length=40)
