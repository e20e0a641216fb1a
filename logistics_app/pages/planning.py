"""The organizer's schedule of an event: list and timeline, and the item editor."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import can_edit
from logistics_app.components.buttons import icon_action, pager
from logistics_app.components.filters import facet_select, search_row
from logistics_app.components.forms import (
    bound_input,
    bound_select,
    choices,
    confirm_dialog,
    dialog_form,
    field_row,
    labelled,
    labelled_toggle,
)
from logistics_app.components.layout import workspace_page
from logistics_app.components.sections import action_row, or_empty
from logistics_app.components.timeline import timeline
from logistics_app.pages.bulk_bar import bulk_bar, row_checkbox, selection_row
from logistics_app.pages.item_people import people_and_agencies
from logistics_app.state.planning import PlanState


def _select(key: str, param: str, label_key: str) -> rx.Component:
    return facet_select(
        f"plan-{param}",
        PlanState.tr[label_key],
        PlanState.options[key],
        PlanState.params.get(param, ""),
        on_change=lambda v: PlanState.set_filter(param, v),
    )


def _filters() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.form(
                search_row(
                    "plan-q",
                    PlanState.params.get("q", ""),
                    PlanState.tr["programme.search"],
                    aria_label=PlanState.tr["programme.search"],
                ),
                on_submit=PlanState.search,
                width="100%",
            ),
            rx.grid(
                _select("day", "dia", "filter.day"),
                _select("space", "espacio", "field.space"),
                _select("agency", "agencia", "field.lead_agency"),
                _select("kind", "tipo", "field.kind"),
                _select("status", "estado", "field.status"),
                _select("visibility", "visibilidad", "field.visibility"),
                columns=rx.breakpoints(initial="1", sm="2", md="3"),
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
        width="100%",
    )


# On a phone each row is a card: its cells one under the other (a table would scroll sideways).
ROW = {
    "@media (max-width: 640px)": {"display": "block", "padding": "0.5em 0", "border_bottom": "1px solid var(--gray-5)"}
}
CELL = {
    "@media (max-width: 640px)": {
        "display": "block",
        "padding": "0.15em 0.5em",
        "box_shadow": "none",
        "height": "auto",
        "width": "auto",
    }
}
# The checkbox and the day stay side by side.
SIDE = {
    "@media (max-width: 640px)": {
        **CELL["@media (max-width: 640px)"],
        "display": "inline-block",
        "vertical_align": "top",
    }
}


def _row(item: rx.Var[Any]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row_checkbox(item), width="28px", style=SIDE),
        rx.table.cell(
            rx.text(item["date"], size="1", color_scheme="gray"), rx.text(item["time"], weight="bold"), style=SIDE
        ),
        rx.table.cell(
            # A button, not a link without an address: reachable and usable with the keyboard.
            rx.el.button(
                item["title"],
                on_click=PlanState.open_edit(item["id"]),
                class_name="plan-title",
                style={"all": "unset", "cursor": "pointer", "color": rx.color("accent", 11), "font_weight": "500"},
            ),
            rx.flex(
                rx.badge(item["kind"], variant="surface", high_contrast=True),
                rx.badge(
                    item["status_label"],
                    high_contrast=True,
                    color_scheme=rx.match(item["status"], ("cancelled", "red"), ("tentative", "amber"), "green"),
                ),
                rx.badge(item["visibility"], variant="outline", high_contrast=True),
                gap="1",
                wrap="wrap",
            ),
            style=CELL,
        ),
        rx.table.cell(
            rx.text(item["place"], size="2"), rx.text(item["agency"], size="1", color_scheme="gray"), style=CELL
        ),
        rx.table.cell(
            rx.hstack(
                icon_action("pencil", PlanState.tr["plan.edit"], PlanState.open_edit(item["id"]), icon_size=16),
                rx.cond(
                    can_edit(),
                    rx.hstack(
                        icon_action(
                            "copy", PlanState.tr["plan.duplicate"], PlanState.duplicate(item["id"]), icon_size=16
                        ),
                        icon_action(
                            "trash-2",
                            PlanState.tr["plan.delete"],
                            PlanState.ask_delete(item["id"], item["title"], item["version"]),
                            icon_size=16,
                            color_scheme="red",
                        ),
                        spacing="1",
                    ),
                ),
                spacing="1",
            ),
            style=CELL,
        ),
        class_name="plan-row",
        style=ROW,
    )


def _list() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.text(PlanState.result_label, weight="medium"), selection_row(), gap="4", align="center", wrap="wrap"
        ),
        bulk_bar(),
        rx.box(
            rx.table.root(
                rx.table.body(rx.foreach(PlanState.items, _row)),
                width="100%",
                size="1",
            ),
            overflow_x="auto",
            width="100%",
        ),
        rx.cond(PlanState.pages > 1, pager(PlanState, rx.text(PlanState.page, " / ", PlanState.pages), align="center")),
        width="100%",
    )


def _field(name: str, control: rx.Component) -> rx.Component:
    return labelled(
        PlanState.tr[f"field.{name}"],
        f"item-{name}",
        control,
        errors=PlanState.errors,
        name=name,
        error_id=f"error-{name}",
    )


def _input(name: str, kind: str = "text") -> rx.Component:
    S = PlanState
    return _field(name, bound_input("item", name, S.form, S.form_key + "-", S.set_field, kind=kind, errors=S.errors))


def _choice(name: str, options_key: str, *, blank: bool = False) -> rx.Component:
    return _field(
        name,
        bound_select(
            "item",
            name,
            PlanState.form,
            PlanState.set_field,
            rx.cond(blank, rx.el.option(PlanState.tr["field.none"], value="")),
            choices(PlanState.options[options_key]),
        ),
    )


def _editor() -> rx.Component:
    return dialog_form(
        rx.cond(PlanState.editing_id >= 0, PlanState.tr["plan.edit"], PlanState.tr["plan.new_item"]),
        rx.cond(
            PlanState.stale != "",
            rx.callout(PlanState.stale, icon="triangle-alert", color_scheme="red", id="stale"),
        ),
        _input("title"),
        field_row(
            _choice("kind", "kind"),
            _choice("status", "status"),
            _choice("visibility", "visibility"),
            columns=rx.breakpoints(initial="1", sm="3"),
        ),
        field_row(
            _input("start_day", "date"),
            _input("start", "time"),
            _input("end_day", "date"),
            _input("end", "time"),
            columns=rx.breakpoints(initial="2", sm="4"),
        ),
        field_row(
            _choice("space", "space", blank=True),
            _choice("lead_agency", "agency", blank=True),
            columns=rx.breakpoints(initial="1", sm="2"),
        ),
        people_and_agencies(),
        _input("description"),
        _input("notes"),
        labelled_toggle(
            rx.checkbox(
                checked=PlanState.form.get("share_before_publish", "") != "",
                on_change=lambda v: PlanState.set_field("share_before_publish", rx.cond(v, "1", "")),
                id="item-share_before_publish",
                aria_label=PlanState.tr["field.share_before_publish"],
            ),
            PlanState.tr["field.share_before_publish"],
        ),
        rx.box(
            rx.heading(PlanState.tr["plan.conflicts"], size="3", as_="h3"),
            or_empty(
                PlanState.conflicts,
                rx.vstack(
                    rx.foreach(
                        PlanState.conflicts,
                        lambda c: rx.callout(c, icon="triangle-alert", color_scheme="amber", size="1"),
                    ),
                    width="100%",
                    id="conflicts",
                ),
                PlanState.tr["plan.no_conflicts"],
                size="2",
            ),
            width="100%",
            aria_live="polite",
        ),
        rx.cond(
            PlanState.needs_confirm,
            rx.text(PlanState.tr["plan.conflicts_confirm"], color_scheme="amber", weight="medium"),
        ),
        open=PlanState.editor_open,
        on_close=PlanState.close_editor,
        close_label=PlanState.tr["plan.close"],
        save=rx.cond(
            PlanState.needs_confirm,
            rx.button(
                PlanState.tr["plan.save_anyway"],
                on_click=PlanState.save(True),
                color_scheme="amber",
                id="save-anyway",
            ),
            rx.cond(
                can_edit(),
                rx.button(PlanState.tr["plan.save"], on_click=PlanState.save(False), id="save-item"),
            ),
        ),
        description=PlanState.tr["plan.times_in"].replace("{zone}", PlanState.zone),
        max_width="760px",
    )


def _delete_dialog() -> rx.Component:
    return confirm_dialog(
        PlanState.tr["plan.delete"],
        details=rx.alert_dialog.description(PlanState.delete_question),
        open=PlanState.delete_id >= 0,
        on_cancel=PlanState.cancel_delete,
        on_confirm=PlanState.confirm_delete,
        confirm_label=PlanState.tr["plan.delete"],
        confirm_id="confirm-delete",
    )


def _view_button(label: rx.Var[Any], view: str, param: str, button_id: str) -> rx.Component:
    """Shows the list or the timeline (`param` is its value in the URL); pressed while shown."""
    shown = PlanState.view == view
    return rx.button(
        label,
        on_click=PlanState.set_filter("vista", param),
        variant=rx.cond(shown, "solid", "soft"),
        aria_pressed=rx.cond(shown, "true", "false"),
        id=button_id,
    )


def plan_programme() -> rx.Component:
    return workspace_page(
        PlanState,
        action_row(
            rx.callout(
                PlanState.tr["plan.times_in"].replace("{zone}", PlanState.zone),
                icon="clock",
                size="1",
                variant="surface",
            ),
            action=rx.flex(
                rx.hstack(
                    rx.icon("file-down", size=16, aria_hidden="true"),
                    rx.text(PlanState.tr["plan.export"], size="2"),
                    rx.button(
                        PlanState.tr["plan.export_xlsx"],
                        variant="soft",
                        size="1",
                        on_click=PlanState.export("xlsx"),
                        id="export-xlsx",
                    ),
                    rx.button(
                        PlanState.tr["plan.export_csv"],
                        variant="soft",
                        size="1",
                        on_click=PlanState.export("csv"),
                        id="export-csv",
                    ),
                    align="center",
                    spacing="1",
                ),
                rx.menu.root(
                    rx.menu.trigger(
                        rx.button(
                            rx.icon("printer", size=16), PlanState.tr["print.menu"], variant="soft", id="print-menu"
                        )
                    ),
                    rx.menu.content(
                        rx.menu.item(
                            PlanState.tr["print.pdf_space"], on_click=PlanState.print_pdf("space"), id="pdf-space"
                        ),
                        rx.menu.item(
                            PlanState.tr["print.pdf_agency"], on_click=PlanState.print_pdf("agency"), id="pdf-agency"
                        ),
                        rx.menu.item(
                            PlanState.tr["print.pdf_programme"],
                            on_click=PlanState.print_pdf("programme"),
                            id="pdf-programme",
                        ),
                    ),
                ),
                rx.link(
                    rx.button(
                        rx.icon("calendar-arrow-down", size=16),
                        PlanState.tr["import.title"],
                        variant="soft",
                    ),
                    href=routes.plan_import_url(PlanState.slug),
                    id="import-calendar",
                ),
                rx.button(
                    rx.icon("plus", size=16),
                    PlanState.tr["plan.new_item"],
                    on_click=PlanState.open_new,
                    id="new-item",
                ),
                gap="2",
                wrap="wrap",
                align="center",
            ),
            wrap="wrap",
        ),
        rx.hstack(
            _view_button(PlanState.tr["plan.list"], "lista", "", "view-list"),
            _view_button(PlanState.tr["plan.timeline"], "linea", "linea", "view-timeline"),
            _view_button(PlanState.tr["plan.week"], "semana", "semana", "view-week"),
            role="group",
        ),
        _filters(),
        rx.cond(PlanState.view == "lista", _list(), timeline()),
        _editor(),
        _delete_dialog(),
        here="programme",
        back=(PlanState.tr["plan.events"], routes.PLAN_EVENTS),
        heading=(PlanState.event_name, " · ", PlanState.tr["plan.programme"]),
        on_lang_change=PlanState.load,
    )
