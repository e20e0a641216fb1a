"""What every page of one event's workspace shares: the event named by the URL, and what to show
when there is no such event."""

from __future__ import annotations

import reflex as rx

from logistics_app import routes
from logistics_app.domain.errors import NotFound


class EventWorkspace(rx.State, mixin=True):
    """Mixed into the states of /organizar/eventos/<slug>/... pages (each keeps its own copy)."""

    found: bool = True
    slug: str = ""

    def _reload(self) -> None:
        """The page's own data for self.slug (raises NotFound when the event is gone)."""

    def _open_event(self) -> None:
        """Reads the event from the URL and loads the page's data, or marks the event not found."""
        self.slug = routes.workspace_event_slug(self.router.url.path)
        try:
            self._reload()
        except NotFound:
            self.found = False
            return
        self.found = True
