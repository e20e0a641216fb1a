"""Importing a calendar into an event from the browser: choose a file or a URL, preview, import."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound
from logistics_app.domain.ics_import import ImportRejected
from logistics_app.i18n import t
from logistics_app.integrations.remote_calendar import FetchRefused, configured_policy, fetch_calendar
from logistics_app.models import Visibility
from logistics_app.services.imports import run_import
from logistics_app.services.lookups import event_by_slug
from logistics_app.settings import get_settings
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.workspace import EventWorkspace


class ImportState(EventWorkspace, SessionState):
    event_name: str = ""
    url: str = ""
    source: str = ""  # the file's name or the URL the calendar came from
    visibility: str = Visibility.INTERNAL
    phase: str = ""  # "", "fetching", "reading" or "saving": shown while the work runs
    error: str = ""
    report: dict[str, Any] = {}
    # The calendar's bytes stay on the server (backend-only var); the browser never receives them.
    _raw: bytes = b""

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def load(self) -> None:
        self.url, self.source, self.error, self.report, self.phase, self._raw = "", "", "", {}, "", b""
        self._open_event()

    def _reload(self) -> None:
        with session_scope() as session:
            self.event_name = event_by_slug(session=session, slug=self.slug).name

    @rx.event
    def set_url(self, value: str) -> None:
        self.url = value

    @rx.event
    def set_visibility(self, value: str) -> None:
        self.visibility = value if value in (Visibility.INTERNAL, Visibility.PUBLIC) else Visibility.INTERNAL

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def take_file(self, files: list[rx.UploadFile]) -> EventSpec | None:
        """The chosen file is read (within the size limit) and previewed at once."""
        if not files:
            return None
        limit = get_settings().import_max_bytes
        raw = await files[0].read()
        self.source, self.report = files[0].name or "calendario.ics", {}
        if len(raw) > limit:
            self._raw, self.error = b"", t("fetch.too_big", self.lang, megabytes=limit // (1024 * 1024))
            return None
        self._raw, self.error = raw, ""
        return ImportState.run(True)

    @rx.event(background=True)  # type: ignore[operator]  # mypy sees rx.event(...) as EventNamespace
    @guarded(Action.EDIT_SCHEDULE)
    async def fetch_url(self) -> AsyncIterator[EventSpec]:
        async with self:
            if self.phase:
                return
            url, lang = self.url.strip(), self.lang
            self.phase, self.error, self.report, self.source = "fetching", "", {}, url
        try:
            fetched = await asyncio.to_thread(fetch_calendar, url, policy=configured_policy())
        except FetchRefused as refused:
            async with self:
                self.phase, self.error, self._raw = "", refused.message(lang), b""
            return
        async with self:
            self._raw, self.phase = fetched.body, ""
        yield ImportState.run(True)

    @rx.event(background=True)  # type: ignore[operator]  # mypy sees rx.event(...) as EventNamespace
    @guarded(Action.EDIT_SCHEDULE)
    async def run(self, dry_run: bool) -> AsyncIterator[EventSpec]:
        """A preview (dry run) or the import itself, in a worker thread while the page shows progress."""
        async with self:
            if self.phase or not self._raw:
                return
            self.phase, self.error = ("reading" if dry_run else "saving"), ""
            slug, raw, visibility, lang, actor = self.slug, self._raw, self.visibility, self.lang, self._actor_id()
        try:
            report = await asyncio.to_thread(
                run_import, slug=slug, raw=raw, dry_run=dry_run, visibility=visibility, actor_id=actor
            )
        except (ImportRejected, NotFound) as problem:
            message = problem.message(lang) if isinstance(problem, ImportRejected) else t("event.not_found", lang)
            async with self:
                self.phase, self.error, self.report = "", message, {}
            return
        async with self:
            self.phase, self.report = "", report.as_view(lang)
            if not dry_run:
                self._raw = b""  # imported: importing again needs the file again
        if not dry_run:
            yield rx.toast(report.summary(lang))
