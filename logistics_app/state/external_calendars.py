"""Subscribing a venue or an agency to its external calendar, and refreshing it in the background."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.i18n import t
from logistics_app.models import key_of
from logistics_app.services import external_calendars
from logistics_app.state.directory import DirectoryState
from logistics_app.state.session import guarded


def _refresh(kind: str, slug: str, lang: str) -> str:
    """The refresh's outcome as a sentence (runs in a worker thread, never on the event loop)."""
    with session_scope() as session:
        subscription = external_calendars.subscription_of(session=session, kind=kind, slug=slug)
        if subscription is None:
            return t("busy.none", lang)
        subscription_id = key_of(subscription)
    done = external_calendars.refresh(subscription_id)
    if done.outcome == "failed":
        return done.error
    return t(f"busy.{done.outcome}", lang, blocks=done.blocks)


class ExternalCalendarState(DirectoryState):
    """One owner's form open at a time ("venue:slug"), and which owners are being refreshed."""

    editing: str = ""
    url: str = ""
    url_error: str = ""
    form_key: str = "0"
    refreshing: list[str] = []

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def open_form(self, kind: str, slug: str) -> None:
        self.editing, self.url, self.url_error = f"{kind}:{slug}", "", ""
        self.form_key = str(int(self.form_key) + 1)

    @rx.event
    def close_form(self) -> None:
        self.editing, self.url_error = "", ""

    @rx.event
    def set_url(self, value: str) -> None:
        self.url = value

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def subscribe(self, kind: str, slug: str) -> EventSpec | None:
        try:
            with session_scope() as session:
                external_calendars.subscribe(session=session, kind=kind, slug=slug, url=self.url)
        except ValidationFailed as failed:
            self.url_error = failed.messages(self.lang).get("url", "")
            return None
        self.editing = ""
        return ExternalCalendarState.refresh_now(kind, slug)

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def unsubscribe(self, kind: str, slug: str) -> EventSpec:
        with session_scope() as session:
            external_calendars.unsubscribe(session=session, kind=kind, slug=slug)
        return self._reload(kind)

    @rx.event(background=True)  # type: ignore[operator]  # mypy sees rx.event(...) as EventNamespace
    @guarded(Action.EDIT_SCHEDULE)
    async def refresh_now(self, kind: str, slug: str) -> AsyncIterator[EventSpec]:
        key = f"{kind}:{slug}"
        async with self:
            if key in self.refreshing:
                return
            self.refreshing = [*self.refreshing, key]
            lang = self.lang
        try:
            message = await asyncio.to_thread(_refresh, kind, slug, lang)
        except NotFound:
            message = t("busy.none", lang)
        async with self:
            self.refreshing = [k for k in self.refreshing if k != key]
        yield self._reload(kind)
        yield rx.toast(message)

    @staticmethod
    def _reload(kind: str) -> EventSpec:
        handler = DirectoryState.load_venues if kind == "venue" else DirectoryState.load_agencies
        return handler  # type: ignore[return-value]  # an rx.event handler: mypy sees EventNamespace
