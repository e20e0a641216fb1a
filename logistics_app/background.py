"""Work the backend does on its own: refreshing the venues' and agencies' external calendars."""

from __future__ import annotations

import asyncio
import logging

from logistics_app.services import external_calendars

log = logging.getLogger(__name__)
POLL_SECONDS = 60


async def refresh_external_calendars() -> None:
    """Every minute, refreshes the subscriptions that are due, in a worker thread (pages never wait).

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
        await asyncio.sleep(POLL_SECONDS)
