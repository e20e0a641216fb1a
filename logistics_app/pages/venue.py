from __future__ import annotations

import reflex as rx

from logistics_app import routes
from logistics_app.components.cards import programme_list
from logistics_app.components.layout import not_found, page_column, page_shell
from logistics_app.components.subscribe import subscribe_panel
from logistics_app.state.events import VenueState


def _found() -> rx.Component:
    v = VenueState.venue
    return page_column(
        rx.link(VenueState.tr["event.back"], href=routes.HOME, size="2"),
        rx.cond(VenueState.is_online, rx.badge(VenueState.tr["venue.online"], variant="soft", size="2")),
        rx.heading(v["name"], size="8", as_="h1"),
        rx.cond(
            v["address"] != "",
            rx.hstack(
                rx.icon("map-pin", size=16, flex_shrink="0"), rx.text(v["address"], ", ", v["place"]), align="center"
            ),
            rx.cond(v["place"] != "", rx.text(v["place"])),
        ),
        rx.cond(v["url"] != "", rx.link(v["url"], href=v["url"], is_external=True)),
        rx.cond(
            v["map_url"] != "",
            rx.link(
                rx.hstack(rx.icon("map", size=16), VenueState.tr["venue.map"], align="center"),
                href=v["map_url"],
                is_external=True,
            ),
        ),
        rx.cond(v["capacity"] != "", rx.text(VenueState.tr["venue.capacity"].replace("{capacity}", v["capacity"]))),
        rx.cond(v["accessibility"] != "", rx.text(v["accessibility"], color_scheme="gray")),
        rx.cond(
            VenueState.spaces.length() > 0,
            rx.hstack(
                rx.text(VenueState.tr["venue.spaces"], ":", weight="medium"),
                rx.foreach(VenueState.spaces, lambda name: rx.badge(name, variant="outline")),
                wrap="wrap",
                align="center",
            ),
        ),
        rx.heading(VenueState.tr["venue.programme"], size="6", as_="h2", margin_top="0.5em"),
        rx.callout(
            VenueState.tr["event.times_in"].replace("{zone}", v["zone"]), icon="clock", size="1", variant="surface"
        ),
        programme_list(VenueState.items, VenueState.api_url),
        rx.cond(VenueState.showing != "", rx.text(VenueState.showing, size="2", color_scheme="gray")),
        subscribe_panel(VenueState.subscribe),
    )


def venue_detail() -> rx.Component:
    return page_shell(
        rx.cond(VenueState.found, _found(), not_found(VenueState.tr["venue.not_found"], VenueState.tr["event.back"])),
        on_lang_change=VenueState.load,
    )
