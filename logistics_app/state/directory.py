from __future__ import annotations

import reflex as rx

from logistics_app.db import session_scope
from logistics_app.services import directory
from logistics_app.state.base import LangState


class DirectoryState(LangState):
    """Venues, agencies and people as the organizer reads them."""

    venues: list[dict] = []  # type: ignore[type-arg]
    agencies: list[dict] = []  # type: ignore[type-arg]
    people: list[dict] = []  # type: ignore[type-arg]

    @rx.event
    def load_venues(self) -> None:
        with session_scope() as session:
            self.venues = directory.venues(session=session, lang=self.lang)

    @rx.event
    def load_agencies(self) -> None:
        with session_scope() as session:
            self.agencies = directory.agencies(session=session, lang=self.lang)

    @rx.event
    def load_people(self) -> None:
        with session_scope() as session:
            self.people = directory.people(session=session, lang=self.lang)
