from __future__ import annotations

import reflex as rx

from logistics_app import routes
from logistics_app.components.agenda import agenda_panel
from logistics_app.components.buttons import pager
from logistics_app.components.cards import programme_list
from logistics_app.components.filters import filter_panel
from logistics_app.components.layout import not_found, page_column, page_shell, unavailable_notice
from logistics_app.components.subscribe import subscribe_panel
from logistics_app.state.events import EventState


def _pager() -> rx.Component:
    return rx.cond(
        EventState.pages > 1,
        rx.el.nav(
            pager(
                EventState,
                rx.text(EventState.page_label, size="2"),
                ids=("pagina-anterior", "pagina-siguiente"),
                justify="between",
                align="center",
                width="100%",
            ),
            aria_label=EventState.page_label,
            width="100%",
        ),
    )


def _found() -> rx.Component:
    return page_column(
        rx.link(EventState.tr["event.back"], href=routes.HOME, size="2"),
        rx.badge(EventState.event["kind_label"], variant="soft", size="2"),
        rx.heading(EventState.event["name"], size="8", as_="h1"),
        rx.hstack(
            rx.hstack(
                rx.icon("calendar", size=16, flex_shrink="0"), rx.text(EventState.event["dates"]), align="center"
            ),
            rx.cond(
                EventState.event["city"] != "",
                rx.hstack(
                    rx.icon("map-pin", size=16, flex_shrink="0"), rx.text(EventState.event["city"]), align="center"
                ),
            ),
            rx.cond(
                EventState.event["venue"] != "",
                rx.hstack(
                    rx.icon("building-2", size=16, flex_shrink="0"), rx.text(EventState.event["venue"]), align="center"
                ),
            ),
            wrap="wrap",
            spacing="4",
        ),
        rx.text(EventState.description, color_scheme="gray", max_width="70ch"),
        rx.cond(
            EventState.event["kind"] == "awards_ceremony",
            rx.link(
                rx.hstack(rx.icon("award", size=16), EventState.tr["nav.categories"], align="center"),
                href=routes.categories_url(EventState.slug),
                id="ver-nominaciones",
            ),
        ),
        rx.heading(EventState.tr["event.schedule"], size="6", as_="h2", margin_top="0.5em"),
        filter_panel(),
        rx.hstack(
            rx.text(EventState.result_label, weight="medium", id="resultados", aria_live="polite"),
            rx.cond(
                EventState.hiding_past, rx.text(EventState.tr["programme.hiding_past"], size="2", color_scheme="gray")
            ),
            wrap="wrap",
            align="center",
        ),
        rx.cond(
            EventState.total > 0,
            programme_list(EventState.items, EventState.api_url),
            rx.cond(EventState.loaded, rx.callout(EventState.tr["programme.none"], icon="search-x")),
        ),
        _pager(),
        subscribe_panel(EventState.subscribe),
        agenda_panel(),
    )


def event_detail() -> rx.Component:
    return page_shell(
        rx.cond(
            EventState.unavailable,
            unavailable_notice(),
            rx.cond(
                EventState.found, _found(), not_found(EventState.tr["event.not_found"], EventState.tr["event.back"])
            ),
        ),
        on_lang_change=EventState.load,
    )
