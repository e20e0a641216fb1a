from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import ValidationFailed
from logistics_app.models import Event, EventKind, ItemKind, ItemStatus, ScheduleItem, Space
from logistics_app.queries.conflicts import event_conflicts
from logistics_app.services.schedule import create_item, update_item
from tests.factories import GALA, a_space, a_venue, an_event, an_item

pytestmark = pytest.mark.integration


def _setup(session: Session) -> tuple[Event, Event, Space, Space]:
    cic, teatro = a_venue(session, "cic", name="CIC"), a_venue(session, "teatro-vallarta", name="Teatro Vallarta")
    salon, sala = a_space(session, cic, "Gran Salón Vallarta"), a_space(session, teatro, "Sala principal")
    ariel = an_event(session, "ariel-2025", name="Ariel", kind=EventKind.AWARDS_CEREMONY)
    lab = an_event(
        session,
        "jalisco-lab-2025",
        name="Jalisco Lab",
        kind=EventKind.LAUNCH,
        start_date=date(2025, 9, 20),
        end_date=date(2025, 9, 20),
    )
    return ariel, lab, salon, sala


def test_moving_the_gala_bumps_its_sequence(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        ariel, _, salon, _ = _setup(session)
        gala = create_item(
            session=session,
            event=ariel,
            data=an_item(
                title="Ceremonia", kind=ItemKind.CEREMONY, start=GALA, end=GALA + timedelta(hours=3), space_id=salon.id
            ),
        )
        assert (gala.sequence, gala.venue_id) == (0, salon.venue_id)
        retitled = update_item(
            session=session,
            item_id=gala.id,
            data=an_item(
                title="Ceremonia de premiación",
                kind=ItemKind.CEREMONY,
                start=GALA,
                end=GALA + timedelta(hours=3),
                space_id=salon.id,
            ),
        )
        assert retitled.sequence == 0
        moved = update_item(
            session=session,
            item_id=gala.id,
            data=an_item(
                title="Ceremonia de premiación",
                kind=ItemKind.CEREMONY,
                start=GALA + timedelta(hours=1),
                end=GALA + timedelta(hours=4),
                space_id=salon.id,
            ),
        )
        assert moved.sequence == 1
        cancelled = update_item(
            session=session,
            item_id=gala.id,
            data=an_item(
                title="Ceremonia de premiación",
                kind=ItemKind.CEREMONY,
                start=GALA + timedelta(hours=1),
                end=GALA + timedelta(hours=4),
                space_id=salon.id,
                status=ItemStatus.CANCELLED,
            ),
        )
        assert cancelled.sequence == 2
        uid = gala.uid
    with Session(sqlite_engine) as session:
        stored = session.exec(select(ScheduleItem)).one()
        assert (stored.uid, stored.sequence, stored.status) == (uid, 2, "cancelled")


def test_a_refused_item_leaves_nothing_behind(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        ariel, _, salon, sala = _setup(session)
    with pytest.raises(ValidationFailed) as failure, session_scope(sqlite_engine) as session:
        event = session.get(Event, ariel.id)
        create_item(
            session=session,
            event=event,
            data=an_item(
                title="Ensayo",
                kind=ItemKind.REHEARSAL,
                start=GALA,
                end=GALA - timedelta(hours=1),
                venue_id=salon.venue_id,
                space_id=sala.id,
            ),
        )
    assert failure.value.messages("es") == {
        "end": "La hora de fin (19:00) debe ser posterior a la de inicio (20:00).",
        "space": "El espacio «Sala principal» pertenece a otra sede (Teatro Vallarta); elija un espacio de «CIC».",
    }
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(ScheduleItem)).one() == 0


def test_a_person_booked_in_two_events_at_once_is_reported(sqlite_engine: Engine) -> None:
    from logistics_app.models import Person

    with session_scope(sqlite_engine) as session:
        ariel, lab, salon, _ = _setup(session)
        person = Person(name="Luisa Huertas")
        session.add(person)
        session.flush()
        create_item(
            session=session,
            event=ariel,
            data=an_item(
                title="Ensayo general",
                kind=ItemKind.REHEARSAL,
                start=GALA - timedelta(hours=6),
                end=GALA - timedelta(hours=4),
                space_id=salon.id,
                participants=((person.id, "nominee"),),
            ),
        )  # type: ignore[arg-type]
        create_item(
            session=session,
            event=lab,
            data=an_item(
                title="Clase magistral",
                kind=ItemKind.MASTERCLASS,
                start=GALA - timedelta(hours=5),
                end=GALA - timedelta(hours=3),
                participants=((person.id, "guest"),),
            ),
        )  # type: ignore[arg-type]
    with Session(sqlite_engine) as session:
        found = event_conflicts(session=session, slug="ariel-2025")
        other_side = event_conflicts(session=session, slug="jalisco-lab-2025")
    assert [c.message() for c in found] == [
        "Luisa Huertas está en «Ensayo general» y en «Clase magistral» al mismo tiempo "
        "(sábado 20 de septiembre de 2025, 15:00–16:00)."
    ]
    assert [c.item_ids for c in other_side] == [c.item_ids for c in found]


@pytest.mark.postgres
def test_conflict_rules_run_on_postgres(pg_engine: Engine) -> None:
    with session_scope(pg_engine) as session:
        ariel, _, salon, _ = _setup(session)
        for title, hours in (("Montaje", 0), ("Ensayo general", 1)):
            create_item(
                session=session,
                event=ariel,
                data=an_item(
                    title=title,
                    kind=ItemKind.SETUP,
                    start=GALA - timedelta(hours=8 - hours),
                    end=GALA - timedelta(hours=5 - hours),
                    space_id=salon.id,
                ),
            )
    with Session(pg_engine) as session:
        found = event_conflicts(session=session, slug="ariel-2025")
        stored = session.exec(select(ScheduleItem.start_utc)).all()
    assert [c.message() for c in found] == [
        "«Montaje» y «Ensayo general» ocupan Gran Salón Vallarta al mismo tiempo "
        "(sábado 20 de septiembre de 2025, 13:00–15:00)."
    ]
    assert all(s.tzinfo is not None and s.utcoffset().total_seconds() == 0 for s in stored)  # type: ignore[union-attr]


def test_conflicts_show_while_editing_and_go_when_the_item_moves(sqlite_engine: Engine) -> None:
    from logistics_app.queries.conflicts import preview_conflicts

    with session_scope(sqlite_engine) as session:
        ariel, _, salon, sala = _setup(session)
        create_item(
            session=session,
            event=ariel,
            data=an_item(
                title="Ensayo general",
                kind=ItemKind.REHEARSAL,
                start=GALA - timedelta(hours=6),
                end=GALA - timedelta(hours=3),
                space_id=salon.id,
            ),
        )
        clash = preview_conflicts(
            session=session,
            event=ariel,
            title="Prueba de sonido",
            start=GALA - timedelta(hours=4),
            end=GALA - timedelta(hours=2),
            space_id=salon.id,
        )
        assert [c.message() for c in clash] == [
            "«Ensayo general» y «Prueba de sonido» ocupan Gran Salón Vallarta al mismo tiempo "
            "(sábado 20 de septiembre de 2025, 16:00–17:00)."
        ]
        moved = preview_conflicts(
            session=session,
            event=ariel,
            title="Prueba de sonido",
            start=GALA - timedelta(hours=4),
            end=GALA - timedelta(hours=2),
            space_id=sala.id,
        )
        assert moved == []
        assert session.exec(select(func.count()).select_from(ScheduleItem)).one() == 1  # nothing was saved


def test_the_second_of_two_concurrent_saves_is_refused(sqlite_engine: Engine) -> None:
    from logistics_app.services.schedule import StaleEdit, item_input

    with session_scope(sqlite_engine) as session:
        ariel, _, salon, _ = _setup(session)
        item = create_item(
            session=session,
            event=ariel,
            data=an_item(
                title="Ceremonia", kind=ItemKind.CEREMONY, start=GALA, end=GALA + timedelta(hours=3), space_id=salon.id
            ),
        )
        item_id, version = item.id, item.version
    with session_scope(sqlite_engine) as session:
        first = item_input(session=session, item=session.get(ScheduleItem, item_id))  # type: ignore[arg-type]
        first.title = "Ceremonia de premiación"
        update_item(session=session, item_id=item_id, data=first, expected_version=version)  # type: ignore[arg-type]
    with pytest.raises(StaleEdit) as refused, session_scope(sqlite_engine) as session:
        second = item_input(session=session, item=session.get(ScheduleItem, item_id))  # type: ignore[arg-type]
        second.title = "Gala"
        update_item(session=session, item_id=item_id, data=second, expected_version=version)  # type: ignore[arg-type]
    assert (refused.value.current.title, refused.value.version) == ("Ceremonia de premiación", version + 1)
    with Session(sqlite_engine) as session:
        assert session.get(ScheduleItem, item_id).title == "Ceremonia de premiación"  # type: ignore[union-attr]


def test_duplicate_and_delete(sqlite_engine: Engine) -> None:
    from logistics_app.services.schedule import delete_item, duplicate_item

    with session_scope(sqlite_engine) as session:
        ariel, _, salon, _ = _setup(session)
        item = create_item(
            session=session,
            event=ariel,
            data=an_item(
                title="Ceremonia", kind=ItemKind.CEREMONY, start=GALA, end=GALA + timedelta(hours=3), space_id=salon.id
            ),
        )
        copy = duplicate_item(session=session, item_id=item.id)  # type: ignore[arg-type]
        assert (copy.title, copy.start_utc, copy.space_id) == (item.title, item.start_utc, item.space_id)
        assert copy.uid != item.uid
        delete_item(session=session, item_id=item.id)  # type: ignore[arg-type]
    with Session(sqlite_engine) as session:
        assert [i.uid for i in session.exec(select(ScheduleItem)).all()] == [copy.uid]


def test_texts_keep_within_their_limits_and_hold_no_nul(demo: Engine) -> None:
    """A 900 KB description or a NUL byte is refused with a clear message, whatever the form."""
    with Session(demo) as session:
        event = session.exec(select(Event).where(Event.slug == "ariel-2025")).one()
    for field, value, message in (
        ("description", "x" * 900_000, "Máximo 20000 caracteres."),
        ("notes", "nota\x00oculta", "Contiene un carácter que no se puede guardar (NUL)."),
    ):
        data = an_item(
            title="Prueba",
            kind="meeting",
            start=datetime(2025, 9, 20, 18, tzinfo=UTC),
            end=datetime(2025, 9, 20, 19, tzinfo=UTC),
            **{field: value},
        )
        with pytest.raises(ValidationFailed) as refused, session_scope(demo) as session:
            create_item(session=session, event=session.merge(event), data=data)
        assert refused.value.messages() == {field: message}
