"""The ceremony's run of show, and its printable run sheet."""

from __future__ import annotations

import asyncio

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import ValidationFailed
from logistics_app.domain.printing import sheet_html
from logistics_app.i18n import t
from logistics_app.integrations.pdf import to_pdf
from logistics_app.queries import print_sheets
from logistics_app.services import rundown
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.workspace import EventWorkspace


class RundownState(EventWorkspace, SessionState):
    event_name: str = ""
    ceremony: str = ""
    slot: str = ""
    zone: str = ""
    rows: list[dict[str, str]] = []
    total: str = ""
    overrun: str = ""
    spare: str = ""
    warnings: list[str] = []
    choices: dict[str, list[dict[str, str]]] = {"kinds": [], "categories": [], "people": []}
    errors: dict[str, str] = {}
    form_key: str = "0"

    def _reload(self) -> None:
        with session_scope() as session:
            show = rundown.run_of_show(session=session, slug=self.slug, lang=self.lang)
            self.choices = rundown.choices(session=session, slug=self.slug, lang=self.lang)
        self.event_name, self.ceremony, self.slot, self.zone = show.event_name, show.ceremony, show.slot, show.zone
        self.rows = [{k: str(v) for k, v in row.items()} for row in show.rows]  # the rows hold text only
        self.total, self.overrun, self.spare = show.total, show.overrun, show.spare
        self.warnings = show.warnings

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load(self) -> None:
        self._open_event()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def add(self, form: dict[str, str]) -> None:
        try:
            with session_scope() as session:
                rundown.add_segment(session=session, slug=self.slug, form=form)
        except ValidationFailed as failed:
            self.errors = failed.messages(self.lang)
            return
        self.errors, self.form_key = {}, str(int(self.form_key) + 1)
        self._reload()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def move(self, segment_id: str, offset: int) -> None:
        with session_scope() as session:
            rundown.move_segment(session=session, slug=self.slug, segment_id=int_or(segment_id, -1), offset=offset)
        self._reload()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def delete(self, segment_id: str) -> None:
        with session_scope() as session:
            rundown.delete_segment(session=session, slug=self.slug, segment_id=int_or(segment_id, -1))
        self._reload()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def export(self) -> EventSpec:
        with session_scope(actor_id=self._actor_id()) as session:
            count = rundown.export_to_schedule(session=session, slug=self.slug)
        return rx.toast(t("rundown.exported", self.lang, count=count))

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    async def print_pdf(self) -> EventSpec:
        """The run sheet as a PDF, in the event's zone and the reader's language."""
        data = await asyncio.to_thread(_run_pdf, self.slug, self.lang)
        return rx.download(data=data, filename=f"{self.slug}-{t('print.file.run', self.lang)}.pdf")


def _run_pdf(slug: str, lang: str) -> bytes:
    with session_scope() as session:
        return to_pdf(sheet_html(print_sheets.run_sheet(session=session, slug=slug, lang=lang)))
