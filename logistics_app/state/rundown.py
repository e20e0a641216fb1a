"""The ceremony's run of show, and its printable run sheet."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.domain.printing import sheet_html
from logistics_app.i18n import t
from logistics_app.integrations.pdf import in_pdf_thread, to_pdf
from logistics_app.queries import print_sheets
from logistics_app.services import rundown
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.undoing import Undoable
from logistics_app.state.workspace import EventWorkspace


class RundownState(EventWorkspace, Undoable, SessionState):
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
    editing: str = ""  # the segment the form edits, or "" (the form adds one)
    values: dict[str, str] = {}  # what the form shows
    removing: dict[str, str] = {}  # the segment whose deletion waits for a yes

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

    @rx.var
    def segment_ids(self) -> list[str]:
        return [row["id"] for row in self.rows]

    @rx.var
    def remove_question(self) -> str:
        return t("rundown.delete_question", self.lang, title=self.removing.get("title", ""))

    def _reset_form(self, editing: str = "", values: dict[str, str] | None = None) -> None:
        self.editing, self.values, self.errors = editing, values or {}, {}
        self.form_key = str(int(self.form_key) + 1)

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def save(self, form: dict[str, str]) -> EventSpec | None:
        """Adds a segment, or saves the one being edited; the form keeps what was typed when
        something is wrong."""
        typed = {k: str(v) for k, v in form.items()}
        try:
            with session_scope() as session:
                if self.editing:
                    rundown.edit_segment(
                        session=session, slug=self.slug, segment_id=int_or(self.editing, -1), form=typed
                    )
                else:
                    rundown.add_segment(session=session, slug=self.slug, form=typed)
        except ValidationFailed as failed:
            self.values, self.errors = typed, failed.messages(self.lang)
            return None
        except NotFound:
            self._reset_form()
            self._reload()
            return rx.toast.error(t("rundown.gone", self.lang))
        saved = bool(self.editing)
        self._reset_form()
        self._reload()
        return rx.toast(t("rundown.saved", self.lang)) if saved else None

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def edit(self, segment_id: str) -> EventSpec | None:
        """Fills the form with the segment's fields, and brings it into view."""
        try:
            with session_scope() as session:
                values = rundown.segment_form(session=session, slug=self.slug, segment_id=int_or(segment_id, -1))
        except NotFound:
            self._reload()
            return None
        self._reset_form(str(segment_id), values)
        return rx.scroll_to("segment-form")

    @rx.event
    def stop_editing(self) -> None:
        self._reset_form()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def move(self, segment_id: str, offset: int) -> None:
        with session_scope() as session:
            rundown.move_segment(session=session, slug=self.slug, segment_id=int_or(segment_id, -1), offset=offset)
        self._reload()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def reorder(self, segment_id: str, at_id: str) -> None:
        """A segment dragged to where another one was."""
        try:
            with session_scope() as session:
                rundown.place_segment(
                    session=session, slug=self.slug, segment_id=int_or(segment_id, -1), at_id=int_or(at_id, -1)
                )
        except NotFound:
            pass  # someone else deleted one of them: the list read again shows it
        self._reload()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def ask_delete(self, segment_id: str, title: str) -> None:
        self.removing = {"id": str(segment_id), "title": str(title)[:300]}

    @rx.event
    def keep(self) -> None:
        self.removing = {}

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def delete(self) -> EventSpec | None:
        """Deletes the segment asked about; its toast offers undo."""
        asked, self.removing = self.removing, {}
        if asked and self.editing == asked.get("id"):
            self._reset_form()
        return self._remove_asked(
            asked,
            lambda session, segment_id: rundown.delete_segment(
                session=session, slug=self.slug, segment_id=segment_id, user_id=self._actor_id(), lang=self.lang
            ),
            "rundown.deleted",
        )

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
        data = await in_pdf_thread(_run_pdf, self.slug, self.lang)
        return rx.download(data=data, filename=f"{self.slug}-{t('print.file.run', self.lang)}.pdf")


def _run_pdf(slug: str, lang: str) -> bytes:
    with session_scope() as session:
        return to_pdf(sheet_html(print_sheets.run_sheet(session=session, slug=slug, lang=lang)))
