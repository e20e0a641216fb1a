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
