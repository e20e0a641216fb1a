"""Signing in, accepting an invitation, and the organizers' page of users and invitations."""

from __future__ import annotations

import asyncio

import reflex as rx
from reflex.event import EventSpec

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.i18n import t
from logistics_app.models import Role
from logistics_app.services import accounts
from logistics_app.settings import get_settings
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded


def _home_of(role: str) -> str:
    return routes.PORTAL if role == Role.COORDINATOR else routes.PLAN_EVENTS


class SignInState(SessionState):
    error: str = ""

    @rx.event
    def load(self) -> EventSpec | None:
        self.error = ""
        me = self._principal()
        return rx.redirect(_home_of(str(me.role))) if me else None

    @rx.event
    async def submit(self, form: dict[str, str]) -> EventSpec | None:
        """The password arrives with the form and is never kept in the state; it is checked in
        the password pool, off the event loop."""
        result = await accounts.password_work(
            accounts.sign_in_now,
            email=str(form.get("email", ""))[:254],
            password=str(form.get("password", "")),
            client=self.router.session.client_ip,
            lang=self.lang,
        )
        if result.refused is not None:
            self.error = result.refused.message(self.lang)
            return None
        self.auth_token, self.error = result.token, ""
        me = self._principal()
        wanted = self.router.url.query_parameters.get("siguiente")
        return rx.redirect(routes.safe_next(wanted, _home_of(str(me.role) if me else "")))


class InvitationState(SessionState):
    valid: bool = False
    intro: str = ""
    errors: dict[str, str] = {}

    def _token(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    @rx.event
    def load(self) -> None:
        self.errors = {}
        try:
            with session_scope() as session:
                self.intro = accounts.invitation_intro(session=session, token=self._token(), lang=self.lang)
        except NotFound:
            self.valid = False
            return
        self.valid = True

    @rx.event
    async def submit(self, form: dict[str, str]) -> EventSpec | None:
        try:
            token = await accounts.password_work(
                accounts.accept_invitation_now,
                token=self._token(),
                name=str(form.get("name", "")),
                password=str(form.get("password", "")),
            )
        except NotFound:
            self.valid = False
            return None
        except ValidationFailed as failed:
            self.errors = failed.messages(self.lang)
            return None
        self.auth_token = token
        me = self._principal()
        return rx.redirect(_home_of(str(me.role) if me else ""))


class ForgotPasswordState(SessionState):
    sent: bool = False

    @rx.event
    def load(self) -> None:
        self.sent = False

    @rx.event
    async def submit(self, form: dict[str, str]) -> None:
        """Whether the address has an account or not, the answer is the same (no account probing);
        the work runs off the event loop and the message goes out in the background."""
        await asyncio.to_thread(accounts.request_reset_now, email=str(form.get("email", ""))[:254], lang=self.lang)
        self.sent = True


class PasswordResetState(SessionState):
    valid: bool = False
    done: bool = False
    errors: dict[str, str] = {}

    def _token(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    @rx.event
    def load(self) -> None:
        self.errors, self.done = {}, False
        try:
            with session_scope() as session:
                accounts.open_reset(session=session, token=self._token())
        except NotFound:
            self.valid = False
            return
        self.valid = True

    @rx.event
    async def submit(self, form: dict[str, str]) -> None:
        try:
            await accounts.password_work(
                accounts.reset_password_now, token=self._token(), password=str(form.get("password", ""))
            )
        except NotFound:
            self.valid = False
            return
        except ValidationFailed as failed:
            self.errors = failed.messages(self.lang)
            return
        self.errors, self.done, self.auth_token = {}, True, ""


class UsersState(SessionState):
    link_mailed: bool = False  # the invitation's link also went by e-mail
    access_user: str = ""  # the account whose role or access form has errors
    access_errors: dict[str, str] = {}
    users: list[dict[str, str]] = []
    agencies: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    new_link: str = ""  # shown once, to the organizer who made it
    form_key: str = "0"

    @rx.event
    @guarded(Action.MANAGE_USERS)
    def load(self) -> None:
        self.new_link, self.errors = "", {}
        with session_scope() as session:
            self.users = accounts.users(session=session, lang=self.lang)
            self.agencies = accounts.agency_choices(session=session)

    @rx.event
    @guarded(Action.MANAGE_USERS)
    def invite(self, form: dict[str, str]) -> None:
        me = self._principal()
        assert me is not None
        try:
            with session_scope() as session:
                token = accounts.invite(
                    session=session,
                    actor=me,
                    email=form.get("email", ""),
                    role=form.get("role", ""),
                    agency_slug=form.get("agency", "") if form.get("role") == Role.COORDINATOR else "",
                )
        except ValidationFailed as failed:
            self.errors = failed.messages(self.lang)
            return
        self.errors, self.form_key = {}, str(int(self.form_key) + 1)
        self.new_link = get_settings().site_url + routes.invitation_url(token)
        accounts.mail_invitation(address=form.get("email", ""), link=self.new_link, inviter=me.name, lang=self.lang)
        self.link_mailed = bool(get_settings().smtp_url)
        with session_scope() as session:
            self.users = accounts.users(session=session, lang=self.lang)

    @rx.event
    @guarded(Action.MANAGE_USERS)
    def save_access(self, form: dict[str, str]) -> EventSpec | None:
        """An account's role, agency and whether it may sign in."""
        me = self._principal()
        assert me is not None
        user_id = str(form.get("user", ""))
        try:
            with session_scope() as session:
                accounts.set_access(
                    session=session,
                    actor=me,
                    user_id=int_or(user_id, -1),
                    role=str(form.get("role", "")),
                    agency_slug=str(form.get("agency", "")),
                    active=form.get("active") in ("on", "true", "1", True),
                )
        except NotFound:
            return rx.toast.error(t("users.gone", self.lang))
        except ValidationFailed as failed:
            self.access_user, self.access_errors = user_id, failed.messages(self.lang)
            return None
        self.access_user, self.access_errors = "", {}
        with session_scope() as session:
            self.users = accounts.users(session=session, lang=self.lang)
        return rx.toast(t("users.saved", self.lang))
