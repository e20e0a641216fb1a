"""Deliverables as the organizer and the agencies see them: progress, list, assignment, updates."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.forms import (
    FIELD_STYLE,
    bare_input,
    choices,
    field_row,
    form_input,
    form_select,
    keyed_form,
    no_choice,
)
from logistics_app.components.sections import or_empty
from logistics_app.state.base import LangState

ROWS = list[dict[str, str]]
STATUS_COLORS = (("done", "green"), ("confirmed", "blue"), ("blocked", "red"), "amber")


def status_badge(row: rx.Var[Any]) -> rx.Component:
    return rx.badge(row["status_label"], color_scheme=rx.match(row["status"], *STATUS_COLORS), variant="soft")


def _details(row: rx.Var[Any], *, with_agency: bool) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(row["title"], weight="bold", size="2"),
            status_badge(row),
            rx.cond(row["quantity"] != "", rx.badge("× ", row["quantity"], variant="outline")),
            rx.cond(row["crew"] != "", rx.badge(row["crew"], variant="outline", color_scheme="gray")),
            align="center",
            wrap="wrap",
        ),
        rx.text(
            row["when"],
            " · ",
            row["item"],
            *([" · ", row["agency"]] if with_agency else []),
            size="1",
            color_scheme="gray",
        ),
        rx.cond(
            row["due"] != "",
            rx.text(LangState.tr["deliverable.due"], ": ", row["due"], size="1"),
        ),
        rx.cond(
            row["blocked_reason"] != "",
            rx.text(row["blocked_reason"], size="1", color_scheme="red"),
        ),
        rx.cond(row["notes"] != "", rx.text(row["notes"], size="1", font_style="italic")),
        spacing="1",
        width="100%",
    )


def deliverable_list(rows: rx.Var[Any], actions: Any = None) -> rx.Component:
    """With the agency named (the organizer's panel); `actions(row)`: its buttons, if any."""
    return or_empty(
        rows,
        rx.vstack(
            rx.foreach(
                rows.to(ROWS),
                lambda row: rx.box(
                    _details(row, with_agency=True),
                    *([actions(row)] if actions is not None else []),
                    width="100%",
                    padding_y="0.4em",
                    border_bottom=f"1px solid {rx.color('gray', 4)}",
                    class_name="deliverable",
                ),
            ),
            spacing="0",
            width="100%",
        ),
        LangState.tr["deliverable.none"],
        size="2",
    )


def _select(
    name: str, options: rx.Var[Any], errors: rx.Var[Any], prefix: str, values: rx.Var[Any] | None = None
) -> rx.Component:
    extra = {"default_value": values.get(name, "")} if values is not None else {}
    return form_select(
        prefix, name, LangState.tr[f"deliverable.field.{name}"], errors, no_choice(), choices(options), **extra
    )


def _input(
    name: str, errors: rx.Var[Any], prefix: str, kind: str = "text", values: rx.Var[Any] | None = None
) -> rx.Component:
    extra = {"default_value": values.get(name, "")} if values is not None else {}
    return form_input(prefix, name, LangState.tr[f"deliverable.field.{name}"], errors, kind, **extra)


def _stacked_form(*children: rx.Component, on_submit: Any, key: Any, gap: str, **props: Any) -> rx.Component:
    """A form whose parts stand one under the other."""
    return keyed_form(
        *children,
        on_submit=on_submit,
        key=key,
        display="flex",
        flex_direction="column",
        gap=gap,
        width="100%",
        **props,
    )


def assign_form(
    options: rx.Var[Any],
    errors: rx.Var[Any],
    key: rx.Var[Any],
    on_submit: rx.EventHandler,
    values: rx.Var[Any],
    editing: rx.Var[Any],
    on_cancel: Any,
) -> rx.Component:
    """The organizer's form, to assign a deliverable or edit one (`values` fill it; a new key after
    saving empties it)."""
    prefix = "deliverable"
    return _stacked_form(
        field_row(
            _select("item", options["items"], errors, prefix, values),
            _select("agency", options["agencies"], errors, prefix, values),
            columns=rx.breakpoints(initial="1", sm="2"),
        ),
        _input("title", errors, prefix, values=values),
        field_row(
            _input("quantity", errors, prefix, "number", values),
            _select("crew_role", options["roles"], errors, prefix, values),
            _input("crew_count", errors, prefix, "number", values),
            _input("due_day", errors, prefix, "date", values),
            _input("due_time", errors, prefix, "time", values),
            columns=rx.breakpoints(initial="2", sm="5"),
        ),
        rx.hstack(
            rx.button(
                rx.cond(editing, rx.icon("check", size=14), rx.icon("plus", size=14)),
                rx.cond(editing, LangState.tr["plan.save"], LangState.tr["deliverable.assign"]),
                type="submit",
                id="assign-deliverable",
            ),
            rx.cond(
                editing,
                rx.button(
                    LangState.tr["plan.close"], type="button", variant="soft", color_scheme="gray", on_click=on_cancel
                ),
            ),
        ),
        on_submit=on_submit,
        key=key,
        gap="0.5em",
    )


def editable_deliverable(row: rx.Var[Any], statuses: rx.Var[Any], on_submit: rx.EventHandler) -> rx.Component:
    """One deliverable with its status, notes and blocked reason, saved together (the portal)."""
    return _stacked_form(
        _details(row, with_agency=False),
        rx.el.input(type="hidden", name="id", value=row["id"]),
        rx.el.input(type="hidden", name="version", value=row["version"]),
        field_row(
            rx.el.select(
                choices(statuses),
                name="status",
                default_value=row["status"],
                aria_label=LangState.tr["deliverable.field.status"],
                style=FIELD_STYLE,
                class_name="deliverable-status",
            ),
            bare_input(
                LangState.tr["deliverable.field.blocked_reason"],
                name="blocked_reason",
                default_value=row["blocked_reason"],
                class_name="deliverable-reason",
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
        ),
        bare_input(
            LangState.tr["deliverable.field.notes"],
            element=rx.el.textarea,
            name="notes",
            default_value=row["notes"],
            rows="2",
            style={**FIELD_STYLE, "padding": "0.4em 0.6em"},
            class_name="deliverable-notes",
        ),
        rx.button(
            LangState.tr["plan.save"], type="submit", size="1", class_name="deliverable-save", align_self="start"
        ),
        on_submit=on_submit,
        key=row["id"] + "-" + row["version"],
        gap="0.4em",
        padding_y="0.6em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="deliverable",
    )
