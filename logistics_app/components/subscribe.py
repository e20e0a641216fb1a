"""The "Suscribirse" panel: webcal, Google, Outlook, a link to copy, a QR code, a download."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app.state.base import LangState


def _help(key: str) -> rx.Component:
    return rx.el.li(rx.text(LangState.tr[f"subscribe.help.{key}"], size="2"))


def subscribe_panel(
    links: rx.Var[Any], *, title: rx.Var[Any] | str | None = None, private: bool = False
) -> rx.Component:
    """links: a dict var with https, webcal, google, outlook and qr (services.subscriptions.subscription)."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("calendar-plus", size=20, color=rx.color("accent", 10)),
                rx.heading(title if title is not None else LangState.tr["subscribe.title"], size="4", as_="h2"),
                align="center",
            ),
            rx.text(LangState.tr["subscribe.intro"], size="2", color_scheme="gray"),
            rx.cond(private, rx.callout(LangState.tr["agenda.private"], icon="lock", size="1", color_scheme="amber")),
            rx.flex(
                rx.link(
                    rx.button(rx.icon("calendar", size=16), LangState.tr["subscribe.google"], size="2"),
                    href=links["google"],
                    is_external=True,
                    class_name="subscribe-google",
                ),
                rx.link(
                    rx.button(rx.icon("mail", size=16), LangState.tr["subscribe.outlook"], size="2", variant="soft"),
                    href=links["outlook"],
                    is_external=True,
                    class_name="subscribe-outlook",
                ),
                rx.link(
                    rx.button(rx.icon("apple", size=16), LangState.tr["subscribe.apple"], size="2", variant="soft"),
                    href=links["webcal"],
                    class_name="subscribe-webcal",
                ),
                rx.el.a(
                    rx.button(
                        rx.icon("download", size=16), LangState.tr["subscribe.download"], size="2", variant="outline"
                    ),
                    href=links["https"],
                    download=True,
                    class_name="subscribe-download",
                ),
                wrap="wrap",
                gap="2",
            ),
            rx.flex(
                rx.vstack(
                    rx.el.label(LangState.tr["subscribe.link_label"], html_for="feed-url", font_size="0.85em"),
                    rx.hstack(
                        rx.input(value=links["https"], read_only=True, id="feed-url", width="100%", size="2"),
                        rx.button(
                            rx.icon("copy", size=16),
                            LangState.tr["subscribe.copy"],
                            on_click=[rx.set_clipboard(links["https"]), rx.toast(LangState.tr["subscribe.copied"])],
                            variant="soft",
                            size="2",
                        ),
                        width="100%",
                    ),
                    rx.callout(LangState.tr["subscribe.google_delay"], icon="info", size="1", variant="surface"),
                    flex="1",
                    min_width="16em",
                ),
                rx.vstack(
                    rx.image(src=links["qr"], alt=LangState.tr["subscribe.qr"], width="132px", height="132px"),
                    rx.text(LangState.tr["subscribe.qr"], size="1", color_scheme="gray", max_width="132px"),
                    align="center",
                ),
                gap="4",
                wrap="wrap",
                width="100%",
            ),
            rx.el.details(
                rx.el.summary(LangState.tr["subscribe.how"], cursor="pointer"),
                rx.el.ul(
                    _help("google"),
                    _help("outlook"),
                    _help("apple"),
                    _help("thunderbird"),
                    padding_left="1.2em",
                    margin_top="0.5em",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        class_name="subscribe-panel",
    )
