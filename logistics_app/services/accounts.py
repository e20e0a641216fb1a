"""Accounts: creating users, signing in and out, sessions, invitations.

Passwords are hashed with Argon2 (argon2-cffi); tokens of sessions and invitations are random and
only their SHA-256 is stored, as for private feeds.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, select

from logistics_app.domain.access import (
    INVITATION_VALID,
    LOCK_AFTER,
    LOCK_FOR,
    MIN_PASSWORD,
    Principal,
    session_expiry,
    wait_before_next_try,
)
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.i18n import t
from logistics_app.models import Agency, Invitation, LoginSession, Role, User
from logistics_app.services.subscriptions import hash_token, new_token
from logistics_app.timeutil import now_utc

_HASHER = PasswordHasher()
# Verifying against this keeps an unknown e-mail as slow as a wrong password (no account probing).
_DUMMY_HASH = _HASHER.hash("not a password of anybody")


class LoginRefused(Exception):
    """Signing in did not work; the message does not say whether the e-mail exists."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code, self.params = code, params

    def message(self, lang: str = "es") -> str:
        return t(f"auth.{self.code}", lang, **self.params)


def _normal_email(email: str) -> str:
    return email.strip().lower()


def _check_password(password: str) -> list[FieldError]:
    if len(password) < MIN_PASSWORD:
        return [FieldError("password", "short_password", {"min": MIN_PASSWORD})]
    return []


def _check_account(session: Session, email: str, role: str, agency_slug: str) -> tuple[list[FieldError], int | None]:
    errors = []
    if "@" not in email or "." not in email.rsplit("@", 1)[-1] or len(email) > 254:
        errors.append(FieldError("email", "bad_email"))
    if role not in {r.value for r in Role}:
        errors.append(FieldError("role", "unknown_choice", {"value": role}))
    agency_id = None
    if agency_slug:
        agency_id = session.exec(select(Agency.id).where(Agency.slug == agency_slug)).first()
        if agency_id is None:
            errors.append(FieldError("agency", "not_found", {"what": agency_slug}))
    elif role == Role.COORDINATOR:
        errors.append(FieldError("agency", "coordinator_needs_agency"))
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        errors.append(FieldError("email", "email_taken", {"email": email}))
    return errors, agency_id if role == Role.COORDINATOR else None


def create_user(
    *, session: Session, email: str, name: str, password: str, role: str, agency_slug: str = "", can_tally: bool = False
) -> User:
    """A new account (the first organizer comes from the command line)."""
    email = _normal_email(email)
    errors, agency_id = _check_account(session, email, role, agency_slug)
    errors += _check_password(password)
    if not name.strip():
        errors.append(FieldError("name", "required"))
    if can_tally and role != Role.ORGANIZER:
        errors.append(FieldError("role", "tally_needs_organizer"))
    if errors:
        raise ValidationFailed(errors)
    user = User(
        email=email,
        name=name.strip(),
        password_hash=_HASHER.hash(password),
        role=Role(role),
        agency_id=agency_id,
        can_tally=can_tally,
    )
    session.add(user)
    session.flush()
    return user


def principal_of(user: User) -> Principal:
    return Principal(user.id, user.email, user.name, Role(user.role), user.agency_id, user.can_tally)  # type: ignore[arg-type]


def _start_session(session: Session, user: User, now: datetime) -> str:
    token = new_token()
    session.add(
        LoginSession(
            token_hash=hash_token(token),
            user_id=user.id,  # type: ignore[arg-type]
            created_at=now,
            last_seen_at=now,
            expires_at=session_expiry(now, now),
        )
    )
    session.flush()
    return token


@dataclass(frozen=True)
class SignIn:
    """A new session's token, or why there is none. Not an exception: a failure must be committed."""

    token: str = ""
    refused: LoginRefused | None = None


def sign_in(*, session: Session, email: str, password: str, now: datetime | None = None) -> SignIn:
    """Checks the pair; failures are counted, slow the next try down and finally lock the account."""
    now = now or now_utc()
    user = session.exec(select(User).where(User.email == _normal_email(email)).with_for_update()).first()
    if user is None:
        with contextlib.suppress(VerificationError):
            _HASHER.verify(_DUMMY_HASH, password)
        return SignIn(refused=LoginRefused("wrong"))
    if user.locked_until is not None and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        return SignIn(refused=LoginRefused("locked", minutes=minutes))
    wait = wait_before_next_try(user.failed_logins, user.last_failed_at, now)
    if wait.total_seconds() > 0:
        return SignIn(refused=LoginRefused("wait", seconds=max(1, round(wait.total_seconds()))))
    try:
        _HASHER.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins += 1
        user.last_failed_at = now
        if user.failed_logins >= LOCK_AFTER:
            user.locked_until, user.failed_logins = now + LOCK_FOR, 0
            return SignIn(refused=LoginRefused("locked", minutes=int(LOCK_FOR.total_seconds() // 60)))
        return SignIn(refused=LoginRefused("wrong"))
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    user.failed_logins, user.last_failed_at, user.locked_until = 0, None, None
    return SignIn(token=_start_session(session, user, now))


def principal_for(*, session: Session, token: str, now: datetime | None = None) -> Principal | None:
    """Who holds this session token, if it is still valid (using it extends it, within limits)."""
    if not token:
        return None
    now = now or now_utc()
    row = session.exec(
        select(LoginSession, User)
        .join(User, col(User.id) == LoginSession.user_id)
        .where(LoginSession.token_hash == hash_token(token))
    ).first()
    if row is None:
        return None
    login, user = row
    if login.ended_at is not None or login.expires_at <= now:
        return None
    if (now - login.last_seen_at).total_seconds() > 300:  # extend at most every five minutes
        login.last_seen_at, login.expires_at = now, session_expiry(login.created_at, now)
    return principal_of(user)


def sign_out(*, session: Session, token: str, now: datetime | None = None) -> None:
    login = session.exec(select(LoginSession).where(LoginSession.token_hash == hash_token(token))).first()
    if login is not None and login.ended_at is None:
        login.ended_at = now or now_utc()


def invite(
    *, session: Session, actor: Principal, email: str, role: str, agency_slug: str = "", now: datetime | None = None
) -> str:
    """A one-time invitation token (the link is shown once to the organizer, who sends it)."""
    now = now or now_utc()
    email = _normal_email(email)
    errors, agency_id = _check_account(session, email, role, agency_slug)
    if errors:
        raise ValidationFailed(errors)
    token = new_token()
    session.add(
        Invitation(
            token_hash=hash_token(token),
            email=email,
            role=Role(role),
            agency_id=agency_id,
            invited_by=actor.user_id,
            created_at=now,
            expires_at=now + INVITATION_VALID,
        )
    )
    session.flush()
    return token


def invitation(*, session: Session, token: str, now: datetime | None = None) -> Invitation:
    """The open invitation behind a token, or NotFound (unknown, used or expired)."""
    now = now or now_utc()
    found = session.exec(select(Invitation).where(Invitation.token_hash == hash_token(token))).first()
    if found is None or found.used_at is not None or found.expires_at <= now:
        raise NotFound("invitation")
    return found


def accept_invitation(*, session: Session, token: str, name: str, password: str, now: datetime | None = None) -> str:
    """Creates the invited account with its password; returns a signed-in session's token."""
    now = now or now_utc()
    found = invitation(session=session, token=token, now=now)
    errors = _check_password(password)
    if not name.strip():
        errors.append(FieldError("name", "required"))
    if session.exec(select(User.id).where(User.email == found.email)).first() is not None:
        errors.append(FieldError("email", "email_taken", {"email": found.email}))
    if errors:
        raise ValidationFailed(errors)
    user = User(
        email=found.email,
        name=name.strip(),
        password_hash=_HASHER.hash(password),
        role=found.role,
        agency_id=found.agency_id,
        created_at=now,
    )
    session.add(user)
    found.used_at = now
    session.flush()
    return _start_session(session, user, now)


def users(*, session: Session, lang: str = "es") -> list[dict[str, str]]:
    """Accounts and open invitations, for the organizers' user page."""
    agencies = dict(session.exec(select(Agency.id, Agency.name)).all())
    now = now_utc()
    rows = [
        {
            "name": u.name,
            "email": u.email,
            "role": t(f"role.{u.role}", lang),
            "agency": agencies.get(u.agency_id, "") if u.agency_id else "",
            "state": t("auth.locked_state", lang) if u.locked_until and u.locked_until > now else "",
        }
        for u in session.exec(select(User).order_by(col(User.name)))
    ]
    rows += [
        {
            "name": "",
            "email": i.email,
            "role": t(f"role.{i.role}", lang),
            "agency": agencies.get(i.agency_id, "") if i.agency_id else "",
            "state": t("auth.invited_state", lang),
        }
        for i in session.exec(
            select(Invitation).where(col(Invitation.used_at).is_(None), col(Invitation.expires_at) > now)
        )
    ]
    return rows


def any_user(session: Session) -> bool:
    return session.exec(select(User.id).limit(1)).first() is not None


def agency_choices(session: Session) -> list[dict[str, str]]:
    return [{"slug": a.slug, "name": a.name} for a in session.exec(select(Agency).order_by(col(Agency.name)))]
