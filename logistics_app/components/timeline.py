"""The organizer's timeline of one day: a column per space, and the busy times of external calendars."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.dnd import plan_dnd, plan_draggable, plan_droppable
from logistics_app.components.forms import confirm_dialog
from logistics_app.state.planning import PlanState


def _placed(block: rx.Var[Any]) -> dict[str, object]:
    """Where a block sits in its column: its top and height come from its times."""
    return {
        "position": "absolute",
        "top": block["top"],
        "height": block["height"],
        "left": "2px",
        "right": "2px",
        "overflow": "hidden",
        "padding": "2px 4px",
        "border_radius": "var(--radius-2)",
    }


def _busy_block(block: rx.Var[Any]) -> rx.Component:
    """A time an external calendar says the venue or agency is taken: shown, not editable."""
    return rx.box(
        rx.text(block["time"], size="1", weight="bold"),
        rx.text(block["title"], size="1"),
        background=f"repeating-linear-gradient(135deg, {rx.color('gray', 3)} 0 6px, {rx.color('gray', 5)} 6px 12px)",
        border=f"1px dashed {rx.color('gray', 9)}",
        color=rx.color("gray", 12),
        class_name="timeline-busy",
        **_placed(block),
    )


def _item_block(block: rx.Var[Any]) -> rx.Component:
    """An item: a button that opens it (and moves it with Alt and the arrows), draggable to another
    time or space, with a handle at its foot to stretch it."""
    item_id = block["id"].to(str)
    return rx.fragment(
        plan_draggable(
            rx.el.button(
                rx.text(block["time"], size="1", weight="bold"),
                rx.text(block["title"], size="1"),
                text_align="left",
                color="inherit",
                font="inherit",
                width="100%",
                height="100%",
                overflow="hidden",
                padding="2px 4px",
                border_radius="var(--radius-2)",
                background=rx.match(
                    block["status"],
                    ("cancelled", rx.color("gray", 4)),
                    ("tentative", rx.color("amber", 4)),
                    rx.color("accent", 4),
                ),
                border=f"1px solid {rx.color('accent', 7)}",
                cursor="inherit",
                on_click=PlanState.open_edit(item_id),
                aria_keyshortcuts="Alt+ArrowUp Alt+ArrowDown Alt+ArrowLeft Alt+ArrowRight",
                aria_describedby="timeline-keys",
                class_name="timeline-block",
                data_id=item_id,
            ),
            drag_id="move:" + item_id + ":" + block["version"].to(str),
            kind="move",
            lane=block["lane"].to(str),
            lanes=block["lanes"].to(str),
            on_key_down=lambda key, info: PlanState.nudge(item_id, key, info["alt_key"], info["shift_key"]),
            block_top=block["top"].to(str),
            block_height=block["height"].to(str),
            class_name="timeline-drag",
        ),
        plan_draggable(
            rx.box(height="4px", margin_top="3px", border_radius="2px", background=rx.color("accent", 9)),
            drag_id="resize:" + item_id + ":" + block["version"].to(str),
            kind="resize",
            lane=block["lane"].to(str),
            lanes=block["lanes"].to(str),
            block_top=block["top"].to(str),
            block_height=block["height"].to(str),
            title=PlanState.tr["timeline.resize"],
            class_name="timeline-resize",
        ),
    )


def _block(block: rx.Var[Any]) -> rx.Component:
    return rx.cond(block["status"] == "busy", _busy_block(block), _item_block(block))


def _column(column: rx.Var[Any]) -> rx.Component:
    body = rx.box(
        rx.foreach(column["blocks"].to(list[dict[str, str]]), _block),
        position="relative",
        height=PlanState.timeline_height,
        background=f"repeating-linear-gradient(to bottom, transparent 0 59px, {rx.color('gray', 5)} 59px 60px)",
    )
    return rx.box(
        # The space's name stays in view while the day scrolls.
        rx.text(
            column["name"].to(str),
            size="1",
            weight="bold",
            height="2.5em",
            overflow="hidden",
            position="sticky",
            top="0",
            z_index="4",
            background=rx.color("gray", 2),
        ),
        rx.cond(
            column["key"].to(str).startswith("space:") | column["key"].to(str).startswith("day:"),
            plan_droppable(body, drop_id=column["key"].to(str)),
            body,
        ),
        min_width="11em",
        flex="1",
        class_name="timeline-column",
        data_key=column["key"].to(str),
    )


def _drag_panel() -> rx.Component:
    """While an item is dragged: where it would land, and the conflicts there."""
    return rx.cond(
        PlanState.drag_label != "",
        rx.card(
            rx.text(PlanState.drag_label, weight="bold", size="2"),
            rx.cond(
                PlanState.drag_conflicts.length() > 0,
                rx.vstack(
                    rx.foreach(
                        PlanState.drag_conflicts,
                        lambda c: rx.callout(c, icon="triangle-alert", color_scheme="amber", size="1"),
                    ),
                    spacing="1",
                ),
                rx.text(PlanState.tr["timeline.no_conflicts"], size="1", color_scheme="green"),
            ),
            position="fixed",
            bottom="1em",
            left="50%",
            transform="translateX(-50%)",
            z_index="30",
            max_width="min(36em, 94vw)",
            id="drag-preview",
            role="status",
        ),
    )


def _move_dialog() -> rx.Component:
    """A drop with conflicts waits for "save anyway", as the editor does."""
    return confirm_dialog(
        PlanState.tr["timeline.conflicts_confirm"],
        details=rx.vstack(
            rx.text(PlanState.pending_label, size="2", weight="medium"),
            rx.foreach(
                PlanState.pending_conflicts,
                lambda c: rx.callout(c, icon="triangle-alert", color_scheme="amber", size="1"),
            ),
        ),
        open=PlanState.pending_move.length() > 0,
        on_cancel=PlanState.cancel_move,
        on_confirm=PlanState.confirm_move,
        confirm_label=PlanState.tr["plan.save_anyway"],
        confirm_id="move-anyway",
        color_scheme="amber",
    )


def timeline() -> rx.Component:
    return rx.vstack(
        rx.heading(PlanState.day_label, size="4", as_="h3"),
        rx.text(
            rx.cond(PlanState.view == "semana", PlanState.tr["timeline.keys_week"], PlanState.tr["timeline.keys"]),
            size="1",
            color_scheme="gray",
            id="timeline-keys",
        ),
        rx.box(
            plan_dnd(
                rx.hstack(
                    # The hours stay in view while the columns scroll sideways.
                    rx.box(
                        rx.box(height="2.5em", position="sticky", top="0", z_index="4", background=rx.color("gray", 2)),
                        rx.box(
                            rx.foreach(PlanState.hours, lambda h: rx.text(h, size="1", height="60px")),
                            position="relative",
                        ),
                        width="3.5em",
                        flex_shrink="0",
                        position="sticky",
                        left="0",
                        z_index="5",
                        background=rx.color("gray", 2),
                    ),
                    rx.foreach(PlanState.columns, _column),
                    align="start",
                    spacing="2",
                    min_width="100%",
                ),
                on_drag_move=PlanState.drag_preview,
                on_drag_end=PlanState.drop,
                on_drag_cancel=PlanState.end_drag,
            ),
            overflow="auto",
            max_height="75vh",
            width="100%",
            id="timeline-scroll",
        ),
        rx.text(PlanState.move_status, size="1", aria_live="polite", id="timeline-status"),
        _drag_panel(),
        _move_dialog(),
        width="100%",
    )
