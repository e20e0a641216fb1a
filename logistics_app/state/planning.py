"""The organizer's schedule: list and timeline views, and the item editor."""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

import reflex as rx
from reflex.event import EventSpec

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.domain.forms import form_of_item
from logistics_app.domain.printing import sheet_html
from logistics_app.domain.text import to_int
from logistics_app.i18n import t
from logistics_app.integrations.pdf import in_pdf_thread, to_pdf
from logistics_app.models import key_of
from logistics_app.queries import planning as views
from logistics_app.queries import print_sheets, schedule_sheet
from logistics_app.services import directory, planning, undo
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.schedule import StaleEdit
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.timeline import TimelineMoves
from logistics_app.state.undoing import Undoable
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
OPTION_KEYS = ("day", "space", "agency", "kind", "status", "visibility", "person", "role", "agency_kind")


class PlanState(EventWorkspace, Undoable, TimelineMoves, SessionState):
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
    # The editor's people and supporting agencies, and the small forms that add new ones.
    pick_person: str = ""
    pick_role: str = "guest"
    pick_agency: str = ""
    adding: str = ""  # "person" or "agency": which small form is open
    inline_errors: dict[str, str] = {}
    inline_key: str = "0"

    @rx.var
    def result_label(self) -> str:
        return t("programme.results", self.lang, count=self.total)

    @rx.var
    def people_chips(self) -> list[dict[str, str]]:
        """The item's people as the editor lists them: name (agency), role."""
        names = {o["value"]: o["label"] for o in self.options.get("person", [])}
        roles = {o["value"]: o["label"] for o in self.options.get("role", [])}
        chips = []
        for part in filter(None, self.form.get("people", "").split(",")):
            person, _, role = part.partition(":")
            chips.append({"id": person, "name": names.get(person, "#" + person), "role": roles.get(role, role)})
        return chips

    @rx.var
    def supporting_chips(self) -> list[dict[str, str]]:
        names = {o["value"]: o["label"] for o in self.options.get("agency", [])}
        ids = filter(None, self.form.get("supporting", "").split(","))
        return [{"id": a, "name": names.get(a, "#" + a)} for a in ids]

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
        shown = str(query.get("vista", ""))
        self.view = shown if shown in ("linea", "semana") else "lista"
        filters = views.PlanFilters(
            **{name: query.get(param, "") for name, param in FILTERS.items() if name != "page"},
            page=max(1, to_int(query.get("pagina"), 1) or 1),
        )
        with session_scope() as session:
            self.event_name = event_by_slug(session=session, slug=self.slug).name
            listing = views.plan_list(session=session, slug=self.slug, filters=filters, lang=self.lang)
            line = (
                views.week(session=session, slug=self.slug, lang=self.lang)
                if self.view == "semana"
                else views.timeline(session=session, slug=self.slug, day=filters.day, lang=self.lang)
            )
        self.items, self.total, self.page, self.pages = listing.items, listing.total, listing.page, listing.pages
        self.zone, self.options = listing.zone, listing.options
        self.day_label, self.hours, self.columns = line.day_label, line.hours, line.columns
        self.timeline_height = f"{line.height}px"

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    async def export(self, fmt: str) -> EventSpec:
        """The schedule as shown (its filters, every page) as .xlsx or CSV, in the event's zone."""
        fmt = "csv" if fmt == "csv" else "xlsx"
        query = self.router.url.query_parameters
        filters = views.PlanFilters(
            **{name: query.get(param, "") for name, param in FILTERS.items() if name != "page"}, page=1
        )
        data = await asyncio.to_thread(_export, self.slug, fmt, filters, self.lang)
        return rx.download(data=data, filename=f"{self.slug}-{t('sheet.file', self.lang)}.{fmt}")

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    async def print_pdf(self, kind: str) -> EventSpec:
        """A printed sheet as PDF: the chosen day (or the first) per space or per agency (only the
        filtered space or agency when one is chosen), or the whole programme."""
        kind = kind if kind in ("space", "agency") else "programme"
        query = self.router.url.query_parameters
        only = query.get(FILTERS[kind], "") if kind != "programme" else ""
        data = await in_pdf_thread(_print, self.slug, kind, query.get(FILTERS["day"], ""), only, self.lang)
        return rx.download(data=data, filename=f"{self.slug}-{t(f'print.file.{kind}', self.lang)}.pdf")

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
        self.editor_open, self.adding = False, ""

    def _set_people(self, people: dict[str, str]) -> None:
        self.form = {**self.form, "people": ",".join(f"{p}:{r}" for p, r in people.items())}
        self.needs_confirm = False
        self._check()

    def _people(self) -> dict[str, str]:
        pairs = (part.partition(":") for part in filter(None, self.form.get("people", "").split(",")))
        return {person: role for person, _, role in pairs}

    def _set_supporting(self, ids: list[str]) -> None:
        self.form = {**self.form, "supporting": ",".join(ids)}
        self.needs_confirm = False
        self._check()

    @rx.event
    def set_pick(self, name: str, value: str) -> None:
        if name in ("pick_person", "pick_role", "pick_agency"):
            setattr(self, name, str(value)[:20])

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def add_person(self) -> None:
        """Adds the picked person in the picked role; the conflicts are checked at once."""
        if self.pick_person:
            self._set_people({**self._people(), self.pick_person: self.pick_role or "guest"})
            self.pick_person = ""

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def remove_person(self, person_id: str) -> None:
        people = self._people()
        people.pop(str(person_id), None)
        self._set_people(people)

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def add_supporting(self) -> None:
        ids = [i for i in self.form.get("supporting", "").split(",") if i]
        if self.pick_agency and self.pick_agency not in ids:
            self._set_supporting([*ids, self.pick_agency])
        self.pick_agency = ""

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def remove_supporting(self, agency_id: str) -> None:
        self._set_supporting([i for i in self.form.get("supporting", "").split(",") if i and i != str(agency_id)])

    @rx.event
    def open_adding(self, what: str) -> None:
        self.adding = what if what in ("person", "agency") and self.adding != what else ""
        self.inline_errors, self.inline_key = {}, str(int(self.inline_key) + 1)

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def create_person(self, form: dict[str, str]) -> EventSpec | None:
        """A new person, saved to the directory and added to the item (the item itself is saved
        with the editor)."""
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                person_id = key_of(directory.save_person(session=session, form=form))
        except ValidationFailed as failed:
            self.inline_errors = failed.messages(self.lang)
            return None
        self._reload_options()
        self.adding, self.inline_errors = "", {}
        self._set_people({**self._people(), str(person_id): str(form.get("role") or "guest")})
        return rx.toast(t("directory.person_added", self.lang, name=str(form.get("name", "")).strip()))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def create_agency(self, form: dict[str, str]) -> EventSpec | None:
        """A new agency, saved to the directory: the item's lead agency if it has none, else one
        of its supporting agencies."""
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                agency_id = str(key_of(directory.save_agency(session=session, form=form)))
        except ValidationFailed as failed:
            self.inline_errors = failed.messages(self.lang)
            return None
        self._reload_options()
        self.adding, self.inline_errors = "", {}
        if not self.form.get("lead_agency"):
            self.form = {**self.form, "lead_agency": agency_id}
            self.form_key = str(int(self.form_key) + 1)
            self._check()
        else:
            self._set_supporting([*filter(None, self.form.get("supporting", "").split(",")), agency_id])
        return rx.toast(t("directory.agency_added", self.lang, name=str(form.get("name", "")).strip()))

    def _reload_options(self) -> None:
        with session_scope() as session:
            event = event_by_slug(session=session, slug=self.slug)
            self.options = {**self.options, **views.form_options(session=session, event=event, lang=self.lang)}

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
                    user_id=self._actor_id(),
                    lang=self.lang,
                )
                entry = undo.latest_for(session=session, slug=self.slug, user_id=self._actor_id())
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
        return [PlanState.load, self._undo_toast(t("plan.saved", self.lang), entry.id if entry else None)]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def duplicate(self, item_id: str) -> list[EventSpec]:
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                planning.duplicate(
                    session=session,
                    slug=self.slug,
                    item_id=int_or(item_id, -1),
                    user_id=self._actor_id(),
                    lang=self.lang,
                )
                entry = undo.latest_for(session=session, slug=self.slug, user_id=self._actor_id())
        except NotFound:
            return self._gone()
        return [PlanState.load, self._undo_toast(t("plan.saved", self.lang), entry.id if entry else None)]

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
                planning.delete(
                    session=session,
                    slug=self.slug,
                    item_id=self.delete_id,
                    expected_version=self.delete_version,
                    user_id=self._actor_id(),
                    lang=self.lang,
                )
                entry = undo.latest_for(session=session, slug=self.slug, user_id=self._actor_id())
        except NotFound:
            return self._gone()
        except StaleEdit:  # changed since the list was shown: show it again before deleting
            self.delete_id = -1
            return [PlanState.load, rx.toast(t("error.stale", self.lang))]
        self.delete_id = -1
        return [PlanState.load, self._undo_toast(t("plan.deleted", self.lang), entry.id if entry else None)]

    def _after_undo(self) -> list[EventSpec]:
        self.editor_open = False
        return [PlanState.load]  # type: ignore[list-item]  # mypy sees rx.event handlers as EventNamespace


def _export(slug: str, fmt: str, filters: views.PlanFilters, lang: str) -> bytes:
    with session_scope() as session:
        return schedule_sheet.export(session=session, slug=slug, fmt=fmt, filters=filters, lang=lang)


def _print(slug: str, kind: str, day: str, only: str, lang: str) -> bytes:
    with session_scope() as session:
        if kind == "programme":
            sheet = print_sheets.programme_sheet(session=session, slug=slug, lang=lang)
        else:
            days = print_sheets.days_of(session=session, slug=slug)
            chosen = next((d for d in days if d.isoformat() == day), days[0])
            sheet = print_sheets.day_sheet(session=session, slug=slug, day=chosen, by=kind, lang=lang, only=only)
    return to_pdf(sheet_html(sheet))
