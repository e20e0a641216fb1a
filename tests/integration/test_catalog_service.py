from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import ValidationFailed
from logistics_app.models import Event, Space, Venue
from logistics_app.services.catalog import EventInput, VenueInput, add_space, create_event, create_venue, update_event

pytestmark = pytest.mark.integration


def ariel(**overrides: object) -> EventInput:
    data = EventInput(
        slug="ariel-2025",
        name="67 Premios Ariel",
        kind="awards_ceremony",
        timezone="America/Mexico_City",
        start_date=date(2025, 9, 19),
        end_date=date(2025, 9, 21),
    )
    for name, value in overrides.items():
        setattr(data, name, value)
    return data


def test_a_second_event_with_the_same_slug_is_refused_with_a_message(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        create_event(session=session, data=ariel())
    with pytest.raises(ValidationFailed) as failure, session_scope(sqlite_engine) as session:
        create_event(session=session, data=ariel(name="Otro"))
    assert failure.value.messages() == {"slug": "Ya existe un registro con el identificador «ariel-2025»; elija otro."}
    assert failure.value.messages("en") == {
        "slug": "Something already uses the identifier “ariel-2025”; choose another."
    }


def test_editing_an_event_keeps_its_own_slug_and_checks_the_zone(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        event_id = create_event(session=session, data=ariel()).id
    with session_scope(sqlite_engine) as session:
        update_event(session=session, event_id=event_id, data=ariel(city="Puerto Vallarta"))  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed) as failure, session_scope(sqlite_engine) as session:
        update_event(session=session, event_id=event_id, data=ariel(timezone="Hora del Pacífico"))  # type: ignore[arg-type]
    assert list(failure.value.messages()) == ["timezone"]
    with Session(sqlite_engine) as session:
        stored = session.exec(select(Event)).one()
        assert (stored.city, stored.timezone) == ("Puerto Vallarta", "America/Mexico_City")


def test_venues_and_their_spaces(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        teatro = create_venue(
            session=session,
            data=VenueInput(
                slug="teatro-vallarta", name="Teatro Vallarta", address="Uruguay 184, Centro", capacity=900
            ),
        )
        online = create_venue(
            session=session,
            data=VenueInput(slug="plataforma-amacc", name="Plataforma AMACC", address="(ignorada)", is_online=True),
        )
        add_space(session=session, venue_id=teatro.id, name="Sala principal", capacity=900)  # type: ignore[arg-type]
        assert (online.address, teatro.timezone) == ("", None)  # None: the event's zone applies
    with pytest.raises(ValidationFailed) as failure, session_scope(sqlite_engine) as session:
        add_space(session=session, venue_id=teatro.id, name="Sala principal", capacity=-3)  # type: ignore[arg-type]
    assert failure.value.messages() == {
        "capacity": "El aforo no puede ser negativo.",
        "name": "Esta sede ya tiene un espacio llamado «Sala principal».",
    }
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(Space)).one() == 1
        assert session.exec(select(func.count()).select_from(Venue)).one() == 2


def test_venue_and_event_forms_report_each_field(sqlite_engine: Engine) -> None:
    from logistics_app.services.catalog import check_event_form, check_venue_form, save_venue_form

    with Session(sqlite_engine) as session:
        problems = check_venue_form(
            session=session,
            form={"name": "Cineforo", "slug": "Cineforo Vallarta", "capacity": "muchas", "latitude": "95"},
        )
        assert [(p.field, p.code) for p in problems] == [
            ("capacity", "bad_number"),
            ("slug", "bad_slug"),
            ("latitude", "bad_latitude"),
        ]
        event_problems = check_event_form(
            session=session,
            form={
                "slug": "x",
                "name": "X",
                "kind": "launch",
                "timezone": "America/Mexico_City",
                "start_date": "2026-03-14",
                "end_date": "ayer",
            },
        )
        assert [(p.field, p.code) for p in event_problems] == [("end_date", "bad_date")]
    with pytest.raises(ValidationFailed), session_scope(sqlite_engine) as session:
        save_venue_form(session=session, form={"name": "Cineforo", "slug": "cineforo", "capacity": "muchas"})
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(Venue)).one() == 0
