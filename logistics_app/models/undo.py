"""What an organizer's change was before it happened, so that it can be undone: an edit, a bulk
change, a deletion (with everything the deletion took with it), an import."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.db import UTCDateTime
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class UndoEntry(Keyed, table=True):
    __tablename__ = "undo_entry"
    __table_args__ = (sa.Index("ix_undo_entry_event_at", "event_id", "created_at"),)

    event_id: int = Field(foreign_key="event.id", ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    label: str = Field(max_length=300)
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    undone_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # JSON: {"changed": [{"id", "version", "input"}], "created": [{"id", "version"}],
    #        "deleted": {"rows": {table: [row]}, "nulled": [[table, {pk}, column, value]]}}
    payload: str = Field(default="{}", sa_type=sa.Text)
