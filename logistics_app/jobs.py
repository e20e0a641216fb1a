"""Work the backend does on its own, as jobs on Huey (README, "Dependencies"): sending the
outbox's mail and queuing its reminders, refreshing external calendars, revealing award winners
at their set time.

The queue lives where the data lives: on PostgreSQL, Huey's tables in the same database; on the
SQLite default, a file beside it; an in-memory database, in memory. Every backend worker runs a
consumer (worker threads and Huey's scheduler) unless JOBS_IN_BACKEND=false, where
`python -m logistics_app.cli worker` runs them instead.

What a job does is recorded in the database first: a message is queued in the same transaction as
the publication that causes it, a reveal time is stored with the event. The job only starts that
work sooner than the once-a-minute sweep, and each piece of work is claimed in the database, so
several consumers, a job run twice, or a consumer killed half-way never send, refresh or reveal
anything twice. Jobs take no arguments: nothing a stranger types reaches the queue.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from huey import Huey, MemoryHuey, PostgresHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from sqlalchemy.engine import make_url
from sqlmodel import Session

from logistics_app.db import AFTER_COMMIT, get_engine, session_scope
from logistics_app.infra.database import migrate
from logistics_app.integrations import smtp
from logistics_app.integrations.remote_calendar import FetchPolicy
from logistics_app.services import delivery, external_calendars, reminders, winners
from logistics_app.settings import Settings, get_settings

log = logging.getLogger(__name__)
WORKERS = 4  # threads: a slow calendar or mail server holds one, a reveal never waits for it
HEALTH_SECONDS = 10.0
# A failed run (the database away for a moment) is tried again after 10, 20, 40, 80 s.
RETRY = {"retries": 4, "retry_delay": 10, "retry_backoff": 2}


def make_queue(settings: Settings) -> Huey:
    """Huey on the app's own database (see the module's docstring)."""
    url = make_url(settings.database_url)
    # Its tables are made at start-up (make_tables), not on import: importing never needs the database.
    options: dict[str, Any] = {"results": False, "utc": True}
    if url.get_backend_name() == "postgresql":
        dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        return PostgresHuey("logistics_app", dsn=dsn, create_tables=False, **options)
    if not url.database or url.database == ":memory:":
        return MemoryHuey("logistics_app", **options)
    filename = str(Path(url.database).with_suffix(".jobs.db"))
    return SqliteHuey("logistics_app", filename=filename, create_tables=False, **options)


queue = make_queue(get_settings())


def calendar_policy() -> FetchPolicy | None:
    """How external calendars are fetched (None: the settings' policy)."""
    return None


@queue.task(**RETRY)
def send_mail() -> None:
    """Queues the reminders that are due, then sends the outbox's due messages. Without SMTP_URL
    nothing is sent: messages wait in the outbox."""
    reminded = reminders.remind_due(engine=get_engine())
    if reminded:
        log.info("outbox: %s reminders queued", reminded)
    settings = get_settings()
    if not settings.smtp_url:
        return
    target = smtp.SmtpTarget.from_url(settings.smtp_url, user=settings.smtp_user, password=settings.smtp_password)
    report = delivery.deliver(send=partial(smtp.send, target), engine=get_engine())
    if report.sent or report.retrying or report.failed:
        log.info("outbox: %s sent, %s to retry, %s failed", report.sent, report.retrying, report.failed)


@queue.task(**RETRY)
def reveal_winners() -> None:
    """Reveals the award winners whose reveal time has come."""
    with session_scope(get_engine()) as session:
        for slug in winners.reveal_due(session=session):
            log.info("award winners of %s revealed at their set time", slug)


@queue.task(**RETRY)
def refresh_calendars() -> None:
    """Refreshes the external calendars that are due (each claimed before it is fetched)."""
    for refreshed in external_calendars.refresh_due(engine=get_engine(), policy=calendar_policy()):
        log.info("external calendar %s: %s", refreshed.subscription_id, refreshed.outcome)


@queue.periodic_task(crontab(minute="*"))
def every_minute() -> None:
    """The sweep: whatever no job was asked for (a process died after its commit, a reminder fell
    due, a calendar's hour came) starts within a minute."""
    catch_up()


def catch_up() -> None:
    """Asks for every job once (at start-up, and from the sweep)."""
    for name, job in JOBS.items():
        try:
            job()
        except Exception:  # the queue's database is away: the next sweep asks again
            log.exception("could not enqueue the %s job", name)


JOBS = {"outbox": send_mail, "reveal": reveal_winners, "calendars": refresh_calendars}


# Enqueueing talks to the queue's storage (a connection, a lock): never on the thread that
# committed, which may be the backend's event loop.
_ENQUEUE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="enqueue")


@sa.event.listens_for(Session, "after_commit")
def _enqueue_requested(session: Session) -> None:
    wanted: dict[str, datetime | None] = session.info.pop(AFTER_COMMIT, {})
    if wanted:
        _ENQUEUE.submit(_enqueue, wanted)


def _enqueue(wanted: dict[str, datetime | None]) -> None:
    for job, at in wanted.items():
        try:
            JOBS[job].schedule(eta=at) if at is not None else JOBS[job]()
        except Exception:  # the sweep starts it within a minute; the commit stands
            log.exception("could not enqueue the %s job", job)


@sa.event.listens_for(Session, "after_rollback")
def _forget_requested(session: Session) -> None:
    session.info.pop(AFTER_COMMIT, None)


class _EmbeddedConsumer(Consumer):
    """Huey's consumer inside a process that owns its signals (the backend's server)."""

    def _set_signal_handlers(self) -> None:
        pass


def consumer(*, embedded: bool) -> Consumer:
    kind = _EmbeddedConsumer if embedded else Consumer
    return kind(queue, workers=WORKERS, worker_type="thread", periodic=True, check_worker_health=True)


def migrate_schema() -> None:
    """At start-up, before the backend serves: the schema at the latest revision. Workers starting
    together take turns (infra.database.migrate holds a lock); the later ones find nothing to do."""
    migrate(get_engine())
    make_tables()


def make_tables() -> None:
    """The queue's tables, if its storage has any ("if not exists": workers starting together
    may race on PostgreSQL's catalog, so a failed try is repeated)."""
    initialize = getattr(queue.storage, "initialize_schema", None)
    for attempt in range(3):
        try:
            if initialize is not None:
                initialize()
            return
        except Exception:
            if attempt == 2:
                raise
            time.sleep(0.5)


async def work_in_backend() -> None:
    """The backend's lifespan task: runs a consumer in this process (JOBS_IN_BACKEND, the
    default), catches up on what waited while no consumer ran, and replaces a dead worker thread."""
    if not get_settings().jobs_in_backend:
        return
    running = consumer(embedded=True)
    await asyncio.to_thread(running.start)
    await asyncio.to_thread(catch_up)
    try:
        while True:
            await asyncio.sleep(HEALTH_SECONDS)
            running.check_worker_health()
    finally:
        running.stop(graceful=False)


def work_in_foreground() -> None:
    """`cli worker`: a consumer as the process's only work, stopped by SIGINT or SIGTERM."""
    make_tables()
    catch_up()
    consumer(embedded=False).run()
