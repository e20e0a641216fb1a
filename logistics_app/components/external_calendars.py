"""The external-calendar box on a venue's or an agency's card: subscribe, refresh, see problems."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.components.account import can_edit
from logistics_app.components.forms import FIELD_STYLE
from logistics_app.state.external_calendars import ExternalCalendarState as S


def _subscribed(kind: str, slug: rx.Var[Any], calendar: rx.Var[Any]) -> rx.Component:
    key = f"{kind}:" + slug
    return rx.vstack(
        rx.text(rx.code(calendar["url"], variant="ghost"), size="1", word_break="break-all"),
        rx.cond(
            calendar["checked"] != "",
            rx.text(
                S.tr["busy.checked"],
                " ",
                calendar["checked"],
                " · ",
                calendar["blocks"],
                " ",
                S.tr["busy.blocks"],
                size="1",
                color_scheme="gray",
                class_name="busy-status",
            ),
            rx.text(S.tr["busy.never"], size="1", color_scheme="gray", class_name="busy-status"),
        ),
        rx.cond(
            calendar["error"] != "",
            rx.callout(calendar["error"], icon="triangle-alert", color_scheme="red", size="1", class_name="busy-error"),
        ),
        rx.hstack(
            rx.button(
                rx.cond(S.refreshing.contains(key), rx.spinner(size="1"), rx.icon("refresh-cw", size=14)),
                S.tr["busy.refresh"],
                size="1",
                variant="soft",
                disabled=S.refreshing.contains(key),
                on_click=S.refresh_now(kind, slug),
                class_name="busy-refresh",
            ),
            rx.button(
                S.tr["busy.remove"],
                size="1",
                variant="soft",
                color_scheme="gray",
                on_click=S.unsubscribe(kind, slug),
            ),
        ),
        spacing="1",
        width="100%",
    )


def _form(kind: str, slug: rx.Var[Any]) -> rx.Component:
    field_id = f"calendar-url-{kind}"
    return rx.vstack(
        rx.el.label(S.tr["busy.url"], html_for=field_id, font_size="0.85em", font_weight="500"),
        rx.el.input(
            id=field_id,
            type="url",
            placeholder="https://",
            default_value=S.url,
            key=S.form_key,
            on_change=S.set_url,
            style=FIELD_STYLE,
        ),
        rx.cond(S.url_error != "", rx.text(S.url_error, color_scheme="red", size="1", role="alert")),
        rx.text(S.tr["busy.help"], size="1", color_scheme="gray"),
        rx.hstack(
            rx.button(S.tr["plan.close"], size="1", variant="soft", color_scheme="gray", on_click=S.close_form),
            rx.button(S.tr["busy.subscribe"], size="1", on_click=S.subscribe(kind, slug), class_name="busy-save"),
            justify="end",
            width="100%",
        ),
        spacing="1",
        width="100%",
    )


def external_calendar(kind: str, owner: rx.Var[Any]) -> rx.Component:
    """kind is "venue" or "agency"; owner is the card's row, with its "slug" and "calendar"."""
    slug = owner["slug"].to(str)
    calendar = owner["calendar"].to(dict[str, str])
    return rx.cond(can_edit(), _box(kind, slug, calendar))


def _box(kind: str, slug: rx.Var[Any], calendar: rx.Var[Any]) -> rx.Component:
    return rx.box(
        rx.text(S.tr["busy.heading"], weight="bold", size="2"),
        rx.cond(
            calendar["url"] != "",
            _subscribed(kind, slug, calendar),
            rx.cond(
                S.editing == f"{kind}:" + slug,
                _form(kind, slug),
                rx.button(
                    rx.icon("calendar-plus", size=14),
                    S.tr["busy.add"],
                    size="1",
                    variant="soft",
                    on_click=S.open_form(kind, slug),
                    class_name="busy-add",
                ),
            ),
        ),
        padding_top="0.75em",
        width="100%",
        class_name="external-calendar",
    )
