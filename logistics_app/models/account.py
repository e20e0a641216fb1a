"""Who may sign in, their sessions, and the invitations that bring new people in."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from logistics_app.db import UTCDateTime
from logistics_app.models.enums import Role
from logistics_app.models.keys import Keyed
from logistics_app.timeutil import now_utc


class User(Keyed, table=True):
    """A person who signs in. The password is kept only as an Argon2 hash."""

    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL
    __table_args__ = (
        sa.CheckConstraint("role <> 'coordinator' OR agency_id IS NOT NULL", name="coordinator_has_agency"),
    )
    # Signing in changes no feed.
    unversioned: ClassVar[bool] = True

    email: str = Field(max_length=254, sa_column_kwargs={"unique": True})  # stored lower-case
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=200)
    role: Role = Field(sa_type=sa.String(16))
    agency_id: int | None = Field(default=None, foreign_key="agency.id", ondelete="RESTRICT", index=True)
    # "Escrutinio": may enter the award winners before the reveal (organizers only).
    can_tally: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    # When the person last opened the agency portal: "what changed since your last visit".
    last_visit_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The language its e-mail is written in: the one the person last signed in with.
    lang: str = Field(default="es", max_length=5, sa_column_kwargs={"server_default": "es"})
    # An organizer turned the account off: it cannot sign in, and its sessions ended then.
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)


class LoginSession(Keyed, table=True):
    """A signed-in browser. Only the SHA-256 of its token is stored."""

    __tablename__ = "login_session"
    unversioned: ClassVar[bool] = True

    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    user_id: int = Field(foreign_key="app_user.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    last_seen_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Invitation(Keyed, table=True):
    """A one-time link an organizer hands to someone; valid for 7 days, used once."""

    __tablename__ = "invitation"
    __table_args__ = (
        sa.CheckConstraint("role <> 'coordinator' OR agency_id IS NOT NULL", name="invitation_coordinator_has_agency"),
    )
    unversioned: ClassVar[bool] = True

    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    email: str = Field(max_length=254)
    role: Role = Field(sa_type=sa.String(16))
    agency_id: int | None = Field(default=None, foreign_key="agency.id", ondelete="CASCADE")
    invited_by: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PasswordReset(Keyed, table=True):
    """A one-time link to choose a new password, sent to the account's address: valid for an hour,
    used once. Only the SHA-256 of its token is stored."""

    __tablename__ = "password_reset"
    unversioned: ClassVar[bool] = True

    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True})
    user_id: int = Field(foreign_key="app_user.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=now_utc, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class LoginThrottle(SQLModel, table=True):
    """Failed sign-ins of one client address on one account, or of one address on any account.
    Keyed by a hash (no e-mail or address is stored in the clear); unknown e-mails count too."""

    __tablename__ = "login_throttle"
    unversioned: ClassVar[bool] = True

    key: str = Field(primary_key=True, max_length=64)
    failures: int = Field(default=0)
    last_failed_at: datetime = Field(sa_type=UTCDateTime, index=True)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
