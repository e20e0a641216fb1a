from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.state.agenda import AgendaState
from logistics_app.state.base import LangState


def event_card(card: rx.Var[Any]) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                rx.badge(card["kind_label"], variant="soft", size="2"),
                rx.heading(card["name"], size="5", as_="h3"),
                rx.hstack(
                    rx.icon("calendar", size=16, flex_shrink="0"), rx.text(card["dates"], size="2"), align="center"
                ),
                rx.cond(
                    card["city"] != "",
                    rx.hstack(
                        rx.icon("map-pin", size=16, flex_shrink="0"), rx.text(card["city"], size="2"), align="center"
                    ),
                ),
                rx.cond(
                    card["venue"] != "",
                    rx.hstack(
                        rx.icon("building-2", size=16, flex_shrink="0"),
                        rx.text(card["venue"], size="2"),
                        align="center",
                    ),
                ),
                rx.text(card["items_label"], size="1", color_scheme="gray"),
                spacing="2",
                align="start",
            ),
            width="100%",
            height="100%",
            class_name="event-card",
        ),
        href=routes.event_url(card["slug"]),
        underline="none",
        color="inherit",
        data_slug=card["slug"],
    )


def _star(uid: rx.Var[Any]) -> rx.Component:
    starred = AgendaState.starred.contains(uid)
    label = rx.cond(starred, LangState.tr["agenda.unstar"], LangState.tr["agenda.star"])
    return rx.icon_button(
        rx.icon("star", size=18, fill=rx.cond(starred, "currentColor", "none")),
        on_click=AgendaState.toggle_star(uid),
        variant="ghost",
        size="3",
        aria_label=label,
        aria_pressed=rx.cond(starred, "true", "false"),
        title=label,
        class_name="star",
    )


def programme_row(item: rx.Var[Any], api_url: rx.Var[Any]) -> rx.Component:
    """One item of the public programme, with a date heading where the day changes."""
    cancelled = item["status"] == "cancelled"
    return rx.box(
        rx.cond(
            item["new_date"] == "1",
            rx.heading(
                item["date"], size="4", as_="h3", padding_top="1em", padding_bottom="0.25em", class_name="date-heading"
            ),
        ),
        rx.hstack(
            rx.vstack(
                rx.text(item["time"], weight="bold", size="3", font_variant_numeric="tabular-nums"),
                rx.cond(item["zone"] != "", rx.text(item["zone"], size="1", color_scheme="gray")),
                spacing="0",
                width="7.5em",
                flex_shrink="0",
            ),
            rx.vstack(
                rx.text(
                    item["title"],
                    weight="medium",
                    size="3",
                    text_decoration=rx.cond(cancelled, "line-through", "none"),
                    class_name="item-title",
                ),
                rx.flex(
                    rx.badge(item["kind_label"], variant="surface"),
                    rx.cond(
                        item["status"] != "confirmed",
                        rx.badge(item["status_label"], color_scheme=rx.cond(cancelled, "red", "amber")),
                    ),
                    wrap="wrap",
                    gap="2",
                ),
                rx.cond(
                    item["venue_slug"] != "",
                    rx.link(item["place"], href=routes.venue_url(item["venue_slug"]), size="2", color_scheme="gray"),
                ),
                rx.hstack(
                    rx.cond(
                        item["work_slug"] != "",
                        rx.link(LangState.tr["programme.film"], href=routes.work_url(item["work_slug"]), size="2"),
                    ),
                    rx.link(
                        rx.hstack(
                            rx.icon("calendar-plus", size=14),
                            LangState.tr["item.add_to_calendar"],
                            align="center",
                            spacing="1",
                        ),
                        href=routes.item_download_url(api_url, item["uid"]),
                        size="2",
                        class_name="add-to-calendar",
                    ),
                    spacing="4",
                    wrap="wrap",
                ),
                spacing="1",
                align="start",
                flex="1",
                min_width="0",
            ),
            _star(item["uid"]),
            padding_y="0.75em",
            border_bottom=f"1px solid {rx.color('gray', 4)}",
            width="100%",
            align="start",
            class_name="schedule-item",
        ),
        width="100%",
    )


def programme_list(items: rx.Var[Any], api_url: rx.Var[Any] | str) -> rx.Component:
    """Items of the public programme one under the other."""
    return rx.vstack(rx.foreach(items, lambda item: programme_row(item, api_url)), spacing="0", width="100%")
