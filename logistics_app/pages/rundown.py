"""Escaleta: the ceremony's segments in order with their computed times; and the run sheet to print."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import can_edit
from logistics_app.components.buttons import reorder_buttons
from logistics_app.components.forms import ROWS, choices, field_row, form_input, form_select, keyed_form, no_choice
from logistics_app.components.layout import document_lang, workspace_page
from logistics_app.components.sections import table_head
from logistics_app.state.rundown import RundownState as S


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
                reorder_buttons(
                    S.move(row["id"], -1),
                    S.move(row["id"], 1),
                    S.delete(row["id"]),
                    titled=False,
                    class_prefix="segment",
                    spacing="1",
                ),
            )
        ),
        background=rx.cond(row["late"] != "", rx.color("red", 3), "transparent"),
        class_name="segment",
    )


def _table(*, editable: bool) -> rx.Component:
    return rx.table.root(
        table_head(
            S.tr["rundown.col.time"],
            S.tr["rundown.col.segment"],
            S.tr["rundown.col.minutes"],
            S.tr["rundown.col.presenters"],
            *([""] if editable else []),  # the column of the row's buttons
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


def _select(name: str, options: rx.Var[Any], blank: bool = False) -> rx.Component:
    first = [no_choice()] if blank else []
    return form_select("segment", name, S.tr[f"rundown.field.{name}"], S.errors, *first, choices(options))


def _input(name: str, kind: str | None = None, **props: Any) -> rx.Component:
    return form_input("segment", name, S.tr[f"rundown.field.{name}"], S.errors, kind, **props)


def _form() -> rx.Component:
    return keyed_form(
        field_row(
            _select("kind", S.choices["kinds"]),
            _input("title"),
            _input("minutes", "number", min="1"),
            _select("category", S.choices["categories"], blank=True),
            _input("presenters", placeholder="Karla Souza; …", list="people-names"),
            columns=rx.breakpoints(initial="1", sm="5"),
        ),
        rx.el.datalist(
            rx.foreach(S.choices["people"].to(ROWS), lambda o: rx.el.option(value=o["label"])), id="people-names"
        ),
        rx.button(rx.icon("plus", size=14), S.tr["rundown.add"], type="submit", margin_top="0.5em", id="add-segment"),
        on_submit=S.add,
        key=S.form_key,
    )


def rundown_page() -> rx.Component:
    return workspace_page(
        S,
        _summary(),
        rx.flex(
            rx.link(
                rx.button(rx.icon("printer", size=14), S.tr["rundown.print"], variant="soft"),
                href=routes.plan_run_sheet_url(S.slug),
            ),
            rx.button(
                rx.icon("file-down", size=14), S.tr["print.pdf_run"], variant="soft", on_click=S.print_pdf, id="pdf-run"
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
            gap="2",
            wrap="wrap",
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
