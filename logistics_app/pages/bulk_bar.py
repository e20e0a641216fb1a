"""The organizer's list, many items at once: a checkbox per row (shift-click for a range), "every
item that matches", and the bar that shifts, sets or deletes them all, with their conflicts."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.account import can_edit
from logistics_app.components.forms import FIELD_STYLE, choices
from logistics_app.state.bulk import BulkState as B


def row_checkbox(item: rx.Var[Any]) -> rx.Component:
    item_id = item["id"].to(str)
    return rx.cond(
        can_edit(),
        rx.el.input(
            type="checkbox",
            checked=B.selected.contains(item_id),
            on_click=lambda info: B.toggle(item_id, info["shift_key"]),
            on_change=rx.noop(),
            aria_label=B.tr["bulk.choose"] + " " + item["title"].to(str),
            class_name="plan-select",
            style={"width": "18px", "height": "18px", "cursor": "pointer"},
        ),
    )


def _number(name: str, label_key: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(B.tr[label_key], html_for=f"bulk-{name}", font_size="0.8em"),
        rx.el.input(
            id=f"bulk-{name}",
            type="number",
            value=B.bulk_form.get(name, ""),
            on_change=lambda v: B.set_bulk_field(name, v),
            placeholder="0",
            style={**FIELD_STYLE, "width": "7em"},
        ),
        rx.cond(B.bulk_errors.contains(name), rx.text(B.bulk_errors.get(name, ""), color_scheme="red", size="1")),
        spacing="1",
    )


def _choice(name: str, label_key: str, options: rx.Var[Any], *, clearable: bool) -> rx.Component:
    return rx.vstack(
        rx.el.label(B.tr[label_key], html_for=f"bulk-{name}", font_size="0.8em"),
        rx.el.select(
            rx.el.option(B.tr["bulk.unchanged"], value=""),
            *([rx.el.option(B.tr["bulk.clear"], value="none")] if clearable else []),
            choices(options),
            id=f"bulk-{name}",
            value=B.bulk_form.get(name, ""),
            on_change=lambda v: B.set_bulk_field(name, v),
            style={**FIELD_STYLE, "min_width": "9em"},
        ),
        rx.cond(B.bulk_errors.contains(name), rx.text(B.bulk_errors.get(name, ""), color_scheme="red", size="1")),
        spacing="1",
    )


def selection_row() -> rx.Component:
    """Above the list: how many are chosen, every match, none."""
    return rx.cond(
        can_edit(),
        rx.flex(
            rx.button(
                rx.icon("list-checks", size=14),
                B.tr["bulk.select_matching"],
                size="1",
                variant="soft",
                on_click=B.select_matching,
                id="select-matching",
            ),
            rx.cond(
                B.selected.length() > 0,
                rx.hstack(
                    rx.text(B.selected_label, weight="medium", size="2", id="selected-count"),
                    rx.button(B.tr["bulk.clear_selection"], size="1", variant="ghost", on_click=B.clear_selection),
                    align="center",
                ),
            ),
            gap="3",
            align="center",
            wrap="wrap",
        ),
    )


def bulk_bar() -> rx.Component:
    return rx.cond(
        B.selected.length() > 0,
        rx.card(
            rx.vstack(
                rx.flex(
                    _number("minutes", "bulk.minutes"),
                    _number("days", "bulk.days"),
                    _choice("status", "field.status", B.options["status"], clearable=False),
                    _choice("visibility", "field.visibility", B.options["visibility"], clearable=False),
                    _choice("lead_agency", "field.lead_agency", B.options["agency"], clearable=True),
                    _choice("space", "field.space", B.options["space"], clearable=True),
                    gap="3",
                    wrap="wrap",
                    align="end",
                ),
                rx.cond(
                    B.bulk_errors.contains("items"),
                    rx.text(B.bulk_errors.get("items", ""), color_scheme="red", size="2"),
                ),
                rx.cond(
                    B.bulk_conflicts.length() > 0,
                    rx.vstack(
                        rx.foreach(
                            B.bulk_conflicts,
                            lambda c: rx.callout(c, icon="triangle-alert", color_scheme="amber", size="1"),
                        ),
                        id="bulk-conflicts",
                        width="100%",
                    ),
                ),
                rx.flex(
                    rx.button(
                        rx.cond(B.bulk_confirm, B.tr["bulk.apply_anyway"], B.tr["bulk.apply"]),
                        color_scheme=rx.cond(B.bulk_confirm, "amber", "accent"),
                        on_click=B.apply_bulk,
                        id="bulk-apply",
                    ),
                    rx.cond(
                        B.bulk_delete_asked,
                        rx.hstack(
                            rx.text(B.tr["bulk.delete_question"], size="2", weight="medium"),
                            rx.button(
                                B.tr["plan.delete"],
                                color_scheme="red",
                                on_click=B.confirm_bulk_delete,
                                id="bulk-delete-yes",
                            ),
                            align="center",
                        ),
                        rx.button(
                            rx.icon("trash-2", size=14),
                            B.tr["plan.delete"],
                            color_scheme="red",
                            variant="soft",
                            on_click=B.ask_bulk_delete,
                            id="bulk-delete",
                        ),
                    ),
                    gap="3",
                    wrap="wrap",
                    align="center",
                ),
                spacing="3",
                width="100%",
            ),
            id="bulk-bar",
            width="100%",
            position="sticky",
            top="0",
            z_index="5",
        ),
    )
