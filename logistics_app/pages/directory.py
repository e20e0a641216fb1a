"""Sedes, Agencias and Personas in the organizer's workspace."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import can_edit
from logistics_app.components.external_calendars import external_calendar
from logistics_app.components.forms import (
    FIELD_STYLE,
    bound_input,
    bound_select,
    dialog_form,
    field,
    field_row,
    labelled_toggle,
    no_choice,
)
from logistics_app.components.layout import organizer_page, page_title
from logistics_app.components.sections import action_row
from logistics_app.pages.directory_edit import (
    contact_actions,
    entry_actions,
    entry_dialog,
    merge_dialog,
    remove_contact_dialog,
)
from logistics_app.state.directory import DirectoryEditState, DirectoryState, VenueFormState

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


def _venue_field(name: str, control: rx.Component) -> rx.Component:
    return field("venue", name, VenueFormState.tr[f"venue.field.{name}"], control, VenueFormState.venue_errors)


def _venue_input(name: str, kind: str = "text") -> rx.Component:
    form = VenueFormState.venue_form
    return _venue_field(
        name, bound_input("venue", name, form, VenueFormState.form_key + "-", VenueFormState.set_venue_field, kind=kind)
    )


def _venue_dialog() -> rx.Component:
    return dialog_form(
        VenueFormState.tr["plan.new_venue"],
        _venue_input("name"),
        _venue_input("slug"),
        _venue_input("address"),
        field_row(_venue_input("city"), _venue_input("state"), columns="2"),
        _venue_field(
            "timezone",
            bound_select(
                "venue",
                "timezone",
                VenueFormState.venue_form,
                VenueFormState.set_venue_field,
                no_choice(),
                rx.foreach(VenueFormState.zones, lambda z: rx.el.option(z, value=z)),
            ),
        ),
        field_row(_venue_input("latitude"), _venue_input("longitude"), _venue_input("capacity"), columns="3"),
        open=VenueFormState.venue_open,
        on_close=VenueFormState.close_venue,
        close_label=VenueFormState.tr["plan.close"],
        save=rx.button(VenueFormState.tr["plan.save"], on_click=VenueFormState.save_venue, id="save-venue"),
        max_width="600px",
    )


def _space_input(name: str) -> rx.Component:
    form, key = VenueFormState.space_form, VenueFormState.form_key + "-space-"
    return field(
        "space",
        name,
        VenueFormState.tr[f"space.field.{name}"],
        bound_input("space", name, form, key, VenueFormState.set_space_field),
        VenueFormState.space_errors,
    )


def _space_form(venue_slug: rx.Var[Any]) -> rx.Component:
    return rx.cond(
        VenueFormState.space_venue == venue_slug,
        rx.vstack(
            field_row(_space_input("name"), _space_input("capacity"), columns="2"),
            labelled_toggle(
                rx.checkbox(
                    checked=VenueFormState.space_form.get("allows_parallel", "") != "",
                    on_change=lambda v: VenueFormState.set_space_field("allows_parallel", v),
                ),
                VenueFormState.tr["space.field.allows_parallel"],
                align=None,
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
            lambda space: rx.el.details(
                rx.el.summary(
                    rx.text(
                        space["name"].to(str), " (", space["count"].to(str), ")", weight="bold", size="2", as_="span"
                    ),
                    cursor="pointer",
                ),
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
    return organizer_page(
        rx.flex(
            rx.el.input(
                type="search",
                placeholder=VenueFormState.tr["venues.search"],
                aria_label=VenueFormState.tr["venues.search"],
                value=VenueFormState.venue_query,
                on_change=VenueFormState.set_venue_query.debounce(250),
                id="venue-search",
                style={**FIELD_STYLE, "flex": "1", "min_width": "14em"},
            ),
            rx.el.select(
                rx.el.option(VenueFormState.tr["venues.all_states"], value=""),
                rx.foreach(VenueFormState.venue_regions, lambda r: rx.el.option(r, value=r)),
                value=VenueFormState.venue_region,
                on_change=VenueFormState.set_venue_region,
                aria_label=VenueFormState.tr["venues.state"],
                id="venue-state",
                style={**FIELD_STYLE, "width": "auto"},
            ),
            rx.text(
                VenueFormState.shown_venues.length(),
                " / ",
                VenueFormState.venues.length(),
                size="2",
                color_scheme="gray",
            ),
            gap="2",
            wrap="wrap",
            align="center",
            width="100%",
        ),
        rx.foreach(VenueFormState.shown_venues, _venue),
        _venue_dialog(),
        title=action_row(
            page_title(DirectoryState.tr["plan.venues"]),
            action=rx.button(
                rx.icon("plus", size=16),
                VenueFormState.tr["plan.new_venue"],
                on_click=VenueFormState.open_venue,
                id="new-venue",
            ),
        ),
        back=(DirectoryState.tr["plan.events"], routes.PLAN_EVENTS),
        on_lang_change=VenueFormState.load_venues,
    )


def _contact(agency: rx.Var[Any], contact: rx.Var[Any]) -> rx.Component:
    return rx.hstack(
        rx.text(
            contact["name"],
            " (",
            contact["role"],
            ") · ",
            contact["email"],
            " · ",
            contact["phone"],
            " · ",
            contact["lang"],
            size="2",
        ),
        contact_actions(agency["id"].to(str), contact),
        align="center",
        class_name="agency-contact",
    )


def _agency(agency: rx.Var[Any]) -> rx.Component:
    return rx.card(
        rx.heading(agency["name"].to(str), size="4", as_="h2"),
        rx.hstack(
            rx.badge(agency["acronym"].to(str), variant="soft"),
            rx.badge(agency["kind"].to(str), variant="outline"),
            rx.cond(
                agency["archived"].to(bool),
                rx.badge(DirectoryState.tr["directory.archived_badge"], color_scheme="gray"),
            ),
            rx.link(DirectoryState.tr["portal.title"], href=routes.portal_url(agency["slug"].to(str)), size="2"),
            align="center",
            wrap="wrap",
        ),
        entry_actions("agency", agency),
        rx.foreach(agency["contacts"].to(ROWS), lambda c: _contact(agency, c)),
        rx.cond(
            can_edit(),
            rx.button(
                rx.icon("user-plus", size=14),
                DirectoryState.tr["directory.add_contact"],
                size="1",
                variant="ghost",
                on_click=DirectoryEditState.open_contact(agency["id"].to(str), ""),
                class_name="add-contact",
            ),
        ),
        _items(agency["items"]),
        external_calendar("agency", agency),
        width="100%",
        class_name="agency-card",
        data_name=agency["name"].to(str),
        opacity=rx.cond(agency["archived"].to(bool), "0.7", "1"),
    )


def _new_button(what: str, on_click: Any) -> rx.Component:
    return rx.cond(
        can_edit(),
        rx.button(
            rx.icon("plus", size=16), DirectoryState.tr[f"directory.new_{what}"], on_click=on_click, id=f"new-{what}"
        ),
    )


def org_agencies() -> rx.Component:
    return organizer_page(
        rx.foreach(DirectoryState.agencies, _agency),
        entry_dialog(),
        merge_dialog(),
        remove_contact_dialog(),
        title=action_row(
            page_title(DirectoryState.tr["plan.agencies"]),
            action=_new_button("agency", DirectoryEditState.open_agency("")),
        ),
        back=(DirectoryState.tr["plan.events"], routes.PLAN_EVENTS),
        on_lang_change=DirectoryState.load_agencies,
    )


def _person(person: rx.Var[Any]) -> rx.Component:
    return rx.card(
        rx.heading(person["name"].to(str), size="3", as_="h2"),
        rx.text(
            person["title"].to(str),
            " ",
            person["agency"].to(str),
            " ",
            person["email"].to(str),
            size="2",
            color_scheme="gray",
        ),
        rx.cond(
            person["archived"].to(bool), rx.badge(DirectoryState.tr["directory.archived_badge"], color_scheme="gray")
        ),
        entry_actions("person", person),
        _items(person["items"]),
        width="100%",
        class_name="person-card",
        data_name=person["name"].to(str),
        opacity=rx.cond(person["archived"].to(bool), "0.7", "1"),
    )


def org_people() -> rx.Component:
    return organizer_page(
        rx.grid(
            rx.foreach(DirectoryState.people, _person),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="2",
            width="100%",
        ),
        entry_dialog(),
        merge_dialog(),
        title=action_row(
            page_title(DirectoryState.tr["plan.people"]),
            action=_new_button("person", DirectoryEditState.open_person("")),
        ),
        back=(DirectoryState.tr["plan.events"], routes.PLAN_EVENTS),
        on_lang_change=DirectoryState.load_people,
    )
