from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.cards import event_card
from logistics_app.components.layout import page_column, page_shell, unavailable_notice
from logistics_app.state.events import HomeState


def _grid(cards: rx.Var[Any]) -> rx.Component:
    return rx.grid(
        rx.foreach(cards, event_card), columns=rx.breakpoints(initial="1", sm="2"), spacing="4", width="100%"
    )


def home() -> rx.Component:
    has_upcoming, has_past = HomeState.upcoming.length() > 0, HomeState.past.length() > 0
    return page_shell(
        rx.cond(HomeState.unavailable, unavailable_notice()),
        page_column(
            # With nothing ahead, the page opens on the most recent events rather than an empty list.
            rx.heading(
                rx.cond(has_upcoming | ~has_past, HomeState.tr["home.upcoming"], HomeState.tr["home.recent"]),
                size="7",
                as_="h1",
            ),
            rx.cond(
                has_upcoming,
                _grid(HomeState.upcoming),
                rx.cond(
                    has_past,
                    rx.text(HomeState.tr["home.none_upcoming"], color_scheme="gray"),
                    rx.cond(HomeState.loaded, rx.text(HomeState.tr["home.none"], color_scheme="gray")),
                ),
            ),
            rx.cond(
                has_past,
                rx.vstack(
                    rx.cond(has_upcoming, rx.heading(HomeState.tr["home.past"], size="6", as_="h2", margin_top="1em")),
                    _grid(HomeState.past),
                    width="100%",
                ),
            ),
            spacing="4",
        ),
        on_lang_change=HomeState.load,
    )
