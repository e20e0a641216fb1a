"""Mi agencia: an agency's shared calendar and private feed, for its coordinators (and organizers)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.access import Action, Principal
from logistics_app.domain.errors import Forbidden, NotFound, ValidationFailed
from logistics_app.domain.text import to_int
from logistics_app.i18n import t
from logistics_app.queries import portal
from logistics_app.services import deliverables, subscriptions
from logistics_app.state.session import SessionState


class PortalState(SessionState):
    agency_slug: str = ""
    agency_name: str = ""
    days: list[dict[str, Any]] = []
    feed: dict[str, str] = {}  # the private feed's links, shown once after they are made
    deliverables: list[dict[str, str]] = []
    statuses: list[dict[str, str]] = []
    roles: list[dict[str, str]] = []
    crew: list[dict[str, str]] = []
    shortfalls: list[str] = []
    errors: dict[str, str] = {}
    crew_errors: dict[str, str] = {}
    since_visit: list[dict[str, str]] = []
    links: list[dict[str, str]] = []  # the agency's private calendar links in use
    link_error: str = ""
    link_form_key: int = 0  # a new key empties the link form once a link is made

    def _agency(self) -> tuple[int, Principal, None] | tuple[None, None, Any]:
        """The agency to show (?agencia= for organizers, else the coordinator's own) and who asks,
        or the refusal to answer with."""
        me = self._principal()
        if me is None:
            return None, None, self._refusal(Action.USE_PORTAL)
        wanted = self.router.url.query_parameters.get("agencia", "")
        agency_id = me.agency_id
        if wanted:
            with session_scope() as session:
                try:
                    agency_id = portal.agency_by_slug(session=session, slug=wanted).id
                except NotFound:
                    agency_id = -1
        if agency_id is None:  # an organizer without ?agencia= chooses one on the agencies page
            return None, None, rx.redirect(routes.PLAN_AGENCIES)
        refused = self._refusal(Action.USE_PORTAL, agency_id=agency_id)
        return (None, None, refused) if refused is not None else (agency_id, me, None)

    @rx.event
    def load(self) -> Any:
        self.days, self.feed, self.since_visit = [], {}, []
        agency_id, me, refused = self._agency()
        if agency_id is None or me is None:
            self.agency_slug, self.agency_name = "", ""
            return refused
        try:
            with session_scope() as session:
                self.agency_slug, self.agency_name = portal.agency_names(session=session, agency_id=agency_id)
                self.days = portal.calendar(session=session, agency_id=agency_id, lang=self.lang)
                if me.agency_id == agency_id:  # an organizer looking in is not a visit
                    self.since_visit = portal.changes_since_last_visit(
                        session=session, agency_id=agency_id, user_id=me.user_id, lang=self.lang
                    )
            self._load_work(agency_id)
            self._load_links(agency_id)
        except NotFound:
            self.agency_slug, self.agency_name = "", ""
        return None

    def _load_work(self, agency_id: int) -> None:
        with session_scope() as session:
            self.deliverables = deliverables.of_agency(session=session, agency_id=agency_id, lang=self.lang)
            self.crew = deliverables.crew(session=session, agency_id=agency_id, lang=self.lang)
            self.shortfalls = deliverables.shortfalls(session=session, agency_id=agency_id, lang=self.lang)
        words = deliverables.vocabulary(self.lang)
        self.statuses, self.roles = words["statuses"], words["roles"]

    @rx.event
    def update_deliverable(self, form: dict[str, str]) -> Any:
        """Status, notes and blocked reason of one of the agency's deliverables (the service checks whose)."""
        agency_id, me, refused = self._agency()
        if agency_id is None or me is None:
            return refused
        try:
            with session_scope() as session:
                deliverables.update(
                    session=session,
                    actor=me,
                    deliverable_id=to_int(form.get("id")) or -1,
                    status=form.get("status", ""),
                    notes=form.get("notes", ""),
                    blocked_reason=form.get("blocked_reason", ""),
                    expected_version=to_int(form.get("version")),
                )
        except (Forbidden, NotFound):
            return rx.toast.error(t("auth.forbidden", self.lang))
        except ValidationFailed as failed:
            return rx.toast.error(" ".join(failed.messages(self.lang).values()))
        self._load_work(agency_id)
        return rx.toast(t("deliverable.saved", self.lang))

    @rx.event
    def save_crew(self, form: dict[str, str]) -> Any:
        agency_id, me, refused = self._agency()
        if agency_id is None or me is None:
            return refused
        try:
            with session_scope() as session:
                deliverables.set_crew(
                    session=session,
                    actor=me,
                    agency_id=agency_id,
                    day=form.get("day", ""),
                    role=form.get("role", ""),
                    people=form.get("people", ""),
                )
        except Forbidden:
            return rx.toast.error(t("auth.forbidden", self.lang))
        except ValidationFailed as failed:
            self.crew_errors = failed.messages(self.lang)
            return None
        self.crew_errors = {}
        self._load_work(agency_id)
        return None

    def _load_links(self, agency_id: int) -> None:
        with session_scope() as session:
            self.links = portal.agency_links(session=session, agency_id=agency_id, lang=self.lang)

    @rx.event
    def make_feed_link(self, form: dict[str, str]) -> Any:
        """A private link of the agency's calendar for one person or device (the others keep working)."""
        agency_id, me, refused = self._agency()
        if agency_id is None or me is None:
            return refused
        try:
            with session_scope() as session:
                token = subscriptions.make_agency_link(
                    session=session, agency_id=agency_id, label=str(form.get("label", "")), created_by=me.user_id
                )
        except ValidationFailed as failed:
            self.link_error = failed.messages(self.lang).get("label", "")
            return None
        self.link_error, self.link_form_key = "", self.link_form_key + 1
        self.feed = subscriptions.subscription(routes.private_feed_path(token))
        self._load_links(agency_id)
        return None

    @rx.event
    def revoke_feed_link(self, link_id: str) -> Any:
        """Ends one of the agency's links; a calendar using it stops updating."""
        agency_id, _, refused = self._agency()
        if agency_id is None:
            return refused
        try:
            with session_scope() as session:
                subscriptions.revoke_agency_link(session=session, agency_id=agency_id, link_id=to_int(link_id) or -1)
        except NotFound:
            return rx.toast.error(t("portal.link_gone", self.lang))
        self.feed = {}
        self._load_links(agency_id)
        return rx.toast(t("portal.link_revoked", self.lang))
