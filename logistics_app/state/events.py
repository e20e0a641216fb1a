from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec
from sqlalchemy.exc import OperationalError

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.domain.text import to_int
from logistics_app.i18n import t
from logistics_app.queries.events import event_card, list_events, split_upcoming, venue_page
from logistics_app.queries.programme import FACETS, PARAMS, ProgrammeQuery, programme
from logistics_app.routes import slug_from_path
from logistics_app.services import subscriptions
from logistics_app.settings import get_settings
from logistics_app.state.base import LangState
from logistics_app.timeutil import is_valid_zone, now_utc


class HomeState(LangState):
    upcoming: list[dict[str, str]] = []
    past: list[dict[str, str]] = []
    loaded: bool = False
    unavailable: bool = False  # the database did not answer

    @rx.event
    def load(self) -> None:
        try:
            with session_scope() as session:
                cards = list_events(session=session, lang=self.lang)
        except OperationalError:
            self.unavailable, self.loaded = True, True
            return
        self.unavailable = False
        upcoming, past = split_upcoming(cards, now_utc())
        self.upcoming = [_strings(c.as_dict()) for c in upcoming]
        self.past = [_strings(c.as_dict()) for c in past]
        self.loaded = True


class EventState(LangState):
    """An event's public programme; every filter lives in the URL."""

    found: bool = True
    loaded: bool = False
    unavailable: bool = False  # the database did not answer
    slug: str = ""
    event: dict[str, str] = {}
    description: str = ""
    filters: dict[str, str] = {}
    # Every facet present from the start: the page reads their lengths before the first load.
    facets: dict[str, list[dict[str, str]]] = {name: [] for name in FACETS}
    items: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    pages: int = 1
    hiding_past: bool = False
    running: bool = False
    subscribe: dict[str, str] = {}
    api_url: str = ""
    visitor_zone: str = ""

    @rx.var
    def result_label(self) -> str:
        return t("programme.results", self.lang, count=self.total)

    @rx.var
    def active_filters(self) -> int:
        return sum(
            1 for key in ("dia", "estado", "ciudad", "sede", "tipo", "pelicula", "categoria") if self.filters.get(key)
        )

    @rx.var
    def filters_summary(self) -> str:
        return t("programme.more_filters", self.lang, count=self.active_filters)

    @rx.var
    def page_label(self) -> str:
        return t("programme.page", self.lang, page=self.page, pages=self.pages)

    @rx.var
    def page_title(self) -> str:
        name = self.event.get("name", "")
        return f"{name} · {t('event.schedule', self.lang)}" if name else t("app.title", self.lang)

    @rx.var
    def page_description(self) -> str:
        parts = (self.event.get("dates", ""), self.event.get("city", ""), self.description)
        return " · ".join(p for p in parts if p)[:300]

    def _query(self) -> ProgrammeQuery:
        return ProgrammeQuery.from_params(self.router.url.query_parameters)

    @rx.event
    def load(self) -> EventSpec | None:
        self.slug = slug_from_path(self.router.url.path)
        query = self._query()
        try:
            with session_scope() as session:
                card, self.description = event_card(session=session, slug=self.slug, lang=self.lang)
                page = programme(
                    session=session,
                    slug=self.slug,
                    query=query,
                    lang=self.lang,
                    visitor_zone=self.visitor_zone or card.timezone,
                )
        except NotFound:
            self.found, self.loaded = False, True
            return None
        except OperationalError:
            self.unavailable, self.loaded = True, True
            return None
        self.found, self.loaded, self.unavailable = True, True, False
        self.event = _strings(card.as_dict())
        self.filters = {param: str(value) for param, value in page.query.to_params(page=page.query.page).items()}
        self.facets = {k: [{"value": o.value, "label": o.label} for o in v] for k, v in page.facets.items()}
        self.items = [row.as_dict() for row in page.items]
        self.total, self.page, self.pages = page.total, page.query.page, page.pages
        self.hiding_past, self.running = page.hiding_past, page.running
        self.subscribe = subscriptions.subscription(routes.event_feed_path(self.slug))
        self.api_url = get_settings().api_url
        if not self.visitor_zone:
            return rx.call_script("Intl.DateTimeFormat().resolvedOptions().timeZone", callback=EventState.set_zone)
        return None

    @rx.event
    def set_zone(self, zone: str) -> EventSpec | None:
        """The visitor's own zone, from the browser: times elsewhere then carry their zone's name."""
        if not is_valid_zone(zone) or zone == self.visitor_zone:
            return None
        self.visitor_zone = zone
        return EventState.load  # type: ignore[return-value]  # an rx.event handler: mypy sees EventNamespace

    @rx.event
    def set_filter(self, name: str, value: str) -> EventSpec:
        if name not in PARAMS or name in ("page", "show_past"):
            return rx.noop()
        return rx.redirect(self._query().url(self.slug, **{name: value}))

    @rx.event
    def search(self, form: dict[str, str]) -> EventSpec:
        return rx.redirect(self._query().url(self.slug, text=(form.get("q") or "").strip()[:200]))

    @rx.event
    def show_past(self, show: bool) -> EventSpec:
        return rx.redirect(self._query().url(self.slug, show_past=bool(show)))

    @rx.event
    def go_to_page(self, page: int | str) -> EventSpec:
        return rx.redirect(self._query().url(self.slug, page=max(1, min(to_int(page, 1) or 1, self.pages))))

    @rx.event
    def clear_filters(self) -> EventSpec:
        return rx.redirect(routes.event_url(self.slug))


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
        self.items = [row.as_dict() for row in page.items]
        self.showing = (
            t("venue.showing", self.lang, shown=len(page.items), total=page.total)
            if page.total > len(page.items)
            else ""
        )
        self.subscribe = subscriptions.subscription(routes.venue_feed_path(page.slug))
        self.api_url = get_settings().api_url


def _strings(row: dict[str, object]) -> dict[str, str]:
    return {k: str(v) for k, v in row.items()}
