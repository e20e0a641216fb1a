"""Mi itinerario: a person's page behind their private link (no account)."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.services import itinerary
from logistics_app.state.base import LangState


class ItineraryState(LangState):
    found: bool = False
    loaded: bool = False
    name: str = ""
    items: list[dict[str, Any]] = []
    trips: list[dict[str, str]] = []
    feed: dict[str, str] = {}

    def _token(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    @rx.event
    async def load(self) -> None:
        """Reads the page for the link in the address (a stranger's guess finds nothing)."""
        try:
            page = await asyncio.to_thread(_read, self._token(), self.lang)
        except NotFound:
            self.found, self.loaded, self.name, self.items, self.trips, self.feed = False, True, "", [], [], {}
            return
        self.found, self.loaded = True, True
        self.name, self.items, self.trips, self.feed = page["name"], page["items"], page["trips"], page["feed"]


def _read(token: str, lang: str) -> dict[str, Any]:
    with session_scope() as session:
        return itinerary.itinerary(session=session, token=token, lang=lang)
