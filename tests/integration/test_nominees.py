"""A nominee's day in Puerto Vallarta: flights, pick-up, rehearsal, red carpet and the ceremony in
their private feed, in Puerto Vallarta time; the transport agency owes the pick-up."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import ValidationFailed
from logistics_app.models import Agency, FeedKind, Person, ScheduleItem
from logistics_app.queries import feeds
from logistics_app.services import deliverables, nominees, subscriptions

pytestmark = pytest.mark.integration
FORM = {
    "arrival_flight": "AM 1234",
    "arrival_day": "2025-09-20",
    "arrival_time": "10:15",
    "arrival_airport": "pvr",
    "hotel": "Hotel Playa Los Arcos",
    "rehearsal_day": "2025-09-20",
    "rehearsal_time": "13:00",
    "red_carpet_day": "2025-09-20",
    "red_carpet_time": "17:30",
    "seat": "F12",
    "departure_flight": "AM 1235",
    "departure_day": "2025-09-21",
    "departure_time": "12:40",
}


def _someone(engine: Engine) -> tuple[int, int]:
    with session_scope(engine) as session:
        people = nominees.nominated_people(
            session=session, event=session.exec(select(nominees.Event).where(nominees.Event.slug == "ariel-2025")).one()
        )
        sectur = session.exec(select(Agency.id).where(Agency.slug == "sectur-jalisco")).one()
        return people[0].id, sectur  # type: ignore[return-value]


def a_nominee_with(engine: Engine, **fields: str) -> int:
    """The first nominee of the Ariel, their trip saved from FORM with `fields` over it."""
    person_id, _ = _someone(engine)
    with session_scope(engine) as session:
        nominees.save(session=session, slug="ariel-2025", person_id=person_id, form={**FORM, **fields})
    return person_id


def test_a_nominees_private_feed_shows_the_whole_day_in_puerto_vallarta_time(demo: Engine) -> None:
    person_id, sectur = _someone(demo)
    with session_scope(demo) as session:
        nominees.save(
            session=session, slug="ariel-2025", person_id=person_id, form={**FORM, "transport_agency": str(sectur)}
        )
        token = subscriptions.issue_token(session=session, kind=FeedKind.PERSON, owner_id=person_id)
        name = session.get(Person, person_id).name  # type: ignore[union-attr]
    with Session(demo) as session:
        body = feeds.render(session=session, spec=feeds.token_spec(session=session, token=token)).body
    events = sorted((e.decoded("DTSTART"), str(e["SUMMARY"])) for e in Calendar.from_ical(body).walk("VEVENT"))
    local = [(start.strftime("%d %H:%M"), str(start.tzinfo), title) for start, title in events]
    assert local == [
        ("20 10:15", "America/Mexico_City", f"Llegada de {name}: vuelo AM 1234 a PVR"),
        ("20 10:45", "America/Mexico_City", f"Traslado de {name}: PVR → Hotel Playa Los Arcos"),
        ("20 13:00", "America/Mexico_City", f"Llamado a ensayo: {name}"),
        ("20 17:30", "America/Mexico_City", f"Alfombra roja: {name}"),
        ("20 20:00", "America/Mexico_City", "Ceremonia de los 67 Premios Ariel"),
        ("21 12:40", "America/Mexico_City", f"Salida de {name}: vuelo AM 1235 desde PVR"),
    ]
    assert b"Asiento F12" in body
    with session_scope(demo) as session:
        owed = deliverables.of_agency(session=session, agency_id=sectur)
        assert [d["title"] for d in owed] == [f"Recoger a {name} en el aeropuerto (vuelo AM 1234)"]


def test_saving_again_updates_and_clearing_a_time_removes_its_item(demo: Engine) -> None:
    person_id, _ = _someone(demo)
    for form in (FORM, {**FORM, "arrival_time": "11:00", "red_carpet_day": "", "red_carpet_time": ""}):
        with session_scope(demo) as session:
            nominees.save(session=session, slug="ariel-2025", person_id=person_id, form=form)
    with session_scope(demo) as session:
        keys = sorted(
            k
            for k in session.exec(
                select(ScheduleItem.source_key).where(ScheduleItem.source_key.startswith(f"nominee:{person_id}:"))
            )  # type: ignore[union-attr]
        )
        assert keys == [f"nominee:{person_id}:{w}" for w in ("arrival", "departure", "pickup", "rehearsal")]


def test_bad_logistics_are_refused_and_nothing_changes(demo: Engine) -> None:
    person_id, _ = _someone(demo)
    with pytest.raises(ValidationFailed) as refused, session_scope(demo) as session:
        nominees.save(
            session=session,
            slug="ariel-2025",
            person_id=person_id,
            form={**FORM, "arrival_airport": "Vallarta", "departure_day": "2025-09-19", "arrival_time": "25:00"},
        )
    assert set(refused.value.messages()) == {"arrival_airport", "arrival_time"}
    with session_scope(demo) as session:
        assert session.exec(select(ScheduleItem).where(ScheduleItem.source_key.startswith("nominee:"))).all() == []  # type: ignore[union-attr]


def test_a_nominees_email_is_kept_with_the_person_and_checked(demo: Engine) -> None:
    person_id, _ = _someone(demo)
    with pytest.raises(ValidationFailed) as refused, session_scope(demo) as session:
        nominees.save(session=session, slug="ariel-2025", person_id=person_id, form={**FORM, "email": "sin-arroba"})
    assert set(refused.value.messages()) == {"email"}
    with session_scope(demo) as session:
        nominees.save(
            session=session, slug="ariel-2025", person_id=person_id, form={**FORM, "email": " Ana@Example.MX "}
        )
    with Session(demo) as session:
        assert session.get(Person, person_id).email == "ana@example.mx"  # type: ignore[union-attr]
        shown = next(p for p in nominees.overview(session=session, slug="ariel-2025") if p["id"] == str(person_id))
    assert shown["form"]["email"] == "ana@example.mx"
