from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.models import Event, ScheduleItem, Space
from logistics_app.queries.planning import PlanFilters, blank_form, load_form, panel, plan_list
from logistics_app.services.planning import NeedsConfirmation, check_form, save_form
from logistics_app.services.schedule import StaleEdit

pytestmark = pytest.mark.integration


def _salon(session: Session) -> str:
    return str(session.exec(select(Space.id).where(Space.name == "Gran Salón Vallarta")).one())


def test_the_organizer_sees_every_item_filtered_on_the_server(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        everything = plan_list(session=session, slug="ariel-2025", filters=PlanFilters())
        internal = plan_list(session=session, slug="ariel-2025", filters=PlanFilters(visibility="internal"))
        salon = plan_list(session=session, slug="ariel-2025", filters=PlanFilters(space=_salon(session)))
        found = plan_list(session=session, slug="ariel-2025", filters=PlanFilters(text="ensayo"))
    assert everything.total == 12 and everything.zone == "America/Mexico_City (UTC−06:00)"
    assert [i["title"] for i in internal.items] == ["Montaje de escenario e iluminación"]
    assert [i["title"] for i in salon.items] == [
        "Montaje de escenario e iluminación",
        "Ensayo general",
        "Ceremonia de los 67 Premios Ariel",
    ]
    assert [i["title"] for i in found.items] == ["Ensayo general"]
    assert everything.items[0]["date"] == "viernes 19 de septiembre de 2025"


def test_a_form_with_a_clash_needs_confirmation_and_keeps_nothing_until_then(demo: Engine) -> None:
    with Session(demo) as session:
        event = session.exec(select(Event).where(Event.slug == "ariel-2025")).one()
        form = {
            **blank_form(event),
            "title": "Prueba de sonido",
            "start_day": "2025-09-20",
            "start": "14:00",
            "end_day": "2025-09-20",
            "end": "15:00",
            "space": _salon(session),
        }
        errors, conflicts = check_form(session=session, event=event, form=form)
    assert errors == []
    assert [c.message() for c in conflicts] == [
        "«Ensayo general» y «Prueba de sonido» ocupan Gran Salón Vallarta al mismo tiempo "
        "(sábado 20 de septiembre de 2025, 14:00–15:00)."
    ]
    with pytest.raises(NeedsConfirmation), session_scope(demo) as session:
        save_form(session=session, slug="ariel-2025", form=form)
    with session_scope(demo) as session:
        saved = save_form(session=session, slug="ariel-2025", form=form, confirmed=True)
        assert saved.start_utc == datetime(2025, 9, 20, 20, tzinfo=UTC)


def test_bad_input_names_the_fields_and_saves_nothing(demo: Engine) -> None:
    with Session(demo) as session:
        event = session.exec(select(Event).where(Event.slug == "ariel-2025")).one()
        before = len(session.exec(select(ScheduleItem.id)).all())
        form = {**blank_form(event), "title": "", "start": "25:00", "end_day": "2025-13-01"}
    with pytest.raises(ValidationFailed) as failed, session_scope(demo) as session:
        save_form(session=session, slug="ariel-2025", form=form)
    assert failed.value.messages() == {
        "start": "Escriba la hora como HH:MM, de 00:00 a 23:59 (por ejemplo 20:00).",
        "end_day": "Escriba la fecha como AAAA-MM-DD (por ejemplo 2025-09-20).",
    }
    with pytest.raises(ValidationFailed) as reversed_, session_scope(demo) as session:
        save_form(
            session=session,
            slug="ariel-2025",
            form={**form, "start": "12:00", "end_day": "2025-09-19", "end": "11:00", "title": "Reunión"},
        )
    assert list(reversed_.value.messages("en")) == ["end"]
    with Session(demo) as session:
        assert len(session.exec(select(ScheduleItem.id)).all()) == before


def test_editing_keeps_links_and_refuses_a_stale_save(demo: Engine) -> None:
    with Session(demo) as session:
        event = session.exec(select(Event).where(Event.slug == "ariel-2025")).one()
        gala = session.exec(select(ScheduleItem).where(ScheduleItem.title == "Ceremonia de los 67 Premios Ariel")).one()
        form, version = load_form(session=session, event=event, item_id=gala.id)  # type: ignore[arg-type]
    assert (form["start_day"], form["start"], form["end"]) == ("2025-09-20", "20:00", "23:00")
    with session_scope(demo) as session:
        save_form(
            session=session,
            slug="ariel-2025",
            form={**form, "start": "20:30"},
            item_id=gala.id,
            expected_version=version,
        )
    with pytest.raises(StaleEdit), session_scope(demo) as session:
        save_form(
            session=session,
            slug="ariel-2025",
            form={**form, "title": "Gala"},
            item_id=gala.id,
            expected_version=version,
        )


def test_panel(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        before = panel(session=session, slug="ariel-2025", now=datetime(2025, 9, 10, tzinfo=UTC))
        during = panel(session=session, slug="ariel-2025", now=datetime(2025, 9, 20, 18, tzinfo=UTC), lang="en")
    assert before.days_to_go == "Faltan 10 días"  # still 9 September in Puerto Vallarta
    assert during.days_to_go == "The event is running"
    assert {s["status"]: s["count"] for s in before.by_status} == {
        "tentative": "0",
        "confirmed": "12",
        "cancelled": "0",
    }
    assert before.conflicts == []
    assert len(before.recent) == 8


def test_an_unknown_agency_or_a_deleted_item_is_a_message_not_a_crash(demo: Engine) -> None:
    from logistics_app.domain.errors import NotFound

    with Session(demo) as session:
        event = session.exec(select(Event).where(Event.slug == "ariel-2025")).one()
        errors, _ = check_form(
            session=session, event=event, form={**blank_form(event), "title": "Reunión", "lead_agency": "999"}
        )
        assert [(e.field, e.code) for e in errors] == [("lead_agency", "not_found")]
        with pytest.raises(NotFound):
            check_form(session=session, event=event, form={**blank_form(event), "title": "Reunión"}, item_id=999_999)


def test_the_schedule_names_the_offset_of_the_times_it_shows(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        day = plan_list(session=session, slug="rumbo-al-ariel-2025", filters=PlanFilters(day="2025-09-10"))
        first_page = plan_list(session=session, slug="rumbo-al-ariel-2025", filters=PlanFilters())
    # Not the offset of the screening dated 2015 (daylight saving then): the one of the day shown.
    assert day.zone == "America/Mexico_City (UTC−06:00)"
    # The first page holds that 2015 screening and 2025 ones: both offsets, in order.
    assert first_page.zone == "America/Mexico_City (UTC−05:00 / UTC−06:00)"


def test_the_week_shows_every_day_of_the_event_on_the_same_hours(demo: Engine) -> None:
    from logistics_app.queries.planning import timeline, week

    with Session(demo) as session:
        days = week(session=session, slug="ariel-2025", lang="es")
        one = timeline(session=session, slug="ariel-2025", day="2025-09-20")
    assert [c["name"] for c in days.columns] == [
        "viernes 19 de septiembre de 2025",
        "sábado 20 de septiembre de 2025",
        "domingo 21 de septiembre de 2025",
    ]
    saturday = days.columns[1]["blocks"]
    gala = next(b for b in saturday if b["title"] == "Ceremonia de los 67 Premios Ariel")
    # Same hours on every day: the ceremony sits where 20:00 is on the shared axis.
    assert int(gala["top"].removesuffix("px")) == (20 - int(days.hours[0][:2])) * 60
    assert {b["id"] for b in saturday} == {b["id"] for c in one.columns for b in c["blocks"] if b["status"] != "busy"}


def test_a_drop_moves_the_item_as_it_was_shown_once(demo: Engine) -> None:
    from datetime import timedelta

    from logistics_app.db import session_scope
    from logistics_app.models import ScheduleItem
    from logistics_app.services import planning
    from logistics_app.services.schedule import StaleEdit

    with Session(demo) as session:
        item = session.exec(select(ScheduleItem).where(ScheduleItem.title == "Ensayo general")).one()
        shown, start = item.version, item.start_utc
    move = planning.Move(item_id=item.id or 0, minutes=-30, version=shown)
    with session_scope(demo) as session:
        planning.move(session=session, slug="ariel-2025", move=move, confirmed=True, user_id=None)
    with pytest.raises(StaleEdit), session_scope(demo) as session:  # the same drop delivered twice
        planning.move(session=session, slug="ariel-2025", move=move, confirmed=True, user_id=None)
    with Session(demo) as session:
        assert session.get(ScheduleItem, item.id).start_utc == start - timedelta(minutes=30)  # type: ignore[union-attr]


def test_a_drop_on_another_day_of_the_week_keeps_the_local_time(demo: Engine) -> None:
    from datetime import timedelta

    from logistics_app.queries.planning import week
    from logistics_app.services import planning
    from logistics_app.timeutil import to_local

    with Session(demo) as session:
        days = week(session=session, slug="ariel-2025", lang="es")
        item = session.exec(select(ScheduleItem).where(ScheduleItem.title == "Ensayo general")).one()
        start, length = item.start_utc, item.end_utc - item.start_utc
    assert [c["key"] for c in days.columns] == ["day:2025-09-19", "day:2025-09-20", "day:2025-09-21"]
    assert to_local(start, "America/Mexico_City").date().isoformat() == "2025-09-20"
    move = planning.Move(item_id=item.id or 0, minutes=15, day="day:2025-09-19", version=item.version)
    with session_scope(demo) as session:
        data, _ = planning.move_preview(session=session, slug="ariel-2025", move=move)
        assert (data.start, data.end) == (
            start - timedelta(days=1, minutes=-15),
            start - timedelta(days=1, minutes=-15) + length,
        )
        planning.move(session=session, slug="ariel-2025", move=move, confirmed=True, user_id=None)
    with Session(demo) as session:
        moved = session.get(ScheduleItem, item.id)
        assert moved is not None and moved.start_utc == start - timedelta(days=1) + timedelta(minutes=15)
    with pytest.raises(NotFound), session_scope(demo) as session:
        planning.move_preview(
            session=session, slug="ariel-2025", move=planning.Move(item_id=item.id or 0, day="day:mañana")
        )
