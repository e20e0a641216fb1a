"""Who is signed in, and the way out; shown on every page of the workspace and the portal."""

from __future__ import annotations

import reflex as rx

from logistics_app.state.session import SessionState as S


def account_bar() -> rx.Component:
    return rx.cond(
        S.me_role != "",
        rx.hstack(
            rx.icon("circle-user", size=16),
            rx.text(
                S.me_name,
                " · ",
                rx.match(
                    S.me_role,
                    ("organizer", S.tr["role.organizer"]),
                    ("coordinator", S.tr["role.coordinator"]),
                    S.tr["role.viewer"],
                ),
                size="2",
                id="signed-in-as",
            ),
            rx.cond(
                S.me_role == "viewer",
                rx.badge(S.tr["auth.read_only"], color_scheme="amber", variant="soft", id="read-only"),
            ),
            rx.spacer(),
            rx.button(
                rx.icon("log-out", size=14),
                S.tr["auth.sign_out"],
                size="1",
                variant="soft",
                on_click=S.sign_out,
                id="sign-out",
            ),
            width="100%",
            align="center",
            wrap="wrap",
            padding="0.4em 0.6em",
            border_radius="var(--radius-3)",
            background=rx.color("gray", 3),
        ),
    )


def can_edit() -> rx.Var[bool]:
    """Whether to offer editing controls (a courtesy; the handlers check on the server)."""
    return rx.Var.create(S.me_role == "organizer")  # a Var already: create() returns it as it is
