"""Buttons the pages share: an icon's action on a row, the reorder controls, the pager."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.state.base import LangState


def icon_action(
    icon: str, label: rx.Var[Any], on_click: Any, *, icon_size: int = 14, titled: bool = True, **props: Any
) -> rx.Component:
    """A ghost icon button; its label is read by screen readers and, when titled, shown on hover."""
    return rx.icon_button(
        rx.icon(icon, size=icon_size),
        on_click=on_click,
        variant="ghost",
        aria_label=label,
        title=label if titled else None,
        **props,
    )


def reorder_buttons(
    up: Any, down: Any, delete: Any, *, titled: bool = True, class_prefix: str | None = None, **props: Any
) -> rx.Component:
    """Move up, move down and delete: an organizer's controls on a row of an ordered list."""
    tr = LangState.tr
    return rx.hstack(
        icon_action("arrow-up", tr["awards.up"], up, titled=titled, size="1", class_name=_named(class_prefix, "up")),
        icon_action(
            "arrow-down", tr["awards.down"], down, titled=titled, size="1", class_name=_named(class_prefix, "down")
        ),
        icon_action("trash-2", tr["plan.delete"], delete, titled=titled, size="1", color_scheme="red"),
        **props,
    )


def _named(prefix: str | None, name: str) -> str | None:
    return f"{prefix}-{name}" if prefix else None


def pager(
    state: Any, position: rx.Component, *, ids: tuple[str | None, str | None] = (None, None), **props: Any
) -> rx.Component:
    """The previous and next page buttons around `position`; `state` has page, pages and go_to_page."""
    return rx.hstack(
        rx.button(
            LangState.tr["programme.prev"],
            on_click=state.go_to_page(state.page - 1),
            disabled=state.page <= 1,
            variant="soft",
            id=ids[0],
        ),
        position,
        rx.button(
            LangState.tr["programme.next"],
            on_click=state.go_to_page(state.page + 1),
            disabled=state.page >= state.pages,
            variant="soft",
            id=ids[1],
        ),
        **props,
    )
