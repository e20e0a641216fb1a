from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from logistics_app.db import UTCDateTime
from logistics_app.models.enums import FeedKind
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class FeedToken(Keyed, table=True):
    """A private calendar feed. Only the SHA-256 of the token is stored; the token is shown once."""

    __tablename__ = "feed_token"
    __table_args__ = (
        sa.CheckConstraint(
            "(kind = 'agency' AND agency_id IS NOT NULL) OR (kind = 'person' AND person_id IS NOT NULL)"
            " OR kind = 'selection'",
            name="feed_token_owner",
        ),
    )

    # A token's own changes (a new agenda, its selection, a revocation) concern only its feed, which
    # reads the token row itself: they do not move the data version that every cached feed follows.
    unversioned: ClassVar[bool] = True

    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    kind: FeedKind = Field(sa_type=sa.String(16))
    agency_id: int | None = Field(default=None, foreign_key="agency.id", ondelete="CASCADE", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="CASCADE", index=True)
    # An attendee's own selection ("mi agenda"): the chosen items' UIDs, space-separated.
    selection: str = Field(default="", sa_type=sa.Text)
    # An agency's links are personal: each names the person or device it is for ("Outlook de Ana"),
    # who made it, and when a calendar last read it; making one never ends another.
    label: str = Field(default="", max_length=80)
    created_by: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class DataVersion(SQLModel, table=True):
    """One row counting committed changes: cached feeds are valid for one version."""

    __tablename__ = "data_version"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0)
    changed_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)


class FeedState(SQLModel, table=True):
    """A feed's current ETag and since when it has had that content: Last-Modified moves only when
    the feed's own bytes change, in every worker and after any restart."""

    __tablename__ = "feed_state"
    unversioned: ClassVar[bool] = True

    key: str = Field(primary_key=True, max_length=200)
    etag: str = Field(max_length=80)
    changed_at: datetime = Field(sa_type=UTCDateTime)
