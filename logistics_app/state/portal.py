"""Mi agencia: an agency's shared calendar and private feed, for its coordinators (and organizers)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound
from logistics_app.models import FeedKind
from logistics_app.services import portal, subscriptions
from logistics_app.state.session import SessionState


class PortalState(SessionState):
    agency_slug: str = ""
    agency_name: str = ""
    days: list[dict] = []  # type: ignore[type-arg]
    feed: dict[str, str] = {}  # the private feed's links, shown once after they are made

    def _agency(self) -> tuple[int | None, Any]:
        """The agency to show (?agencia= for organizers, else the coordinator's own), or the refusal."""
        me = self.principal()
        if me is None:
            return None, self.refusal(Action.USE_PORTAL)
        wanted = self.router.url.query_parameters.get("agencia", "")
        agency_id = me.agency_id
        if wanted:
            with session_scope() as session:
                try:
                    agency_id = portal.agency_by_slug(session, wanted).id
                except NotFound:
                    agency_id = -1
        if agency_id is None:  # an organizer without ?agencia= chooses one on the agencies page
            return None, rx.redirect(routes.PLAN_AGENCIES)
        refused = self.refusal(Action.USE_PORTAL, agency_id=agency_id)
        return (None, refused) if refused is not None else (agency_id, None)

    @rx.event
    def load(self) -> Any:
        self.days, self.feed = [], {}
        agency_id, refused = self._agency()
        if agency_id is None:
            self.agency_slug, self.agency_name = "", ""
            return refused
        try:
            with session_scope() as session:
                self.agency_slug, self.agency_name = portal.agency_names(session, agency_id)
                self.days = portal.calendar(session=session, agency_id=agency_id, lang=self.lang)
        except NotFound:
            self.agency_slug, self.agency_name = "", ""
        return None

    @rx.event
    def make_feed_link(self) -> Any:
        """A new private link for the agency's calendar (the previous one stops working)."""
        agency_id, refused = self._agency()
        if agency_id is None:
            return refused
        with session_scope() as session:
            token = subscriptions.issue_token(session=session, kind=FeedKind.AGENCY, owner_id=agency_id, rotate=True)
        self.feed = subscriptions.subscription(routes.private_feed_path(token))
        return None
