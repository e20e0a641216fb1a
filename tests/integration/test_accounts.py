"""Accounts against a real database: Argon2 hashes, throttled sign-in, sessions, invitations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from logistics_app.db import session_scope
from logistics_app.domain.access import ADDRESS_FREE_FAILURES, LOCK_AFTER
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.models import Agency, AgencyKind, LoginSession, Role, User
from logistics_app.services import accounts

pytestmark = pytest.mark.integration
NOW = datetime(2025, 9, 1, 9, tzinfo=UTC)
PASSWORD = "Vallarta-2025!"


@pytest.fixture
def engine(sqlite_engine: Engine) -> Engine:
    with session_scope(sqlite_engine) as session:
        session.add(Agency(slug="filma-jalisco", name="Filma Jalisco", kind=AgencyKind.FILM_COMMISSION))
        accounts.create_user(
            session=session, email="Org@AMACC.mx ", name="Organización AMACC", password=PASSWORD, role="organizer"
        )
    return sqlite_engine


def _sign_in(engine: Engine, password: str, at: datetime, email: str = "org@amacc.mx", client: str = "10.0.0.1") -> str:
    with session_scope(engine) as session:
        result = accounts.sign_in(session=session, email=email, password=password, now=at, client=client)
    assert result.refused is None, result.refused.message()
    return result.token


def _refused(engine: Engine, password: str, at: datetime, email: str = "org@amacc.mx", client: str = "10.0.0.1") -> str:
    with session_scope(engine) as session:
        result = accounts.sign_in(session=session, email=email, password=password, now=at, client=client)
    assert result.refused is not None and result.token == ""
    return result.refused.message()


def test_passwords_are_stored_as_argon2_hashes_and_emails_lower_case(engine: Engine) -> None:
    with session_scope(engine) as session:
        user = session.exec(select(User)).one()
        assert user.email == "org@amacc.mx"
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_signing_in_gives_a_session_that_names_the_person_until_sign_out(engine: Engine) -> None:
    token = _sign_in(engine, PASSWORD, NOW)
    with session_scope(engine) as session:
        me = accounts.principal_for(session=session, token=token, now=NOW)
        assert (me.email, me.role) == ("org@amacc.mx", Role.ORGANIZER)  # type: ignore[union-attr]
        assert session.exec(select(LoginSession.token_hash)).one() != token  # only the hash is kept
        accounts.sign_out(session=session, token=token, now=NOW)
    with session_scope(engine) as session:
        assert accounts.principal_for(session=session, token=token, now=NOW) is None


def test_sessions_expire_when_unused(engine: Engine) -> None:
    token = _sign_in(engine, PASSWORD, NOW)
    with session_scope(engine) as session:
        assert accounts.principal_for(session=session, token=token, now=NOW + timedelta(hours=7)) is not None
    with session_scope(engine) as session:  # used at 7 h: valid until 15 h
        assert accounts.principal_for(session=session, token=token, now=NOW + timedelta(hours=14)) is not None
    with session_scope(engine) as session:
        assert accounts.principal_for(session=session, token=token, now=NOW + timedelta(hours=23)) is None


def _ten_failures(engine: Engine, email: str, client: str = "10.0.0.1") -> tuple[list[str], datetime]:
    at, messages = NOW, []
    for _ in range(LOCK_AFTER):
        messages.append(_refused(engine, "wrong password", at, email=email, client=client))
        at += timedelta(minutes=2)  # waits long enough each time (the 9th failure costs 64 s)
    return messages, at


def test_failed_sign_ins_slow_down_then_lock_that_address_out(engine: Engine) -> None:
    messages, at = _ten_failures(engine, "org@amacc.mx")
    assert messages[:-1] == ["El correo o la contraseña no coinciden."] * (LOCK_AFTER - 1)
    assert messages[-1].startswith("Demasiados intentos fallidos desde esta conexión")
    # Locked here: even the right password is refused until the lock ends ...
    assert _refused(engine, PASSWORD, at).startswith("Demasiados intentos fallidos desde esta conexión")
    # ... but the owner signs in from anywhere else: a stranger cannot lock someone else out.
    assert _sign_in(engine, PASSWORD, at, client="192.0.2.50")
    assert _sign_in(engine, PASSWORD, at + timedelta(minutes=15))


def test_an_unknown_email_is_answered_exactly_as_a_known_one(engine: Engine) -> None:
    """Same messages through the whole sequence (wrong, then locked): nothing tells whether an
    account exists. (Each answer also costs the same password hash: `make bench` times both.)"""
    known, _ = _ten_failures(engine, "org@amacc.mx", client="10.0.0.7")
    unknown, _ = _ten_failures(engine, "nadie@amacc.mx", client="10.0.0.8")
    assert known == unknown


def test_an_address_failing_on_many_accounts_waits(engine: Engine) -> None:
    at = NOW
    for number in range(ADDRESS_FREE_FAILURES):
        at += timedelta(seconds=1)
        _refused(engine, "adivinando", at, email=f"persona{number}@amacc.mx", client="10.9.9.9")
    assert _refused(engine, PASSWORD, at, client="10.9.9.9").startswith("Demasiados intentos fallidos: espere")
    assert _sign_in(engine, PASSWORD, at, client="10.9.9.10")  # another address is not slowed


def test_an_attempt_too_soon_after_failures_waits(engine: Engine) -> None:
    for second in range(3):
        _refused(engine, "nope", NOW + timedelta(seconds=second * 10))
    _refused(engine, "nope", NOW + timedelta(seconds=30))  # the 4th failure: the next must wait 2 s
    assert _refused(engine, PASSWORD, NOW + timedelta(seconds=31)) == (
        "Demasiados intentos fallidos: espere 1 s antes de intentar de nuevo."
    )
    assert _sign_in(engine, PASSWORD, NOW + timedelta(seconds=33))


def test_easy_passwords_are_refused(engine: Engine) -> None:
    for easy in ("aaaaaaaaaa", "1234567890", "qwertyuiop", "nueva.persona@amacc.mx"):
        with pytest.raises(ValidationFailed) as refused, session_scope(engine) as session:
            accounts.create_user(
                session=session, email="nueva.persona@amacc.mx", name="Nueva Persona", password=easy, role="viewer"
            )
        assert refused.value.messages()["password"].startswith("Esa contraseña es fácil de adivinar"), easy


def test_an_invitation_makes_a_coordinator_of_its_agency_once(engine: Engine) -> None:
    with session_scope(engine) as session:
        org = accounts.principal_of(session.exec(select(User)).one())
        token = accounts.invite(
            session=session, actor=org, email="coord@filma.mx", role="coordinator", agency_slug="filma-jalisco", now=NOW
        )
    with session_scope(engine) as session:
        session_token = accounts.accept_invitation(
            session=session, token=token, name="Coordinación Filma", password=PASSWORD, now=NOW + timedelta(days=6)
        )
        me = accounts.principal_for(session=session, token=session_token, now=NOW + timedelta(days=6))
        agency = session.exec(select(Agency)).one()
        assert (me.role, me.agency_id) == (Role.COORDINATOR, agency.id)  # type: ignore[union-attr]
    with pytest.raises(NotFound), session_scope(engine) as session:  # used once
        accounts.invitation(session=session, token=token, now=NOW + timedelta(days=6))


def test_invitations_expire_after_seven_days(engine: Engine) -> None:
    with session_scope(engine) as session:
        org = accounts.principal_of(session.exec(select(User)).one())
        token = accounts.invite(session=session, actor=org, email="prensa@amacc.mx", role="viewer", now=NOW)
    with pytest.raises(NotFound), session_scope(engine) as session:
        accounts.accept_invitation(
            session=session, token=token, name="Prensa", password=PASSWORD, now=NOW + timedelta(days=7, seconds=1)
        )


def test_bad_accounts_are_refused_field_by_field(engine: Engine) -> None:
    with pytest.raises(ValidationFailed) as refused, session_scope(engine) as session:
        accounts.create_user(session=session, email="org@amacc.mx", name="", password="corta", role="coordinator")
    assert refused.value.messages() == {
        "email": "Ya existe una cuenta con el correo org@amacc.mx.",
        "agency": "Una persona coordinadora debe pertenecer a una agencia; elija cuál.",
        "password": "La contraseña debe tener al menos 10 caracteres.",
        "name": "Este campo es obligatorio.",
    }
    with session_scope(engine) as session:
        assert len(session.exec(select(User)).all()) == 1


def test_the_cli_creates_the_first_organizer(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from tests.integration.test_cli import ROOT

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {"DATABASE_URL": url, "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "logistics_app.cli", "init-db"], cwd=ROOT, env=env, check=True)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "logistics_app.cli",
            "create-user",
            "--email",
            "ana@amacc.mx",
            "--name",
            "Ana",
            "--password-stdin",
        ],
        cwd=ROOT,
        env=env,
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
    )
    assert (run.returncode, run.stdout) == (0, "Cuenta creada: ana@amacc.mx (organización).\n")
    again = subprocess.run(
        [
            sys.executable,
            "-m",
            "logistics_app.cli",
            "create-user",
            "--email",
            "ana@amacc.mx",
            "--name",
            "Ana",
            "--password-stdin",
        ],
        cwd=ROOT,
        env=env,
        input="corta\n",
        capture_output=True,
        text=True,
    )
    assert (again.returncode, again.stderr.splitlines()) == (
        2,
        [
            "email: Ya existe una cuenta con el correo ana@amacc.mx.",
            "password: La contraseña debe tener al menos 10 caracteres.",
        ],
    )


def test_the_users_page_lists_accounts_and_open_invitations(engine: Engine) -> None:
    with session_scope(engine) as session:
        org = accounts.principal_of(session.exec(select(User)).one())
        accounts.invite(session=session, actor=org, email="prensa@amacc.mx", role="viewer")
    with session_scope(engine) as session:
        rows = accounts.users(session=session)
    assert [(r["email"], r["state"]) for r in rows] == [
        ("org@amacc.mx", ""),
        ("prensa@amacc.mx", "Invitación pendiente"),
    ]
