from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import col, select

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.domain.text import fold
from logistics_app.i18n import t
from logistics_app.models import Agency, AgencyContact, AgencyKind, Person
from logistics_app.queries import directory as directory_views
from logistics_app.services import catalog, directory
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded
from logistics_app.timeutil import zone_choices


class DirectoryState(SessionState):
    """Venues, agencies and people as the organizer reads them."""

    venues: list[dict[str, Any]] = []
    agencies: list[dict[str, Any]] = []
    people: list[dict[str, Any]] = []

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load_venues(self) -> None:
        with session_scope() as session:
            self.venues = directory_views.venues(session=session, lang=self.lang)

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load_agencies(self) -> None:
        with session_scope() as session:
            self.agencies = directory_views.agencies(session=session, lang=self.lang)

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load_people(self) -> None:
        with session_scope() as session:
            self.people = directory_views.people(session=session, lang=self.lang)


class VenueFormState(DirectoryState):
    """The forms to add a venue and a space to it."""

    venue_open: bool = False
    venue_form: dict[str, str] = {}
    form_key: str = "0"  # changes whenever the forms' fields must show new values
    venue_errors: dict[str, str] = {}
    space_venue: str = ""
    space_form: dict[str, str] = {}
    space_errors: dict[str, str] = {}
    zones: list[str] = []
    venue_query: str = ""
    venue_region: str = ""

    @rx.var
    def shown_venues(self) -> list[dict[str, Any]]:
        """The venues matching the search (name, address, city, state; accents and case aside)
        and the chosen state."""
        words = fold(self.venue_query).split()
        return [
            v
            for v in self.venues
            if (not self.venue_region or v.get("state") == self.venue_region)
            and all(word in str(v.get("search", "")) for word in words)
        ]

    @rx.var
    def venue_regions(self) -> list[str]:
        return sorted({str(v["state"]) for v in self.venues if v.get("state")})

    @rx.event
    def set_venue_query(self, value: str) -> None:
        self.venue_query = str(value)[:100]

    @rx.event
    def set_venue_region(self, value: str) -> None:
        self.venue_region = str(value)[:100]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def open_venue(self) -> None:
        self.venue_form, self.venue_errors, self.venue_open = {"timezone": ""}, {}, True
        self.form_key = str(int(self.form_key) + 1)
        if not self.zones:
            self.zones = zone_choices()

    @rx.event
    def close_venue(self) -> None:
        self.venue_open = False

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def set_venue_field(self, name: str, value: str | bool) -> None:
        """Validates as the organizer types; a slug or name not typed yet is not an error yet."""
        self.venue_form = {**self.venue_form, name: ("1" if value else "") if isinstance(value, bool) else value}
        with session_scope() as session:
            problems = catalog.check_venue_form(session=session, form=self.venue_form)
        self.venue_errors = {e.field: e.message(self.lang) for e in reversed(problems) if e.field in self.venue_form}

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def save_venue(self) -> list[EventSpec] | None:
        try:
            with session_scope() as session:
                catalog.save_venue_form(session=session, form=self.venue_form)
        except ValidationFailed as failed:
            self.venue_errors = failed.messages(self.lang)
            return None
        self.venue_open = False
        return [VenueFormState.load_venues, rx.toast(t("plan.saved", self.lang))]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def open_space(self, venue_slug: str) -> None:
        self.space_venue, self.space_form, self.space_errors = venue_slug, {}, {}
        self.form_key = str(int(self.form_key) + 1)

    @rx.event
    def close_space(self) -> None:
        self.space_venue = ""

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def set_space_field(self, name: str, value: str | bool) -> None:
        self.space_form = {**self.space_form, name: ("1" if value else "") if isinstance(value, bool) else value}

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def save_space(self) -> list[EventSpec] | None:
        try:
            with session_scope() as session:
                catalog.save_space_form(session=session, venue_slug=self.space_venue, form=self.space_form)
        except ValidationFailed as failed:
            self.space_errors = failed.messages(self.lang)
            return None
        self.space_venue = ""
        return [VenueFormState.load_venues, rx.toast(t("plan.saved", self.lang))]


class DirectoryEditState(DirectoryState):
    """Organizers keep agencies (with their contacts) and people: one dialog for each kind of
    entry, archiving, and merging a duplicate into the entry that stays."""

    dialog: str = ""  # "agency", "contact", "person" or ""
    edit_id: str = ""  # the entry edited ("" for a new one)
    parent_id: str = ""  # a contact's agency
    form: dict[str, str] = {}
    form_key: str = "0"
    errors: dict[str, str] = {}
    agency_kinds: list[dict[str, str]] = []
    agency_choices: list[dict[str, str]] = []
    merge_kind: str = ""
    merge_drop: str = ""
    merge_keep: str = ""
    removing: dict[str, str] = {}  # the contact whose removal waits for a yes

    def _choices(self) -> None:
        self.agency_kinds = [{"value": k.value, "label": t(f"agency.{k}", self.lang)} for k in AgencyKind]
        with session_scope() as session:
            rows = session.exec(
                select(Agency.id, Agency.name).where(col(Agency.archived_at).is_(None)).order_by(col(Agency.name))
            ).all()
        self.agency_choices = [{"value": str(i), "label": name} for i, name in rows]

    def _open(self, dialog: str, form: dict[str, str], edit_id: str = "", parent_id: str = "") -> None:
        self._choices()
        self.dialog, self.form, self.errors, self.edit_id, self.parent_id = dialog, form, {}, edit_id, parent_id
        self.form_key = str(int(self.form_key) + 1)

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def open_agency(self, agency_id: str = "") -> None:
        with session_scope() as session:
            agency = session.get(Agency, int_or(agency_id, -1)) if agency_id else None
            self._open("agency", directory.agency_form(agency), str(agency.id) if agency else "")

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def open_contact(self, agency_id: str, contact_id: str = "") -> None:
        with session_scope() as session:
            contact = session.get(AgencyContact, int_or(contact_id, -1)) if contact_id else None
            form = {"name": "", "role": "", "email": "", "phone": "", "lang": "es"}
            if contact is not None:
                form = {k: str(getattr(contact, k)) for k in form}
            self._open("contact", form, str(contact.id) if contact else "", str(agency_id))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def open_person(self, person_id: str = "") -> None:
        with session_scope() as session:
            person = session.get(Person, int_or(person_id, -1)) if person_id else None
            self._open("person", directory.person_form(person), str(person.id) if person else "")

    @rx.event
    def close_dialog(self) -> None:
        self.dialog, self.merge_kind = "", ""

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def save(self, form: dict[str, str]) -> EventSpec | None:
        edit_id = int_or(self.edit_id, -1) if self.edit_id else None
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                if self.dialog == "agency":
                    directory.save_agency(session=session, form=form, agency_id=edit_id)
                elif self.dialog == "contact":
                    directory.save_contact(
                        session=session, agency_id=int_or(self.parent_id, -1), form=form, contact_id=edit_id
                    )
                elif self.dialog == "person":
                    directory.save_person(session=session, form=form, person_id=edit_id)
                else:
                    return None
        except ValidationFailed as failed:
            self.form, self.errors = {**self.form, **form}, failed.messages(self.lang)
            return None
        except NotFound:
            self.dialog = ""
            self._reload_all()
            return rx.toast.error(t("directory.gone", self.lang))
        self.dialog = ""
        self._reload_all()
        return rx.toast(t("directory.saved", self.lang, name=str(form.get("name", "")).strip()))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def ask_remove_contact(self, agency_id: str, contact_id: str, name: str) -> None:
        self.removing = {"agency": str(agency_id), "contact": str(contact_id), "name": str(name)[:200]}

    @rx.event
    def keep_contact(self) -> None:
        self.removing = {}

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def remove_contact(self) -> EventSpec | None:
        removing, self.removing = self.removing, {}
        if not removing:
            return None
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                directory.remove_contact(
                    session=session,
                    agency_id=int_or(removing.get("agency", ""), -1),
                    contact_id=int_or(removing.get("contact", ""), -1),
                )
        except NotFound:
            pass
        self._reload_all()
        return rx.toast(t("directory.contact_removed", self.lang, name=removing.get("name", "")))

    @rx.var
    def remove_question(self) -> str:
        return t("directory.remove_contact", self.lang, name=self.removing.get("name", ""))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def set_archived(self, kind: str, row_id: str, archived: bool) -> EventSpec | None:
        model = _MODELS.get(kind)
        if model is None:
            return None
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                directory.set_archived(session=session, model=model, row_id=int_or(row_id, -1), archived=bool(archived))
        except NotFound:
            return rx.toast.error(t("directory.gone", self.lang))
        self._reload_all()
        return rx.toast(t("directory.archived" if archived else "directory.restored", self.lang))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def ask_merge(self, kind: str, drop_id: str) -> None:
        if kind in _MODELS:
            self._choices()
            self.merge_kind, self.merge_drop, self.merge_keep = kind, str(drop_id), ""

    @rx.event
    def set_merge_keep(self, value: str) -> None:
        self.merge_keep = str(value)[:20]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def merge(self) -> EventSpec | None:
        """Merges the duplicate into the entry kept (every table that refers to it: a worker thread)."""
        model = _MODELS.get(self.merge_kind)
        if model is None or not self.merge_keep:
            return None
        keep, drop = int_or(self.merge_keep, -1), int_or(self.merge_drop, -1)
        try:
            await asyncio.to_thread(_merge, model, keep, drop, self._actor_id())
        except ValidationFailed as failed:
            return rx.toast.error(" ".join(failed.messages(self.lang).values()))
        except NotFound:
            return rx.toast.error(t("directory.gone", self.lang))
        self.merge_kind = ""
        self._reload_all()
        return rx.toast(t("directory.merged", self.lang))

    def _reload_all(self) -> None:
        with session_scope() as session:
            if self.router.url.path.rstrip("/").endswith(routes.PLAN_PEOPLE):
                self.people = directory_views.people(session=session, lang=self.lang)
            else:
                self.agencies = directory_views.agencies(session=session, lang=self.lang)

    @rx.var
    def merge_choices(self) -> list[dict[str, str]]:
        rows = self.people if self.merge_kind == "person" else self.agencies
        return [
            {"value": str(r["id"]), "label": str(r["name"])}
            for r in rows
            if str(r["id"]) != self.merge_drop and not r.get("archived")
        ]


_MODELS: dict[str, type[Agency] | type[Person]] = {"agency": Agency, "person": Person}


def _merge(model: type[Agency] | type[Person], keep: int, drop: int, actor: int | None) -> None:
    with session_scope(actor_id=actor) as session:
        directory.merge(session=session, model=model, keep_id=keep, drop_id=drop)
