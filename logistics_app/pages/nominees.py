"""Logística de nominados: flights, hotel, transfers, calls and seat, one form per person."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import can_edit
from logistics_app.components.forms import FIELD_STYLE, field_row
from logistics_app.components.layout import workspace_page
from logistics_app.state.nominees import NomineesState as S


def _field(person: rx.Var[Any], name: str, label_key: str, kind: str = "text") -> rx.Component:
    form = person["form"].to(dict[str, str])
    return rx.vstack(
        rx.el.label(S.tr[label_key], font_size="0.8em"),
        rx.el.input(
            name=name,
            type=kind,
            default_value=form.get(name, ""),
            aria_label=S.tr[label_key],
            style=FIELD_STYLE,
            class_name=f"nominee-{name}",
        ),
        rx.cond(
            (S.error_person == person["id"].to(str)) & S.errors.contains(name),
            rx.text(S.errors.get(name, ""), color_scheme="red", size="1", role="alert"),
        ),
        spacing="1",
        width="100%",
    )


def _select(form: rx.Var[Any], name: str, label_key: str, *options: rx.Component, default: str = "") -> rx.Component:
    """A labelled choice of the nominee's form."""
    return rx.vstack(
        rx.el.label(S.tr[label_key], font_size="0.8em"),
        rx.el.select(
            *options,
            name=name,
            default_value=form.get(name, default),
            aria_label=S.tr[label_key],
            style=FIELD_STYLE,
            class_name=f"nominee-{name}",
        ),
        spacing="1",
        width="100%",
    )


def _moment(person: rx.Var[Any], name: str, label_key: str) -> rx.Component:
    return field_row(
        _field(person, f"{name}_day", label_key, "date"), _field(person, f"{name}_time", label_key, "time"), columns="2"
    )


def _person(person: rx.Var[Any]) -> rx.Component:
    form = person["form"].to(dict[str, str])
    return rx.el.details(
        rx.el.summary(
            person["name"].to(str),
            rx.cond(person["done"].to(bool), " ✓", ""),
            font_weight="600",
            cursor="pointer",
        ),
        rx.form(
            rx.el.input(type="hidden", name="person", value=person["id"].to(str)),
            field_row(
                _field(person, "arrival_flight", "nominee.field.flight"),
                _field(person, "arrival_airport", "nominee.field.airport"),
                _moment(person, "arrival", "nominee.field.arrival"),
                _field(person, "departure_flight", "nominee.field.flight"),
                _field(person, "departure_airport", "nominee.field.airport"),
                _moment(person, "departure", "nominee.field.departure"),
                _field(person, "hotel", "nominee.field.hotel"),
                _field(person, "email", "nominee.field.email", "email"),
                _select(
                    form,
                    "lang",
                    "nominee.field.lang",
                    rx.el.option("Español", value="es"),
                    rx.el.option("English", value="en"),
                    default="es",
                ),
                _select(
                    form,
                    "transport_agency",
                    "nominee.field.transport_agency",
                    rx.el.option("—", value=""),
                    rx.foreach(S.agencies, lambda a: rx.el.option(a["label"], value=a["value"])),
                ),
                _field(person, "seat", "nominee.field.seat"),
                _moment(person, "rehearsal", "nominee.field.rehearsal"),
                _moment(person, "red_carpet", "nominee.field.red_carpet"),
                columns=rx.breakpoints(initial="1", sm="3"),
            ),
            rx.cond(
                can_edit(),
                rx.flex(
                    rx.button(S.tr["plan.save"], type="submit", class_name="nominee-save"),
                    rx.button(
                        rx.icon("send", size=16),
                        S.tr["nominee.send_itinerary"],
                        type="button",
                        variant="soft",
                        disabled=form["email"] == "",
                        on_click=S.send_itinerary(person["id"].to(str)),
                        class_name="nominee-send-itinerary",
                    ),
                    gap="2",
                    wrap="wrap",
                    margin_top="0.5em",
                ),
            ),
            on_submit=S.save,
            reset_on_submit=False,
            no_validate=True,  # the server's messages, in the page's language, not the browser's
            width="100%",
            padding_y="0.5em",
        ),
        class_name="nominee",
        data_name=person["name"].to(str),
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        padding_y="0.5em",
        width="100%",
    )


def nominees_page() -> rx.Component:
    return workspace_page(
        S,
        rx.cond(
            S.people.length() > 0,
            rx.box(rx.foreach(S.people, _person), width="100%"),
            rx.text(S.tr["nominee.none"], color_scheme="gray"),
        ),
        here="nominees",
        back=(S.tr["plan.panel"], routes.plan_panel_url(S.slug)),
        heading=(S.tr["nominee.title"],),
        on_lang_change=S.load,
    )
