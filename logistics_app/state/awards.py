"""The organizer's awards page: categories in ceremony order, nominations, CSV, and the tally."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from logistics_app.db import session_scope
from logistics_app.domain.access import Action, Principal
from logistics_app.domain.errors import Forbidden, NotFound, ValidationFailed
from logistics_app.domain.nominations_csv import CsvRejected
from logistics_app.i18n import long_datetime, t
from logistics_app.services import awards, winners
from logistics_app.services.lookups import event_by_slug
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.undoing import Undoable
from logistics_app.state.workspace import EventWorkspace
from logistics_app.timeutil import to_local


class AwardsState(EventWorkspace, Undoable, SessionState):
    event_name: str = ""
    categories: list[dict[str, Any]] = []
    category_error: str = ""
    form_key: str = "0"
    csv_name: str = ""
    csv_report: list[str] = []
    csv_summary: str = ""
    csv_ready: bool = False  # a checked file is waiting for "Importar"
    revealed: str = ""  # when the winners were revealed, or ""
    # Only ever filled for someone with the tally permission, in their own browser's state.
    sealed: dict[str, str] = {}
    reveals: dict[str, dict[str, str]] = {}  # category -> state, at, shown (winners.reveal_status)
    unsealed: list[str] = []  # categories with no sealed winner
    can_tally_here: bool = False
    removing: dict[str, str] = {}  # the nomination whose deletion waits for a yes
    editing: str = ""  # the nomination whose edit form is open, or ""
    editing_values: dict[str, str] = {}
    editing_errors: dict[str, str] = {}
    confirming_reveal: bool = False
    _csv: bytes = b""

    def _reload(self) -> None:
        with session_scope() as session:
            event = event_by_slug(session=session, slug=self.slug)
            self.event_name = event.name
            self.revealed = (
                long_datetime(to_local(event.winners_revealed_at, event.timezone), self.lang)
                if event.winners_revealed_at
                else ""
            )
            self.categories = awards.overview(session=session, slug=self.slug)
            me = self._principal()
            self.can_tally_here = bool(me and me.can_tally)
            if me is not None and me.can_tally:
                self.sealed = {
                    str(c): str(n) for c, n in winners.tally(session=session, actor=me, slug=self.slug).items()
                }
                status = winners.reveal_status(session=session, actor=me, slug=self.slug, lang=self.lang)
                self.reveals = {str(c): s for c, s in status.items()}
                self.unsealed = winners.unsealed(session=session, actor=me, slug=self.slug)
            else:
                self.reveals, self.unsealed = {}, []
                self.sealed = {}

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load(self) -> None:
        self.csv_report, self.csv_summary, self.csv_ready, self._csv = [], "", False, b""
        self._open_event()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def add_category(self, form: dict[str, str]) -> None:
        try:
            with session_scope() as session:
                awards.add_category(session=session, slug=self.slug, name=form.get("name", ""))
        except ValidationFailed as failed:
            self.category_error = failed.messages(self.lang).get("name", "")
            return
        self.category_error, self.form_key = "", str(int(self.form_key) + 1)
        self._reload()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def add_nomination(self, form: dict[str, str]) -> EventSpec | None:
        try:
            with session_scope() as session:
                awards.add_nomination(
                    session=session,
                    slug=self.slug,
                    category_id=int_or(form.get("category"), -1),
                    form=form,
                    lang=self.lang,
                )
        except ValidationFailed as failed:
            return rx.toast.error(" ".join(failed.messages(self.lang).values()))
        self._reload()
        return None

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def edit_nomination(self, nomination_id: str) -> None:
        """Opens a nomination's edit form in place of its row."""
        try:
            with session_scope() as session:
                values = awards.nomination_form(
                    session=session, slug=self.slug, nomination_id=int_or(nomination_id, -1)
                )
        except NotFound:
            self._reload()
            return
        self.editing, self.editing_values, self.editing_errors = str(nomination_id), values, {}

    @rx.event
    def stop_editing_nomination(self) -> None:
        self._close_editor()

    def _close_editor(self) -> None:
        self.editing, self.editing_values, self.editing_errors = "", {}, {}

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def save_nomination(self, form: dict[str, str]) -> EventSpec | None:
        if not self.editing:
            return None
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                row = awards.edit_nomination(
                    session=session,
                    slug=self.slug,
                    nomination_id=int_or(self.editing, -1),
                    form={k: str(v) for k, v in form.items()},
                    lang=self.lang,
                )
                title = row.work_title
        except ValidationFailed as failed:
            self.editing_values = {**self.editing_values, **{k: str(v) for k, v in form.items()}}
            self.editing_errors = failed.messages(self.lang)
            return None
        except NotFound:
            self._close_editor()
            self._reload()
            return None
        self._close_editor()
        self._reload()
        return rx.toast(t("awards.nomination_saved", self.lang, title=title))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def ask_delete_nomination(self, nomination_id: str, title: str) -> None:
        self.removing = {"id": str(nomination_id), "title": str(title)[:300], "what": "nomination"}

    @rx.event
    def keep_nomination(self) -> None:
        self.removing = {}

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def delete_asked(self) -> EventSpec | None:
        """Deletes the nomination or the (empty) category asked about; its toast offers undo."""
        asked, self.removing = self.removing, {}
        slug, user_id, lang = self.slug, self._actor_id(), self.lang
        if asked.get("what") == "category":
            return self._remove_asked(
                asked,
                lambda session, row_id: awards.delete_category(
                    session=session, slug=slug, category_id=row_id, user_id=user_id, lang=lang
                ),
                "awards.category_deleted",
            )
        return self._remove_asked(
            asked,
            lambda session, row_id: awards.delete_nomination(
                session=session, slug=slug, nomination_id=row_id, user_id=user_id, lang=lang
            ),
            "awards.nomination_deleted",
        )

    @rx.var
    def remove_question(self) -> str:
        key = "awards.delete_category_question" if self.removing.get("what") == "category" else "awards.delete_question"
        return t(key, self.lang, title=self.removing.get("title", ""))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def ask_delete_category(self, category_id: str, name: str) -> None:
        self.removing = {"id": str(category_id), "title": str(name)[:300], "what": "category"}

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def move(self, category_id: str, offset: int) -> None:
        with session_scope() as session:
            awards.move_category(session=session, slug=self.slug, category_id=int_or(category_id, -1), offset=offset)
        self._reload()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def take_csv(self, files: list[rx.UploadFile]) -> None:
        """The chosen file is checked at once (a dry run); "Importar" stores it."""
        if not files:
            return
        raw = await files[0].read()
        self.csv_name, self._csv = files[0].name or "nominaciones.csv", raw
        self._import(dry_run=True)

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def import_csv(self) -> None:
        self._import(dry_run=False)
        self._reload()

    def _import(self, *, dry_run: bool) -> None:
        try:
            with session_scope() as session:
                result = awards.import_nominations(session=session, slug=self.slug, raw=self._csv, dry_run=dry_run)
                if dry_run:
                    session.rollback()
        except CsvRejected as rejected:
            self.csv_report, self.csv_summary, self.csv_ready = rejected.report(self.lang), "", False
            return
        self.csv_report, self.csv_summary = [], result.summary(self.lang)
        self.csv_ready = dry_run
        if not dry_run:
            self._csv = b""

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def export_csv(self) -> EventSpec:
        with session_scope() as session:
            body = awards.export_nominations(
                session=session, slug=self.slug, with_winners=winners.revealed(session=session, slug=self.slug)
            )
        return rx.download(data=body, filename=f"nominaciones-{self.slug}.csv", mime_type="text/csv")

    @rx.event
    @guarded(Action.TALLY)
    def seal(self, nomination_id: str) -> None:
        me = self._principal()
        if me is None:  # signed out since the guard looked: refused, as the service refuses nobody
            raise Forbidden()
        with session_scope() as session:
            winners.seal(session=session, actor=me, slug=self.slug, nomination_id=int_or(nomination_id, -1))
        self._reload()

    @rx.var
    def to_reveal(self) -> int:
        """Categories whose sealed winner does not show yet (first reveals and corrections)."""
        return sum(1 for r in self.reveals.values() if r.get("state") in ("sealed", "changed"))

    @rx.var
    def unsealed_warning(self) -> str:
        if not self.unsealed:
            return ""
        names = ", ".join(self.unsealed[:8]) + ("…" if len(self.unsealed) > 8 else "")
        return t("awards.unsealed", self.lang, count=len(self.unsealed), total=len(self.categories), names=names)

    def _as_tally(self, work: Callable[[Session, Principal], Any], message: Callable[[Any], str]) -> Any:
        """One tally action in its own transaction: its result's toast, the refusal's words, or
        (the category gone meanwhile) the page read again."""
        me = self._principal()
        if me is None:  # signed out since the guard looked: refused, as the service refuses nobody
            raise Forbidden()
        try:
            with session_scope(actor_id=me.user_id) as session:
                done = work(session, me)
        except ValidationFailed as failed:
            return rx.toast.error(" ".join(failed.messages(self.lang).values()))
        except NotFound:
            self._reload()
            return None
        self._reload()
        return rx.toast(t(message(done), self.lang))

    @rx.event
    @guarded(Action.TALLY)
    def reveal_category(self, category_id: str) -> EventSpec | None:
        """Reveals one category (or corrects it to what is sealed now)."""
        return self._as_tally(
            lambda session, me: winners.reveal_category(
                session=session, actor=me, slug=self.slug, category_id=int_or(category_id, -1)
            ),
            lambda done: f"awards.category_{done or 'unchanged'}",
        )

    @rx.event
    @guarded(Action.TALLY)
    def schedule_category(self, form: dict[str, str]) -> EventSpec | None:
        """A category's own reveal time (a date and time, or HH:MM on the ceremony's day), or none."""
        return self._as_tally(
            lambda session, me: winners.schedule_category_reveal(
                session=session,
                actor=me,
                slug=self.slug,
                category_id=int_or(form.get("category"), -1),
                time_text=str(form.get("time", ""))[:40],  # "2025-09-20T21:15" from the field
            ),
            lambda at: "awards.scheduled" if at else "awards.unscheduled",
        )

    @rx.event
    @guarded(Action.TALLY)
    def retract_category(self, category_id: str) -> EventSpec | None:
        """Takes a wrong reveal back: no winner shows there until it is revealed again."""
        return self._as_tally(
            lambda session, me: winners.retract_category(
                session=session, actor=me, slug=self.slug, category_id=int_or(category_id, -1)
            ),
            lambda _: "awards.category_retracted",
        )

    @rx.event
    @guarded(Action.TALLY)
    def ask_reveal(self, asking: bool) -> None:
        self.confirming_reveal = asking

    @rx.event
    @guarded(Action.TALLY)
    def reveal(self) -> EventSpec:
        me = self._principal()
        with session_scope() as session:
            count = winners.reveal(session=session, slug=self.slug, actor=me)
        self._reload()
        return rx.toast(t("awards.revealed", self.lang, count=count))
