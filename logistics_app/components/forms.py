"""A form field as every form here shows it: a label, the control, and its problem if any."""

from __future__ import annotations

from typing import Any

import reflex as rx


def labelled(
    label: rx.Var[Any] | str,
    control_id: str,
    control: rx.Component,
    *,
    errors: rx.Var[Any] | None,
    name: str,
    error_id: str,
) -> rx.Component:
    """The label names the control (screen readers read it); the error is announced when it appears."""
    return rx.vstack(
        rx.el.label(label, html_for=control_id, font_size="0.85em", font_weight="500"),
        control,
        rx.cond(
            errors.contains(name),
            rx.text(errors[name], color_scheme="red", size="1", id=error_id, role="alert"),
        )
        if errors is not None
        else rx.fragment(),
        spacing="1",
        width="100%",
    )


def dialog_form(
    title: Any,
    *fields: rx.Component,
    open: Any,
    on_close: Any,
    close_label: Any,
    save: rx.Component,
    description: Any = None,
    max_width: str = "640px",
) -> rx.Component:
    """A form in a dialog: its fields, then Close and the save button (the caller's, since what
    saving means differs: a plain save, "save anyway" ...). Closing it any way calls on_close."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.dialog.description(description, size="2") if description is not None else rx.fragment(),
            rx.vstack(
                *fields,
                rx.hstack(
                    rx.dialog.close(rx.button(close_label, variant="soft", color_scheme="gray", on_click=on_close)),
                    save,
                    justify="end",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            max_width=max_width,
        ),
        open=open,
        on_open_change=lambda open_: rx.cond(open_, rx.noop(), on_close()),
    )
