"""¿Olvidaste tu contraseña?: a one-hour, single-use link by e-mail (a real SMTP server), the same
answer for unknown addresses, at most three links an hour, and a reset signs every browser out."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.models import LoginSession
from logistics_app.services import accounts
from logistics_app.settings import get_settings
from logistics_app.timeutil import now_utc
from tests.factories import PASSWORD, an_organizer
from tests.mailserver import MailHandler, smtp_server

pytestmark = pytest.mark.integration
NEW_PASSWORD = "Puerto-Vallarta-2026"


@pytest.fixture
def mail(monkeypatch: pytest.MonkeyPatch) -> Iterator[MailHandler]:
    with smtp_server() as (server, url):
        monkeypatch.setenv("SMTP_URL", url)
        get_settings.cache_clear()
        yield server
    monkeypatch.delenv("SMTP_URL")
    get_settings.cache_clear()


def _wait_for(server: MailHandler, count: int) -> None:
    deadline = time.monotonic() + 10
    while len(server.received) < count and time.monotonic() < deadline:
        time.sleep(0.02)


def test_the_link_arrives_by_mail_works_once_and_signs_every_browser_out(
    sqlite_engine: Engine, mail: MailHandler
) -> None:
    with session_scope(sqlite_engine) as session:
        an_organizer(session, email="ana@amacc.mx", name="Ana Organizadora")
        signed_in = accounts.sign_in(session=session, email="ana@amacc.mx", password=PASSWORD).token
    accounts.request_reset_now(email=" ANA@amacc.mx ", lang="es", engine=sqlite_engine)
    accounts.request_reset_now(email="nadie@amacc.mx", lang="es", engine=sqlite_engine)  # no account: no mail
    _wait_for(mail, 1)
    time.sleep(0.3)
    assert [r.envelope_to for r in mail.received] == [["ana@amacc.mx"]]
    message = mail.received[0].message
    body = message.get_content()
    assert message["Subject"] == "Restablecer su contraseña de Logística de eventos"
    assert "Hola, Ana Organizadora:" in body and "vale 60 minutos" in body
    found = re.search(r"/restablecer/([A-Za-z0-9_-]+)", body)
    assert found is not None
    token = found.group(1)

    with session_scope(sqlite_engine) as session, pytest.raises(ValidationFailed) as weak:
        accounts.reset_password(session=session, token=token, password="12345678")
    assert "password" in weak.value.messages("es")
    with session_scope(sqlite_engine) as session:
        accounts.reset_password(session=session, token=token, password=NEW_PASSWORD)
    with session_scope(sqlite_engine) as session, pytest.raises(NotFound):  # once only
        accounts.reset_password(session=session, token=token, password=NEW_PASSWORD + "!")
    with session_scope(sqlite_engine) as session:
        assert accounts.principal_for(session=session, token=signed_in) is None
        assert accounts.sign_in(session=session, email="ana@amacc.mx", password=PASSWORD).refused is not None
    with session_scope(sqlite_engine) as session:
        assert accounts.sign_in(session=session, email="ana@amacc.mx", password=NEW_PASSWORD).refused is None
    with Session(sqlite_engine) as session:
        assert len(session.exec(select(LoginSession)).all()) == 2


def test_a_link_expires_after_an_hour_and_at_most_three_are_made_an_hour(sqlite_engine: Engine) -> None:
    start = now_utc()
    with session_scope(sqlite_engine) as session:
        an_organizer(session, email="ana@amacc.mx")
        links = [accounts.request_reset(session=session, email="ana@amacc.mx", now=start) for _ in range(4)]
        assert accounts.request_reset(session=session, email="nadie@amacc.mx", now=start) is None
    assert [link is not None for link in links] == [True, True, True, False]
    first = links[0]
    assert first is not None
    with session_scope(sqlite_engine) as session, pytest.raises(NotFound):
        accounts.open_reset(session=session, token=first.token, now=start + timedelta(minutes=61))
    with session_scope(sqlite_engine) as session:
        assert accounts.request_reset(session=session, email="ana@amacc.mx", now=start + timedelta(minutes=61))
    second = links[1]
    assert second is not None
    with session_scope(sqlite_engine) as session:  # using one link ends the others
        accounts.reset_password(session=session, token=second.token, password=NEW_PASSWORD, now=start)
    third = links[2]
    assert third is not None
    with session_scope(sqlite_engine) as session, pytest.raises(NotFound):
        accounts.open_reset(session=session, token=third.token, now=start)
