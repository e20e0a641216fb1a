"""Parts of a page the pages share: a card with its heading, a row with an organizer's action, an empty state."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.account import can_edit


def section_card(
    title: Any, *children: rx.Component, size: str = "3", width: str | None = "100%", **props: Any
) -> rx.Component:
    """A card opening with its heading."""
    return rx.card(rx.heading(title, size=size, as_="h2"), *children, width=width, **props)


def action_row(*left: rx.Component, action: rx.Component, when: Any = None, **props: Any) -> rx.Component:
    """What `left` shows and, at the right, what only an organizer may do (`when`: a further condition)."""
    allowed = can_edit() if when is None else can_edit() & when
    return rx.hstack(*left, rx.spacer(), rx.cond(allowed, action), width="100%", align="center", **props)


def table_head(*labels: Any) -> rx.Component:
    """A table's header row, a column for each label."""
    return rx.table.header(rx.table.row(*(rx.table.column_header_cell(label) for label in labels)))


def or_empty(rows: rx.Var[Any], content: rx.Component, message: Any, **props: Any) -> rx.Component:
    """`content` while `rows` holds anything, else `message` in grey."""
    return rx.cond(rows.length() > 0, content, rx.text(message, color_scheme="gray", **props))
