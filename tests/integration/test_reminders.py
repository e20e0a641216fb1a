"""Reminders and alerts: a deliverable due within a day reminds its agency once; one marked
blocked tells every organizer at once, in the same transaction as the change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.models import MessageKind, MessageStatus, OutboxMessage
from logistics_app.services import deliverables, delivery, outbox, reminders
from tests.integration.test_deliverables import _assign, _gala, _people

pytestmark = pytest.mark.integration
DUE = datetime(2025, 9, 20, 0, 0, tzinfo=UTC)  # 19 September, 18:00 in Puerto Vallarta


def _messages(engine: Engine, kind: MessageKind) -> list[OutboxMessage]:
    with Session(engine) as session:
        return list(session.exec(select(OutboxMessage).where(OutboxMessage.kind == kind)).all())


def _lighting(engine: Engine, who: dict[str, object]) -> int:
    return _assign(
        engine,
        who["org"],
        item=str(_gala(engine)),
        agency="filma-jalisco",
        title="Iluminación del escenario",
        due_day="2025-09-19",
        due_time="18:00",
    )


def test_a_deliverable_due_within_a_day_reminds_its_agency_once(demo: Engine) -> None:
    who = _people(demo)
    made = _lighting(demo, who)
    assert reminders.remind_due(engine=demo, now=DUE - timedelta(hours=30)) == 0  # not yet
    assert reminders.remind_due(engine=demo, now=DUE - timedelta(hours=10)) == 2  # the contact and the coordinator
    assert reminders.remind_due(engine=demo, now=DUE - timedelta(hours=9)) == 0  # once
    sent = _messages(demo, MessageKind.REMINDER)
    assert sorted(m.recipient for m in sent) == ["c@filma.mx", "prensa@filma.example.mx"]
    assert {m.status for m in sent} == {MessageStatus.QUEUED}
    assert sent[0].subject == "Recordatorio: «Iluminación del escenario» vence en menos de un día"
    assert "viernes 19 de septiembre de 2025, 18:00" in sent[0].body_text and "Pendiente" in sent[0].body_text
    with Session(demo) as session:
        rows = outbox.outbox(session=session, slug="ariel-2025")
    assert {r["release"] for r in rows} == {"Recordatorio"}
    assert "List-Unsubscribe" not in delivery.as_email(sent[0], sender="x@example.mx")  # duty, not a notice

    with session_scope(demo) as session:  # done deliverables are not reminded
        deliverables.update(session=session, actor=who["filma"], deliverable_id=made, status="done", notes="")  # type: ignore[arg-type]
    second = _lighting(demo, who)
    with session_scope(demo) as session:
        deliverables.update(session=session, actor=who["filma"], deliverable_id=second, status="done", notes="")  # type: ignore[arg-type]
    assert reminders.remind_due(engine=demo, now=DUE - timedelta(hours=5)) == 0


def test_a_blocked_deliverable_alerts_every_organizer_at_once(demo: Engine) -> None:
    who = _people(demo)
    made = _lighting(demo, who)

    def block(reason: str) -> None:
        with session_scope(demo) as session:
            deliverables.update(
                session=session,
                actor=who["filma"],  # type: ignore[arg-type]
                deliverable_id=made,
                status="blocked",
                notes="",
                blocked_reason=reason,
            )

    block("La grúa no llega antes del sábado")
    block("Sigue sin grúa")  # still blocked: no second alert
    with session_scope(demo) as session:  # unblocked and blocked again within the hour: still one
        deliverables.update(session=session, actor=who["filma"], deliverable_id=made, status="pending", notes="")  # type: ignore[arg-type]
    block("Otra vez sin grúa")
    alerts = _messages(demo, MessageKind.ALERT)
    assert [m.recipient for m in alerts] == ["org@amacc.mx"]
    assert (
        alerts[0].subject == "Bloqueado: Filma Jalisco (Comisión de Filmaciones de Jalisco) · Iluminación del escenario"
    )
    assert "La grúa no llega antes del sábado" in alerts[0].body_text
    assert "/organizar/eventos/ariel-2025" in alerts[0].body_html


def test_a_nominee_gets_their_itinerary_two_days_before_once(demo: Engine) -> None:
    from logistics_app.models import Person
    from tests.integration.test_nominees import a_nominee_with

    person_id = a_nominee_with(demo, email="nominada@example.mx", lang="en", seat="F12")
    with Session(demo) as session:
        name = session.get(Person, person_id).name  # type: ignore[union-attr]
    # The Ariel starts on Friday 19 September 2025 in Puerto Vallarta (UTC-6).
    starts = datetime(2025, 9, 19, 6, 0, tzinfo=UTC)
    assert reminders.remind_due(engine=demo, now=starts - timedelta(days=3)) == 0
    assert reminders.remind_due(engine=demo, now=starts - timedelta(days=1, hours=23)) == 1
    assert reminders.remind_due(engine=demo, now=starts - timedelta(days=1)) == 0  # once
    (sent,) = _messages(demo, MessageKind.ITINERARY)
    assert (sent.recipient, sent.subject) == ("nominada@example.mx", "Your itinerary for 67 Premios Ariel")
    assert sent.body_text.startswith(f"Hello {name},") and "Seat: F12" in sent.body_text
    assert "Hotel Playa Los Arcos" in sent.body_text and "AM 1234" in sent.body_text
    assert "Saturday, September 20, 2025" in sent.body_text
