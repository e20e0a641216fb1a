"""The backend's own work: a calendar server that trickles never delays a timed reveal."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.background import refresh_calendars, reveal_winners_on_time
from logistics_app.db import session_scope
from logistics_app.models import Event, Nomination
from logistics_app.services import external_calendars as ext
from logistics_app.services import winners
from logistics_app.timeutil import now_utc
from tests.calendar_server import calendar_server
from tests.factories import an_organizer
from tests.integration.test_external_calendars import LOCAL

pytestmark = pytest.mark.integration


def test_a_slow_calendar_never_delays_a_timed_reveal(demo: Engine) -> None:
    with session_scope(demo) as session:
        tally = an_organizer(session, "escrutinio@amacc.mx", can_tally=True)
        nomination = session.exec(select(Nomination)).first()
        assert nomination is not None
        winners.seal(session=session, actor=tally, slug="ariel-2025", nomination_id=nomination.id)  # type: ignore[arg-type]
        winners.schedule_reveal(session=session, actor=tally, slug="ariel-2025", at=now_utc())
    with calendar_server() as (base, _):
        with session_scope(demo) as session:
            ext.subscribe(
                session=session, kind="venue", slug="cic-puerto-vallarta", url=f"{base}/trickle.ics", policy=LOCAL
            )

        async def both() -> float:
            slow = replace(LOCAL, deadline=8)
            tasks = [
                asyncio.create_task(refresh_calendars(engine=demo, policy=slow, every=0.5)),
                asyncio.create_task(reveal_winners_on_time(engine=demo, every=0.5)),
            ]
            began = time.monotonic()
            try:
                while time.monotonic() - began < 10:
                    await asyncio.sleep(0.2)
                    with Session(demo) as session:
                        event = session.exec(select(Event).where(Event.slug == "ariel-2025")).one()
                        if event.winners_revealed_at is not None:
                            return time.monotonic() - began
                return float("inf")
            finally:
                for task in tasks:
                    task.cancel()

        revealed_after = asyncio.run(both())
    # The refresh is still downloading (a byte every 0.2 s, cut at 8 s); the reveal did not wait.
    assert revealed_after < 3
