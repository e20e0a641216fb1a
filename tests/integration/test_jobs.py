"""The backend's own work on the job queue (Huey): a job follows its commit, never its rollback; a
timed reveal runs at its time, and a calendar server that trickles never delays it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from huey.storage import MemoryStorage
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app import jobs
from logistics_app.db import session_scope
from logistics_app.models import Event, Nomination
from logistics_app.services import external_calendars as ext
from logistics_app.services import releases, winners
from logistics_app.settings import get_settings
from logistics_app.timeutil import now_utc
from tests.calendar_server import calendar_server
from tests.factories import an_organizer
from tests.integration.test_external_calendars import LOCAL
from tests.integration.test_mail import CANAL, SECTUR, _world
from tests.mailserver import smtp_server

pytestmark = pytest.mark.integration


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Engine], None]]:
    """The app's job queue on a fresh in-memory storage; `start(engine)` runs a consumer (the
    backend's, in this process) whose jobs use that database."""
    monkeypatch.setattr(jobs.queue, "storage", MemoryStorage("test"))
    running: list[object] = []

    def start(engine: Engine) -> None:
        monkeypatch.setattr(jobs, "get_engine", lambda: engine)
        consumer = jobs.consumer(embedded=True)
        consumer.start()
        running.append(consumer)

    yield start
    for consumer in running:
        consumer.stop(graceful=True)  # type: ignore[attr-defined]


def _until(check: Callable[[], bool], seconds: float) -> float:
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if check():
            return time.monotonic() - began
        time.sleep(0.1)
    return float("inf")


def test_a_timed_reveal_runs_at_its_time_while_a_slow_calendar_downloads(
    demo: Engine, queue: Callable[[Engine], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "calendar_policy", lambda: replace(LOCAL, deadline=8))
    queue(demo)
    with calendar_server() as (base, _):
        with session_scope(demo) as session:
            ext.subscribe(
                session=session, kind="venue", slug="cic-puerto-vallarta", url=f"{base}/trickle.ics", policy=LOCAL
            )
        jobs.refresh_calendars()  # a byte every 0.2 s, cut at 8 s
        with session_scope(demo) as session:
            tally = an_organizer(session, "escrutinio@amacc.mx", can_tally=True)
            nomination = session.exec(select(Nomination)).first()
            assert nomination is not None
            winners.seal(session=session, actor=tally, slug="ariel-2025", nomination_id=nomination.id)  # type: ignore[arg-type]
            at = now_utc() + timedelta(seconds=2)
            winners.schedule_reveal(session=session, actor=tally, slug="ariel-2025", at=at)

        def revealed() -> bool:
            with Session(demo) as session:
                event = session.exec(select(Event).where(Event.slug == "ariel-2025")).one()
                return event.winners_revealed_at is not None

        assert not revealed()
        after = _until(revealed, 10)
    # Not before its time (2 s), and not after the refresh that is still downloading (8 s).
    assert 1.5 < after < 5, after


def test_a_publication_is_mailed_by_the_queue_and_a_rolled_back_one_asks_for_nothing(
    sqlite_engine: Engine, queue: Callable[[Engine], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _world(sqlite_engine, at_once=True)
    # A publication that fails after queuing its notices:
    with pytest.raises(RuntimeError), session_scope(sqlite_engine) as session:
        releases.publish(session=session, slug="muestra", actor=world["org"])
        raise RuntimeError("the publication fails after queuing")
    assert len(jobs.queue) == 0 and jobs.queue.scheduled_count() == 0
    with smtp_server() as (server, url):
        monkeypatch.setenv("SMTP_URL", url)
        monkeypatch.setenv("MAIL_MERGE_MINUTES", "0")
        get_settings.cache_clear()
        try:
            queue(sqlite_engine)
            releases.publish_event(slug="muestra", actor=world["org"], engine=sqlite_engine)
            # Nobody calls deliver: the commit asked the queue, and a consumer sent them.
            assert _until(lambda: len(server.received) == 3, 15) < 15
        finally:
            get_settings.cache_clear()
    assert sorted(r.envelope_to[0] for r in server.received) == sorted(SECTUR | CANAL)


def test_the_queue_lives_beside_the_database() -> None:
    from logistics_app.settings import Settings

    def kind(url: str) -> str:
        return type(jobs.make_queue(Settings(DATABASE_URL=url)).storage).__name__

    assert kind("postgresql+psycopg://app@db.example.mx/logistica") == "PostgresStorage"
    assert kind("sqlite:////srv/app/data/logistics.db") == "SqliteStorage"
    assert kind("sqlite://") == "MemoryStorage"
    queue = jobs.make_queue(Settings(DATABASE_URL="sqlite:////srv/app/data/logistics.db"))
    assert queue.storage.filename == "/srv/app/data/logistics.jobs.db"
