"""Escaleta: the ceremony's segments in order with their computed times; and the run sheet to print."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import can_edit
from logistics_app.components.filters import FIELD_STYLE
from logistics_app.components.forms import labelled
from logistics_app.components.layout import document_lang, workspace_page
from logistics_app.state.rundown import RundownState as S

ROWS = list[dict[str, str]]


def _row(row: rx.Var[Any]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row["start"], "–", row["end"], weight="bold", size="2", white_space="nowrap")),
        rx.table.cell(
            rx.vstack(
                rx.text(row["title"], weight="medium", size="2"),
                rx.text(row["kind_label"], size="1", color_scheme="gray"),
                spacing="0",
            )
        ),
        rx.table.cell(rx.text(row["minutes"], size="2")),
        rx.table.cell(rx.text(row["presenters"], size="1")),
        rx.table.cell(
            rx.cond(
                can_edit(),
                rx.hstack(
                    rx.icon_button(
                        rx.icon("arrow-up", size=14),
                        size="1",
                        variant="ghost",
                        on_click=S.move(row["id"], -1),
                        aria_label=S.tr["awards.up"],
                        class_name="segment-up",
                    ),
                    rx.icon_button(
                        rx.icon("arrow-down", size=14),
                        size="1",
                        variant="ghost",
                        on_click=S.move(row["id"], 1),
                        aria_label=S.tr["awards.down"],
                        class_name="segment-down",
                    ),
                    rx.icon_button(
                        rx.icon("trash-2", size=14),
                        size="1",
                        variant="ghost",
                        color_scheme="red",
                        on_click=S.delete(row["id"]),
                        aria_label=S.tr["plan.delete"],
                    ),
                    spacing="1",
                ),
            )
        ),
        background=rx.cond(row["late"] != "", rx.color("red", 3), "transparent"),
        class_name="segment",
    )


def _table(*, editable: bool) -> rx.Component:
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(S.tr["rundown.col.time"]),
                rx.table.column_header_cell(S.tr["rundown.col.segment"]),
                rx.table.column_header_cell(S.tr["rundown.col.minutes"]),
                rx.table.column_header_cell(S.tr["rundown.col.presenters"]),
                rx.table.column_header_cell("") if editable else rx.fragment(),
            )
        ),
        rx.table.body(rx.foreach(S.rows, _row if editable else _print_row)),
        width="100%",
        size="1",
        id="segments",
    )


def _print_row(row: rx.Var[Any]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(row["start"], "–", row["end"], weight="bold")),
        rx.table.cell(rx.text(row["title"], weight="medium"), rx.text(row["kind_label"], size="1")),
        rx.table.cell(row["minutes"]),
        rx.table.cell(row["presenters"]),
    )


def _summary() -> rx.Component:
    return rx.vstack(
        rx.text(S.ceremony, " · ", S.tr["rundown.slot"], " ", S.slot, " (", S.zone, ")", weight="bold"),
        rx.text(S.tr["rundown.total"], ": ", S.total, id="rundown-total"),
        rx.cond(
            S.overrun != "",
            rx.callout(
                S.tr["rundown.overrun"].replace("{time}", S.overrun), icon="timer", color_scheme="red", id="overrun"
            ),
            rx.callout(S.tr["rundown.fits"].replace("{time}", S.spare), icon="timer", color_scheme="green", size="1"),
        ),
        rx.foreach(S.warnings, lambda w: rx.callout(w, icon="triangle-alert", color_scheme="amber", size="1")),
        width="100%",
        spacing="2",
    )


def _select(name: str, options: rx.Var[Any], blank: bool = False, multiple: bool = False) -> rx.Component:
    return labelled(
        S.tr[f"rundown.field.{name}"],
        f"segment-{name}",
        rx.el.select(
            *([rx.el.option("—", value="")] if blank else []),
            rx.foreach(options.to(ROWS), lambda o: rx.el.option(o["label"], value=o["value"])),
            id=f"segment-{name}",
            name=name,
            style=FIELD_STYLE,
        ),
        errors=S.errors,
        name=name,
        error_id=f"segment-error-{name}",
    )


def _form() -> rx.Component:
    return rx.form(
        rx.grid(
            _select("kind", S.choices["kinds"]),
            labelled(
                S.tr["rundown.field.title"],
                "segment-title",
                rx.el.input(id="segment-title", name="title", style=FIELD_STYLE),
                errors=S.errors,
                name="title",
                error_id="segment-error-title",
            ),
            labelled(
                S.tr["rundown.field.minutes"],
                "segment-minutes",
                rx.el.input(id="segment-minutes", name="minutes", type="number", min="1", style=FIELD_STYLE),
                errors=S.errors,
                name="minutes",
                error_id="segment-error-minutes",
            ),
            _select("category", S.choices["categories"], blank=True),
            labelled(
                S.tr["rundown.field.presenters"],
                "segment-presenters",
                rx.el.input(
                    id="segment-presenters",
                    name="presenters",
                    placeholder="Karla Souza; …",
                    list="people-names",
                    style=FIELD_STYLE,
                ),
                errors=S.errors,
                name="presenters",
                error_id="segment-error-presenters",
            ),
            columns=rx.breakpoints(initial="1", sm="5"),
            spacing="2",
            width="100%",
        ),
        rx.el.datalist(
            rx.foreach(S.choices["people"].to(ROWS), lambda o: rx.el.option(value=o["label"])), id="people-names"
        ),
        rx.button(rx.icon("plus", size=14), S.tr["rundown.add"], type="submit", margin_top="0.5em", id="add-segment"),
        on_submit=S.add,
        reset_on_submit=False,
        key=S.form_key,
        width="100%",
    )


def rundown_page() -> rx.Component:
    return workspace_page(
        S,
        _summary(),
        rx.hstack(
            rx.link(
                rx.button(rx.icon("printer", size=14), S.tr["rundown.print"], variant="soft"),
                href=routes.plan_run_sheet_url(S.slug),
            ),
            rx.cond(
                can_edit(),
                rx.button(
                    rx.icon("calendar-plus", size=14),
                    S.tr["rundown.export"],
                    variant="soft",
                    on_click=S.export,
                    id="export-segments",
                ),
            ),
        ),
        _table(editable=True),
        rx.cond(can_edit(), rx.card(_form(), width="100%")),
        back=(S.event_name, routes.plan_panel_url(S.slug)),
        heading=(S.tr["rundown.title"],),
        missing=rx.callout(S.tr["rundown.no_ceremony"], icon="info"),
        on_lang_change=S.load,
    )


def run_sheet() -> rx.Component:
    """Black on white, no navigation: what the stage manager prints."""
    return rx.box(
        document_lang(),
        rx.heading(S.event_name, " · ", S.tr["rundown.title"], size="5", as_="h1"),
        _summary(),
        _table(editable=False),
        padding="1.5em",
        background="white",
        color="black",
        class_name="run-sheet",
        lang=S.lang,
    )
