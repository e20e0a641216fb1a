from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.db import UTCDateTime
from logistics_app.models.keys import Keyed


class Person(Keyed, table=True):
    """Nominees, presenters, instructors, crew: anyone who takes part in an item."""

    __tablename__ = "person"

    name: str = Field(max_length=200, index=True)
    title: str = Field(default="", max_length=200)
    agency_id: int | None = Field(default=None, foreign_key="agency.id", ondelete="SET NULL")
    # Where the person hears of changes to their items (publication notices); optional.
    email: str = Field(default="", max_length=254)
    lang: str = Field(default="es", max_length=5, sa_column_kwargs={"server_default": "es"})  # of its e-mail
    notes: str = Field(default="", sa_type=sa.Text)
    # Archived: kept for history (their items and links stay), offered in no picker.
    archived_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
