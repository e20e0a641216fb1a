"""Personal calendar links: every coordinator and device gets its own link to the agency's private
calendar, named, with who made it and when a calendar last read it; making one never breaks
another, and each is revoked on its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app import routes
from logistics_app.api.routes import build_api
from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.models import FeedToken, key_of
from logistics_app.queries import portal
from logistics_app.services import accounts, subscriptions
from logistics_app.timeutil import now_utc
from tests.factories import an_agency
from tests.integration.test_feeds_http import AsgiClient

pytestmark = pytest.mark.integration


def _agencies(engine: Engine) -> tuple[int, int, int]:
    with session_scope(engine) as session:
        sectur, canal = an_agency(session, "sectur"), an_agency(session, "canal-22")
        ana = accounts.create_user(
            session=session,
            email="ana@sectur.example.mx",
            name="Ana Coordinadora",
            password="Vallarta-2025!",
            role="coordinator",
            agency_slug="sectur",
        )
        return key_of(sectur), key_of(canal), key_of(ana)


def _make(engine: Engine, agency_id: int, label: str, who: int | None = None) -> str:
    with session_scope(engine) as session:
        return subscriptions.make_agency_link(session=session, agency_id=agency_id, label=label, created_by=who)


def test_a_new_link_leaves_the_others_working_and_each_is_revoked_on_its_own(sqlite_engine: Engine) -> None:
    sectur, canal, ana = _agencies(sqlite_engine)
    client = AsgiClient(build_api(sqlite_engine))
    outlook = _make(sqlite_engine, sectur, "  Outlook   de Ana ", ana)
    iphone = _make(sqlite_engine, sectur, "iPhone de la coordinación", ana)
    assert client.get(routes.private_feed_path(outlook)).status_code == 200

    with Session(sqlite_engine) as session:
        links = portal.agency_links(session=session, agency_id=sectur)
    assert [(link["label"], link["who"]) for link in links] == [
        ("iPhone de la coordinación", "Ana Coordinadora"),
        ("Outlook de Ana", "Ana Coordinadora"),
    ]
    assert links[0]["used"] == "aún no se usa" and links[1]["used"] != "aún no se usa"  # read just above
    assert client.get(routes.private_feed_path(iphone)).status_code == 200  # a second link works too

    with session_scope(sqlite_engine) as session, pytest.raises(NotFound):  # not another agency's link
        subscriptions.revoke_agency_link(session=session, agency_id=canal, link_id=int(links[1]["id"]))
    with session_scope(sqlite_engine) as session:
        subscriptions.revoke_agency_link(session=session, agency_id=sectur, link_id=int(links[1]["id"]))
    assert client.get(routes.private_feed_path(outlook)).status_code == 404
    assert client.get(routes.private_feed_path(iphone)).status_code == 200
    with session_scope(sqlite_engine) as session, pytest.raises(NotFound):  # not twice
        subscriptions.revoke_agency_link(session=session, agency_id=sectur, link_id=int(links[1]["id"]))


def test_a_link_needs_a_name_and_an_agency_has_a_bounded_number(sqlite_engine: Engine) -> None:
    sectur, _, ana = _agencies(sqlite_engine)
    for label, message in (("   ", "Este campo es obligatorio."), ("x" * 81, "Máximo 80 caracteres.")):
        with session_scope(sqlite_engine) as session, pytest.raises(ValidationFailed) as refused:
            subscriptions.make_agency_link(session=session, agency_id=sectur, label=label, created_by=ana)
        assert refused.value.messages("es") == {"label": message}
    for number in range(subscriptions.MAX_AGENCY_LINKS):
        _make(sqlite_engine, sectur, f"Dispositivo {number}")
    with session_scope(sqlite_engine) as session, pytest.raises(ValidationFailed) as refused:
        subscriptions.make_agency_link(session=session, agency_id=sectur, label="Uno más", created_by=ana)
    assert "revoque" in refused.value.messages("es")["label"]
    with session_scope(sqlite_engine) as session, pytest.raises(NotFound):
        subscriptions.make_agency_link(session=session, agency_id=999_999, label="Nadie", created_by=None)


def test_last_use_is_written_at_most_once_an_hour(sqlite_engine: Engine) -> None:
    sectur, _, _ = _agencies(sqlite_engine)
    token = _make(sqlite_engine, sectur, "Google Calendar")
    first = now_utc()
    subscriptions.note_use(engine=sqlite_engine, token=token, now=first)
    subscriptions.note_use(engine=sqlite_engine, token=token, now=first + timedelta(minutes=30))

    def last_used() -> object:
        with Session(sqlite_engine) as session:
            row = session.exec(select(FeedToken).where(FeedToken.label == "Google Calendar")).one()
            return row.last_used_at

    assert last_used() == first
    subscriptions.note_use(engine=sqlite_engine, token=token, now=first + timedelta(minutes=61))
    assert last_used() == first + timedelta(minutes=61)
