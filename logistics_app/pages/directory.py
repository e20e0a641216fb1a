"""Sedes, Agencias and Personas in the organizer's workspace."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import account_bar, can_edit
from logistics_app.components.external_calendars import external_calendar
from logistics_app.components.filters import FIELD_STYLE
from logistics_app.components.forms import dialog_form, labelled
from logistics_app.components.layout import page_shell
from logistics_app.state.directory import DirectoryState, VenueFormState

ROWS = list[dict[str, str]]


def _items(items: rx.Var[Any]) -> rx.Component:
    return rx.el.ul(
        rx.foreach(
            items.to(ROWS),
            lambda i: rx.el.li(
                rx.text(
                    i["when"],
                    " · ",
                    i["title"],
                    " · ",
                    rx.link(i["event"], href=routes.plan_programme_url(i["event_slug"]), underline="always"),
                    size="2",
                )
            ),
        ),
        padding_left="1.2em",
    )


def _notice() -> rx.Component:
    return account_bar()


def _labelled(prefix: str, name: str, label_key: str, control: rx.Component, errors: rx.Var[Any]) -> rx.Component:
    return labelled(
        VenueFormState.tr[label_key],
        f"{prefix}-{name}",
        control,
        errors=errors,
        name=name,
        error_id=f"{prefix}-error-{name}",
    )


def _venue_input(name: str, kind: str = "text") -> rx.Component:
    return _labelled(
        "venue",
        name,
        f"venue.field.{name}",
        rx.el.input(
            id=f"venue-{name}",
            type=kind,
            default_value=VenueFormState.venue_form.get(name, ""),
            key=VenueFormState.form_key + "-" + name,
            on_change=lambda v: VenueFormState.set_venue_field(name, v),
            style=FIELD_STYLE,
        ),
        VenueFormState.venue_errors,
    )


def _venue_dialog() -> rx.Component:
    return dialog_form(
        VenueFormState.tr["plan.new_venue"],
        _venue_input("name"),
        _venue_input("slug"),
        _venue_input("address"),
        rx.grid(_venue_input("city"), _venue_input("state"), columns="2", spacing="2", width="100%"),
        _labelled(
            "venue",
            "timezone",
            "venue.field.timezone",
            rx.el.select(
                rx.el.option("—", value=""),
                rx.foreach(VenueFormState.zones, lambda z: rx.el.option(z, value=z)),
                id="venue-timezone",
                value=VenueFormState.venue_form.get("timezone", ""),
                on_change=lambda v: VenueFormState.set_venue_field("timezone", v),
                style=FIELD_STYLE,
            ),
            VenueFormState.venue_errors,
        ),
        rx.grid(
            _venue_input("latitude"),
            _venue_input("longitude"),
            _venue_input("capacity"),
            columns="3",
            spacing="2",
            width="100%",
        ),
        open=VenueFormState.venue_open,
        on_close=VenueFormState.close_venue,
        close_label=VenueFormState.tr["plan.close"],
        save=rx.button(VenueFormState.tr["plan.save"], on_click=VenueFormState.save_venue, id="save-venue"),
        max_width="600px",
    )


def _space_form(venue_slug: rx.Var[Any]) -> rx.Component:
    return rx.cond(
        VenueFormState.space_venue == venue_slug,
        rx.vstack(
            rx.grid(
                _labelled(
                    "space",
                    "name",
                    "space.field.name",
                    rx.el.input(
                        id="space-name",
                        default_value=VenueFormState.space_form.get("name", ""),
                        key=VenueFormState.form_key + "-space-name",
                        on_change=lambda v: VenueFormState.set_space_field("name", v),
                        style=FIELD_STYLE,
                    ),
                    VenueFormState.space_errors,
                ),
                _labelled(
                    "space",
                    "capacity",
                    "space.field.capacity",
                    rx.el.input(
                        id="space-capacity",
                        default_value=VenueFormState.space_form.get("capacity", ""),
                        key=VenueFormState.form_key + "-space-capacity",
                        on_change=lambda v: VenueFormState.set_space_field("capacity", v),
                        style=FIELD_STYLE,
                    ),
                    VenueFormState.space_errors,
                ),
                columns="2",
                spacing="2",
                width="100%",
            ),
            rx.el.label(
                rx.hstack(
                    rx.checkbox(
                        checked=VenueFormState.space_form.get("allows_parallel", "") != "",
                        on_change=lambda v: VenueFormState.set_space_field("allows_parallel", v),
                    ),
                    rx.text(VenueFormState.tr["space.field.allows_parallel"], size="2"),
                )
            ),
            rx.hstack(
                rx.button(
                    VenueFormState.tr["plan.close"],
                    variant="soft",
                    color_scheme="gray",
                    on_click=VenueFormState.close_space,
                ),
                rx.button(VenueFormState.tr["plan.save"], on_click=VenueFormState.save_space, id="save-space"),
                justify="end",
                width="100%",
            ),
            width="100%",
            padding_top="0.5em",
        ),
        rx.cond(
            can_edit(),
            rx.button(
                rx.icon("plus", size=14),
                VenueFormState.tr["plan.add_space"],
                size="1",
                variant="soft",
                on_click=VenueFormState.open_space(venue_slug),
                class_name="add-space",
                margin_top="0.5em",
            ),
        ),
    )


def _venue(venue: rx.Var[Any]) -> rx.Component:
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
            venue["spaces"].to(list[dict[str, Any]]),
            lambda space: rx.box(
                rx.text(space["name"].to(str), weight="bold", size="2"),
                _items(space["bookings"]),
                padding_top="0.5em",
                class_name="space-bookings",
            ),
        ),
        _space_form(venue["slug"].to(str)),
        external_calendar("venue", venue),
        width="100%",
        class_name="venue-card",
        data_slug=venue["slug"].to(str),
    )


def org_venues() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.link(DirectoryState.tr["plan.events"], href=routes.PLAN_EVENTS, size="2"),
            rx.hstack(
                rx.heading(DirectoryState.tr["plan.venues"], size="7", as_="h1"),
                rx.spacer(),
                rx.cond(
                    can_edit(),
                    rx.button(
                        rx.icon("plus", size=16),
                        VenueFormState.tr["plan.new_venue"],
                        on_click=VenueFormState.open_venue,
                        id="new-venue",
                    ),
                ),
                width="100%",
                align="center",
            ),
            _notice(),
            rx.foreach(VenueFormState.venues, _venue),
            _venue_dialog(),
            spacing="3",
            width="100%",
            padding_bottom="3em",
        ),
        on_lang_change=VenueFormState.load_venues,
    )


def _agency(agency: rx.Var[Any]) -> rx.Component:
    return rx.card(
        rx.heading(agency["name"].to(str), size="4", as_="h2"),
        rx.hstack(
            rx.badge(agency["acronym"].to(str), variant="soft"),
            rx.badge(agency["kind"].to(str), variant="outline"),
            rx.link(DirectoryState.tr["portal.title"], href=routes.portal_url(agency["slug"].to(str)), size="2"),
            align="center",
        ),
        rx.foreach(
            agency["contacts"].to(ROWS),
            lambda c: rx.text(c["name"], " (", c["role"], ") · ", c["email"], " · ", c["phone"], size="2"),
        ),
        _items(agency["items"]),
        external_calendar("agency", agency),
        width="100%",
        class_name="agency-card",
    )


def org_agencies() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.link(DirectoryState.tr["plan.events"], href=routes.PLAN_EVENTS, size="2"),
            rx.heading(DirectoryState.tr["plan.agencies"], size="7", as_="h1"),
            _notice(),
            rx.foreach(DirectoryState.agencies, _agency),
            spacing="3",
            width="100%",
            padding_bottom="3em",
        ),
        on_lang_change=DirectoryState.load_agencies,
    )


def _person(person: rx.Var[Any]) -> rx.Component:
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
            rx.link(DirectoryState.tr["plan.events"], href=routes.PLAN_EVENTS, size="2"),
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
