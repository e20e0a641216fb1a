"""The organizer's list of events (create, edit, archive) and an event's panel."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import Forbidden, NotFound, ValidationFailed
from logistics_app.i18n import t
from logistics_app.models import EventKind
from logistics_app.queries import planning
from logistics_app.queries.events import list_events
from logistics_app.services import catalog, deliverables, releases, undo
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.undoing import Undoable
from logistics_app.state.workspace import EventWorkspace
from logistics_app.timeutil import zone_choices


class OrgEventsState(SessionState):
    events: list[dict[str, str]] = []
    show_archived: bool = False
    editor_open: bool = False
    editing_id: int = -1
    form: dict[str, str] = {}
    form_key: str = "0"  # changes whenever the form's fields must show new values
    errors: dict[str, str] = {}
    touched: list[str] = []  # fields typed in so far: an untouched field is not wrong yet
    zones: list[str] = []

    @rx.var
    def kinds(self) -> list[dict[str, str]]:
        return [{"value": k.value, "label": t(f"kind.{k}", self.lang)} for k in EventKind]

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load(self) -> None:
        with session_scope() as session:
            cards = list_events(session=session, lang=self.lang, public_only=False, include_archived=self.show_archived)
        self.events = [
            {k: ("1" if v is True else "" if v is False else str(v)) for k, v in c.as_dict().items()} for c in cards
        ]
        if not self.zones:
            self.zones = zone_choices()

    @rx.event
    def toggle_archived(self, show: bool) -> EventSpec:
        self.show_archived = bool(show)
        return OrgEventsState.load  # type: ignore[return-value]  # an rx.event handler: mypy sees EventNamespace

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def open_new(self) -> None:
        self.form, self.errors, self.editing_id, self.editor_open = catalog.event_form(None), {}, -1, True
        self.touched = []
        self.form_key = str(int(self.form_key) + 1)

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def open_edit(self, slug: str) -> EventSpec | None:
        try:
            with session_scope() as session:
                self.form, self.editing_id = catalog.edit_form(session=session, slug=slug)
        except NotFound:
            return rx.toast.error(t("event.not_found", self.lang))
        self.errors, self.editor_open, self.touched = {}, True, list(self.form)
        self.form_key = str(int(self.form_key) + 1)
        return None

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def set_field(self, name: str, value: str | bool) -> None:
        value = ("1" if value else "") if isinstance(value, bool) else value
        self.form = {**self.form, name: value}
        self.touched = [*self.touched, name] if name not in self.touched else self.touched
        with session_scope() as session:
            problems = catalog.check_event_form(
                session=session, form=self.form, event_id=self.editing_id if self.editing_id >= 0 else None
            )
        self.errors = {e.field: e.message(self.lang) for e in reversed(problems) if e.field in self.touched}

    @rx.event
    def close(self) -> None:
        self.editor_open = False

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def save(self) -> list[EventSpec] | None:
        try:
            with session_scope() as session:
                catalog.save_event_form(
                    session=session, form=self.form, event_id=self.editing_id if self.editing_id >= 0 else None
                )
        except ValidationFailed as failed:
            self.errors = failed.messages(self.lang)
            return None
        self.editor_open = False
        return [OrgEventsState.load, rx.toast(t("plan.saved", self.lang))]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def set_archived(self, slug: str, archived: bool) -> EventSpec:
        with session_scope() as session:
            catalog.set_archived(session=session, slug=slug, archived=archived)
        return OrgEventsState.load  # type: ignore[return-value]  # an rx.event handler: mypy sees EventNamespace


class PanelState(EventWorkspace, Undoable, SessionState):
    name: str = ""
    days_to_go: str = ""
    by_status: list[dict[str, str]] = []
    conflicts: list[dict[str, str | list[dict[str, str]]]] = []
    tentative_agencies: list[str] = []
    recent: list[dict[str, str]] = []
    # Deliverables of the event: every agency's progress, the list, and the assignment form.
    progress: list[dict[str, str]] = []
    deliverables: list[dict[str, str]] = []
    choices: dict[str, list[dict[str, str]]] = {"items": [], "agencies": [], "roles": [], "statuses": []}
    assign_errors: dict[str, str] = {}
    assign_key: str = "0"
    deliverable_form: dict[str, str] = {}  # the deliverable being edited, as its form shows it
    editing_deliverable: str = ""
    removing_deliverable: dict[str, str] = {}  # the deletion waiting for a yes
    # Publishing: what "Publicar" would release, the versions so far, and the change history.
    pending: list[dict[str, str]] = []
    releases: list[dict[str, Any]] = []
    history: list[dict[str, str]] = []
    undoable: list[dict[str, str]] = []

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load(self) -> None:
        self._open_event()

    def _reload(self) -> None:
        with session_scope() as session:
            data = planning.panel(session=session, slug=self.slug, lang=self.lang)
        self.name, self.days_to_go = data.name, data.days_to_go
        self.by_status, self.conflicts = data.by_status, [dict(c) for c in data.conflicts]
        self.tentative_agencies, self.recent = data.tentative_agencies, data.recent
        self._load_deliverables()
        self._load_releases()

    def _load_releases(self) -> None:
        with session_scope() as session:
            self.pending = releases.pending_rows(session=session, slug=self.slug, lang=self.lang)
            self.releases = releases.releases(session=session, slug=self.slug, lang=self.lang, limit=5)
            self.history = releases.history(session=session, slug=self.slug, lang=self.lang)
            self.undoable = undo.recent(session=session, slug=self.slug, lang=self.lang)

    @rx.event
    @guarded(Action.PUBLISH)
    async def publish(self) -> EventSpec:
        """In a worker thread: a publication writes its notices too, which takes a moment."""
        me = self._principal()
        try:
            number = await asyncio.to_thread(releases.publish_event, slug=self.slug, actor=me, lang=self.lang)
        except releases.NothingToPublish:
            return rx.toast(t("release.nothing", self.lang))
        except releases.PublishedMeanwhile:
            self._load_releases()
            return rx.toast.warning(t("release.meanwhile", self.lang))
        self._load_releases()
        return rx.toast(t("release.published", self.lang, number=number))

    def _load_deliverables(self) -> None:
        with session_scope() as session:
            self.progress = deliverables.progress(session=session, slug=self.slug, lang=self.lang)
            self.deliverables = deliverables.of_event(session=session, slug=self.slug, lang=self.lang)
            self.choices = deliverables.choices(session=session, slug=self.slug, lang=self.lang)

    @rx.event
    @guarded(Action.ASSIGN_DELIVERABLES)
    def assign(self, form: dict[str, str]) -> EventSpec | None:
        me = self._principal()
        if me is None:  # signed out since the guard looked: refused, as the service refuses nobody
            raise Forbidden()
        editing = int_or(self.editing_deliverable, -1) if self.editing_deliverable else None
        try:
            with session_scope() as session:
                deliverables.assign(session=session, actor=me, slug=self.slug, form=form, deliverable_id=editing)
        except ValidationFailed as failed:
            self.assign_errors = failed.messages(self.lang)
            return None
        except NotFound:
            self.editing_deliverable, self.deliverable_form = "", {}
            self._load_deliverables()
            return rx.toast.error(t("directory.gone", self.lang))
        self.assign_errors, self.assign_key = {}, str(int(self.assign_key) + 1)
        self.editing_deliverable, self.deliverable_form = "", {}
        self._load_deliverables()
        return rx.toast(t("plan.saved", self.lang))

    @rx.event
    @guarded(Action.ASSIGN_DELIVERABLES)
    def edit_deliverable(self, deliverable_id: str) -> None:
        """Fills the organizer's form with one deliverable, to change it."""
        try:
            with session_scope() as session:
                self.deliverable_form = deliverables.form_of(
                    session=session, slug=self.slug, deliverable_id=int_or(deliverable_id, -1)
                )
        except NotFound:
            return
        self.editing_deliverable, self.assign_errors = str(deliverable_id), {}
        self.assign_key = str(int(self.assign_key) + 1)

    @rx.event
    def stop_editing_deliverable(self) -> None:
        self.editing_deliverable, self.deliverable_form, self.assign_errors = "", {}, {}
        self.assign_key = str(int(self.assign_key) + 1)

    @rx.event
    @guarded(Action.ASSIGN_DELIVERABLES)
    def ask_remove_deliverable(self, deliverable_id: str, title: str) -> None:
        self.removing_deliverable = {"id": str(deliverable_id), "title": str(title)[:300]}

    @rx.event
    def keep_deliverable(self) -> None:
        self.removing_deliverable = {}

    @rx.event
    @guarded(Action.ASSIGN_DELIVERABLES)
    def remove_deliverable(self) -> EventSpec | None:
        """Deletes the deliverable asked about; its toast offers undo."""
        removing, self.removing_deliverable = self.removing_deliverable, {}
        me = self._principal()
        if not removing or me is None:
            return None
        try:
            with session_scope() as session:
                title = deliverables.remove(
                    session=session, actor=me, slug=self.slug, deliverable_id=int_or(removing["id"], -1), lang=self.lang
                )
                entry = undo.latest_for(session=session, slug=self.slug, user_id=me.user_id)
        except NotFound:
            self._load_deliverables()
            return rx.toast.error(t("directory.gone", self.lang))
        self._load_deliverables()
        return self._undo_toast(t("deliverable.removed", self.lang, title=title), entry.id if entry else None)

    @rx.var
    def remove_deliverable_question(self) -> str:
        return t("deliverable.remove_question", self.lang, title=self.removing_deliverable.get("title", ""))
