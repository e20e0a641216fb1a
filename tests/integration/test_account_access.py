"""Organizers change an account's role and turn accounts off: a disabled account's sessions end,
it cannot sign in (said only to whoever knows its password) nor ask for a reset link."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from logistics_app.db import session_scope
from logistics_app.domain.errors import Forbidden, NotFound, ValidationFailed
from logistics_app.models import Role, User, key_of
from logistics_app.services import accounts
from tests.factories import PASSWORD, an_agency, an_organizer

pytestmark = pytest.mark.integration


def _world(engine: Engine) -> tuple[accounts.Principal, int, accounts.Principal]:
    with session_scope(engine) as session:
        an_agency(session, "sectur")
        boss = an_organizer(session, email="jefa@amacc.mx")
        ana = accounts.create_user(session=session, email="ana@amacc.mx", name="Ana", password=PASSWORD, role="viewer")
        viewer = accounts.principal_of(ana)
        return boss, key_of(ana), viewer


def _sign_in(engine: Engine, password: str = PASSWORD) -> accounts.SignIn:
    with session_scope(engine) as session:
        return accounts.sign_in(session=session, email="ana@amacc.mx", password=password)


def test_a_disabled_account_is_signed_out_and_cannot_come_back_until_enabled(sqlite_engine: Engine) -> None:
    boss, ana, _ = _world(sqlite_engine)
    token = _sign_in(sqlite_engine).token
    with session_scope(sqlite_engine) as session:
        link = accounts.request_reset(session=session, email="ana@amacc.mx")
    assert link is not None
    with session_scope(sqlite_engine) as session:
        accounts.set_access(session=session, actor=boss, user_id=ana, role="viewer", active=False)
    with session_scope(sqlite_engine) as session, pytest.raises(NotFound):  # its open reset link died too
        accounts.reset_password(session=session, token=link.token, password="Puerto-Vallarta-2026")
    with session_scope(sqlite_engine) as session:
        assert accounts.principal_for(session=session, token=token) is None
        assert accounts.request_reset(session=session, email="ana@amacc.mx") is None
    refused = _sign_in(sqlite_engine).refused
    assert refused is not None and refused.message("es").startswith("Esta cuenta está desactivada")
    wrong = _sign_in(sqlite_engine, "otra-cosa-123456").refused
    assert wrong is not None and wrong.message("es") == "El correo o la contraseña no coinciden."
    with session_scope(sqlite_engine) as session:
        rows = {row["email"]: row for row in accounts.users(session=session)}
    assert (rows["ana@amacc.mx"]["state"], rows["ana@amacc.mx"]["active"]) == ("Desactivada", "")

    with session_scope(sqlite_engine) as session:
        accounts.set_access(session=session, actor=boss, user_id=ana, role="coordinator", agency_slug="sectur")
    signed = _sign_in(sqlite_engine)
    assert signed.refused is None
    with session_scope(sqlite_engine) as session:
        me = accounts.principal_for(session=session, token=signed.token)
        assert me is not None and me.role == Role.COORDINATOR and me.agency_id is not None


def test_role_changes_are_checked(sqlite_engine: Engine) -> None:
    boss, ana, viewer = _world(sqlite_engine)
    for actor, user_id, role, agency, field in (
        (boss, ana, "coordinator", "", "agency"),  # a coordinator needs an agency
        (boss, ana, "jefe", "", "role"),
        (boss, key_of_boss(sqlite_engine), "viewer", "", "role"),  # not one's own account
    ):
        with session_scope(sqlite_engine) as session, pytest.raises(ValidationFailed) as refused:
            accounts.set_access(session=session, actor=actor, user_id=user_id, role=role, agency_slug=agency)
        assert field in refused.value.messages("es")
    with session_scope(sqlite_engine) as session, pytest.raises(Forbidden):
        accounts.set_access(session=session, actor=viewer, user_id=ana, role="organizer")
    with session_scope(sqlite_engine) as session:
        assert session.get(User, ana).role == Role.VIEWER  # type: ignore[union-attr]


def key_of_boss(engine: Engine) -> int:
    from sqlmodel import select

    with session_scope(engine) as session:
        return key_of(session.exec(select(User).where(User.email == "jefa@amacc.mx")).one())
