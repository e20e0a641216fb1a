"""Filter controls for the public programme: native selects (good on phones and with screen readers)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.forms import FIELD_STYLE, choices, labelled, labelled_toggle
from logistics_app.state.base import LangState
from logistics_app.state.events import EventState


def facet_select(
    field_id: str, label: rx.Var[Any], options: rx.Var[Any], value: rx.Var[Any], **props: Any
) -> rx.Component:
    """A labelled select of one facet, "all" first; `props` say what choosing does."""
    return labelled(
        label,
        field_id,
        rx.el.select(
            rx.el.option(LangState.tr["filter.all"], value=""),
            choices(options),
            id=field_id,
            value=value,
            style=FIELD_STYLE,
            **props,
        ),
    )


def search_row(field_id: str, value: rx.Var[Any], placeholder: rx.Var[Any], **props: Any) -> rx.Component:
    """The search field and its button; a new search (another `value`) renders the field anew."""
    return rx.hstack(
        rx.el.input(
            id=field_id,
            name="q",
            type="search",
            default_value=value,
            key=value,
            placeholder=placeholder,
            style=FIELD_STYLE,
            **props,
        ),
        rx.button(rx.icon("search", size=16), LangState.tr["programme.search"], type="submit", size="3"),
        width="100%",
    )


def select_filter(name: str, param: str) -> rx.Component:
    """A labelled select for one facet; choosing an option changes the URL."""
    return facet_select(
        f"filtro-{param}",
        EventState.tr[f"filter.{name}"],
        EventState.facets[name],
        EventState.filters.get(param, ""),
        name=param,
        on_change=lambda value: EventState.set_filter(name, value),
    )


def search_form() -> rx.Component:
    return rx.form(
        labelled(
            EventState.tr["programme.search_label"],
            "buscar",
            search_row("buscar", EventState.filters.get("q", ""), EventState.tr["programme.search_placeholder"]),
        ),
        on_submit=EventState.search,
        width="100%",
        role="search",
    )


def filter_panel() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(EventState.tr["programme.filters"], size="3", as_="h3"),
            search_form(),
            # Closed until a filter is in use, so that on a phone the results come first.
            rx.el.details(
                rx.el.summary(
                    rx.icon("sliders-horizontal", size=16, margin_right="0.5em"),
                    EventState.filters_summary,
                    id="mas-filtros",
                    cursor="pointer",
                    min_height="44px",
                    display="flex",
                    align_items="center",
                    font_weight="500",
                ),
                rx.grid(
                    select_filter("day", "dia"),
                    select_filter("state", "estado"),
                    select_filter("city", "ciudad"),
                    select_filter("venue", "sede"),
                    select_filter("kind", "tipo"),
                    select_filter("work", "pelicula"),
                    rx.cond(EventState.facets["category"].length() > 0, select_filter("category", "categoria")),
                    columns=rx.breakpoints(initial="1", sm="2", md="3"),
                    spacing="3",
                    width="100%",
                ),
                open=EventState.active_filters > 0,
                width="100%",
            ),
            rx.flex(
                labelled_toggle(
                    rx.switch(checked=~EventState.hiding_past, on_change=EventState.show_past, id="mostrar-pasadas"),
                    EventState.tr["programme.show_past"],
                ),
                rx.button(
                    EventState.tr["programme.clear"],
                    on_click=EventState.clear_filters,
                    variant="ghost",
                    size="2",
                    id="quitar-filtros",
                ),
                justify="between",
                align="center",
                wrap="wrap",
                gap="2",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
