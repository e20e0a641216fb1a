"""The organizer's schedule: list and timeline views, and the item editor."""

from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx
from reflex.event import EventSpec

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.domain.forms import form_of_item
from logistics_app.domain.text import to_int
from logistics_app.i18n import t
from logistics_app.queries import planning as views
from logistics_app.services import planning
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.schedule import StaleEdit, delete_item, duplicate_item
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.workspace import EventWorkspace

# URL parameters of the organizer's schedule.
FILTERS = {
    "day": "dia",
    "space": "espacio",
    "agency": "agencia",
    "kind": "tipo",
    "status": "estado",
    "visibility": "visibilidad",
    "text": "q",
    "page": "pagina",
}
OPTION_KEYS = ("day", "space", "agency", "kind", "status", "visibility")


class PlanState(EventWorkspace, SessionState):
    event_name: str = ""
    zone: str = ""
    view: str = "lista"
    params: dict[str, str] = {}
    options: dict[str, list[dict[str, str]]] = {key: [] for key in OPTION_KEYS}
    items: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    pages: int = 1
    day_label: str = ""
    hours: list[str] = []
    columns: list[dict[str, str | list[dict[str, str]]]] = []
    timeline_height: str = "0px"
    # The editor.
    editor_open: bool = False
    editing_id: int = -1
    editing_version: int = 0
    form: dict[str, str] = {}
    form_key: str = "0"  # changes whenever the form's fields must show new values
    errors: dict[str, str] = {}
    conflicts: list[str] = []
    needs_confirm: bool = False
    stale: str = ""
    delete_id: int = -1
    delete_title: str = ""
    delete_version: int = 0

    @rx.var
    def result_label(self) -> str:
        return t("programme.results", self.lang, count=self.total)

    @rx.var
    def delete_question(self) -> str:
        return t("plan.delete_confirm", self.lang, title=self.delete_title)

    def _url(self, **changes: str) -> str:
        params = {**self.params, **changes}
        if "pagina" not in changes:
            params.pop("pagina", None)
        query = urlencode({k: v for k, v in params.items() if v})
        return str(routes.plan_programme_url(self.slug, query))  # the builder also takes Vars, so it is typed Any

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load(self) -> None:
        self._open_event()
        query = self.router.url.query_parameters
        if self.found and to_int(query.get("editar")) is not None:  # a link from the panel's conflicts opens it
            self._open_edit(query["editar"])

    def _reload(self) -> None:
        query = self.router.url.query_parameters
        self.params = {p: query.get(p, "") for p in [*FILTERS.values(), "vista"] if query.get(p)}
        self.view = "linea" if query.get("vista") == "linea" else "lista"
        filters = views.PlanFilters(
            **{name: query.get(param, "") for name, param in FILTERS.items() if name != "page"},
            page=max(1, to_int(query.get("pagina"), 1) or 1),
        )
        with session_scope() as session:
            self.event_name = event_by_slug(session=session, slug=self.slug).name
            listing = views.plan_list(session=session, slug=self.slug, filters=filters, lang=self.lang)
            line = views.timeline(session=session, slug=self.slug, day=filters.day, lang=self.lang)
        self.items, self.total, self.page, self.pages = listing.items, listing.total, listing.page, listing.pages
        self.zone, self.options = listing.zone, listing.options
        self.day_label, self.hours, self.columns = line.day_label, line.hours, line.columns
        self.timeline_height = f"{line.height}px"

    @rx.event
    def set_filter(self, param: str, value: str) -> EventSpec:
        return rx.redirect(self._url(**{param: value}))

    @rx.event
    def search(self, form: dict[str, str]) -> EventSpec:
        return rx.redirect(self._url(q=(form.get("q") or "").strip()[:200]))

    @rx.event
    def go_to_page(self, page: int | str) -> EventSpec:
        return rx.redirect(self._url(pagina=str(max(1, min(to_int(page, 1) or 1, self.pages)))))

    # --- the editor -------------------------------------------------------------------------

    def _check(self) -> None:
        with session_scope() as session:
            event = event_by_slug(session=session, slug=self.slug)
            item_id = self.editing_id if self.editing_id >= 0 else None
            try:
                errors, conflicts = planning.check_form(session=session, event=event, form=self.form, item_id=item_id)
            except NotFound:  # deleted by someone else meanwhile
                self.stale, errors, conflicts = t("plan.gone", self.lang), [], []
        self.errors = {e.field: e.message(self.lang) for e in reversed(errors)}
        self.conflicts = [c.message(self.lang) for c in conflicts]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def open_new(self) -> None:
        with session_scope() as session:
            self.form = views.blank_form(event_by_slug(session=session, slug=self.slug))
        self.editing_id, self.editing_version, self.stale, self.needs_confirm = -1, 0, "", False
        self.errors, self.conflicts, self.editor_open = {}, [], True
        self.form_key = str(int(self.form_key) + 1)

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def open_edit(self, item_id: str) -> list[EventSpec] | None:
        return self._open_edit(item_id)

    def _open_edit(self, item_id: str) -> list[EventSpec] | None:
        try:
            with session_scope() as session:
                self.form, self.editing_version = views.load_form(
                    session=session,
                    event=event_by_slug(session=session, slug=self.slug),
                    item_id=int_or(item_id, -1),
                )
        except NotFound:
            return self._gone()
        self.editing_id, self.stale, self.needs_confirm, self.editor_open = int_or(item_id, -1), "", False, True
        self.form_key = str(int(self.form_key) + 1)
        self._check()
        return None

    def _gone(self) -> list[EventSpec]:
        """The item was deleted meanwhile: say so and show the schedule as it is now."""
        self.editor_open, self.delete_id = False, -1
        return [PlanState.load, rx.toast(t("plan.gone", self.lang))]

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def set_field(self, name: str, value: str) -> None:
        """Validates as the organizer types: every change re-checks the rules and the conflicts."""
        self.form = {**self.form, name: value}
        self.needs_confirm = False
        self._check()

    @rx.event
    def close_editor(self) -> None:
        self.editor_open = False

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def save(self, confirmed: bool = False) -> EventSpec | list[EventSpec] | None:
        item_id = self.editing_id if self.editing_id >= 0 else None
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                planning.save_form(
                    session=session,
                    slug=self.slug,
                    form=self.form,
                    item_id=item_id,
                    expected_version=self.editing_version if item_id else None,
                    confirmed=confirmed,
                )
        except ValidationFailed as failed:
            self.errors = failed.messages(self.lang)
            return None
        except NotFound:
            return self._gone()
        except planning.NeedsConfirmation as needs:
            self.conflicts, self.needs_confirm = [c.message(self.lang) for c in needs.conflicts], True
            return None
        except StaleEdit as stale:
            with session_scope() as session:
                event = event_by_slug(session=session, slug=self.slug)
            self.form = form_of_item(stale.current, event.timezone)
            self.editing_version, self.stale = stale.version, t("error.stale", self.lang)
            self.form_key = str(int(self.form_key) + 1)
            return None
        self.editor_open = False
        return [PlanState.load, rx.toast(t("plan.saved", self.lang))]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def duplicate(self, item_id: str) -> list[EventSpec]:
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                duplicate_item(session=session, item_id=int_or(item_id, -1))
        except NotFound:
            return self._gone()
        return [PlanState.load, rx.toast(t("plan.saved", self.lang))]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def ask_delete(self, item_id: str, title: str, version: str) -> None:
        self.delete_id, self.delete_title = int_or(item_id, -1), title
        self.delete_version = int_or(version, 0)

    @rx.event
    def cancel_delete(self) -> None:
        self.delete_id = -1

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def confirm_delete(self) -> list[EventSpec]:
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                delete_item(session=session, item_id=self.delete_id, expected_version=self.delete_version)
        except NotFound:
            return self._gone()
        except StaleEdit:  # changed since the list was shown: show it again before deleting
            self.delete_id = -1
            return [PlanState.load, rx.toast(t("error.stale", self.lang))]
        self.delete_id = -1
        return [PlanState.load, rx.toast(t("plan.deleted", self.lang))]
