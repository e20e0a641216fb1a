from __future__ import annotations

import reflex as rx

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.models import FeedKind
from logistics_app.services import subscriptions
from logistics_app.state.base import LangState


class AgendaState(LangState):
    """An attendee's own selection ("mi agenda"), kept in the browser; no account needed."""

    # Space-separated UIDs of the starred items, and the private token of their feed.
    agenda: str = rx.LocalStorage("", name="agenda", sync=True)
    agenda_token: str = rx.LocalStorage("", name="agenda_token", sync=True)

    @rx.var
    def starred(self) -> list[str]:
        return self.agenda.split()

    @rx.var
    def agenda_count(self) -> int:
        return len(self.agenda.split())

    @rx.var
    def agenda_links(self) -> dict[str, str]:
        return subscriptions.subscription(routes.private_feed_path(self.agenda_token)) if self.agenda_token else {}

    @rx.event
    def toggle_star(self, uid: str) -> None:
        uid = str(uid)[:64]
        uids = self.agenda.split()
        if uid in uids:
            uids.remove(uid)
        elif len(uids) < subscriptions.MAX_AGENDA and uid.strip() == uid and uid:
            uids.append(uid)
        self.agenda = " ".join(uids)
        if self.agenda_token:
            try:
                with session_scope() as session:
                    subscriptions.set_selection(session=session, token=self.agenda_token, uids=uids)
            except NotFound:
                self.agenda_token = ""

    @rx.event
    def create_calendar(self) -> None:
        """The agenda's feed: one per browser (asking again keeps the one it has)."""
        self._create_calendar()

    def _create_calendar(self) -> None:
        if self.agenda_token:
            return
        with session_scope() as session:
            self.agenda_token = subscriptions.issue_token(
                session=session, kind=FeedKind.SELECTION, uids=self.agenda.split()
            )

    @rx.event
    def rotate_link(self) -> None:
        """A new private link for the same selection; the old one stops working. Only an agenda's
        link: an agency's or a person's feed URL set here is refused (and forgotten)."""
        try:
            with session_scope() as session:
                self.agenda_token = subscriptions.rotate_token(
                    session=session, token=self.agenda_token, kind=FeedKind.SELECTION
                )
        except NotFound:
            self.agenda_token = ""
            self._create_calendar()
