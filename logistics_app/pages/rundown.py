"""Escaleta: the ceremony's segments in order with their computed times; and the run sheet to print."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import can_edit
from logistics_app.components.buttons import icon_action, reorder_buttons
from logistics_app.components.dnd import sortable_row, sortable_rows
from logistics_app.components.forms import (
    ROWS,
    choices,
    confirm_dialog,
    field_row,
    form_input,
    form_select,
    keyed_form,
    no_choice,
)
from logistics_app.components.layout import document_lang, workspace_page
from logistics_app.components.sections import table_head
from logistics_app.state.rundown import RundownState as S


def _row(row: rx.Var[Any]) -> rx.Component:
    """A segment in the organizer's list: dragged by its handle, or moved with the arrows."""
    return sortable_row(
        rx.flex(
            rx.text(row["start"], "–", row["end"], weight="bold", size="2", white_space="nowrap", min_width="7.5em"),
            rx.vstack(
                rx.text(row["title"], weight="medium", size="2"),
                rx.text(
                    row["kind_label"],
                    rx.cond((row["category"] != "") & (row["category"] != row["title"]), " · " + row["category"], ""),
                    " · ",
                    row["minutes"],
                    " min",
                    size="1",
                    color_scheme="gray",
                ),
                rx.cond(row["presenters"] != "", rx.text(row["presenters"], size="1")),
                rx.cond(row["notes"] != "", rx.text(row["notes"], size="1", color_scheme="gray", font_style="italic")),
                spacing="0",
                flex="1 1 14em",
                min_width="0",
            ),
            rx.hstack(
                icon_action(
                    "pencil", S.tr["rundown.edit"], S.edit(row["id"]), titled=False, size="1", class_name="segment-edit"
                ),
                reorder_buttons(
                    S.move(row["id"], -1),
                    S.move(row["id"], 1),
                    S.ask_delete(row["id"], row["title"]),
                    titled=False,
                    class_prefix="segment",
                    spacing="1",
                ),
                spacing="1",
                align="center",
            ),
            gap="2",
            align="center",
            wrap="wrap",
            padding="0.5em 0.6em",
            border_radius="var(--radius-2)",
            background=rx.cond(
                row["late"] != "",
                rx.color("red", 3),
                rx.cond(S.editing == row["id"], rx.color("accent", 3), rx.color("gray", 2)),
            ),
            width="100%",
        ),
        sort_id=row["id"],
        handle_label=S.tr["rundown.drag"],
        class_name="segment",
    )


def _list() -> rx.Component:
    """The segments in order: a list an organizer reorders by dragging (the run sheet is a table)."""
    return rx.box(
        rx.cond(
            can_edit(),
            sortable_rows(
                rx.vstack(rx.foreach(S.rows, _row), spacing="1", width="100%"),
                ids=S.segment_ids,
                instructions=S.tr["rundown.drag_help"],
                on_reorder=S.reorder,
            ),
            _table(editable=False),
        ),
        width="100%",
        id="segments",
    )


def _table(*, editable: bool) -> rx.Component:
    """The segments as a table: the run sheet, and the list of someone who only reads."""
    return rx.table.root(
        table_head(
            S.tr["rundown.col.time"],
            S.tr["rundown.col.segment"],
            S.tr["rundown.col.minutes"],
            S.tr["rundown.col.presenters"],
        ),
        rx.table.body(rx.foreach(S.rows, _print_row)),
        width="100%",
        size="1",
        id=None if editable else "segments-sheet",
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
                S.tr["rundown.overrun"].replace("{time}", S.overrun),
                icon="timer",
                color_scheme="red",
                high_contrast=True,
                id="overrun",
            ),
            rx.callout(
                S.tr["rundown.fits"].replace("{time}", S.spare),
                icon="timer",
                color_scheme="green",
                size="1",
                high_contrast=True,
            ),
        ),
        # High contrast: amber text on an amber tint is too pale to read (axe, WCAG AA).
        rx.foreach(
            S.warnings,
            lambda w: rx.callout(w, icon="triangle-alert", color_scheme="amber", size="1", high_contrast=True),
        ),
        width="100%",
        spacing="2",
    )


def _select(name: str, options: rx.Var[Any], blank: bool = False) -> rx.Component:
    first = [no_choice()] if blank else []
    label = S.tr[f"rundown.field.{name}"]
    return form_select("segment", name, label, S.errors, *first, choices(options), default_value=S.values.get(name, ""))


def _input(name: str, kind: str | None = None, **props: Any) -> rx.Component:
    label = S.tr[f"rundown.field.{name}"]
    return form_input("segment", name, label, S.errors, kind, default_value=S.values.get(name, ""), **props)


def _form() -> rx.Component:
    """One form adds a segment, or edits the one chosen (its fields filled in)."""
    return keyed_form(
        rx.cond(S.editing != "", rx.heading(S.tr["rundown.editing"], size="3", as_="h2", padding_bottom="0.4em")),
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
        _input("notes", maxlength="2000"),
        rx.cond(
            S.editing != "",
            rx.hstack(
                rx.button(S.tr["plan.save"], type="submit", id="save-segment"),
                rx.button(
                    S.tr["plan.close"], type="button", variant="soft", color_scheme="gray", on_click=S.stop_editing
                ),
                margin_top="0.5em",
            ),
            rx.button(
                rx.icon("plus", size=14), S.tr["rundown.add"], type="submit", margin_top="0.5em", id="add-segment"
            ),
        ),
        on_submit=S.save,
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
        _list(),
        rx.cond(can_edit(), rx.card(_form(), width="100%", id="segment-form")),
        confirm_dialog(
            S.remove_question,
            open=S.removing.length() > 0,
            on_cancel=S.keep,
            on_confirm=S.delete,
            confirm_label=S.tr["plan.delete"],
            confirm_id="confirm-delete-segment",
        ),
        here="rundown",
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
