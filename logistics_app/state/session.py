"""The signed-in person, and the guard every state-changing handler passes through.

The browser keeps the session token; each guarded handler asks the database who holds it and
whether that role may do the action, before anything is read or written. Hiding a button is a
courtesy to the user, not the control.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from urllib.parse import quote

import reflex as rx
from reflex.event import EventSpec

from logistics_app import routes
from logistics_app.db import session_scope
from logistics_app.domain.access import Action, Principal, can
from logistics_app.i18n import t
from logistics_app.models import Role
from logistics_app.services import accounts
from logistics_app.state.base import LangState


class SessionState(LangState):
    auth_token: str = rx.LocalStorage("", name="auth_token", sync=True)
    # Who is signed in, for the account bar; set by every guarded handler (empty when nobody).
    me_name: str = ""
    me_role: str = ""
    me_agency_id: int = -1

    def _principal(self) -> Principal | None:
        return self._remember(_principal_for(self.auth_token))

    def _remember(self, me: Principal | None) -> Principal | None:
        """Shows who is signed in on the account bar."""
        self.me_name, self.me_role = (me.name, str(me.role)) if me else ("", "")
        self.me_agency_id = me.agency_id if me and me.agency_id is not None else -1
        return me

    def _actor_id(self) -> int | None:
        """The signed-in person's id, for the change log (None when nobody is): the one the guard
        just let through, inside a guarded handler (asked once per event, not twice)."""
        checked = _CHECKED.get()
        if checked is not None and checked[0] == id(self):
            return checked[1]
        me = self._principal()
        return me.user_id if me else None

    def _refusal(self, action: Action, *, agency_id: int | None = None) -> Any:
        """None when the signed-in person may do it; otherwise the event that answers them."""
        return self._refusal_for(self._principal(), action, agency_id=agency_id)

    def _refusal_for(self, me: Principal | None, action: Action, *, agency_id: int | None = None) -> Any:
        if me is None:
            here = self.router.url.path or routes.PLAN_EVENTS
            return rx.redirect(f"{routes.SIGN_IN}?siguiente={quote(here)}")
        if can(me, action, agency_id=agency_id):
            return None
        if action == Action.VIEW_WORKSPACE and me.role == Role.COORDINATOR:
            return rx.redirect(routes.PORTAL)  # coordinators have their agency's portal instead
        return rx.toast.error(t("auth.forbidden", self.lang), id="forbidden")

    @rx.event
    def sign_out(self) -> EventSpec:
        if self.auth_token:
            with session_scope() as session:
                accounts.sign_out(session=session, token=self.auth_token)
        self.auth_token, self.me_name, self.me_role, self.me_agency_id = "", "", "", -1
        return rx.redirect(routes.SIGN_IN)


def guarded(action: Action) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Runs the handler only for someone signed in whose role may do `action`.

    Works for plain, async and background (async generator) handlers; the handler's signature is
    kept, so Reflex still sees its arguments.
    """

    def decorate(handler: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.isasyncgenfunction(handler):

            @functools.wraps(handler)
            async def background(self: Any, *args: Any, **kwargs: Any) -> Any:
                async with self:
                    refused = self._refusal(action)
                if refused is not None:
                    yield refused
                    return
                async for event in handler(self, *args, **kwargs):
                    yield event

            return _marked(background, action)
        if inspect.iscoroutinefunction(handler):

            @functools.wraps(handler)
            async def asynchronous(self: Any, *args: Any, **kwargs: Any) -> Any:
                # Who asks, read in a thread: the event loop serves everyone else meanwhile.
                me = self._remember(await asyncio.to_thread(_principal_for, self.auth_token))
                refused = self._refusal_for(me, action)
                if refused is not None:
                    return refused
                checked = _CHECKED.set((id(self), me.user_id))
                try:
                    return await handler(self, *args, **kwargs)
                finally:
                    _CHECKED.reset(checked)

            return _marked(asynchronous, action)

        @functools.wraps(handler)
        def plain(self: Any, *args: Any, **kwargs: Any) -> Any:
            me = self._principal()
            refused = self._refusal_for(me, action)
            if refused is not None:
                return refused
            checked = _CHECKED.set((id(self), me.user_id))
            try:
                return handler(self, *args, **kwargs)
            finally:
                _CHECKED.reset(checked)

        return _marked(plain, action)

    return decorate


# (state, user id) the guard let through, while its handler runs (a context variable: each event is
# handled in its own task, so nothing leaks to another browser's event).
_CHECKED: ContextVar[tuple[int, int] | None] = ContextVar("checked_user", default=None)


def _principal_for(token: str) -> Principal | None:
    with session_scope() as session:
        return accounts.principal_for(session=session, token=token)


def _marked(wrapper: Callable[..., Any], action: Action) -> Callable[..., Any]:
    """The wrapper, tagged with the action it checks (tests find unguarded handlers by its absence)."""
    vars(wrapper)["guarded_by"] = action
    return wrapper
