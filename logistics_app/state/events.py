from __future__ import annotations

from datetime import date

import reflex as rx

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.i18n import t
from logistics_app.routes import slug_from_path
from logistics_app.services import feeds
from logistics_app.services.events import event_page, list_events, split_upcoming, venue_page
from logistics_app.settings import get_settings
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
    subscribe: dict[str, str] = {}
    api_url: str = ""

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
        self.subscribe = feeds.subscription(routes.event_feed_path(self.slug))
        self.api_url = get_settings().api_url

    @rx.event
    def choose_day(self, iso: str) -> rx.event.EventSpec:
        return rx.redirect(f"/eventos/{self.slug}?dia={date.fromisoformat(iso).isoformat()}")


def _strings(row: dict[str, object]) -> dict[str, str]:
    return {k: str(v) for k, v in row.items()}


class VenueState(LangState):
    found: bool = True
    loaded: bool = False
    venue: dict[str, str] = {}
    is_online: bool = False
    spaces: list[str] = []
    items: list[dict[str, str]] = []
    showing: str = ""
    subscribe: dict[str, str] = {}
    api_url: str = ""

    @rx.event
    def load(self) -> None:
        slug = slug_from_path(self.router.url.path)
        try:
            with session_scope() as session:
                page = venue_page(session=session, slug=slug, lang=self.lang)
        except NotFound:
            self.found, self.loaded = False, True
            return
        self.found, self.loaded = True, True
        self.venue = {
            "slug": page.slug,
            "name": page.name,
            "address": page.address,
            "place": page.place,
            "zone": page.zone,
            "capacity": page.capacity,
            "accessibility": page.accessibility,
            "url": page.url,
            "map_url": page.map_url,
        }
        self.is_online = page.is_online
        self.spaces = page.spaces
        self.items = [_strings(i.as_dict()) for i in page.items]
        self.showing = (
            t("venue.showing", self.lang, shown=len(page.items), total=page.total)
            if page.total > len(page.items)
            else ""
        )
        self.subscribe = feeds.subscription(routes.venue_feed_path(page.slug))
        self.api_url = get_settings().api_url
