"""Work the backend does on its own: refreshing external calendars, revealing winners on time."""

from __future__ import annotations

import asyncio
import logging

from logistics_app.db import get_engine, session_scope
from logistics_app.services import external_calendars, winners
from logistics_app.services.database import migrate

log = logging.getLogger(__name__)
POLL_SECONDS = 60


def migrate_schema() -> None:
    """At start-up, before the backend serves: the schema at the latest revision. Workers starting
    together take turns (services.database.migrate holds a lock); the later ones find nothing to do."""
    migrate(get_engine())


async def background_work() -> None:
    """Every minute, in worker threads (pages never wait): refreshes the external calendars that are
    due, and reveals the award winners whose reveal time has come.

    Each subscription is claimed in the database before it is fetched, so several backend workers
    share the work instead of repeating it.
    """
    while True:
        try:
            done = await asyncio.to_thread(external_calendars.refresh_due)
            for refreshed in done:
                log.info("external calendar %s: %s", refreshed.subscription_id, refreshed.outcome)
        except Exception:  # a database or network hiccup must not end the loop
            log.exception("refreshing external calendars failed; trying again in %s s", POLL_SECONDS)
        try:
            revealed = await asyncio.to_thread(_reveal_due)
            for slug in revealed:
                log.info("award winners of %s revealed at their set time", slug)
        except Exception:  # the next minute tries again
            log.exception("revealing award winners failed; trying again in %s s", POLL_SECONDS)
        await asyncio.sleep(POLL_SECONDS)


def _reveal_due() -> list[str]:
    with session_scope() as session:
        return winners.reveal_due(session=session)
