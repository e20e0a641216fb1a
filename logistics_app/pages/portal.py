"""Mi agencia: the agency's calendar by day, and its private feed."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.account import account_bar
from logistics_app.components.deliverables import editable_deliverable
from logistics_app.components.filters import FIELD_STYLE
from logistics_app.components.forms import labelled
from logistics_app.components.layout import page_shell
from logistics_app.components.releases import change_list
from logistics_app.components.subscribe import subscribe_panel
from logistics_app.state.portal import PortalState as S


def _item(item: rx.Var[Any]) -> rx.Component:
    return rx.hstack(
        rx.text(item["time"], weight="bold", size="2", min_width="7.5em"),
        rx.vstack(
            rx.text(item["title"], size="2", weight="medium"),
            rx.text(
                item["event"], rx.cond(item["venue"] != "", " · " + item["venue"], ""), size="1", color_scheme="gray"
            ),
            spacing="0",
        ),
        rx.spacer(),
        rx.badge(
            item["role_label"],
            color_scheme=rx.match(item["role"], ("lead", "violet"), ("support", "blue"), "gray"),
            variant="soft",
        ),
        rx.cond(item["status"] != "confirmed", rx.badge(item["status_label"], color_scheme="amber", variant="outline")),
        width="100%",
        align="center",
        padding_y="0.3em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="portal-item",
    )


def _feed() -> rx.Component:
    return rx.cond(
        S.feed.contains("https"),
        subscribe_panel(S.feed, title=S.tr["portal.feed"], private=True),
        rx.card(
            rx.vstack(
                rx.heading(S.tr["portal.feed"], size="4", as_="h2"),
                rx.text(S.tr["portal.feed_intro"], size="2"),
                rx.button(
                    rx.icon("link", size=14), S.tr["portal.make_link"], on_click=S.make_feed_link, id="make-feed"
                ),
                spacing="2",
            ),
            width="100%",
        ),
    )


def _deliverables() -> rx.Component:
    return rx.card(
        rx.heading(S.tr["deliverable.title"], size="4", as_="h2"),
        rx.cond(
            S.deliverables.length() > 0,
            rx.foreach(S.deliverables, lambda row: editable_deliverable(row, S.statuses, S.update_deliverable)),
            rx.text(S.tr["deliverable.none"], color_scheme="gray", size="2"),
        ),
        width="100%",
        id="portal-deliverables",
    )


def _crew() -> rx.Component:
    return rx.card(
        rx.heading(S.tr["crew.title"], size="4", as_="h2"),
        rx.text(S.tr["crew.intro"], size="2", color_scheme="gray"),
        rx.foreach(
            S.shortfalls,
            lambda w: rx.callout(w, icon="users", color_scheme="red", size="1", class_name="crew-shortfall"),
        ),
        rx.form(
            rx.grid(
                labelled(
                    S.tr["crew.field.day"],
                    "crew-day",
                    rx.el.input(id="crew-day", name="day", type="date", style=FIELD_STYLE),
                    errors=S.crew_errors,
                    name="day",
                    error_id="crew-error-day",
                ),
                labelled(
                    S.tr["crew.field.role"],
                    "crew-role",
                    rx.el.select(
                        rx.foreach(S.roles, lambda o: rx.el.option(o["label"], value=o["value"])),
                        id="crew-role",
                        name="role",
                        style=FIELD_STYLE,
                    ),
                    errors=S.crew_errors,
                    name="role",
                    error_id="crew-error-role",
                ),
                labelled(
                    S.tr["crew.field.people"],
                    "crew-people",
                    rx.el.input(id="crew-people", name="people", type="number", min="0", style=FIELD_STYLE),
                    errors=S.crew_errors,
                    name="people",
                    error_id="crew-error-people",
                ),
                rx.button(S.tr["crew.save"], type="submit", id="save-crew", align_self="end"),
                columns=rx.breakpoints(initial="1", sm="4"),
                spacing="2",
                width="100%",
            ),
            on_submit=S.save_crew,
            reset_on_submit=False,
            width="100%",
        ),
        rx.foreach(
            S.crew,
            lambda c: rx.text(c["day"], " · ", c["people"], " ", c["role"], size="2", class_name="crew-row"),
        ),
        width="100%",
        id="portal-crew",
    )


def agency_portal() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.heading(S.tr["portal.title"], " · ", S.agency_name, size="7", as_="h1"),
            account_bar(),
            rx.cond(
                S.agency_name != "",
                rx.vstack(
                    rx.cond(
                        S.me_role == "coordinator",
                        rx.card(
                            rx.heading(S.tr["release.since_visit"], size="4", as_="h2"),
                            change_list(S.since_visit, "release.no_changes"),
                            width="100%",
                            id="since-visit",
                        ),
                    ),
                    _deliverables(),
                    _crew(),
                    _feed(),
                    rx.heading(S.tr["portal.calendar"], size="5", as_="h2"),
                    rx.foreach(
                        S.days,
                        lambda day: rx.box(
                            rx.heading(day["label"].to(str), size="3", as_="h3", padding_top="0.6em"),
                            rx.foreach(day["items"].to(list[dict[str, str]]), _item),
                            width="100%",
                        ),
                    ),
                    spacing="3",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
            padding_bottom="3em",
        ),
        on_lang_change=S.load,
    )
