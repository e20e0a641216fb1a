"""Public pages: a film, an event's nominations by category, the TV guide."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.cards import programme_list, programme_row
from logistics_app.components.layout import not_found, page_column, page_shell
from logistics_app.components.live import live_winners
from logistics_app.state.base import LangState
from logistics_app.state.public import CategoryState, TvState, WorkState


def _nomination(row: rx.Var[Any], *, show_category: bool, show_work: bool = True, live: bool = False) -> rx.Component:
    """A nomination's card; `live` (the nominations page): its winner badge is shown by the live
    stream's style rule (components/live.py), so a reveal or a correction shows without a reload."""
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
            rx.badge(
                rx.icon("award", size=14),
                LangState.tr["awards.winner"],
                color_scheme="amber",
                class_name="winner live-winner",
                display="none",
            )
            if live
            else rx.cond(
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
        data_nomination=row["nomination_id"],
    )


def _group(group: rx.Var[Any]) -> rx.Component:
    """One category: its heading (the jump list's target) and its nominations."""
    return rx.vstack(
        rx.heading(group["name"].to(str), size="5", as_="h2", id=group["slug"].to(str), scroll_margin_top="1em"),
        rx.grid(
            rx.foreach(
                group["nominations"].to(list[dict[str, str]]),
                lambda n: _nomination(n, show_category=False, live=True),
            ),
            columns=rx.breakpoints(initial="1", sm="2", md="3"),
            spacing="2",
            width="100%",
        ),
        width="100%",
        spacing="2",
        class_name="category-group",
    )


def _jump_list() -> rx.Component:
    """Every category, as links that can be told apart: to its heading on this page, or (when the
    page shows one category) to the whole list at that heading."""
    s = CategoryState

    def target(slug: rx.Var[Any]) -> rx.Var[Any]:
        return rx.cond(s.chosen == "", "#" + slug.to(str), routes.categories_url(s.event_slug) + "#" + slug.to(str))

    return rx.el.nav(
        rx.el.ul(
            rx.cond(
                s.chosen != "",
                rx.el.li(rx.link(s.tr["category.all"], href=routes.categories_url(s.event_slug), size="2")),
            ),
            rx.foreach(
                s.categories,
                lambda c: rx.el.li(
                    rx.link(
                        c["name"],
                        href=target(c["slug"]),
                        size="2",
                        weight=rx.cond(s.chosen == c["slug"], "bold", "regular"),
                    ),
                    padding="0.15em 0.6em",
                    border=f"1px solid {rx.color('gray', 6)}",
                    border_radius="9999px",
                    list_style="none",
                ),
            ),
            display="flex",
            flex_wrap="wrap",
            gap="0.4em",
            padding="0",
            margin="0",
        ),
        aria_label=s.tr["category.jump"],
        width="100%",
        id="category-jump",
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
                live_winners(
                    src=routes.live_url(CategoryState.api_url, CategoryState.event_slug),
                    initial=CategoryState.winners,
                    heading=CategoryState.tr["live.heading"],
                    empty=CategoryState.tr["live.empty"],
                    announce=CategoryState.tr["live.announce"],
                    share=CategoryState.tr["live.share"],
                ),
                _jump_list(),
                rx.foreach(CategoryState.groups, _group),
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
