from __future__ import annotations

import reflex as rx

from logistics_app.components.cards import event_card
from logistics_app.components.layout import page_shell
from logistics_app.state.events import HomeState


def _grid(cards: rx.Var) -> rx.Component:  # type: ignore[type-arg]
    return rx.grid(
        rx.foreach(cards, event_card), columns=rx.breakpoints(initial="1", sm="2"), spacing="4", width="100%"
    )


def home() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(HomeState.tr["home.upcoming"], size="7", as_="h1"),
            rx.cond(
                HomeState.upcoming.length() > 0,
                _grid(HomeState.upcoming),
                rx.cond(HomeState.loaded, rx.text(HomeState.tr["home.none"], color_scheme="gray")),
            ),
            rx.cond(
                HomeState.past.length() > 0,
                rx.vstack(
                    rx.heading(HomeState.tr["home.past"], size="6", as_="h2", margin_top="1em"),
                    _grid(HomeState.past),
                    width="100%",
                ),
            ),
            spacing="4",
            width="100%",
            padding_bottom="3em",
        ),
        on_lang_change=HomeState.load,
    )
