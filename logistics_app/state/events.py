from __future__ import annotations

from datetime import date

import reflex as rx

from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.routes import slug_from_path
from logistics_app.services.events import event_page, list_events, split_upcoming
from logistics_app.state.base import LangState
from logistics_app.timeutil import now_utc


class HomeState(LangState):
    upcoming: list[dict[str, str]] = []
    past: list[dict[str, str]] = []
    loaded: bool = False

    @rx.event
    def load(self) -> None:
        with session_scope() as session:
            cards = list_events(session=session, lang=self.lang)
        upcoming, past = split_upcoming(cards, now_utc().date())
        self.upcoming = [_strings(c.as_dict()) for c in upcoming]
        self.past = [_strings(c.as_dict()) for c in past]
        self.loaded = True


class EventState(LangState):
    found: bool = True
    loaded: bool = False
    slug: str = ""
    event: dict[str, str] = {}
    description: str = ""
    zone: str = ""
    days: list[dict[str, str]] = []
    day: str = ""
    day_label: str = ""
    items: list[dict[str, str]] = []

    @rx.event
    def load(self) -> None:
        self.slug = slug_from_path(self.router.url.path)
        day = self.router.url.query_parameters.get("dia")
        try:
            with session_scope() as session:
                page = event_page(session=session, slug=self.slug, day=day, lang=self.lang, now=now_utc())
        except NotFound:
            self.found, self.loaded = False, True
            return
        self.found, self.loaded = True, True
        self.event = _strings(page.card.as_dict())
        self.description = page.description
        self.zone = page.zone
        self.days = [{"iso": d.iso, "label": d.label, "chip": d.chip, "count": str(d.count)} for d in page.days]
        self.day, self.day_label = page.day, page.day_label
        self.items = [_strings(i.as_dict()) for i in page.items]

    @rx.event
    def choose_day(self, iso: str) -> rx.event.EventSpec:
        return rx.redirect(f"/eventos/{self.slug}?dia={date.fromisoformat(iso).isoformat()}")


def _strings(row: dict[str, object]) -> dict[str, str]:
    return {k: str(v) for k, v in row.items()}
