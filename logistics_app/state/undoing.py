"""Mixed into the workspace states whose changes can be undone: the toast that reports a change and
offers "Deshacer" for a few minutes, and the handler that undoes it (services.undo)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import Session

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.i18n import t
from logistics_app.services import undo
from logistics_app.state.base import int_or
from logistics_app.state.session import guarded


class Undoable(rx.State, mixin=True):
    def _after_undo(self) -> list[EventSpec]:
        """What the page does once a change is undone (by default: reads its data again)."""
        page: Any = self
        page._reload()
        return []

    def _undo_toast(self, message: str, entry_id: str | int | None) -> Any:
        """A toast reporting a change, with "Deshacer" when it can be undone (rx.toast is untyped)."""
        page: Any = self
        if not entry_id:
            return rx.toast(message)
        return rx.toast(
            message,
            action={"label": t("undo.undo", page.lang), "on_click": type(self).undo_change(str(entry_id))},  # type: ignore[operator]
            duration=undo.TOAST_MINUTES * 60_000,
            close_button=True,
        )

    def _remove_asked(self, asked: dict[str, str], remove: Callable[[Session, int], str], done_key: str) -> Any:
        """Deletes what a confirm dialog asked about (`remove` takes its id and returns its title),
        and reports it in a toast that offers undo; gone already, the page is read again."""
        page: Any = self
        if not asked:
            return None
        try:
            with session_scope(actor_id=page._actor_id()) as session:
                title = remove(session, int_or(asked.get("id"), -1))
                entry = undo.latest_for(session=session, slug=page.slug, user_id=page._actor_id())
        except NotFound:
            page._reload()
            return None
        except ValidationFailed as refused:  # not now (a category that still has nominations)
            return rx.toast.error(" ".join(refused.messages(page.lang).values()))
        page._reload()
        return self._undo_toast(t(done_key, page.lang, title=title), entry.id if entry else None)

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def undo_change(self, entry_id: str) -> list[EventSpec]:
        """Undoes one recorded change (from its toast, or from the panel's history), in a worker
        thread: a large change rewrites many rows."""
        page: Any = self
        try:
            label = await asyncio.to_thread(undo.undo_now, page.slug, int_or(entry_id, -1), page._actor_id())
        except undo.UndoRefused as refused:
            return [rx.toast.error(refused.message(page.lang))]
        except NotFound:
            return [rx.toast.error(t("undo.refused.done", page.lang))]
        return [*self._after_undo(), rx.toast(t("undo.done", page.lang, label=label))]
