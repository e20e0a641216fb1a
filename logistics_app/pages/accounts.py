"""Entrar, a forgotten password, the invitation page, and the organizers' users page."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.forms import FIELD_STYLE, field_row, form_error, form_input, form_select, keyed_form
from logistics_app.components.layout import centered_card, organizer_page, page_shell, page_title
from logistics_app.components.sections import table_head
from logistics_app.state.accounts import (
    ForgotPasswordState,
    InvitationState,
    PasswordResetState,
    SignInState,
    UsersState,
)


def _input(
    name: str, label: rx.Var[Any], kind: str, errors: rx.Var[Any] | None, prefix: str, **props: object
) -> rx.Component:
    return form_input(prefix, name, label, errors, kind, required=True, **props)


def _card_form(
    title: rx.Var[Any], *fields: rx.Component, submit: rx.Component, on_submit: rx.EventHandler
) -> rx.Component:
    """A form alone on its page: its heading, its fields and the button that sends it."""
    return rx.form(
        rx.vstack(rx.heading(title, size="6", as_="h1"), *fields, submit, spacing="3", width="100%"),
        on_submit=on_submit,
        reset_on_submit=False,
    )


def sign_in() -> rx.Component:
    return page_shell(
        centered_card(
            _card_form(
                SignInState.tr["auth.title"],
                _input("email", SignInState.tr["auth.email"], "email", None, "login", auto_complete="username"),
                _input(
                    "password",
                    SignInState.tr["auth.password"],
                    "password",
                    None,
                    "login",
                    auto_complete="current-password",
                ),
                form_error(SignInState.error, "login-error"),
                submit=rx.vstack(
                    rx.button(SignInState.tr["auth.sign_in"], type="submit", width="100%", id="login-submit"),
                    rx.link(SignInState.tr["auth.forgot"], href=routes.FORGOT_PASSWORD, size="2", id="forgot-link"),
                    width="100%",
                    align="center",
                ),
                on_submit=SignInState.submit,
            ),
            max_width="420px",
        ),
    )


def forgot_password() -> rx.Component:
    S = ForgotPasswordState
    return page_shell(
        centered_card(
            rx.cond(
                S.sent,
                rx.callout(S.tr["auth.reset_sent"], icon="mail", color_scheme="green", id="reset-sent"),
                _card_form(
                    S.tr["auth.forgot_title"],
                    rx.text(S.tr["auth.forgot_intro"], size="2"),
                    _input("email", S.tr["auth.email"], "email", None, "forgot", auto_complete="username"),
                    submit=rx.button(S.tr["auth.send_reset"], type="submit", width="100%", id="forgot-submit"),
                    on_submit=S.submit,
                ),
            ),
            max_width="420px",
        ),
    )


def password_reset() -> rx.Component:
    S = PasswordResetState
    return page_shell(
        centered_card(
            rx.cond(
                S.done,
                rx.callout.root(
                    rx.callout.icon(rx.icon("circle-check")),
                    rx.callout.text(S.tr["auth.reset_done"], " ", rx.link(S.tr["auth.sign_in"], href=routes.SIGN_IN)),
                    color_scheme="green",
                    id="reset-done",
                ),
                rx.cond(
                    S.valid,
                    _card_form(
                        S.tr["auth.reset_title"],
                        _input(
                            "password",
                            S.tr["auth.new_password"],
                            "password",
                            S.errors,
                            "reset",
                            auto_complete="new-password",
                        ),
                        submit=rx.button(S.tr["auth.save_password"], type="submit", width="100%", id="reset-submit"),
                        on_submit=S.submit,
                    ),
                    rx.callout.root(
                        rx.callout.icon(rx.icon("circle-x")),
                        rx.callout.text(
                            S.tr["auth.reset_gone"], " ", rx.link(S.tr["auth.forgot"], href=routes.FORGOT_PASSWORD)
                        ),
                        color_scheme="red",
                        id="reset-gone",
                    ),
                ),
            ),
            max_width="420px",
        ),
    )


def invitation() -> rx.Component:
    return page_shell(
        centered_card(
            rx.cond(
                InvitationState.valid,
                _card_form(
                    InvitationState.tr["auth.invitation_title"],
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
                    submit=rx.button(
                        InvitationState.tr["auth.create_account"], type="submit", width="100%", id="invite-submit"
                    ),
                    on_submit=InvitationState.submit,
                ),
                rx.callout(
                    InvitationState.tr["auth.invitation_gone"],
                    icon="circle-x",
                    color_scheme="red",
                    id="invitation-gone",
                ),
            ),
            max_width="480px",
        ),
    )


def _invite_form() -> rx.Component:
    return keyed_form(
        field_row(
            _input("email", UsersState.tr["auth.email"], "email", UsersState.errors, "user"),
            form_select(
                "user",
                "role",
                UsersState.tr["users.role"],
                UsersState.errors,
                rx.el.option(UsersState.tr["role.coordinator"], value="coordinator"),
                rx.el.option(UsersState.tr["role.viewer"], value="viewer"),
                rx.el.option(UsersState.tr["role.organizer"], value="organizer"),
            ),
            form_select(
                "user",
                "agency",
                UsersState.tr["users.agency"],
                UsersState.errors,
                rx.el.option(UsersState.tr["users.none"], value=""),
                rx.foreach(UsersState.agencies, lambda a: rx.el.option(a["name"], value=a["slug"])),
            ),
            columns=rx.breakpoints(initial="1", sm="3"),
        ),
        rx.button(
            rx.icon("send", size=14), UsersState.tr["users.invite"], type="submit", margin_top="0.5em", id="invite"
        ),
        on_submit=UsersState.invite,
        key=UsersState.form_key,
    )


def _access_form(u: rx.Var[Any]) -> rx.Component:
    """An account's role, agency and access, changed by an organizer."""
    S = UsersState
    mine = S.access_user == u["id"]
    return rx.form(
        rx.el.input(type="hidden", name="user", value=u["id"]),
        rx.hstack(
            rx.el.select(
                rx.el.option(S.tr["role.organizer"], value="organizer"),
                rx.el.option(S.tr["role.coordinator"], value="coordinator"),
                rx.el.option(S.tr["role.viewer"], value="viewer"),
                name="role",
                default_value=u["role_code"],
                aria_label=S.tr["users.role"],
                style=FIELD_STYLE,
                class_name="access-role",
            ),
            rx.el.select(
                rx.el.option(S.tr["users.none"], value=""),
                rx.foreach(S.agencies, lambda a: rx.el.option(a["name"], value=a["slug"])),
                name="agency",
                default_value=u["agency_slug"],
                aria_label=S.tr["users.agency"],
                style=FIELD_STYLE,
                class_name="access-agency",
            ),
            rx.el.label(
                rx.el.input(
                    type="checkbox", name="active", default_checked=u["active"] == "1", class_name="access-active"
                ),
                " ",
                S.tr["users.active"],
                white_space="nowrap",
            ),
            rx.button(S.tr["plan.save"], type="submit", size="1", variant="soft", class_name="access-save"),
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            mine & (S.access_errors.length() > 0),
            rx.text(S.access_errors.values().join(" "), color_scheme="red", size="1", role="alert"),
        ),
        on_submit=S.save_access,
        reset_on_submit=False,
    )


def users() -> rx.Component:
    return organizer_page(
        rx.card(_invite_form(), width="100%"),
        rx.cond(
            UsersState.new_link != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("link")),
                rx.callout.text(
                    rx.cond(UsersState.link_mailed, UsersState.tr["users.link_sent"], UsersState.tr["users.link"])
                ),
                rx.code(UsersState.new_link, id="invitation-link", word_break="break-all"),
                color_scheme="green",
                width="100%",
            ),
        ),
        rx.table.root(
            table_head(
                UsersState.tr["auth.name"],
                UsersState.tr["auth.email"],
                UsersState.tr["users.role"],
                UsersState.tr["users.agency"],
                "",
                UsersState.tr["users.access"],
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
                        rx.table.cell(rx.cond(u["id"] != "", _access_form(u))),
                        class_name="user-row",
                    ),
                )
            ),
            width="100%",
            variant="surface",
        ),
        title=page_title(UsersState.tr["users.title"]),
        back=(UsersState.tr["plan.events"], routes.PLAN_EVENTS),
        on_lang_change=UsersState.load,
    )
