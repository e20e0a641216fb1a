"""Form fields as every form here shows them: a label, the control, and its problem if any."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from logistics_app.state.base import LangState

ROWS = list[dict[str, str]]
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


def labelled(
    label: rx.Var[Any] | str,
    control_id: str,
    control: rx.Component,
    *,
    errors: rx.Var[Any] | None = None,
    name: str = "",
    error_id: str = "",
) -> rx.Component:
    """The label names the control (screen readers read it); the error is announced when it appears."""
    problem = [] if errors is None else [rx.cond(errors.contains(name), error_text(errors[name], id=error_id))]
    return rx.vstack(
        rx.el.label(label, html_for=control_id, font_size="0.85em", font_weight="500"),
        control,
        *problem,
        spacing="1",
        width="100%",
    )


def error_text(message: rx.Var[Any], **props: Any) -> rx.Component:
    """A field's problem, in red and announced to screen readers."""
    return rx.text(message, color_scheme="red", size="1", role="alert", **props)


def form_error(message: rx.Var[Any], error_id: str) -> rx.Component:
    """What went wrong with the form as a whole, announced, when anything did."""
    return rx.cond(
        message != "", rx.callout(message, icon="triangle-alert", color_scheme="red", role="alert", id=error_id)
    )


def field(
    prefix: str, name: str, label: rx.Var[Any], control: rx.Component, errors: rx.Var[Any] | None
) -> rx.Component:
    """A labelled control whose ids follow the forms' rule: `{prefix}-{name}` and `{prefix}-error-{name}`."""
    return labelled(label, f"{prefix}-{name}", control, errors=errors, name=name, error_id=f"{prefix}-error-{name}")


def choices(rows: rx.Var[Any]) -> rx.Component:
    """An <option> for each row of a list of {label, value}."""
    return rx.foreach(rows.to(ROWS), lambda o: rx.el.option(o["label"], value=o["value"]))


def field_row(*fields: rx.Component, columns: Any) -> rx.Component:
    """Form fields side by side (`columns` may differ by screen width)."""
    return rx.grid(*fields, columns=columns, spacing="2", width="100%")


def no_choice() -> rx.Component:
    """The first option of a select that may be left empty."""
    return rx.el.option("—", value="")


def form_input(
    prefix: str, name: str, label: rx.Var[Any], errors: rx.Var[Any] | None, kind: str | None = None, **props: Any
) -> rx.Component:
    """A labelled input that the form sends as `name`."""
    control = rx.el.input(id=f"{prefix}-{name}", name=name, type=kind, style=FIELD_STYLE, **props)
    return field(prefix, name, label, control, errors)


def form_select(
    prefix: str, name: str, label: rx.Var[Any], errors: rx.Var[Any] | None, *options: rx.Component, **props: Any
) -> rx.Component:
    """A labelled select that the form sends as `name`."""
    control = rx.el.select(*options, id=f"{prefix}-{name}", name=name, style=FIELD_STYLE, **props)
    return field(prefix, name, label, control, errors)


def bound_input(
    prefix: str,
    name: str,
    form: rx.Var[Any],
    key: rx.Var[Any],
    set_field: Callable[..., Any],
    *,
    kind: str | None = None,
    errors: rx.Var[Any] | None = None,
) -> rx.Component:
    """An input for `form[name]` in a state, uncontrolled: what is typed is never overwritten by a late
    server answer; a new `key` (another record, or the values saved meanwhile) renders it anew."""
    return rx.el.input(
        id=f"{prefix}-{name}",
        type=kind,
        default_value=form.get(name, ""),
        key=key + name,
        on_change=lambda v: set_field(name, v),
        style=FIELD_STYLE,
        aria_invalid=None if errors is None else rx.cond(errors.contains(name), "true", "false"),
    )


def bound_select(
    prefix: str, name: str, form: rx.Var[Any], set_field: Callable[..., Any], *options: rx.Component
) -> rx.Component:
    """A select showing `form[name]` in a state and setting it on change."""
    return rx.el.select(
        *options,
        id=f"{prefix}-{name}",
        value=form.get(name, ""),
        on_change=lambda v: set_field(name, v),
        style=FIELD_STYLE,
    )


def bare_input(label: rx.Var[Any], *, element: Callable[..., rx.Component] = rx.el.input, **props: Any) -> rx.Component:
    """A field with no label shown: its placeholder names it, and its aria-label for screen readers."""
    return element(placeholder=label, aria_label=label, **{"style": FIELD_STYLE, **props})


def labelled_toggle(control: rx.Component, text: rx.Var[Any], *, align: str | None = "center") -> rx.Component:
    """A checkbox or switch with its text; clicking the text toggles it too."""
    return rx.el.label(rx.hstack(control, rx.text(text, size="2"), align=align))


class _NameFileInputs(rx.Fragment):  # type: ignore[misc]  # rx.Fragment is untyped (Any) to mypy
    """Gives each drop zone's file input the zone's own words as its accessible name (Reflex's
    upload renders the input itself, with no label to attach)."""

    def add_imports(self) -> dict[str, str]:
        return {"react": "useEffect"}

    def add_hooks(self) -> list[str | rx.Var[Any]]:
        effect = (
            "useEffect(() => { document.querySelectorAll('[data-file-zone] input[type=file]').forEach((input) => {"
            " const zone = input.closest('[data-file-zone]');"
            " input.setAttribute('aria-label', (zone.innerText || '').trim()); }); });"
        )
        return [rx.Var(_js_expr=effect)]


def drop_zone(
    *children: rx.Component, upload_id: str, accept: dict[str, list[str]], on_drop: Any, padding: str, **props: Any
) -> rx.Component:
    """Where one file is dropped or chosen; `on_drop` is the handler that takes it."""
    return rx.upload(
        _NameFileInputs.create(),
        *children,
        id=upload_id,
        data_file_zone="1",
        accept=accept,
        max_files=1,
        multiple=False,
        on_drop=on_drop(rx.upload_files(upload_id=upload_id)),
        border=f"2px dashed {rx.color('accent', 7)}",
        border_radius="var(--radius-3)",
        padding=padding,
        **props,
        cursor="pointer",
    )


def keyed_form(*children: rx.Component, on_submit: Any, key: Any, **props: Any) -> rx.Component:
    """A form that keeps what was typed when saving fails; a new `key` from the state after saving empties it."""
    props.setdefault("width", "100%")
    return rx.form(*children, on_submit=on_submit, reset_on_submit=False, key=key, **props)


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


def confirm_dialog(
    question: Any,
    *,
    open: Any,
    on_cancel: Any,
    on_confirm: Any,
    confirm_label: Any,
    confirm_id: str,
    details: rx.Component | None = None,
    color_scheme: str = "red",
) -> rx.Component:
    """Asks once before something is done (a deletion, a move with conflicts): the question, what
    it concerns, "Cerrar" and the button that does it."""
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(question),
            details if details is not None else rx.fragment(),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(LangState.tr["plan.close"], variant="soft", color_scheme="gray", on_click=on_cancel)
                ),
                rx.alert_dialog.action(
                    rx.button(confirm_label, color_scheme=color_scheme, on_click=on_confirm, id=confirm_id)
                ),
                justify="end",
                margin_top="1em",
            ),
        ),
        open=open,
    )
