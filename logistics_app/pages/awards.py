"""Premios: categories in ceremony order, their nominations, the CSV, and the tally ("escrutinio")."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import can_edit
from logistics_app.components.buttons import icon_action, reorder_buttons
from logistics_app.components.forms import FIELD_STYLE, bare_input, confirm_dialog, drop_zone, field_row, form_input
from logistics_app.components.layout import workspace_page
from logistics_app.components.sections import action_row, section_card
from logistics_app.state.awards import AwardsState as S

UPLOAD_ID = "nominations-csv"
ROWS = list[dict[str, str]]


def _nomination(category_id: rx.Var[Any], n: rx.Var[Any]) -> rx.Component:
    return rx.cond(S.editing == n["id"], _edit_nomination(), _nomination_row(category_id, n))


def _edit_field(name: str, label: rx.Var[Any], **props: Any) -> rx.Component:
    return form_input("nomination-edit", name, label, S.editing_errors, default_value=S.editing_values[name], **props)


def _edit_nomination() -> rx.Component:
    """A nomination's fields in place of its row, with the server's messages by field."""
    return rx.form(
        field_row(
            _edit_field("titulo", S.tr["awards.field.title"]),
            _edit_field("personas", S.tr["awards.field.people"]),
            _edit_field("anio", S.tr["awards.field.year"], inputmode="numeric"),
            _edit_field("direccion", S.tr["awards.field.director"]),
            columns=rx.breakpoints(initial="1", sm="2", md="4"),
        ),
        rx.hstack(
            rx.button(S.tr["plan.save"], type="submit", size="1", id="save-nomination"),
            rx.button(
                S.tr["plan.close"],
                type="button",
                size="1",
                variant="soft",
                color_scheme="gray",
                on_click=S.stop_editing_nomination,
            ),
            padding_top="0.4em",
        ),
        on_submit=S.save_nomination,
        reset_on_submit=False,
        key=S.editing,
        width="100%",
        padding="0.5em",
        border=f"1px solid {rx.color('accent', 6)}",
        border_radius="var(--radius-3)",
        id="nomination-editor",
        aria_label=S.tr["awards.edit_nomination"],
    )


def _nomination_row(category_id: rx.Var[Any], n: rx.Var[Any]) -> rx.Component:
    chosen = S.sealed.get(category_id, "") == n["id"]
    return rx.hstack(
        rx.text(n["title"], weight="medium", size="2"),
        rx.cond(n["people"] != "", rx.text(n["people"], size="1", color_scheme="gray")),
        rx.spacer(),
        rx.cond(
            can_edit(),
            icon_action(
                "pencil",
                S.tr["awards.edit_nomination"],
                S.edit_nomination(n["id"]),
                icon_size=12,
                size="1",
                class_name="nomination-edit",
            ),
        ),
        rx.cond(
            can_edit(),
            icon_action(
                "trash-2",
                S.tr["plan.delete"],
                S.ask_delete_nomination(n["id"], n["title"]),
                icon_size=12,
                size="1",
                color_scheme="red",
            ),
        ),
        rx.cond(
            S.can_tally_here,
            rx.button(
                rx.cond(chosen, rx.icon("lock", size=12), rx.icon("award", size=12)),
                rx.cond(chosen, S.tr["awards.sealed"], S.tr["awards.seal"]),
                size="1",
                variant=rx.cond(chosen, "solid", "soft"),
                color_scheme="amber",
                on_click=S.seal(n["id"]),
                class_name="seal",
            ),
        ),
        width="100%",
        align="center",
        class_name="award-nomination",
    )


def _add_nomination(category_id: rx.Var[Any]) -> rx.Component:
    return rx.form(
        rx.el.input(type="hidden", name="category", value=category_id),
        rx.hstack(
            bare_input(S.tr["awards.field.title"], name="titulo", class_name="nomination-title"),
            bare_input(S.tr["awards.field.people"], name="personas", class_name="nomination-people"),
            bare_input(S.tr["awards.field.year"], name="anio", style={**FIELD_STYLE, "max_width": "6em"}),
            rx.button(
                rx.icon("plus", size=14), S.tr["awards.add_nomination"], type="submit", class_name="add-nomination"
            ),
            width="100%",
            align="center",
        ),
        on_submit=S.add_nomination,
        reset_on_submit=True,
        width="100%",
        padding_top="0.4em",
    )


def _category(category: rx.Var[Any]) -> rx.Component:
    category_id = category["id"].to(str)
    return rx.card(
        action_row(
            rx.text(category["position"].to(str), ".", weight="bold", color_scheme="gray"),
            rx.heading(category["name"].to(str), size="3", as_="h2"),
            action=reorder_buttons(
                S.move(category_id, -1),
                S.move(category_id, 1),
                S.ask_delete_category(category_id, category["name"].to(str)),
            ),
        ),
        rx.cond(S.can_tally_here, _category_reveal(category_id)),
        rx.foreach(category["nominations"].to(ROWS), lambda n: _nomination(category_id, n)),
        rx.cond(can_edit(), _add_nomination(category_id)),
        width="100%",
        class_name="award-category",
        data_category=category_id,
    )


def _category_reveal(category_id: rx.Var[Any]) -> rx.Component:
    """The tally's view of one category's reveal: where it stands, and what can be done now."""
    status = S.reveals.get(category_id, {}).to(dict[str, str])
    state = status.get("state", "no_winner").to(str)
    time = status.get("at", "").to(str)
    return rx.hstack(
        rx.badge(
            rx.match(
                state,
                ("sealed", S.tr["awards.state.sealed"]),
                ("revealed", S.tr["awards.state.revealed"].replace("{time}", time)),
                ("changed", S.tr["awards.state.changed"].replace("{time}", time)),
                S.tr["awards.state.no_winner"],
            ),
            color_scheme=rx.match(state, ("revealed", "green"), ("no_winner", "gray"), "orange"),
            variant="surface",
            class_name="reveal-state",
        ),
        rx.cond(
            state == "sealed",
            rx.button(
                rx.icon("megaphone", size=12),
                S.tr["awards.reveal_one"],
                size="1",
                on_click=S.reveal_category(category_id),
                class_name="reveal-category",
            ),
        ),
        rx.cond(
            state == "changed",
            rx.button(
                rx.icon("refresh-cw", size=12),
                S.tr["awards.correct"],
                size="1",
                color_scheme="orange",
                on_click=S.reveal_category(category_id),
                class_name="correct-category",
            ),
        ),
        rx.cond(
            (state == "revealed") | (state == "changed"),
            rx.button(
                rx.icon("undo-2", size=12),
                S.tr["awards.retract"],
                size="1",
                variant="soft",
                color_scheme="gray",
                on_click=S.retract_category(category_id),
                class_name="retract-category",
            ),
        ),
        rx.cond(
            state == "sealed",
            rx.form(
                rx.el.input(type="hidden", name="category", value=category_id),
                rx.el.label(
                    S.tr["awards.reveal_at"],
                    " ",
                    rx.el.input(
                        type="datetime-local",
                        name="time",
                        default_value=status.get("planned_input", "").to(str),
                        key=status.get("planned_input", "").to(str),  # a new value from the server shows
                        class_name="reveal-time",
                        style={"font": "inherit"},
                    ),
                    font_size="0.85em",
                ),
                rx.button(
                    S.tr["awards.schedule"], size="1", variant="soft", type="submit", class_name="schedule-reveal"
                ),
                rx.cond(
                    status.get("planned", "").to(str) != "",
                    rx.text(S.tr["awards.planned_at"], " ", status.get("planned", "").to(str), size="1"),
                ),
                on_submit=S.schedule_category,
                reset_on_submit=False,
                display="flex",
                gap="0.4em",
                align_items="center",
            ),
        ),
        align="center",
        wrap="wrap",
        padding_bottom="0.3em",
    )


def _csv() -> rx.Component:
    return section_card(
        S.tr["awards.csv"],
        rx.text(S.tr["awards.csv_intro"], size="2", color_scheme="gray"),
        rx.hstack(
            drop_zone(
                rx.text(S.tr["awards.drop"], size="2"),
                upload_id=UPLOAD_ID,
                accept={"text/csv": [".csv"], "text/plain": [".csv", ".txt"]},
                on_drop=S.take_csv,
                padding="0.8em 1.2em",
            ),
            rx.button(rx.icon("download", size=14), S.tr["awards.export"], variant="soft", on_click=S.export_csv),
            align="center",
            wrap="wrap",
        ),
        rx.cond(S.csv_summary != "", rx.text(S.csv_name, ": ", S.csv_summary, size="2", id="csv-summary")),
        rx.cond(
            S.csv_ready,
            rx.button(rx.icon("check", size=14), S.tr["import.confirm"], on_click=S.import_csv, id="csv-import"),
        ),
        rx.cond(
            S.csv_report.length() > 0,
            rx.callout.root(
                rx.callout.icon(rx.icon("triangle-alert")),
                rx.callout.text(S.csv_name, ": ", S.tr["awards.csv_rejected"]),
                rx.el.ul(rx.foreach(S.csv_report, lambda line: rx.el.li(line)), padding_left="1.2em"),
                color_scheme="red",
                role="alert",
                id="csv-report",
            ),
        ),
    )


def _tally() -> rx.Component:
    """The tally's panel: what sealing means, the categories that would be skipped, and revealing
    every pending category at once (after one question); each category also has its own button."""
    return rx.cond(
        S.can_tally_here,
        rx.callout.root(
            rx.callout.icon(rx.icon("lock")),
            rx.callout.text(
                rx.cond(S.revealed != "", S.tr["awards.revealed_on"] + " " + S.revealed, S.tr["awards.tally_intro"])
            ),
            rx.cond(
                S.unsealed_warning != "",
                rx.text(S.unsealed_warning, size="2", weight="medium", id="unsealed-warning"),
            ),
            rx.cond(
                S.to_reveal > 0,
                rx.cond(
                    S.confirming_reveal,
                    rx.hstack(
                        rx.text(S.tr["awards.reveal_confirm"], size="2", weight="bold"),
                        rx.button(
                            S.tr["plan.close"], variant="soft", color_scheme="gray", on_click=S.ask_reveal(False)
                        ),
                        rx.button(S.tr["awards.reveal_yes"], color_scheme="red", on_click=S.reveal, id="reveal-yes"),
                        wrap="wrap",
                        align="center",
                    ),
                    rx.button(
                        rx.icon("megaphone", size=14),
                        rx.cond(
                            S.to_reveal == 1,
                            S.tr["awards.reveal_pending.one"],
                            S.tr["awards.reveal_pending.other"].replace("{count}", S.to_reveal.to(str)),
                        ),
                        on_click=S.ask_reveal(True),
                        id="reveal",
                    ),
                ),
            ),
            color_scheme="amber",
            high_contrast=True,
            width="100%",
            id="tally",
        ),
    )


def awards_page() -> rx.Component:
    return workspace_page(
        S,
        _tally(),
        rx.cond(can_edit(), _csv()),
        rx.foreach(S.categories, _category),
        confirm_dialog(
            S.remove_question,
            open=S.removing.length() > 0,
            on_cancel=S.keep_nomination,
            on_confirm=S.delete_asked,
            confirm_label=S.tr["plan.delete"],
            confirm_id="confirm-delete-nomination",
        ),
        rx.cond(
            can_edit(),
            rx.form(
                rx.hstack(
                    bare_input(S.tr["awards.category_name"], name="name", id="category-name"),
                    rx.button(rx.icon("plus", size=14), S.tr["awards.add_category"], type="submit"),
                    width="100%",
                ),
                rx.cond(S.category_error != "", rx.text(S.category_error, color_scheme="red", size="1")),
                on_submit=S.add_category,
                reset_on_submit=True,
                key=S.form_key,
                width="100%",
            ),
        ),
        here="awards",
        back=(S.event_name, routes.plan_panel_url(S.slug)),
        heading=(S.tr["awards.title"],),
        on_lang_change=S.load,
    )
