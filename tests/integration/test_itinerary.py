"""Mi itinerario: a nominee gets a private link by e-mail; behind it, their items, hotel, flights
and seat in Puerto Vallarta time and their calendar feed; every link sent keeps working."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.models import MessageKind, OutboxMessage, Person
from logistics_app.queries import feeds
from logistics_app.services import itinerary, subscriptions
from tests.integration.test_nominees import a_nominee_with

pytestmark = pytest.mark.integration


def _send(engine: Engine, person_id: int) -> str:
    """Sends the link; returns the token the message carries."""
    with session_scope(engine) as session:
        address = itinerary.send_link(
            session=session, slug="ariel-2025", person_id=person_id, created_by=None, lang="es"
        )
    with Session(engine) as session:
        message = session.exec(
            select(OutboxMessage).where(OutboxMessage.recipient == address).order_by(OutboxMessage.id.desc())  # type: ignore[union-attr]
        ).first()
    assert message is not None and message.kind == MessageKind.ITINERARY
    found = re.search(r"/mi-itinerario/([A-Za-z0-9_-]+)", message.body_text)
    assert found is not None, message.body_text
    return found.group(1)


def test_the_link_opens_the_nominees_own_itinerary_in_the_events_zone(demo: Engine) -> None:
    person_id = a_nominee_with(demo, email="Nom@Example.MX")
    with Session(demo) as session:
        name = session.get(Person, person_id).name  # type: ignore[union-attr]
    token = _send(demo, person_id)
    with Session(demo) as session:
        page = itinerary.itinerary(session=session, token=token, lang="es")
    assert page["name"] == name
    (trip,) = page["trips"]
    assert trip["hotel"] == "Hotel Playa Los Arcos" and trip["seat"] == "F12"
    assert "AM 1234" in trip["arrival"] and "10:15" in trip["arrival"] and "PVR" in trip["arrival"]
    assert "AM 1235" in trip["departure"] and "12:40" in trip["departure"]
    assert trip["zone"] == "Horas de America/Mexico_City (UTC−06:00)"
    titles = [item["title"] for item in page["items"]]
    assert f"Alfombra roja: {name}" in titles and "Ceremonia de los 67 Premios Ariel" in titles
    carpet = next(item for item in page["items"] if item["title"] == f"Alfombra roja: {name}")
    assert "17:30" in carpet["when"] and carpet["zone"] == ""  # the event's zone, named once above
    # The subscribe panel points at the same person's private feed.
    assert page["feed"]["https"].endswith(routes.private_feed_path(token))
    with Session(demo) as session:
        spec = feeds.token_spec(session=session, token=token)
        assert f"Alfombra roja: {name}".encode() in feeds.render(session=session, spec=spec).body


def test_every_link_sent_keeps_working_and_a_guess_finds_nothing(demo: Engine) -> None:
    person_id = a_nominee_with(demo, email="nom@example.mx")
    with session_scope(demo) as session:
        earlier = subscriptions.make_person_link(session=session, person_id=person_id, label="Outlook", created_by=None)
    first, second = _send(demo, person_id), _send(demo, person_id)
    assert len({earlier, first, second}) == 3
    with session_scope(demo) as session:  # a calendar link made for the feed alone opens no itinerary
        feed_only = subscriptions.make_person_link(session=session, person_id=person_id, label="", created_by=None)
    with Session(demo) as session:
        with pytest.raises(NotFound):
            itinerary.itinerary(session=session, token=feed_only, lang="es")
        assert feeds.token_spec(session=session, token=feed_only) is not None
        for token in (earlier, first, second):
            assert itinerary.itinerary(session=session, token=token, lang="en")["trips"][0]["seat"] == "F12"
        with pytest.raises(NotFound):
            itinerary.itinerary(session=session, token=first[:-2] + "xx", lang="es")
    with session_scope(demo) as session:
        link = next(row for row in subscriptions.person_links(session=session, person_id=person_id))
        link.revoked_at = link.created_at
    with Session(demo) as session:
        working = [t for t in (earlier, first, second) if _opens(session, t)]
    assert len(working) == 2


def _opens(session: Session, token: str) -> bool:
    try:
        itinerary.itinerary(session=session, token=token, lang="es")
    except NotFound:
        return False
    return True


def test_without_an_email_or_outside_the_event_nothing_is_sent(demo: Engine) -> None:
    person_id = a_nominee_with(demo, email="")
    with pytest.raises(ValidationFailed) as refused, session_scope(demo) as session:
        itinerary.send_link(session=session, slug="ariel-2025", person_id=person_id, created_by=None, lang="es")
    assert refused.value.messages("es")["email"]
    with session_scope(demo) as session:
        stranger = Person(name="Sin nominación", email="x@example.mx")
        session.add(stranger)
        session.flush()
        stranger_id = stranger.id
    with pytest.raises(NotFound), session_scope(demo) as session:
        itinerary.send_link(session=session, slug="ariel-2025", person_id=stranger_id or 0, created_by=None, lang="es")
    with Session(demo) as session:
        assert not session.exec(select(OutboxMessage).where(OutboxMessage.kind == MessageKind.ITINERARY)).all()


def test_the_message_is_in_the_persons_language(demo: Engine) -> None:
    person_id = a_nominee_with(demo, email="n@example.mx", lang="en")
    _send(demo, person_id)
    with Session(demo) as session:
        message = session.exec(select(OutboxMessage).where(OutboxMessage.kind == MessageKind.ITINERARY)).one()
    assert message.lang == "en" and message.subject.startswith("Your online itinerary for")
    assert message.status == "queued"
