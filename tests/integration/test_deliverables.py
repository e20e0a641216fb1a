"""Deliverables and crew against the demo: organizers assign, each agency updates only its own."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from logistics_app.db import session_scope
from logistics_app.domain.errors import Forbidden, ValidationFailed
from logistics_app.models import Agency, Deliverable, DeliverableStatus, ScheduleItem
from logistics_app.services import accounts, deliverables

pytestmark = pytest.mark.integration
PASSWORD = "Vallarta-2025!"


def _people(engine: Engine) -> dict[str, object]:
    with session_scope(engine) as session:
        made = {
            "org": accounts.create_user(
                session=session, email="org@amacc.mx", name="Org", password=PASSWORD, role="organizer"
            ),
            "filma": accounts.create_user(
                session=session,
                email="c@filma.mx",
                name="Filma",
                password=PASSWORD,
                role="coordinator",
                agency_slug="filma-jalisco",
            ),
            "sectur": accounts.create_user(
                session=session,
                email="c@sectur.mx",
                name="Sectur",
                password=PASSWORD,
                role="coordinator",
                agency_slug="sectur-jalisco",
            ),
            "viewer": accounts.create_user(
                session=session, email="p@amacc.mx", name="Prensa", password=PASSWORD, role="viewer"
            ),
        }
        return {key: accounts.principal_of(user) for key, user in made.items()}


def _gala(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.exec(
            select(ScheduleItem.id).where(ScheduleItem.title == "Ceremonia de los 67 Premios Ariel")
        ).one()


def _assign(engine: Engine, actor: object, **form: str) -> int:
    with session_scope(engine) as session:
        return deliverables.assign(session=session, actor=actor, slug="ariel-2025", form=form).id  # type: ignore[arg-type,return-value]


def test_an_organizer_assigns_and_only_that_agency_updates_it(demo: Engine) -> None:
    who = _people(demo)
    gala = str(_gala(demo))
    made = _assign(
        demo,
        who["org"],
        item=gala,
        agency="filma-jalisco",
        title="Iluminación del escenario",
        crew_role="gaffer",
        crew_count="12",
        due_day="2025-09-19",
        due_time="18:00",
    )
    for outsider in ("sectur", "viewer"):
        with pytest.raises(Forbidden), session_scope(demo) as session:
            deliverables.update(
                session=session,
                actor=who[outsider],
                deliverable_id=made,
                status="done",
                notes="listo",  # type: ignore[arg-type]
            )
    with pytest.raises(Forbidden), session_scope(demo) as session:
        deliverables.assign(
            session=session,
            actor=who["filma"],
            slug="ariel-2025",
            form={"item": gala, "agency": "filma-jalisco"},  # type: ignore[arg-type]
        )
    with session_scope(demo) as session:
        deliverables.update(
            session=session,
            actor=who["filma"],
            deliverable_id=made,
            status="confirmed",
            notes="12 eléctricos",  # type: ignore[arg-type]
        )
    with session_scope(demo) as session:
        row = session.get(Deliverable, made)
        assert (row.status, row.notes, row.version) == (DeliverableStatus.CONFIRMED, "12 eléctricos", 2)  # type: ignore[union-attr]
        filma = session.exec(select(Agency.id).where(Agency.slug == "filma-jalisco")).one()
        sectur = session.exec(select(Agency.id).where(Agency.slug == "sectur-jalisco")).one()
        assert [r["title"] for r in deliverables.of_agency(session=session, agency_id=filma)] == [
            "Iluminación del escenario"
        ]
        assert deliverables.of_agency(session=session, agency_id=sectur) == []
        assert deliverables.progress(session=session, slug="ariel-2025") == [
            {
                "agency": "Filma Jalisco (Comisión de Filmaciones de Jalisco)",
                "pending": "0",
                "confirmed": "1",
                "done": "0",
                "blocked": "0",
                "summary": "0 de 1 hechos",
            }
        ]


def test_blocked_needs_a_reason_and_bad_forms_store_nothing(demo: Engine) -> None:
    who = _people(demo)
    made = _assign(demo, who["org"], item=str(_gala(demo)), agency="filma-jalisco", title="Lista de acreditación")
    with pytest.raises(ValidationFailed) as refused, session_scope(demo) as session:
        deliverables.update(session=session, actor=who["filma"], deliverable_id=made, status="blocked", notes="")  # type: ignore[arg-type]
    assert refused.value.messages() == {
        "blocked_reason": "Diga por qué está bloqueado, para que la organización pueda ayudar."
    }
    with pytest.raises(ValidationFailed) as bad, session_scope(demo) as session:
        deliverables.assign(
            session=session,
            actor=who["org"],  # type: ignore[arg-type]
            slug="ariel-2025",
            form={"item": "", "agency": "nadie", "title": "", "quantity": "-3", "crew_role": "gaffer"},
        )
    assert set(bad.value.messages()) == {"item", "agency", "title", "quantity", "crew_count"}
    with session_scope(demo) as session:
        assert len(session.exec(select(Deliverable)).all()) == 1


def test_crew_shortfalls_come_from_overlapping_deliverables(demo: Engine) -> None:
    who = _people(demo)
    gala = str(_gala(demo))
    for title, people in (("Iluminación de la gala", "8"), ("Luces de la alfombra roja", "6")):
        _assign(demo, who["org"], item=gala, agency="filma-jalisco", title=title, crew_role="gaffer", crew_count=people)
    with session_scope(demo) as session:
        filma = session.exec(select(Agency.id).where(Agency.slug == "filma-jalisco")).one()
        deliverables.set_crew(
            session=session,
            actor=who["filma"],
            agency_id=filma,
            day="2025-09-20",
            role="gaffer",
            people="12",  # type: ignore[arg-type]
        )
    with session_scope(demo) as session:
        [warning] = deliverables.shortfalls(session=session, agency_id=filma)
        assert warning.startswith("Faltan eléctricos: se necesitan 14 el sábado 20 de septiembre de 2025")
        assert warning.endswith("y hay 12.")
    with pytest.raises(Forbidden), session_scope(demo) as session:
        deliverables.set_crew(
            session=session,
            actor=who["sectur"],
            agency_id=filma,
            day="2025-09-20",
            role="gaffer",
            people="99",  # type: ignore[arg-type]
        )
