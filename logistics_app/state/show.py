"""The show caller's view (/organizar/eventos/<slug>/en-vivo) and the crew's read-only copy
(/equipo/<token>): the same ceremony on every device, within a second.

Each open page asks four times a second (components/show.py's beat, which stops with the page) whether
the data version moved (one small query, in a thread: the event loop serves the other devices
meanwhile) and reads the show again only then; the running clock ticks in the browser."""

from __future__ import annotations

import asyncio

import reflex as rx
from reflex.event import EventSpec

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound
from logistics_app.domain.printing import sheet_html
from logistics_app.i18n import t
from logistics_app.integrations.pdf import in_pdf_thread, to_pdf
from logistics_app.models.versioning import current_version
from logistics_app.queries import print_sheets
from logistics_app.services import show
from logistics_app.settings import get_settings
from logistics_app.state.base import LangState
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.workspace import EventWorkspace

LOOK_MS = 250  # how often an open page asks whether the show moved


def _view(slug: str, lang: str) -> show.ShowView:
    with session_scope() as session:
        return show.view(session=session, slug=slug, lang=lang)


def _view_if_moved(slug: str, lang: str, seen: int) -> tuple[int, show.ShowView] | None:
    """The data version and the show, if the version is not `seen` (None otherwise)."""
    with session_scope() as session:
        version = current_version(session)
        if version == seen:
            return None
        return version, show.view(session=session, slug=slug, lang=lang)


class ShowFields(rx.State, mixin=True):
    """What both views show (filled from show.ShowView)."""

    event_name: str = ""
    ceremony: str = ""
    slot: str = ""
    zone: str = ""
    segments: list[dict[str, str]] = []
    current: dict[str, str] = {}
    upcoming: list[dict[str, str]] = []
    phase: str = "before"
    planned_total: str = ""
    projected: str = ""

    def _fill(self, shown: show.ShowView) -> None:
        self.event_name, self.ceremony, self.slot, self.zone = shown.event_name, shown.ceremony, shown.slot, shown.zone
        self.segments, self.current, self.upcoming = shown.segments, shown.current, shown.upcoming
        self.phase, self.projected = shown.state, shown.projected
        self.planned_total = f"{shown.planned_total} / {shown.slot_minutes} min"

    _seen: int = -1  # the data version the page shows

    async def _look(self, slug: str) -> bool:
        """Reads the show again if anything changed since the page last read it (one small query
        otherwise), in a thread. False when the event or its ceremony is gone."""
        if not slug:
            return True
        try:
            moved = await asyncio.to_thread(_view_if_moved, slug, self.lang, self._seen)  # type: ignore[attr-defined]
        except NotFound:
            return False
        if moved is not None:
            self._seen, shown = moved
            self._fill(shown)
        return True


class ShowState(EventWorkspace, ShowFields, SessionState):
    crew_url: str = ""

    def _reload(self) -> None:  # the page's first read (EventWorkspace._open_event)
        self._fill(_view(self.slug, self.lang))

    async def _refresh(self) -> None:
        self._fill(await asyncio.to_thread(_view, self.slug, self.lang))

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load(self) -> None:
        self._seen = -1
        self._open_event()

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    async def look(self) -> None:
        """Four times a second from every open page: the show again, if anything changed."""
        if not await self._look(self.slug if self.found else ""):
            self.found = False  # the page says so, and its beat stops

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def next_segment(self, seen: str) -> EventSpec | None:
        """The caller's "next": this segment ends, the next starts (a category's winner is revealed
        as its announcement is reached). `seen`: the segment the screen showed as current."""
        revealed = await asyncio.to_thread(_advance, self.slug, self._actor_id(), str(seen)[:20])
        await self._refresh()
        return rx.toast(t("show.revealed", self.lang, category=revealed)) if revealed else None

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def announce(self) -> EventSpec | None:
        revealed = await asyncio.to_thread(_announce, self.slug, self._actor_id())
        await self._refresh()
        return rx.toast(t("show.revealed", self.lang, category=revealed)) if revealed else None

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def reset_show(self) -> None:
        await asyncio.to_thread(_reset, self.slug, self._actor_id())
        await self._refresh()

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    async def report_pdf(self) -> EventSpec | None:
        """After the show: the timings against the plan and the winners revealed, as a PDF."""
        if not self.found or not self.slug:
            return None
        data = await in_pdf_thread(_report_pdf, self.slug, self.lang)
        return rx.download(data=data, filename=f"{self.slug}-{t('print.file.after', self.lang)}.pdf")

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def crew_link(self, rotate: bool) -> None:
        with session_scope(actor_id=self._actor_id()) as session:
            token = show.crew_link(session=session, slug=self.slug, rotate=bool(rotate))
        self.crew_url = get_settings().site_url.rstrip("/") + routes.crew_url(token)


def _advance(slug: str, user_id: int | None, seen: str) -> str:
    with session_scope(actor_id=user_id) as session:
        return show.advance(session=session, slug=slug, user_id=user_id, seen=seen)


def _report_pdf(slug: str, lang: str) -> bytes:
    with session_scope() as session:
        return to_pdf(sheet_html(print_sheets.after_show_sheet(session=session, slug=slug, lang=lang)))


def _reset(slug: str, user_id: int | None) -> None:
    with session_scope(actor_id=user_id) as session:
        show.reset(session=session, slug=slug)


def _announce(slug: str, user_id: int | None) -> str:
    with session_scope(actor_id=user_id) as session:
        return show.announce(session=session, slug=slug, user_id=user_id)


class CrewState(ShowFields, LangState):
    """The crew's copy: the token in the address is the permission; it only reads."""

    found: bool = True
    _slug: str = ""

    @rx.event
    async def load(self) -> None:
        token = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        try:
            self._slug, self._seen = await asyncio.to_thread(_slug_for_crew, token), -1
        except NotFound:
            self.found, self._slug = False, ""
            return
        self.found = await self._look(self._slug)  # False too when the event has no ceremony (any more)

    @rx.event
    async def look(self) -> None:
        """The show again if it changed: only the event its own token opened (a private var: the
        browser cannot set it)."""
        if not await self._look(self._slug):
            self.found = False


def _slug_for_crew(token: str) -> str:
    with session_scope() as session:
        return show.slug_for_crew(session=session, token=token)
