"""Entrar, the invitation page, and the organizers' users page."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import account_bar
from logistics_app.components.filters import FIELD_STYLE
from logistics_app.components.forms import labelled
from logistics_app.components.layout import page_shell
from logistics_app.state.accounts import InvitationState, SignInState, UsersState


def _input(
    name: str, label: rx.Var[Any], kind: str, errors: rx.Var[Any] | None, prefix: str, **props: object
) -> rx.Component:
    return labelled(
        label,
        f"{prefix}-{name}",
        rx.el.input(id=f"{prefix}-{name}", name=name, type=kind, required=True, style=FIELD_STYLE, **props),
        errors=errors,
        name=name,
        error_id=f"{prefix}-error-{name}",
    )


def sign_in() -> rx.Component:
    return page_shell(
        rx.center(
            rx.card(
                rx.form(
                    rx.vstack(
                        rx.heading(SignInState.tr["auth.title"], size="6", as_="h1"),
                        _input("email", SignInState.tr["auth.email"], "email", None, "login", auto_complete="username"),
                        _input(
                            "password",
                            SignInState.tr["auth.password"],
                            "password",
                            None,
                            "login",
                            auto_complete="current-password",
                        ),
                        rx.cond(
                            SignInState.error != "",
                            rx.callout(
                                SignInState.error,
                                icon="triangle-alert",
                                color_scheme="red",
                                role="alert",
                                id="login-error",
                            ),
                        ),
                        rx.button(SignInState.tr["auth.sign_in"], type="submit", width="100%", id="login-submit"),
                        spacing="3",
                        width="100%",
                    ),
                    on_submit=SignInState.submit,
                    reset_on_submit=False,
                ),
                width="100%",
                max_width="420px",
            ),
            width="100%",
            padding_y="2em",
        ),
    )


def invitation() -> rx.Component:
    return page_shell(
        rx.center(
            rx.card(
                rx.cond(
                    InvitationState.valid,
                    rx.form(
                        rx.vstack(
                            rx.heading(InvitationState.tr["auth.invitation_title"], size="6", as_="h1"),
                            rx.text(InvitationState.intro, size="2"),
                            _input("name", InvitationState.tr["auth.name"], "text", InvitationState.errors, "invite"),
                            _input(
                                "password",
                                InvitationState.tr["auth.password"],
                                "password",
                                InvitationState.errors,
                                "invite",
                                auto_complete="new-password",
                            ),
                            rx.button(
                                InvitationState.tr["auth.create_account"],
                                type="submit",
                                width="100%",
                                id="invite-submit",
                            ),
                            spacing="3",
                            width="100%",
                        ),
                        on_submit=InvitationState.submit,
                        reset_on_submit=False,
                    ),
                    rx.callout(
                        InvitationState.tr["auth.invitation_gone"],
                        icon="circle-x",
                        color_scheme="red",
                        id="invitation-gone",
                    ),
                ),
                width="100%",
                max_width="480px",
            ),
            width="100%",
            padding_y="2em",
        ),
    )


def _invite_form() -> rx.Component:
    return rx.form(
        rx.grid(
            _input("email", UsersState.tr["auth.email"], "email", UsersState.errors, "user"),
            labelled(
                UsersState.tr["users.role"],
                "user-role",
                rx.el.select(
                    rx.el.option(UsersState.tr["role.coordinator"], value="coordinator"),
                    rx.el.option(UsersState.tr["role.viewer"], value="viewer"),
                    rx.el.option(UsersState.tr["role.organizer"], value="organizer"),
                    id="user-role",
                    name="role",
                    style=FIELD_STYLE,
                ),
                errors=UsersState.errors,
                name="role",
                error_id="user-error-role",
            ),
            labelled(
                UsersState.tr["users.agency"],
                "user-agency",
                rx.el.select(
                    rx.el.option(UsersState.tr["users.none"], value=""),
                    rx.foreach(UsersState.agencies, lambda a: rx.el.option(a["name"], value=a["slug"])),
                    id="user-agency",
                    name="agency",
                    style=FIELD_STYLE,
                ),
                errors=UsersState.errors,
                name="agency",
                error_id="user-error-agency",
            ),
            columns=rx.breakpoints(initial="1", sm="3"),
            spacing="2",
            width="100%",
        ),
        rx.button(
            rx.icon("send", size=14), UsersState.tr["users.invite"], type="submit", margin_top="0.5em", id="invite"
        ),
        on_submit=UsersState.invite,
        reset_on_submit=False,
        key=UsersState.form_key,
        width="100%",
    )


def users() -> rx.Component:
    return page_shell(
        rx.vstack(
            rx.link(UsersState.tr["plan.events"], href=routes.PLAN_EVENTS, size="2"),
            rx.heading(UsersState.tr["users.title"], size="7", as_="h1"),
            account_bar(),
            rx.card(_invite_form(), width="100%"),
            rx.cond(
                UsersState.new_link != "",
                rx.callout.root(
                    rx.callout.icon(rx.icon("link")),
                    rx.callout.text(UsersState.tr["users.link"]),
                    rx.code(UsersState.new_link, id="invitation-link", word_break="break-all"),
                    color_scheme="green",
                    width="100%",
                ),
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(UsersState.tr["auth.name"]),
                        rx.table.column_header_cell(UsersState.tr["auth.email"]),
                        rx.table.column_header_cell(UsersState.tr["users.role"]),
                        rx.table.column_header_cell(UsersState.tr["users.agency"]),
                        rx.table.column_header_cell(""),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        UsersState.users,
                        lambda u: rx.table.row(
                            rx.table.cell(u["name"]),
                            rx.table.cell(u["email"]),
                            rx.table.cell(u["role"]),
                            rx.table.cell(u["agency"]),
                            rx.table.cell(u["state"]),
                        ),
                    )
                ),
                width="100%",
                variant="surface",
            ),
            spacing="3",
            width="100%",
            padding_bottom="3em",
        ),
        on_lang_change=UsersState.load,
    )
