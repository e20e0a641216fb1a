"""The organizer's timeline of one day: a column per space, and the busy times of external calendars."""

from __future__ import annotations

from typing import Any

import reflex as rx

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
    return rx.el.button(
        rx.text(block["time"], size="1", weight="bold"),
        rx.text(block["title"], size="1"),
        text_align="left",
        color="inherit",
        font="inherit",
        background=rx.match(
            block["status"],
            ("cancelled", rx.color("gray", 4)),
            ("tentative", rx.color("amber", 4)),
            rx.color("accent", 4),
        ),
        border=f"1px solid {rx.color('accent', 7)}",
        cursor="pointer",
        on_click=PlanState.open_edit(block["id"]),
        class_name="timeline-block",
        **_placed(block),
    )


def _block(block: rx.Var[Any]) -> rx.Component:
    return rx.cond(block["status"] == "busy", _busy_block(block), _item_block(block))


def timeline() -> rx.Component:
    return rx.vstack(
        rx.heading(PlanState.day_label, size="4", as_="h3"),
        rx.box(
            rx.hstack(
                rx.box(
                    rx.box(height="2.5em"),
                    rx.box(
                        rx.foreach(PlanState.hours, lambda h: rx.text(h, size="1", height="60px")), position="relative"
                    ),
                    width="3.5em",
                    flex_shrink="0",
                ),
                rx.foreach(
                    PlanState.columns,
                    lambda column: rx.box(
                        rx.text(column["name"].to(str), size="1", weight="bold", height="2.5em", overflow="hidden"),
                        rx.box(
                            rx.foreach(column["blocks"].to(list[dict[str, str]]), _block),
                            position="relative",
                            height=PlanState.timeline_height,
                            background=f"repeating-linear-gradient(to bottom, transparent 0 59px, "
                            f"{rx.color('gray', 5)} 59px 60px)",
                        ),
                        min_width="11em",
                        flex="1",
                        class_name="timeline-column",
                    ),
                ),
                align="start",
                spacing="2",
            ),
            overflow_x="auto",
            width="100%",
        ),
        width="100%",
    )
