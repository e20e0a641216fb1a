"""Mi agencia: the agency's calendar by day, and its private feed."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.deliverables import editable_deliverable
from logistics_app.components.forms import choices, field_row, form_input, form_select
from logistics_app.components.layout import organizer_page, page_title
from logistics_app.components.releases import change_list
from logistics_app.components.sections import or_empty, section_card
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


def _link(link: rx.Var[Any]) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(link["label"], weight="bold"),
            rx.text(
                S.tr["portal.link_made"],
                " ",
                link["created"],
                rx.cond(link["who"] != "", " · " + link["who"], ""),
                size="1",
                color_scheme="gray",
            ),
            rx.text(S.tr["portal.link_used"], " ", link["used"], size="1", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        rx.button(
            S.tr["portal.link_revoke"],
            size="1",
            variant="soft",
            color_scheme="red",
            on_click=S.revoke_feed_link(link["id"]),
            class_name="revoke-link",
        ),
        width="100%",
        align="center",
        padding_y="0.3em",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="feed-link",
    )


def _feed() -> rx.Component:
    return rx.vstack(
        rx.cond(S.feed.contains("https"), subscribe_panel(S.feed, title=S.tr["portal.feed"], private=True)),
        rx.card(
            rx.vstack(
                rx.heading(S.tr["portal.links"], size="4", as_="h2"),
                rx.text(S.tr["portal.feed_intro"], size="2"),
                rx.form(
                    rx.hstack(
                        rx.input(
                            name="label",
                            placeholder=S.tr["portal.link_label_hint"],
                            aria_label=S.tr["portal.link_label"],
                            max_length=80,
                            id="link-label",
                            flex="1",
                        ),
                        rx.button(rx.icon("link", size=14), S.tr["portal.make_link"], type="submit", id="make-feed"),
                        width="100%",
                        wrap="wrap",
                    ),
                    rx.cond(S.link_error != "", rx.text(S.link_error, color_scheme="red", size="1", role="alert")),
                    key=S.link_form_key.to(str),
                    on_submit=S.make_feed_link,
                    width="100%",
                ),
                or_empty(
                    S.links,
                    rx.vstack(rx.foreach(S.links, _link), width="100%", spacing="0"),
                    S.tr["portal.no_links"],
                    size="2",
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="feed-links",
        ),
        width="100%",
    )


def _deliverables() -> rx.Component:
    return section_card(
        S.tr["deliverable.title"],
        or_empty(
            S.deliverables,
            rx.foreach(S.deliverables, lambda row: editable_deliverable(row, S.statuses, S.update_deliverable)),
            S.tr["deliverable.none"],
            size="2",
        ),
        size="4",
        id="portal-deliverables",
    )


def _crew() -> rx.Component:
    errors = S.crew_errors
    return section_card(
        S.tr["crew.title"],
        rx.text(S.tr["crew.intro"], size="2", color_scheme="gray"),
        rx.foreach(
            S.shortfalls,
            lambda w: rx.callout(w, icon="users", color_scheme="red", size="1", class_name="crew-shortfall"),
        ),
        rx.form(
            field_row(
                form_input("crew", "day", S.tr["crew.field.day"], errors, "date"),
                form_select("crew", "role", S.tr["crew.field.role"], errors, choices(S.roles)),
                form_input("crew", "people", S.tr["crew.field.people"], errors, "number", min="0"),
                rx.button(S.tr["crew.save"], type="submit", id="save-crew", align_self="end"),
                columns=rx.breakpoints(initial="1", sm="4"),
            ),
            on_submit=S.save_crew,
            reset_on_submit=False,
            width="100%",
        ),
        rx.foreach(
            S.crew,
            lambda c: rx.text(c["day"], " · ", c["people"], " ", c["role"], size="2", class_name="crew-row"),
        ),
        size="4",
        id="portal-crew",
    )


def agency_portal() -> rx.Component:
    return organizer_page(
        rx.cond(
            S.agency_name != "",
            rx.vstack(
                rx.cond(
                    S.me_role == "coordinator",
                    section_card(
                        S.tr["release.since_visit"],
                        change_list(S.since_visit, "release.no_changes"),
                        size="4",
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
        title=page_title(S.tr["portal.title"], " · ", S.agency_name),
        on_lang_change=S.load,
    )
