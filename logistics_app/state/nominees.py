"""Nominee logistics: one form per nominated person."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.i18n import t
from logistics_app.services import itinerary, nominees
from logistics_app.services.deliverables import choices
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.workspace import EventWorkspace


class NomineesState(EventWorkspace, SessionState):
    people: list[dict[str, Any]] = []
    agencies: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    error_person: str = ""

    def _reload(self) -> None:
        with session_scope() as session:
            self.people = nominees.overview(session=session, slug=self.slug)
            self.agencies = choices(session=session, slug=self.slug, lang=self.lang)["agency_ids"]

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load(self) -> None:
        self.errors, self.error_person = {}, ""
        self._open_event()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def save(self, form: dict[str, str]) -> EventSpec | None:
        person = form.get("person", "")
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                nominees.save(
                    session=session,
                    slug=self.slug,
                    person_id=int_or(person, -1),
                    form=form,
                    lang=self.lang,
                )
        except ValidationFailed as failed:
            self.errors, self.error_person = failed.messages(self.lang), person
            return None
        except NotFound:
            return rx.toast.error(t("nominee.unknown", self.lang))
        self.errors, self.error_person = {}, ""
        self._reload()
        return rx.toast(t("nominee.saved", self.lang))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def send_itinerary(self, person: str) -> EventSpec:
        """Mails the person a new link to their itinerary page (through the outbox)."""
        try:
            address = await asyncio.to_thread(_send_link, self.slug, int_or(person, -1), self._actor_id(), self.lang)
        except ValidationFailed as failed:
            return rx.toast.error(" ".join(failed.messages(self.lang).values()))
        except NotFound:
            return rx.toast.error(t("nominee.unknown", self.lang))
        return rx.toast(t("nominee.itinerary_sent", self.lang, address=address))


def _send_link(slug: str, person_id: int, actor_id: int | None, lang: str) -> str:
    with session_scope(actor_id=actor_id) as session:
        return itinerary.send_link(session=session, slug=slug, person_id=person_id, created_by=actor_id, lang=lang)
