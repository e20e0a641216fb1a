"""The item editor's people and supporting agencies: chips to remove, pickers to add, and small
forms that add a new person or agency to the directory without leaving the item."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.forms import FIELD_STYLE, choices
from logistics_app.state.planning import PlanState as S


def _chip(label: rx.Var[Any], on_remove: Any, class_name: str) -> rx.Component:
    return rx.badge(
        label,
        rx.el.button(
            rx.icon("x", size=12),
            on_click=on_remove,
            type="button",
            aria_label=S.tr["plan.remove"],
            title=S.tr["plan.remove"],
            style={"background": "none", "border": "none", "cursor": "pointer", "padding": "0 0 0 0.25em"},
        ),
        size="2",
        variant="soft",
        class_name=class_name,
    )


def _picker(select_id: str, pick: str, value: rx.Var[Any], options: rx.Var[Any], blank: rx.Var[Any]) -> rx.Component:
    return rx.el.select(
        rx.el.option(blank, value=""),
        choices(options),
        id=select_id,
        value=value,
        aria_label=blank,
        on_change=lambda v: S.set_pick(pick, v),
        style={**FIELD_STYLE, "flex": "1", "min_width": "12em"},
    )


def _small_input(name: str, label_key: str, form: str) -> rx.Component:
    return rx.vstack(
        rx.el.label(S.tr[label_key], html_for=f"{form}-{name}", font_size="0.8em"),
        rx.el.input(id=f"{form}-{name}", name=name, style=FIELD_STYLE),
        rx.cond(
            S.inline_errors.contains(name),
            rx.text(S.inline_errors.get(name, ""), color_scheme="red", size="1", role="alert"),
        ),
        spacing="1",
        flex="1",
        min_width="10em",
    )


def _small_select(form: str, name: str, label_key: str, *options: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(S.tr[label_key], html_for=f"{form}-{name}", font_size="0.8em"),
        rx.el.select(*options, id=f"{form}-{name}", name=name, style=FIELD_STYLE),
        spacing="1",
        flex="1",
        min_width="10em",
    )


def _small_form(what: str, on_submit: Any, *fields: rx.Component) -> rx.Component:
    """A new person's or agency's few fields, inside the item editor (its own form)."""
    return rx.form(
        rx.flex(
            *fields,
            rx.button(S.tr["directory.create_add"], type="submit", id=f"create-{what}", align_self="end"),
            gap="2",
            wrap="wrap",
            width="100%",
        ),
        key=S.inline_key,
        on_submit=on_submit,
        reset_on_submit=False,
        class_name="inline-new",
        width="100%",
    )


def _new_person() -> rx.Component:
    return _small_form(
        "person",
        S.create_person,
        _small_input("name", "directory.field.name", "new-person"),
        _small_input("title", "directory.field.title", "new-person"),
        _small_select(
            "new-person",
            "agency",
            "directory.field.agency",
            rx.el.option(S.tr["field.none"], value=""),
            choices(S.options["agency"]),
        ),
        rx.el.input(type="hidden", name="role", value=S.pick_role),
    )


def _new_agency() -> rx.Component:
    return _small_form(
        "agency",
        S.create_agency,
        _small_input("name", "directory.field.name", "new-agency"),
        _small_input("acronym", "directory.field.acronym", "new-agency"),
        _small_select("new-agency", "kind", "directory.field.kind", choices(S.options["agency_kind"])),
    )


def _section(
    label_key: str, chips: rx.Component, pickers: list[rx.Component], add: Any, what: str, icon: str
) -> rx.Component:
    """A list of chips, the pickers with "Añadir", and "Persona nueva" / "Agencia nueva" with
    its small form; the field's error below."""
    error = "people" if what == "person" else "supporting"
    return rx.vstack(
        rx.text(S.tr[label_key], weight="medium", size="2"),
        rx.flex(chips, gap="2", wrap="wrap"),
        rx.flex(
            *pickers,
            rx.button(
                S.tr["plan.add"],
                on_click=add,
                id="add-person" if what == "person" else "add-supporting",
                variant="soft",
                type="button",
            ),
            rx.button(
                rx.icon(icon, size=16),
                S.tr[f"directory.new_{what}"],
                on_click=S.open_adding(what),
                id=f"new-{what}",
                variant="ghost",
                type="button",
            ),
            gap="2",
            wrap="wrap",
            width="100%",
        ),
        rx.cond(S.adding == what, _new_person() if what == "person" else _new_agency()),
        rx.cond(S.errors.contains(error), rx.text(S.errors.get(error, ""), color_scheme="red", size="1", role="alert")),
        spacing="2",
        width="100%",
    )


def people_and_agencies() -> rx.Component:
    people = _section(
        "field.people",
        rx.foreach(
            S.people_chips, lambda c: _chip(c["name"] + " · " + c["role"], S.remove_person(c["id"]), "person-chip")
        ),
        [
            _picker("pick-person", "pick_person", S.pick_person, S.options["person"], S.tr["field.pick_person"]),
            rx.el.select(
                choices(S.options["role"]),
                id="pick-role",
                value=S.pick_role,
                aria_label=S.tr["field.role"],
                on_change=lambda v: S.set_pick("pick_role", v),
                style={**FIELD_STYLE, "width": "auto"},
            ),
        ],
        S.add_person,
        "person",
        "user-plus",
    )
    agencies = _section(
        "field.supporting",
        rx.foreach(S.supporting_chips, lambda c: _chip(c["name"], S.remove_supporting(c["id"]), "agency-chip")),
        [_picker("pick-agency", "pick_agency", S.pick_agency, S.options["agency"], S.tr["field.pick_agency"])],
        S.add_supporting,
        "agency",
        "building-2",
    )
    return rx.vstack(people, agencies, spacing="3", width="100%")
