"""Filter controls for the public programme: native selects (good on phones and with screen readers)."""

from __future__ import annotations

import reflex as rx

from logistics_app.state.events import EventState

FIELD_STYLE = {
    "width": "100%",
    "min_height": "44px",
    "padding": "0 0.6em",
    "border_radius": "var(--radius-2)",
    "border": f"1px solid {rx.color('gray', 7)}",
    "background": rx.color("gray", 1),
    "color": rx.color("gray", 12),
    "font_size": "16px",  # 16px keeps phones from zooming into the field
}


def select_filter(name: str, param: str) -> rx.Component:
    """A labelled select for one facet; choosing an option changes the URL."""
    field_id = f"filtro-{param}"
    return rx.vstack(
        rx.el.label(EventState.tr[f"filter.{name}"], html_for=field_id, font_size="0.85em", font_weight="500"),
        rx.el.select(
            rx.el.option(EventState.tr["filter.all"], value=""),
            rx.foreach(
                EventState.facets[name],
                lambda option: rx.el.option(option["label"], value=option["value"]),
            ),
            id=field_id,
            name=param,
            value=EventState.filters.get(param, ""),
            on_change=lambda value: EventState.set_filter(name, value),
            style=FIELD_STYLE,
        ),
        spacing="1",
        width="100%",
    )


def search_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label(
                EventState.tr["programme.search_label"], html_for="buscar", font_size="0.85em", font_weight="500"
            ),
            rx.hstack(
                rx.el.input(
                    id="buscar",
                    name="q",
                    type="search",
                    default_value=EventState.filters.get("q", ""),
                    key=EventState.filters.get("q", ""),
                    placeholder=EventState.tr["programme.search_placeholder"],
                    style=FIELD_STYLE,
                ),
                rx.button(rx.icon("search", size=16), EventState.tr["programme.search"], type="submit", size="3"),
                width="100%",
            ),
            spacing="1",
            width="100%",
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
                rx.el.label(
                    rx.hstack(
                        rx.switch(
                            checked=~EventState.hiding_past,
                            on_change=EventState.show_past,
                            id="mostrar-pasadas",
                        ),
                        rx.text(EventState.tr["programme.show_past"], size="2"),
                        align="center",
                    ),
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
