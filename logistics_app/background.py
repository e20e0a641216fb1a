"""Work the backend does on its own: revealing winners on time, refreshing external calendars,
sending the outbox's e-mail.

Three loops, each in its own worker threads: a slow calendar or mail server (however slowly it
answers, every exchange has a deadline) never delays a reveal, and pages never wait for any.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

from sqlalchemy.engine import Engine

from logistics_app.db import get_engine, session_scope
from logistics_app.infra.database import migrate
from logistics_app.integrations import smtp
from logistics_app.integrations.remote_calendar import FetchPolicy
from logistics_app.services import external_calendars, outbox, winners
from logistics_app.settings import get_settings

log = logging.getLogger(__name__)
REVEAL_SECONDS = 15
REFRESH_SECONDS = 60
MAIL_SECONDS = 30


def migrate_schema() -> None:
    """At start-up, before the backend serves: the schema at the latest revision. Workers starting
    together take turns (services.database.migrate holds a lock); the later ones find nothing to do."""
    migrate(get_engine())


async def reveal_winners_on_time(*, engine: Engine | None = None, every: float = REVEAL_SECONDS) -> None:
    """Every few seconds: reveals the award winners whose reveal time has come."""
    while True:
        try:
            for slug in await asyncio.to_thread(_reveal_due, engine):
                log.info("award winners of %s revealed at their set time", slug)
        except Exception:  # the next round tries again
            log.exception("revealing award winners failed; trying again in %s s", every)
        await asyncio.sleep(every)


async def refresh_calendars(
    *, engine: Engine | None = None, policy: FetchPolicy | None = None, every: float = REFRESH_SECONDS
) -> None:
    """Every minute: refreshes the external calendars that are due. Each subscription is claimed
    in the database before it is fetched, so several backend workers share the work."""
    while True:
        try:
            done = await asyncio.to_thread(external_calendars.refresh_due, engine=engine, policy=policy)
            for refreshed in done:
                log.info("external calendar %s: %s", refreshed.subscription_id, refreshed.outcome)
        except Exception:  # a database or network hiccup must not end the loop
            log.exception("refreshing external calendars failed; trying again in %s s", every)
        await asyncio.sleep(every)


async def deliver_mail(
    *, engine: Engine | None = None, target: smtp.SmtpTarget | None = None, every: float = MAIL_SECONDS
) -> None:
    """Every half minute: queues the reminders that are due, then sends the outbox's messages that
    are due (each claimed in the database, so several workers share them). Without SMTP_URL
    nothing is sent: messages wait in the outbox."""
    settings = get_settings()
    if target is None and settings.smtp_url:
        target = smtp.SmtpTarget.from_url(settings.smtp_url, user=settings.smtp_user, password=settings.smtp_password)
    while True:
        try:
            reminded = await asyncio.to_thread(outbox.remind_due, engine=engine)
            if reminded:
                log.info("outbox: %s deliverable reminders queued", reminded)
            if target is not None:
                report = await asyncio.to_thread(outbox.deliver, send=partial(smtp.send, target), engine=engine)
                if report.sent or report.retrying or report.failed:
                    log.info("outbox: %s sent, %s to retry, %s failed", report.sent, report.retrying, report.failed)
        except Exception:  # the database may be away for a moment: the next round tries again
            log.exception("sending the outbox failed; trying again in %s s", every)
        await asyncio.sleep(every)


def _reveal_due(engine: Engine | None) -> list[str]:
    with session_scope(engine) as session:
        return winners.reveal_due(session=session)
