"""Sedes, Agencias and Personas in the organizer's workspace."""

from __future__ import annotations

import reflex as rx

from logistics_app.components.layout import page_shell
from logistics_app.state.directory import DirectoryState

ROWS = list[dict[str, str]]


def _items(items: rx.Var) -> rx.Component:  # type: ignore[type-arg]
    return rx.el.ul(
        rx.foreach(
            items.to(ROWS),
            lambda i: rx.el.li(
                rx.text(
                    i["when"],
                    " · ",
                    i["title"],
                    " · ",
                    rx.link(i["event"], href="/organizar/eventos/" + i["event_slug"] + "/programa"),
                    size="2",
                )
            ),
        ),
        padding_left="1.2em",
    )


def _notice() -> rx.Component:
    return rx.callout(DirectoryState.tr["plan.unauthenticated"], icon="lock-open", color_scheme="amber", size="1")


def _venue(venue: rx.Var) -> rx.Component:  # type: ignore[type-arg]
    return rx.card(
        rx.heading(venue["name"].to(str), size="4", as_="h2"),
        rx.text(venue["place"].to(str), size="2"),
        rx.hstack(
            rx.cond(venue["capacity"].to(str) != "", rx.badge(venue["capacity"].to(str), variant="soft")),
            rx.cond(venue["timezone"].to(str) != "", rx.badge(venue["timezone"].to(str), variant="outline")),
            rx.cond(venue["coordinates"].to(str) != "", rx.text(venue["coordinates"].to(str), size="1")),
            rx.cond(
                venue["map_url"].to(str) != "",
                rx.link(DirectoryState.tr["venue.map"], href=venue["map_url"].to(str), is_external=True, size="2"),
            ),
            wrap="wrap",
            align="center",
        ),
        rx.foreach(
            venue["spaces"].to(list[dict]),
            lambda space: rx.box(  # type: ignore[type-arg]
                rx.text(space["name"].to(str), weight="bold", size="2"),
                _items(space["bookings"]),
                padding_top="0.5em",
                class_name="space-bookings",
            ),
        ),
        width="100%",
    )


def org_venues() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.link(DirectoryState.tr["plan.events"], href="/organizar", size="2"),
            rx.heading(DirectoryState.tr["plan.venues"], size="7", as_="h1"),
            _notice(),
            rx.foreach(DirectoryState.venues, _venue),
            spacing="3",
            width="100%",
            padding_bottom="3em",
        ),
        on_lang_change=DirectoryState.load_venues,
    )


def _agency(agency: rx.Var) -> rx.Component:  # type: ignore[type-arg]
    return rx.card(
        rx.heading(agency["name"].to(str), size="4", as_="h2"),
        rx.hstack(
            rx.badge(agency["acronym"].to(str), variant="soft"), rx.badge(agency["kind"].to(str), variant="outline")
        ),
        rx.foreach(
            agency["contacts"].to(ROWS),
            lambda c: rx.text(c["name"], " (", c["role"], ") · ", c["email"], " · ", c["phone"], size="2"),
        ),
        _items(agency["items"]),
        width="100%",
        class_name="agency-card",
    )


def org_agencies() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.link(DirectoryState.tr["plan.events"], href="/organizar", size="2"),
            rx.heading(DirectoryState.tr["plan.agencies"], size="7", as_="h1"),
            _notice(),
            rx.foreach(DirectoryState.agencies, _agency),
            spacing="3",
            width="100%",
            padding_bottom="3em",
        ),
        on_lang_change=DirectoryState.load_agencies,
    )


def _person(person: rx.Var) -> rx.Component:  # type: ignore[type-arg]
    return rx.card(
        rx.heading(person["name"].to(str), size="3", as_="h2"),
        rx.text(person["title"].to(str), " ", person["agency"].to(str), size="2", color_scheme="gray"),
        _items(person["items"]),
        width="100%",
        class_name="person-card",
    )


def org_people() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.link(DirectoryState.tr["plan.events"], href="/organizar", size="2"),
            rx.heading(DirectoryState.tr["plan.people"], size="7", as_="h1"),
            _notice(),
            rx.grid(
                rx.foreach(DirectoryState.people, _person),
                columns=rx.breakpoints(initial="1", sm="2"),
                spacing="2",
                width="100%",
            ),
            spacing="3",
            width="100%",
            padding_bottom="3em",
        ),
        on_lang_change=DirectoryState.load_people,
    )
