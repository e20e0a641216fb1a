"""The organizer's events (list, create, edit, archive) and an event's panel."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import can_edit
from logistics_app.components.deliverables import assign_form, deliverable_list
from logistics_app.components.forms import (
    bound_input,
    bound_select,
    choices,
    confirm_dialog,
    dialog_form,
    field,
    field_row,
    labelled_toggle,
)
from logistics_app.components.layout import organizer_page, page_title, workspace_page
from logistics_app.components.releases import change_list, change_row, history_table
from logistics_app.components.sections import action_row, or_empty, section_card
from logistics_app.state.catalog import OrgEventsState, PanelState


def _field(name: str, label_key: str, control: rx.Component) -> rx.Component:
    return field("event", name, OrgEventsState.tr[label_key], control, OrgEventsState.errors)


def _input(name: str, label_key: str, kind: str = "text") -> rx.Component:
    S = OrgEventsState
    return _field(
        name, label_key, bound_input("event", name, S.form, S.form_key + "-", S.set_field, kind=kind, errors=S.errors)
    )


def _select(name: str, label_key: str, *options: rx.Component) -> rx.Component:
    return _field(name, label_key, bound_select("event", name, OrgEventsState.form, OrgEventsState.set_field, *options))


def _editor() -> rx.Component:
    return dialog_form(
        rx.cond(OrgEventsState.editing_id >= 0, OrgEventsState.tr["plan.edit"], OrgEventsState.tr["plan.new_event"]),
        _input("name", "event.field.name"),
        _input("slug", "event.field.slug"),
        field_row(
            _select("kind", "field.kind", choices(OrgEventsState.kinds)),
            _select(
                "timezone", "event.field.timezone", rx.foreach(OrgEventsState.zones, lambda z: rx.el.option(z, value=z))
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
        ),
        field_row(
            _input("start_date", "event.field.start_date", "date"),
            _input("end_date", "event.field.end_date", "date"),
            _input("city", "filter.city"),
            _input("state", "filter.state"),
            columns=rx.breakpoints(initial="1", sm="2"),
        ),
        _input("description", "field.description"),
        labelled_toggle(
            rx.checkbox(
                checked=OrgEventsState.form.get("is_public", "") != "",
                on_change=lambda v: OrgEventsState.set_field("is_public", v),
                id="event-public",
            ),
            OrgEventsState.tr["event.field.public"],
        ),
        open=OrgEventsState.editor_open,
        on_close=OrgEventsState.close,
        close_label=OrgEventsState.tr["plan.close"],
        save=rx.button(OrgEventsState.tr["plan.save"], on_click=OrgEventsState.save, id="save-event"),
        max_width="640px",
    )


def _row(event: rx.Var[Any]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.link(event["name"], href=routes.plan_panel_url(event["slug"]), weight="medium"),
            rx.hstack(
                rx.badge(event["kind_label"], variant="soft"),
                rx.cond(
                    event["is_public"] == "", rx.badge(OrgEventsState.tr["visibility.internal"], color_scheme="gray")
                ),
                rx.cond(event["archived"] != "", rx.badge(OrgEventsState.tr["plan.archived"], color_scheme="gray")),
                spacing="1",
            ),
        ),
        rx.table.cell(event["dates"], rx.text(event["timezone"], size="1", color_scheme="gray")),
        rx.table.cell(event["city"]),
        rx.table.cell(
            rx.hstack(
                rx.link(
                    OrgEventsState.tr["plan.programme"],
                    href=routes.plan_programme_url(event["slug"]),
                    size="2",
                ),
                rx.cond(
                    can_edit(),
                    rx.hstack(
                        rx.button(
                            OrgEventsState.tr["plan.edit"],
                            size="1",
                            variant="soft",
                            on_click=OrgEventsState.open_edit(event["slug"]),
                        ),
                        rx.button(
                            rx.cond(
                                event["archived"] != "",
                                OrgEventsState.tr["plan.unarchive"],
                                OrgEventsState.tr["plan.archive"],
                            ),
                            size="1",
                            variant="ghost",
                            on_click=OrgEventsState.set_archived(event["slug"], event["archived"] == ""),
                        ),
                        align="center",
                    ),
                ),
                align="center",
            )
        ),
        class_name="org-event",
    )


def org_events() -> rx.Component:
    return organizer_page(
        rx.hstack(
            rx.link(OrgEventsState.tr["plan.venues"], href=routes.PLAN_VENUES),
            rx.link(OrgEventsState.tr["plan.agencies"], href=routes.PLAN_AGENCIES),
            rx.link(OrgEventsState.tr["plan.people"], href=routes.PLAN_PEOPLE),
            rx.cond(can_edit(), rx.link(OrgEventsState.tr["users.title"], href=routes.PLAN_USERS)),
            spacing="4",
        ),
        labelled_toggle(
            rx.switch(checked=OrgEventsState.show_archived, on_change=OrgEventsState.toggle_archived),
            OrgEventsState.tr["plan.show_archived"],
        ),
        rx.box(
            rx.table.root(rx.table.body(rx.foreach(OrgEventsState.events, _row)), width="100%"),
            overflow_x="auto",
            width="100%",
        ),
        _editor(),
        title=action_row(
            page_title(OrgEventsState.tr["plan.title"], " · ", OrgEventsState.tr["plan.events"]),
            action=rx.button(
                rx.icon("plus", size=16),
                OrgEventsState.tr["plan.new_event"],
                on_click=OrgEventsState.open_new,
                id="new-event",
            ),
            wrap="wrap",
        ),
        on_lang_change=OrgEventsState.load,
    )


def _deliverable_actions(row: Any) -> rx.Component:
    return rx.cond(
        can_edit(),
        rx.hstack(
            rx.button(
                rx.icon("pencil", size=12),
                PanelState.tr["directory.edit"],
                size="1",
                variant="soft",
                on_click=PanelState.edit_deliverable(row["id"]),
                class_name="deliverable-edit",
            ),
            rx.button(
                rx.icon("trash-2", size=12),
                PanelState.tr["plan.delete"],
                size="1",
                variant="soft",
                color_scheme="red",
                on_click=PanelState.ask_remove_deliverable(row["id"], row["title"]),
                class_name="deliverable-remove",
            ),
            spacing="2",
            padding_top="0.3em",
        ),
    )


def org_panel() -> rx.Component:
    return workspace_page(
        PanelState,
        rx.text(PanelState.days_to_go, size="5", weight="bold", id="days-to-go"),
        rx.grid(
            section_card(
                PanelState.tr["plan.by_status"],
                rx.foreach(
                    PanelState.by_status,
                    lambda s: rx.hstack(rx.text(s["label"]), rx.spacer(), rx.text(s["count"], weight="bold")),
                ),
                width=None,
            ),
            section_card(
                PanelState.tr["plan.tentative_agencies"],
                or_empty(
                    PanelState.tentative_agencies,
                    rx.foreach(PanelState.tentative_agencies, lambda a: rx.text(a)),
                    PanelState.tr["plan.none"],
                ),
                width=None,
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        section_card(
            PanelState.tr["plan.conflicts"],
            or_empty(
                PanelState.conflicts,
                rx.vstack(
                    rx.foreach(
                        PanelState.conflicts,
                        lambda c: rx.callout.root(
                            rx.callout.icon(rx.icon("triangle-alert", size=16)),
                            rx.callout.text(c["message"].to(str)),
                            rx.hstack(
                                rx.foreach(
                                    c["sides"].to(list[dict[str, str]]),
                                    lambda side: rx.link(
                                        side["title"], href=side["href"], size="2", class_name="conflict-side"
                                    ),
                                )
                            ),
                            size="1",
                            color_scheme=rx.cond(c["severity"].to(str) == "error", "red", "amber"),
                        ),
                    )
                ),
                PanelState.tr["plan.no_conflicts"],
            ),
        ),
        rx.card(
            action_row(
                rx.heading(PanelState.tr["release.heading"], size="3", as_="h2"),
                action=rx.button(
                    rx.icon("send", size=14),
                    PanelState.tr["release.publish"],
                    on_click=PanelState.publish,
                    id="publish",
                ),
                when=PanelState.pending.length() > 0,
            ),
            rx.text(PanelState.tr["release.pending"], weight="bold", size="2"),
            rx.box(change_list(PanelState.pending, "release.none_pending"), id="pending-changes", width="100%"),
            rx.text(PanelState.tr["release.history"], weight="bold", size="2", padding_top="0.6em"),
            rx.foreach(
                PanelState.releases,
                lambda r: rx.el.details(
                    rx.el.summary(
                        r["title"].to(str),
                        " · ",
                        r["when"].to(str),
                        rx.cond(r["who"].to(str) != "", " · " + r["who"].to(str), ""),
                    ),
                    rx.vstack(
                        rx.foreach(r["changes"].to(list[dict[str, str]]), change_row),
                        spacing="1",
                        padding_left="1em",
                    ),
                    class_name="release",
                ),
            ),
            rx.el.details(
                rx.el.summary(PanelState.tr["history.heading"]),
                rx.cond(
                    (PanelState.undoable.length() > 0) & can_edit(),
                    rx.vstack(
                        rx.text(PanelState.tr["undo.history"], weight="medium", size="2"),
                        rx.foreach(
                            PanelState.undoable,
                            lambda u: rx.hstack(
                                rx.text(u["when"], size="1", color_scheme="gray"),
                                rx.text(u["label"], size="2"),
                                rx.button(
                                    rx.icon("undo-2", size=12),
                                    PanelState.tr["undo.undo"],
                                    size="1",
                                    variant="soft",
                                    on_click=PanelState.undo_change(u["id"]),
                                ),
                                align="center",
                                wrap="wrap",
                                class_name="undoable",
                            ),
                        ),
                        spacing="1",
                        padding_y="0.5em",
                    ),
                ),
                history_table(PanelState.history),
                id="history",
            ),
            width="100%",
            id="publishing",
        ),
        section_card(
            PanelState.tr["deliverable.title"],
            rx.hstack(
                rx.foreach(
                    PanelState.progress,
                    lambda p: rx.badge(p["agency"], ": ", p["summary"], variant="soft", size="2"),
                ),
                wrap="wrap",
                class_name="deliverable-progress",
            ),
            deliverable_list(PanelState.deliverables, _deliverable_actions),
            confirm_dialog(
                PanelState.remove_deliverable_question,
                open=PanelState.removing_deliverable.length() > 0,
                on_cancel=PanelState.keep_deliverable,
                on_confirm=PanelState.remove_deliverable,
                confirm_label=PanelState.tr["plan.delete"],
                confirm_id="confirm-remove-deliverable",
            ),
            rx.cond(
                can_edit(),
                rx.box(
                    rx.heading(PanelState.tr["deliverable.assign"], size="2", as_="h3", padding_y="0.5em"),
                    assign_form(
                        PanelState.choices,
                        PanelState.assign_errors,
                        PanelState.assign_key,
                        PanelState.assign,
                        PanelState.deliverable_form,
                        PanelState.editing_deliverable != "",
                        PanelState.stop_editing_deliverable,
                    ),
                    width="100%",
                ),
            ),
            id="deliverables",
        ),
        section_card(
            PanelState.tr["plan.recent"],
            rx.foreach(
                PanelState.recent,
                lambda r: rx.hstack(
                    rx.text(r["title"]), rx.spacer(), rx.text(r["when"], size="1", color_scheme="gray"), width="100%"
                ),
            ),
        ),
        here="panel",
        back=(PanelState.tr["plan.events"], routes.PLAN_EVENTS),
        heading=(PanelState.name, " · ", PanelState.tr["plan.panel"]),
        on_lang_change=PanelState.load,
    )
