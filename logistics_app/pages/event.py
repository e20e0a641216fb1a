from __future__ import annotations

import reflex as rx

from logistics_app import routes
from logistics_app.components.agenda import agenda_panel
from logistics_app.components.cards import item_row
from logistics_app.components.layout import page_shell
from logistics_app.components.subscribe import subscribe_panel
from logistics_app.state.events import EventState


def _day_chip(day: rx.Var) -> rx.Component:  # type: ignore[type-arg]
    return rx.button(
        day["chip"],
        rx.badge(day["count"], variant="solid", radius="full"),
        on_click=EventState.choose_day(day["iso"]),
        variant=rx.cond(EventState.day == day["iso"], "solid", "outline"),
        size="1",
        title=day["label"],
        aria_pressed=rx.cond(EventState.day == day["iso"], "true", "false"),
        class_name="day-chip",
    )


def _found() -> rx.Component:
    return rx.vstack(
        rx.link(EventState.tr["event.back"], href=routes.HOME, size="2"),
        rx.badge(EventState.event["kind_label"], variant="soft", size="2"),
        rx.heading(EventState.event["name"], size="8", as_="h1"),
        rx.hstack(
            rx.hstack(rx.icon("calendar", size=16), rx.text(EventState.event["dates"]), align="center"),
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
        rx.heading(EventState.tr["event.schedule"], size="6", as_="h2", margin_top="0.5em"),
        rx.callout(
            EventState.tr["event.times_in"].replace("{zone}", EventState.zone),
            icon="clock",
            size="1",
            variant="surface",
        ),
        rx.cond(
            EventState.days.length() > 0,
            rx.vstack(
                rx.flex(rx.foreach(EventState.days, _day_chip), wrap="wrap", gap="2", role="group"),
                rx.heading(EventState.day_label, size="4", as_="h3", margin_top="0.5em", id="day-heading"),
                rx.vstack(
                    rx.foreach(EventState.items, lambda item: item_row(item, EventState.api_url)),
                    spacing="0",
                    width="100%",
                ),
                width="100%",
            ),
            rx.text(EventState.tr["event.no_items"], color_scheme="gray"),
        ),
        subscribe_panel(EventState.subscribe),
        agenda_panel(),
        spacing="3",
        width="100%",
        padding_bottom="3em",
    )


def event_detail() -> rx.Component:
    return page_shell(
        rx.cond(
            EventState.found,
            _found(),
            rx.vstack(
                rx.heading(EventState.tr["event.not_found"], size="6"),
                rx.link(EventState.tr["event.back"], href=routes.HOME),
            ),
        ),
        on_lang_change=EventState.load,
    )
