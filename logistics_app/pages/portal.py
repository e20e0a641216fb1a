"""Mi agencia: the agency's calendar by day, and its private feed."""

from __future__ import annotations

import reflex as rx

from logistics_app.components.account import account_bar
from logistics_app.components.layout import page_shell
from logistics_app.components.subscribe import subscribe_panel
from logistics_app.state.portal import PortalState as S


def _item(item: rx.Var) -> rx.Component:  # type: ignore[type-arg]
    return rx.hstack(
        rx.text(item["time"], weight="bold", size="2", min_width="7.5em"),
        rx.vstack(
            rx.text(item["title"], size="2", weight="medium"),
            rx.text(item["event"], " · ", item["venue"], size="1", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        rx.badge(
            item["role_label"],
            color_scheme=rx.match(item["role"], ("lead", "violet"), ("support", "blue"), "gray"),
            variant="soft",
        ),
        rx.cond(item["status"] != "confirmed", rx.badge(item["status_label"], color_scheme="amber", variant="outline")),
        width="100%",
        align="center",
        padding_y="0.3em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="portal-item",
    )


def _feed() -> rx.Component:
    return rx.cond(
        S.feed.contains("https"),
        subscribe_panel(S.feed, title=S.tr["portal.feed"], private=True),
        rx.card(
            rx.vstack(
                rx.heading(S.tr["portal.feed"], size="4", as_="h2"),
                rx.text(S.tr["portal.feed_intro"], size="2"),
                rx.button(
                    rx.icon("link", size=14), S.tr["portal.make_link"], on_click=S.make_feed_link, id="make-feed"
                ),
                spacing="2",
            ),
            width="100%",
        ),
    )


def agency_portal() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(S.tr["portal.title"], " · ", S.agency_name, size="7", as_="h1"),
            account_bar(),
            rx.cond(
                S.agency_name != "",
                rx.vstack(
                    _feed(),
                    rx.heading(S.tr["portal.calendar"], size="5", as_="h2"),
                    rx.foreach(
                        S.days,
                        lambda day: rx.box(
                            rx.heading(day["label"].to(str), size="3", as_="h3", padding_top="0.6em"),
                            rx.foreach(day["items"].to(list[dict[str, str]]), _item),
                            width="100%",
                        ),
                    ),
                    spacing="3",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
            padding_bottom="3em",
        ),
        on_lang_change=S.load,
    )
