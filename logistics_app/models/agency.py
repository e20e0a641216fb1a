from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from logistics_app.models.enums import AgencyKind


class Agency(SQLModel, table=True):
    """A coordinating organisation: a ministry, the film commission, the academy, a sponsor."""

    __tablename__ = "agency"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, sa_column_kwargs={"unique": True}, nullable=False)
    name: str = Field(max_length=200)
    acronym: str = Field(default="", max_length=40)
    kind: AgencyKind = Field(sa_type=sa.String(32))
    website: str = Field(default="", max_length=300)
    notes: str = Field(default="", sa_type=sa.Text)


class AgencyContact(SQLModel, table=True):
    __tablename__ = "agency_contact"

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(foreign_key="agency.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    role: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
