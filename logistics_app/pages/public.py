"""Public pages: a film, an event's nominations by category, the TV guide."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.cards import programme_list, programme_row
from logistics_app.components.layout import not_found, page_column, page_shell
from logistics_app.state.base import LangState
from logistics_app.state.public import CategoryState, TvState, WorkState


def _nomination(row: rx.Var[Any], *, show_category: bool, show_work: bool = True) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.cond(
                show_category,
                rx.link(
                    row["category"],
                    href=routes.categories_url(row["event_slug"], row["category_slug"]),
                    weight="medium",
                ),
            ),
            rx.cond(
                show_work,
                rx.cond(
                    row["work_slug"] != "",
                    rx.link(row["work_title"], href=routes.work_url(row["work_slug"]), weight="medium", size="3"),
                    rx.text(row["work_title"], weight="medium", size="3"),
                ),
            ),
            rx.cond(row["nominees"] != "", rx.text(row["nominees"], size="2")),
            rx.text(row["director"], " ", row["year"], size="1", color_scheme="gray"),
            rx.cond(
                row["winner"] != "",
                rx.badge(
                    rx.icon("award", size=14), LangState.tr["awards.winner"], color_scheme="amber", class_name="winner"
                ),
            ),
            spacing="1",
            align="start",
        ),
        width="100%",
        class_name="nomination",
    )


def _if_any(rows: rx.Var[Any], title: rx.Var[Any], *content: rx.Component, **props: Any) -> rx.Component:
    """A part of a film's page under its heading, shown only when `rows` holds anything."""
    return rx.cond(rows.length() > 0, rx.vstack(rx.heading(title, size="5", as_="h2"), *content, **props))


def work_detail() -> rx.Component:
    w = WorkState.work
    return page_shell(
        rx.cond(
            WorkState.found,
            page_column(
                rx.link(WorkState.tr["event.back"], href=routes.HOME, size="2"),
                rx.heading(w["title"], size="8", as_="h1"),
                rx.hstack(
                    rx.cond(
                        w["director"] != "", rx.text(WorkState.tr["work.director"].replace("{director}", w["director"]))
                    ),
                    rx.cond(w["year"] != "", rx.badge(w["year"], variant="soft")),
                    rx.cond(
                        w["minutes"] != "",
                        rx.badge(WorkState.tr["work.minutes"].replace("{minutes}", w["minutes"]), variant="soft"),
                    ),
                    wrap="wrap",
                    align="center",
                ),
                rx.text(w["synopsis"], max_width="70ch"),
                _if_any(
                    WorkState.streaming,
                    WorkState.tr["work.watch"],
                    rx.hstack(
                        rx.foreach(
                            WorkState.streaming,
                            lambda s: rx.link(rx.button(s["name"], variant="soft"), href=s["link"], is_external=True),
                        ),
                        wrap="wrap",
                    ),
                ),
                _if_any(
                    WorkState.nominations,
                    WorkState.tr["work.nominations"],
                    rx.grid(
                        rx.foreach(
                            WorkState.nominations, lambda n: _nomination(n, show_category=True, show_work=False)
                        ),
                        columns=rx.breakpoints(initial="1", sm="2"),
                        spacing="2",
                        width="100%",
                    ),
                    width="100%",
                ),
                _if_any(
                    WorkState.tv,
                    WorkState.tr["work.tv"],
                    rx.foreach(WorkState.tv, lambda item: programme_row(item, WorkState.api_url)),
                    spacing="0",
                    width="100%",
                ),
                rx.heading(WorkState.tr["work.screenings"], size="5", as_="h2"),
                programme_list(WorkState.screenings, WorkState.api_url),
            ),
            not_found(WorkState.tr["work.not_found"]),
        ),
        on_lang_change=WorkState.load,
    )


def categories() -> rx.Component:
    return page_shell(
        rx.cond(
            CategoryState.found,
            page_column(
                rx.link(CategoryState.event_name, href=routes.event_url(CategoryState.event_slug), size="2"),
                rx.heading(CategoryState.tr["nav.categories"], " · ", CategoryState.event_name, size="7", as_="h1"),
                rx.flex(
                    rx.link(
                        CategoryState.tr["category.all"],
                        href=routes.categories_url(CategoryState.event_slug),
                        size="2",
                        weight=rx.cond(CategoryState.chosen == "", "bold", "regular"),
                    ),
                    rx.foreach(
                        CategoryState.categories,
                        lambda c: rx.link(
                            c["name"],
                            href=routes.categories_url(CategoryState.event_slug, c["slug"]),
                            size="2",
                            weight=rx.cond(CategoryState.chosen == c["slug"], "bold", "regular"),
                        ),
                    ),
                    wrap="wrap",
                    gap="3",
                    role="navigation",
                ),
                rx.grid(
                    rx.foreach(
                        CategoryState.nominations, lambda n: _nomination(n, show_category=CategoryState.chosen == "")
                    ),
                    columns=rx.breakpoints(initial="1", sm="2", md="3"),
                    spacing="2",
                    width="100%",
                ),
            ),
            not_found(CategoryState.tr["category.not_found"]),
        ),
        on_lang_change=CategoryState.load,
    )


def tv() -> rx.Component:
    return page_shell(
        page_column(
            rx.heading(TvState.tr["tv.title"], size="8", as_="h1"),
            rx.text(TvState.tr["tv.intro"], color_scheme="gray"),
            rx.cond(
                TvState.slots.length() > 0,
                programme_list(TvState.slots, ""),
                rx.cond(TvState.loaded, rx.text(TvState.tr["tv.none"])),
            ),
        ),
        on_lang_change=TvState.load,
    )
