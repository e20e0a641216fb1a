"""Accounts: creating users, signing in and out, sessions, invitations.

Passwords are hashed with Argon2 (argon2-cffi); tokens of sessions and invitations are random and
only their SHA-256 is stored, as for private feeds.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from zxcvbn import zxcvbn

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.access import (
    ADDRESS_FREE_FAILURES,
    FAILURES_KEPT,
    INVITATION_VALID,
    LOCK_AFTER,
    LOCK_FOR,
    MAX_PASSWORD,
    MIN_PASSWORD,
    Action,
    Principal,
    require,
    session_expiry,
    wait_before_next_try,
)
from logistics_app.domain.errors import FieldError, NotFound, Refusal, ValidationFailed
from logistics_app.domain.mail import notice, single_address
from logistics_app.domain.validation import check_choice
from logistics_app.i18n import normalize_lang, t
from logistics_app.models import (
    Agency,
    FeedToken,
    Invitation,
    LoginSession,
    LoginThrottle,
    PasswordReset,
    Role,
    User,
    key_of,
    not_null,
    table_of,
)
from logistics_app.services import delivery
from logistics_app.services.subscriptions import hash_token, new_token
from logistics_app.settings import get_settings
from logistics_app.timeutil import now_utc

_HASHER = PasswordHasher()
# Argon2 takes a fifth of a second of a core on purpose: it runs in this pool, never on the
# backend's event loop, and at most two at a time (the rest wait their turn, pages keep answering).
_PASSWORD_WORK = ThreadPoolExecutor(max_workers=2, thread_name_prefix="passwords")


async def password_work(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """fn(*args, **kwargs) in the password pool (sign-in, invitations, anything that hashes)."""
    return await asyncio.get_running_loop().run_in_executor(_PASSWORD_WORK, functools.partial(fn, *args, **kwargs))


# Verifying against this keeps an unknown e-mail as slow as a wrong password (no account probing).
_DUMMY_HASH = _HASHER.hash("not a password of anybody")


T = TypeVar("T")


class LoginRefused(Refusal):
    """Signing in did not work; the message does not say whether the e-mail exists."""

    prefix = "auth"


def _normal_email(email: str) -> str:
    return email.strip().lower()


def _check_password(password: str, *known: str) -> list[FieldError]:
    """Long enough, not too long, and not easy to guess (zxcvbn: common words and passwords,
    repetitions, sequences, dates, and what the person's own e-mail or name gives away)."""
    if len(password) < MIN_PASSWORD:
        return [FieldError("password", "short_password", {"min": MIN_PASSWORD})]
    if len(password) > MAX_PASSWORD:
        return [FieldError("password", "long_password", {"max": MAX_PASSWORD})]
    # zxcvbn reads at most 72 characters; beyond that a password is long enough to be hard.
    if zxcvbn(password[:72], user_inputs=[k for k in known if k])["score"] < 3:
        return [FieldError("password", "weak_password")]
    return []


def _check_account(session: Session, email: str, role: str, agency_slug: str) -> tuple[list[FieldError], int | None]:
    errors: list[FieldError] = []
    if single_address(email) != email:
        errors.append(FieldError("email", "bad_email"))
    check_choice(errors, "role", role, Role)
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
    errors += _check_password(password, email, name)
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
    return Principal(key_of(user), user.email, user.name, Role(user.role), user.agency_id, user.can_tally)


def _start_session(session: Session, user: User, now: datetime) -> str:
    token = new_token()
    session.add(
        LoginSession(
            token_hash=hash_token(token),
            user_id=key_of(user),
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


def _key(parts: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _throttle(session: Session, parts: tuple[str, ...]) -> LoginThrottle | None:
    return session.get(LoginThrottle, _key(parts))


def _failed(session: Session, parts: tuple[str, ...], now: datetime) -> int:
    """Counts one more failure (two workers counting at once both count); returns the count."""
    table, key = table_of(LoginThrottle), _key(parts)
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(
        dialect.insert(table)
        .values(key=key, failures=1, last_failed_at=now)
        .on_conflict_do_update(
            index_elements=[table.c.key], set_={"failures": table.c.failures + 1, "last_failed_at": now}
        )
    )
    return int(session.execute(sa.select(table.c.failures).where(table.c.key == key)).scalar_one())


def sign_in(
    *, session: Session, email: str, password: str, client: str = "", now: datetime | None = None, lang: str = ""
) -> SignIn:
    """Checks the pair. Failures are counted per (client address, e-mail) and per address; they
    slow the next try down and finally lock that address out of that account for a while. Every
    answer costs one password hash, and an unknown e-mail is throttled as a known one is: neither
    the answer nor its time tells whether an account exists."""
    now = now or now_utc()
    email = _normal_email(email)
    pair_key, address_key = ("pair", client, email), ("address", client)
    user = session.exec(select(User).where(User.email == email)).first()
    matches = _verify(user.password_hash if user else _DUMMY_HASH, password) and user is not None
    refusal = _throttled(_throttle(session, pair_key), _throttle(session, address_key), now)
    if refusal is not None:
        return SignIn(refused=refusal)
    if not matches or user is None:
        failures = _failed(session, pair_key, now)
        _failed(session, address_key, now)
        session.execute(sa.delete(LoginThrottle).where(col(LoginThrottle.last_failed_at) < now - FAILURES_KEPT))
        if failures >= LOCK_AFTER:
            session.execute(
                sa.update(LoginThrottle)
                .where(col(LoginThrottle.key) == _key(pair_key))
                .values(locked_until=now + LOCK_FOR, failures=0)
            )
            return SignIn(refused=LoginRefused("locked", minutes=int(LOCK_FOR.total_seconds() // 60)))
        return SignIn(refused=LoginRefused("wrong"))
    # The pair starts afresh; the address's count stays (a known password must not reset it).
    session.execute(sa.delete(LoginThrottle).where(col(LoginThrottle.key) == _key(pair_key)))
    if user.disabled_at is not None:  # said only to whoever knows the password
        return SignIn(refused=LoginRefused("disabled"))
    if lang:  # the account's e-mail follows the language it signs in with
        user.lang = normalize_lang(lang)
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return SignIn(token=_start_session(session, user, now))


def sign_in_now(*, email: str, password: str, client: str, lang: str = "") -> SignIn:
    """sign_in in its own transaction (for the password pool)."""
    with session_scope() as session:
        return sign_in(session=session, email=email, password=password, client=client, lang=lang)


def accept_invitation_now(*, token: str, name: str, password: str) -> str:
    """accept_invitation in its own transaction (for the password pool)."""
    with session_scope() as session:
        return accept_invitation(session=session, token=token, name=name, password=password)


def _verify(password_hash: str, password: str) -> bool:
    if len(password) > MAX_PASSWORD:
        password = password[:MAX_PASSWORD]  # still hashed: the same work as any other try
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _throttled(pair: LoginThrottle | None, address: LoginThrottle | None, now: datetime) -> LoginRefused | None:
    if pair is not None and pair.locked_until is not None and pair.locked_until > now:
        minutes = max(1, int((pair.locked_until - now).total_seconds() // 60) + 1)
        return LoginRefused("locked", minutes=minutes)
    waits = [timedelta(0)]
    if pair is not None:
        waits.append(wait_before_next_try(pair.failures, pair.last_failed_at, now))
    if address is not None:
        waits.append(wait_before_next_try(address.failures, address.last_failed_at, now, ADDRESS_FREE_FAILURES))
    wait = max(waits)
    return LoginRefused("wait", seconds=max(1, round(wait.total_seconds()))) if wait > timedelta(0) else None


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
    if login.ended_at is not None or login.expires_at <= now or user.disabled_at is not None:
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


def invitation_intro(*, session: Session, token: str, lang: str = "es") -> str:
    """What the invitation's page says to the person invited (NotFound: no open invitation)."""
    found = invitation(session=session, token=token)
    agency = session.get(Agency, found.agency_id) if found.agency_id else None
    return t(
        "auth.invitation_intro",
        lang,
        role=t(f"role.{found.role}", lang),
        agency=f" ({agency.name})" if agency else "",
        email=found.email,
        min=MIN_PASSWORD,
    )


def accept_invitation(*, session: Session, token: str, name: str, password: str, now: datetime | None = None) -> str:
    """Creates the invited account with its password; returns a signed-in session's token."""
    now = now or now_utc()
    found = invitation(session=session, token=token, now=now)
    errors = _check_password(password, found.email, name)
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


RESET_VALID = timedelta(hours=1)
RESETS_PER_HOUR = 3


@dataclass(frozen=True)
class ResetLink:
    """What the reset message needs: whom to write to, and the token (shown only in that message)."""

    address: str
    name: str
    token: str


def request_reset(*, session: Session, email: str, now: datetime | None = None) -> ResetLink | None:
    """A one-hour reset link for the account with this address; None for an unknown address or
    after three links in the last hour. The caller answers the same in every case."""
    now = now or now_utc()
    user = session.exec(select(User).where(User.email == _normal_email(email))).first()
    if user is None or user.disabled_at is not None:
        return None
    recent = session.exec(
        select(PasswordReset.id).where(
            PasswordReset.user_id == user.id, col(PasswordReset.created_at) > now - RESET_VALID
        )
    ).all()
    if len(recent) >= RESETS_PER_HOUR:
        return None
    token = new_token()
    session.add(
        PasswordReset(token_hash=hash_token(token), user_id=key_of(user), created_at=now, expires_at=now + RESET_VALID)
    )
    return ResetLink(user.email, user.name, token)


def open_reset(*, session: Session, token: str, now: datetime | None = None) -> PasswordReset:
    """The reset link behind a token, or NotFound (unknown, used or expired)."""
    now = now or now_utc()
    found = session.exec(select(PasswordReset).where(PasswordReset.token_hash == hash_token(token))).first()
    if found is None or found.used_at is not None or found.expires_at <= now:
        raise NotFound("reset")
    return found


def reset_password(*, session: Session, token: str, password: str, now: datetime | None = None) -> None:
    """The account's new password; the link is used up, every other open link of the account too,
    and every signed-in browser of the account is signed out."""
    now = now or now_utc()
    found = open_reset(session=session, token=token, now=now)
    user = not_null(session.get(User, found.user_id))
    if user.disabled_at is not None:
        raise NotFound("reset")
    errors = _check_password(password, user.email, user.name)
    if errors:
        raise ValidationFailed(errors)
    user.password_hash = _HASHER.hash(password)
    _end_access(session, key_of(user), now, links=False)


def _end_access(session: Session, user_id: int, now: datetime, *, links: bool) -> None:
    """Signs the account out everywhere and uses up its open reset links (and, with `links`,
    revokes the calendar links it made)."""
    ended: list[tuple[Any, Any, Any]] = [
        (LoginSession, LoginSession.user_id, LoginSession.ended_at),
        (PasswordReset, PasswordReset.user_id, PasswordReset.used_at),
    ]
    if links:
        ended.append((FeedToken, FeedToken.created_by, FeedToken.revoked_at))
    for model, owner, stamp in ended:
        session.exec(sa.update(model).where(owner == user_id, col(stamp).is_(None)).values({stamp.key: now}))


def reset_password_now(*, token: str, password: str) -> None:
    """reset_password in its own transaction (for the password pool)."""
    with session_scope() as session:
        reset_password(session=session, token=token, password=password)


def request_reset_now(*, email: str, lang: str, engine: Engine | None = None) -> None:
    """request_reset in its own transaction, then the link by e-mail (sent in the background)."""
    with session_scope(engine) as session:
        link = request_reset(session=session, email=email)
    if link is None:
        return
    settings = get_settings()
    url = settings.site_url + routes.password_reset_url(link.token)
    delivery.send_in_background(
        notice(
            subject=t("mail.reset.subject", lang),
            text=t("mail.reset.body", lang, name=link.name, link=url, minutes=int(RESET_VALID.total_seconds() // 60)),
            sender=settings.mail_from,
            recipient=link.address,
        )
    )


def mail_invitation(*, address: str, link: str, inviter: str, lang: str) -> None:
    """The invitation's link by e-mail, sent in the background (the organizer still sees it to copy)."""
    delivery.send_in_background(
        notice(
            subject=t("mail.invitation.subject", lang),
            text=t("mail.invitation.body", lang, inviter=inviter, link=link, days=INVITATION_VALID.days),
            sender=get_settings().mail_from,
            recipient=_normal_email(address),
        )
    )


def set_access(
    *,
    session: Session,
    actor: Principal,
    user_id: int,
    role: str,
    agency_slug: str = "",
    active: bool = True,
    now: datetime | None = None,
) -> None:
    """An organizer changes an account's role (a coordinator's agency with it) or turns it off or
    on again. Turning it off ends its sessions; nobody changes their own account here."""
    require(actor, Action.MANAGE_USERS)
    now = now or now_utc()
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"user {user_id}")
    errors: list[FieldError] = []
    if user.id == actor.user_id:
        errors.append(FieldError("role", "not_your_own_account"))
    check_choice(errors, "role", role, Role)
    agency_id = None
    if role == Role.COORDINATOR:
        agency_id = session.exec(select(Agency.id).where(Agency.slug == agency_slug)).first() if agency_slug else None
        if agency_id is None:
            errors.append(FieldError("agency", "coordinator_needs_agency"))
    if errors:
        raise ValidationFailed(errors)
    user.role, user.agency_id = Role(role), agency_id
    if user.role != Role.ORGANIZER:
        user.can_tally = False
    if active:
        user.disabled_at = None
    elif user.disabled_at is None:
        user.disabled_at = now
        # Nor does anything the account opened keep working: sessions, reset and calendar links.
        _end_access(session, key_of(user), now, links=True)


def users(*, session: Session, lang: str = "es") -> list[dict[str, str]]:
    """Accounts and open invitations, for the organizers' user page."""
    agencies = dict(session.exec(select(Agency.id, Agency.name)).all())
    now = now_utc()
    slugs = dict(session.exec(select(Agency.id, Agency.slug)).all())
    rows = [
        {
            "id": str(u.id),
            "name": u.name,
            "email": u.email,
            "role": t(f"role.{u.role}", lang),
            "role_code": str(u.role),
            "agency": agencies.get(u.agency_id, "") if u.agency_id else "",
            "agency_slug": slugs.get(u.agency_id, "") if u.agency_id else "",
            "active": "" if u.disabled_at else "1",
            "state": t("users.disabled", lang) if u.disabled_at else "",
        }
        for u in session.exec(select(User).order_by(col(User.name)))
    ]
    rows += [
        {
            "id": "",
            "name": "",
            "email": i.email,
            "role": t(f"role.{i.role}", lang),
            "role_code": str(i.role),
            "agency": agencies.get(i.agency_id, "") if i.agency_id else "",
            "agency_slug": "",
            "active": "",
            "state": t("auth.invited_state", lang),
        }
        for i in session.exec(
            select(Invitation).where(col(Invitation.used_at).is_(None), col(Invitation.expires_at) > now)
        )
    ]
    return rows


def any_user(*, session: Session) -> bool:
    return session.exec(select(User.id).limit(1)).first() is not None


def agency_choices(*, session: Session) -> list[dict[str, str]]:
    return [{"slug": a.slug, "name": a.name} for a in session.exec(select(Agency).order_by(col(Agency.name)))]
