"""Changelogs (what a release changed) and the change history, as lists people can read."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.state.base import LangState

KIND_COLORS = (("new", "green"), ("cancelled", "red"), ("moved", "amber"), ("place", "blue"), "gray")


def change_row(change: rx.Var[Any], *, extra: rx.Var[Any] | None = None) -> rx.Component:
    return rx.hstack(
        rx.badge(change["label"], color_scheme=rx.match(change["kind"], *KIND_COLORS), variant="soft"),
        rx.text(change["title"], weight="medium", size="2"),
        rx.cond(
            change["before"] != "",
            rx.text(change["before"], size="1", color_scheme="gray", text_decoration="line-through"),
        ),
        rx.cond(change["after"] != "", rx.text("→ ", change["after"], size="1")),
        *([rx.text(extra, size="1", color_scheme="gray")] if extra is not None else []),
        wrap="wrap",
        align="center",
        class_name="change",
    )


def change_list(changes: rx.Var[Any], empty_key: str) -> rx.Component:
    return rx.cond(
        changes.length() > 0,
        rx.vstack(rx.foreach(changes.to(list[dict[str, str]]), change_row), spacing="1", width="100%"),
        rx.text(LangState.tr[empty_key], size="2", color_scheme="gray"),
    )


def history_table(rows: rx.Var[Any]) -> rx.Component:
    return rx.table.root(
        rx.table.body(
            rx.foreach(
                rows.to(list[dict[str, str]]),
                lambda r: rx.table.row(
                    rx.table.cell(rx.text(r["when"], size="1")),
                    rx.table.cell(rx.text(r["who"], size="1")),
                    rx.table.cell(rx.text(r["item"], size="1")),
                    rx.table.cell(rx.text(r["field"], size="1", weight="bold")),
                    rx.table.cell(rx.text(r["before"], size="1", color_scheme="gray")),
                    rx.table.cell(rx.text(r["after"], size="1")),
                    class_name="history-row",
                ),
            )
        ),
        size="1",
        width="100%",
    )
