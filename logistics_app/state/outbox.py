"""The event's outbox: the publication notices, their review and their sending."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from functools import partial
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.i18n import t
from logistics_app.integrations import smtp
from logistics_app.services import delivery, outbox
from logistics_app.settings import get_settings
from logistics_app.state.base import int_or
from logistics_app.state.session import SessionState, guarded
from logistics_app.state.workspace import EventWorkspace


def _send(slug: str) -> delivery.Delivery:
    """The event's held messages released, then everything due sent (in a worker thread)."""
    with session_scope() as session:
        outbox.send_held(session=session, slug=slug)
    settings = get_settings()
    target = smtp.SmtpTarget.from_url(settings.smtp_url, user=settings.smtp_user, password=settings.smtp_password)
    return delivery.deliver(send=partial(smtp.send, target))


class OutboxState(EventWorkspace, SessionState):
    messages: list[dict[str, str]] = []
    held: int = 0
    at_once: bool = False
    server: str = ""
    sending: bool = False
    preview: dict[str, Any] = {}
    opted_out: list[str] = []  # recipients who unsubscribed from the notices
    note: str = ""  # the organizer's words before the held notices
    note_error: str = ""

    def _reload(self) -> None:
        with session_scope() as session:
            self.messages = outbox.outbox(session=session, slug=self.slug, lang=self.lang)
            self.at_once = outbox.mail_at_once(session=session, slug=self.slug)
            self.opted_out = outbox.opted_out(session=session, slug=self.slug)
            self.note = outbox.held_note(session=session, slug=self.slug)
        self.held = sum(1 for m in self.messages if m["status"] == "held")
        self.server = delivery.mail_server()

    @rx.event
    @guarded(Action.PUBLISH)
    def load(self) -> None:
        self.preview = {}
        self._open_event()

    @rx.event
    @guarded(Action.PUBLISH)
    def show(self, message_id: str) -> EventSpec | None:
        try:
            with session_scope() as session:
                self.preview = outbox.preview(session=session, slug=self.slug, message_id=int_or(message_id, -1))
        except NotFound:
            self._open_event()
            return rx.toast.error(t("outbox.gone", self.lang))
        return None

    @rx.event
    def close_preview(self) -> None:
        self.preview = {}

    @rx.event
    @guarded(Action.PUBLISH)
    def set_at_once(self, at_once: bool) -> None:
        with session_scope(actor_id=self._actor_id()) as session:
            outbox.set_mail_at_once(session=session, slug=self.slug, at_once=bool(at_once))
        self._open_event()

    @rx.event
    @guarded(Action.PUBLISH)
    def save_note(self, form: dict[str, str]) -> EventSpec | None:
        """The organizer's words before every notice held for review."""
        try:
            with session_scope(actor_id=self._actor_id()) as session:
                count = outbox.set_note(session=session, slug=self.slug, note=str(form.get("note", "")))
        except ValidationFailed as failed:
            self.note_error = failed.messages(self.lang).get("note", "")
            return None
        self.note_error = ""
        self._open_event()
        return rx.toast(t("outbox.note_saved", self.lang, count=count))

    @rx.event
    @guarded(Action.PUBLISH)
    def retry(self, message_id: str) -> None:
        with session_scope(actor_id=self._actor_id()) as session:
            outbox.retry(session=session, slug=self.slug, message_id=int_or(message_id, -1))
        self._open_event()

    @rx.event(background=True)  # type: ignore[operator]  # mypy sees rx.event(...) as EventNamespace
    @guarded(Action.PUBLISH)
    async def send(self) -> AsyncIterator[EventSpec]:
        """The held messages go out now (the organizer has reviewed them), with any that are due."""
        async with self:
            if self.sending or not delivery.mail_server():
                return
            self.sending, slug, lang = True, self.slug, self.lang
        try:
            report = await asyncio.to_thread(_send, slug)
        finally:
            async with self:
                self.sending = False
                self._open_event()
        yield rx.toast(t("outbox.sent", lang, sent=report.sent, retrying=report.retrying + report.failed))
