"""The directory's forms: an agency, a contact, a person (one dialog), archiving, and merging a
duplicate into the entry that stays."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.account import can_edit
from logistics_app.components.forms import FIELD_STYLE, choices, confirm_dialog
from logistics_app.state.directory import DirectoryEditState as S


def _input(name: str, kind: str = "text") -> rx.Component:
    return rx.vstack(
        rx.el.label(S.tr[f"directory.field.{name}"], html_for=f"dir-{name}", font_size="0.85em"),
        rx.el.input(id=f"dir-{name}", name=name, type=kind, default_value=S.form.get(name, ""), style=FIELD_STYLE),
        rx.cond(
            S.errors.contains(name),
            rx.text(S.errors.get(name, ""), color_scheme="red", size="1", role="alert", id=f"dir-error-{name}"),
        ),
        spacing="1",
        width="100%",
    )


def _select(name: str, *options: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(S.tr[f"directory.field.{name}"], html_for=f"dir-{name}", font_size="0.85em"),
        rx.el.select(*options, id=f"dir-{name}", name=name, default_value=S.form.get(name, ""), style=FIELD_STYLE),
        rx.cond(
            S.errors.contains(name),
            rx.text(S.errors.get(name, ""), color_scheme="red", size="1", role="alert"),
        ),
        spacing="1",
        width="100%",
    )


def _languages() -> rx.Component:
    return _select("lang", rx.el.option("Español", value="es"), rx.el.option("English", value="en"))


def _fields() -> rx.Component:
    return rx.match(
        S.dialog,
        (
            "agency",
            rx.vstack(
                _input("name"),
                _input("acronym"),
                _select("kind", choices(S.agency_kinds)),
                _input("website", "url"),
                _input("notes"),
                width="100%",
            ),
        ),
        (
            "contact",
            rx.vstack(
                _input("name"), _input("role"), _input("email", "email"), _input("phone"), _languages(), width="100%"
            ),
        ),
        (
            "person",
            rx.vstack(
                _input("name"),
                _input("title"),
                _select("agency", rx.el.option("—", value=""), choices(S.agency_choices)),
                _input("email", "email"),
                _languages(),
                _input("notes"),
                width="100%",
            ),
        ),
        rx.fragment(),
    )


def entry_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(rx.cond(S.dialog != "", S.tr["directory.title." + S.dialog], "")),
            rx.form(
                rx.vstack(
                    _fields(),
                    rx.hstack(
                        rx.dialog.close(
                            rx.button(
                                S.tr["plan.close"],
                                variant="soft",
                                color_scheme="gray",
                                type="button",
                                on_click=S.close_dialog,
                            )
                        ),
                        rx.button(S.tr["plan.save"], type="submit", id="dir-save"),
                        justify="end",
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                key=S.form_key,
                on_submit=S.save,
                reset_on_submit=False,
                no_validate=True,  # the server's messages, in the page's language, not the browser's
            ),
            max_width="560px",
        ),
        open=S.dialog != "",
        on_open_change=lambda open_: rx.cond(open_, rx.noop(), S.close_dialog()),
    )


def merge_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(S.tr["directory.merge_title"]),
            rx.dialog.description(S.tr["directory.merge_help"], size="2"),
            rx.el.select(
                rx.el.option(S.tr["directory.merge_pick"], value=""),
                choices(S.merge_choices),
                id="merge-keep",
                value=S.merge_keep,
                aria_label=S.tr["directory.merge_pick"],
                on_change=S.set_merge_keep,
                style={**FIELD_STYLE, "margin": "1em 0"},
            ),
            rx.hstack(
                rx.dialog.close(
                    rx.button(S.tr["plan.close"], variant="soft", color_scheme="gray", on_click=S.close_dialog)
                ),
                rx.button(
                    S.tr["directory.merge"],
                    color_scheme="red",
                    on_click=S.merge,
                    disabled=S.merge_keep == "",
                    id="merge-go",
                ),
                justify="end",
            ),
            max_width="520px",
        ),
        open=S.merge_kind != "",
        on_open_change=lambda open_: rx.cond(open_, rx.noop(), S.close_dialog()),
    )


def entry_actions(kind: str, entry: rx.Var[Any]) -> rx.Component:
    """Edit, archive or restore, and merge: for an organizer who may edit."""
    entry_id = entry["id"].to(str)
    archived = entry["archived"].to(bool)
    return rx.cond(
        can_edit(),
        rx.flex(
            rx.button(
                rx.icon("pencil", size=14),
                S.tr["directory.edit"],
                size="1",
                variant="soft",
                on_click=S.open_agency(entry_id) if kind == "agency" else S.open_person(entry_id),
                class_name="dir-edit",
            ),
            rx.button(
                rx.cond(archived, S.tr["directory.restore"], S.tr["directory.archive"]),
                size="1",
                variant="soft",
                color_scheme="gray",
                on_click=S.set_archived(kind, entry_id, ~archived),
                class_name="dir-archive",
            ),
            rx.button(
                S.tr["directory.merge_into"],
                size="1",
                variant="soft",
                color_scheme="gray",
                on_click=S.ask_merge(kind, entry_id),
                class_name="dir-merge",
            ),
            gap="2",
            wrap="wrap",
        ),
    )


def contact_actions(agency_id: rx.Var[Any], contact: rx.Var[Any]) -> rx.Component:
    return rx.cond(
        can_edit(),
        rx.hstack(
            rx.icon_button(
                rx.icon("pencil", size=12),
                size="1",
                variant="ghost",
                aria_label=S.tr["directory.edit"],
                on_click=S.open_contact(agency_id, contact["id"]),
                class_name="contact-edit",
            ),
            rx.icon_button(
                rx.icon("x", size=12),
                size="1",
                variant="ghost",
                color_scheme="red",
                aria_label=S.tr["plan.remove"],
                on_click=S.ask_remove_contact(agency_id, contact["id"], contact["name"]),
                class_name="contact-remove",
            ),
            spacing="1",
        ),
    )


def remove_contact_dialog() -> rx.Component:
    return confirm_dialog(
        S.remove_question,
        open=S.removing.length() > 0,
        on_cancel=S.keep_contact,
        on_confirm=S.remove_contact,
        confirm_label=S.tr["plan.remove"],
        confirm_id="confirm-remove-contact",
    )
