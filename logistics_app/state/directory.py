from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import ValidationFailed
from logistics_app.i18n import t
from logistics_app.queries import directory
from logistics_app.services import catalog
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
            self.venues = directory.venues(session=session, lang=self.lang)

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load_agencies(self) -> None:
        with session_scope() as session:
            self.agencies = directory.agencies(session=session, lang=self.lang)

    @rx.event
    @guarded(Action.VIEW_WORKSPACE)
    def load_people(self) -> None:
        with session_scope() as session:
            self.people = directory.people(session=session, lang=self.lang)


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
