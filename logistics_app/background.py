"""Work the backend does on its own: revealing winners on time, refreshing external calendars.

Two loops, each in its own worker threads: a slow calendar server (however slowly it answers,
every download has a deadline) never delays a reveal, and pages never wait for either.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.engine import Engine

from logistics_app.db import get_engine, session_scope
from logistics_app.infra.database import migrate
from logistics_app.integrations.remote_calendar import FetchPolicy
from logistics_app.services import external_calendars, winners

log = logging.getLogger(__name__)
REVEAL_SECONDS = 15
REFRESH_SECONDS = 60


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


def _reveal_due(engine: Engine | None) -> list[str]:
    with session_scope(engine) as session:
        return winners.reveal_due(session=session)
