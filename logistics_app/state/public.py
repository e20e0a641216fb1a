"""States of the public pages about films, award categories and television."""

from __future__ import annotations

import reflex as rx

from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.queries.works import category_page, tv_guide, work_page
from logistics_app.routes import slug_from_path
from logistics_app.settings import get_settings
from logistics_app.state.base import LangState


class WorkState(LangState):
    found: bool = True
    work: dict[str, str] = {}
    streaming: list[dict[str, str]] = []
    nominations: list[dict[str, str]] = []
    screenings: list[dict[str, str]] = []
    tv: list[dict[str, str]] = []
    api_url: str = ""

    @rx.var
    def page_title(self) -> str:
        return self.work.get("title", "") or "Película"

    @rx.var
    def page_description(self) -> str:
        return self.work.get("synopsis", "")[:300]

    @rx.event
    def load(self) -> None:
        try:
            with session_scope() as session:
                page = work_page(session=session, slug=slug_from_path(self.router.url.path), lang=self.lang)
        except NotFound:
            self.found = False
            return
        self.found = True
        self.work = {
            "title": page.title,
            "year": page.year,
            "director": page.director,
            "minutes": page.minutes,
            "synopsis": page.synopsis,
        }
        self.streaming = [{"name": name, "link": link} for name, link in page.streaming]
        self.nominations = [dict(n.__dict__) for n in page.nominations]
        self.screenings = [r.as_dict() for r in page.screenings]
        self.tv = [r.as_dict() for r in page.tv]
        self.api_url = get_settings().api_url


class CategoryState(LangState):
    found: bool = True
    event_slug: str = ""
    event_name: str = ""
    chosen: str = ""
    categories: list[dict[str, str]] = []
    nominations: list[dict[str, str]] = []
    # The nominations under a heading per category (slug, name, nominations), in ceremony order.
    groups: list[dict[str, object]] = []
    winners: list[str] = []  # the winning nominations when the page was read; the stream follows
    api_url: str = ""

    @rx.event
    def load(self) -> None:
        parts = self.router.url.path.strip("/").split("/")
        slug = parts[1] if len(parts) > 1 else ""
        try:
            with session_scope() as session:
                page = category_page(
                    session=session, event_slug=slug, category=self.router.url.query_parameters.get("categoria", "")
                )
        except NotFound:
            self.found = False
            return
        self.found = True
        self.event_slug, self.event_name, self.chosen = page.event_slug, page.event_name, page.chosen
        self.categories = [{"slug": s, "name": n} for s, n in page.categories]
        self.nominations = [dict(n.__dict__) for n in page.nominations]
        by_slug: dict[str, list[dict[str, str]]] = {}
        for row in self.nominations:
            by_slug.setdefault(row["category_slug"], []).append(row)
        self.groups = [{"slug": s, "name": n, "nominations": by_slug[s]} for s, n in page.categories if s in by_slug]
        self.winners = [row["nomination_id"] for row in self.nominations if row["winner"]]
        self.api_url = get_settings().api_url


class TvState(LangState):
    slots: list[dict[str, str]] = []
    loaded: bool = False

    @rx.event
    def load(self) -> None:
        with session_scope() as session:
            self.slots = [r.as_dict() for r in tv_guide(session=session, lang=self.lang)]
        self.loaded = True
