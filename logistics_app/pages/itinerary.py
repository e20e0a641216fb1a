"""Mi itinerario (/mi-itinerario/<token>): a nominee's or presenter's own items, hotel, flights and
seat, in the event's zone, and the subscribe panel for their private calendar."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.layout import page_shell
from logistics_app.components.subscribe import subscribe_panel
from logistics_app.state.itinerary import ItineraryState as S


def _fact(label_key: str, value: rx.Var[Any]) -> rx.Component:
    return rx.hstack(
        rx.text(S.tr[label_key], weight="bold", size="2", min_width="6em"),
        rx.text(value, size="2", flex="1"),
        align="baseline",
        width="100%",
    )


def _trip(trip: rx.Var[Any]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(trip["event"].to(str), size="4", as_="h2"),
            rx.text(trip["zone"].to(str), size="1", color_scheme="gray"),
            _fact("itinerary.arrival", trip["arrival"].to(str)),
            _fact("itinerary.departure", trip["departure"].to(str)),
            _fact("itinerary.hotel", trip["hotel"].to(str)),
            _fact("itinerary.seat", trip["seat"].to(str)),
            spacing="2",
        ),
        class_name="itinerary-trip",
        width="100%",
    )


def _item(item: rx.Var[Any]) -> rx.Component:
    return rx.el.li(
        rx.text(
            item["when"].to(str),
            rx.cond(item["zone"].to(str) != "", " (" + item["zone"].to(str) + ")", ""),
            size="2",
            color_scheme="gray",
        ),
        rx.text(
            item["title"].to(str),
            rx.cond(
                item["cancelled"].to(bool),
                rx.badge(S.tr["itinerary.cancelled"], color_scheme="red", margin_left="0.5em"),
            ),
            weight="medium",
            text_decoration=rx.cond(item["cancelled"].to(bool), "line-through", "none"),
        ),
        rx.cond(item["place"].to(str) != "", rx.text(item["place"].to(str), size="2")),
        class_name="itinerary-item",
        opacity=rx.cond(item["past"].to(bool), "0.6", "1"),
        padding_y="0.5em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        list_style="none",
    )


def itinerary_page() -> rx.Component:
    return page_shell(
        rx.cond(
            S.found,
            rx.vstack(
                rx.heading(S.tr["itinerary.title"], " · ", S.name, size="7", as_="h1", id="itinerary-name"),
                rx.callout(S.tr["itinerary.private"], icon="lock", size="1", color_scheme="amber"),
                rx.foreach(S.trips, _trip),
                rx.heading(S.tr["itinerary.items"], size="5", as_="h2"),
                rx.cond(
                    S.items.length() > 0,
                    rx.el.ul(rx.foreach(S.items, _item), padding="0", margin="0", width="100%"),
                    rx.text(S.tr["itinerary.none"], color_scheme="gray"),
                ),
                subscribe_panel(S.feed, title=S.tr["itinerary.feed"], private=False),
                spacing="4",
                width="100%",
                padding_y="1em",
            ),
            rx.cond(
                S.loaded,
                rx.callout(S.tr["itinerary.invalid"], icon="circle-x", color_scheme="red", id="itinerary-invalid"),
            ),
        ),
        on_lang_change=S.load,
    )
