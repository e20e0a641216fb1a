"""The timeline's moves, mixed into the programme's state: an item dragged to another time or
room, stretched by its foot, or moved with the keyboard; conflicts shown during the drag, a drop
with conflicts waiting for "save anyway", every move undoable. (The page's own data, `columns`,
`_gone`, `_undo_toast`, come from the state it is mixed into.)"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.domain.text import to_int
from logistics_app.i18n import clock, long_date, t
from logistics_app.models import Space
from logistics_app.services import planning, undo
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.schedule import StaleEdit
from logistics_app.state.base import int_or
from logistics_app.state.session import guarded
from logistics_app.timeutil import to_local


class TimelineMoves(rx.State, mixin=True):
    def _load_event(self) -> Any:
        """The page's load handler, to read it again after a move (the state mixing this in has it)."""
        return type(self).load  # type: ignore[attr-defined]

    # The timeline's drag and drop: where a dragged item would land, a drop waiting for "save anyway".
    drag_label: str = ""
    drag_conflicts: list[str] = []
    pending_move: dict[str, str] = {}
    pending_label: str = ""
    pending_conflicts: list[str] = []
    move_status: str = ""

    def _move_of(self, dragged: str, dy: int | float | str, over: str) -> planning.Move | None:
        kind, _, rest = str(dragged).partition(":")
        item, _, shown = rest.partition(":")
        item_id, version = to_int(item), to_int(shown)
        try:
            pixels = float(dy)
        except (TypeError, ValueError):
            return None
        if not math.isfinite(pixels):
            return None
        minutes = round(pixels / 5) * 5  # a pixel is a minute; the grid is 5 minutes
        if item_id is None or kind not in ("move", "resize") or abs(minutes) > 7 * 24 * 60:
            return None
        if kind == "resize":
            return planning.Move(item_id=item_id, end_minutes=minutes, version=version)
        space = str(over)[:20] if str(over).startswith("space:") else ""
        day = str(over)[:14] if str(over).startswith("day:") else ""
        return planning.Move(item_id=item_id, minutes=minutes, space=space, day=day, version=version)

    def _describe(self, move: planning.Move) -> tuple[str, list[str]]:
        page: Any = self
        with session_scope() as session:
            event = event_by_slug(session=session, slug=page.slug)
            data, conflicts = planning.move_preview(session=session, slug=page.slug, move=move)
            space = session.get(Space, data.space_id) if data.space_id is not None else None
        start, end = to_local(data.start, event.timezone), to_local(data.end, event.timezone)
        when = f"{long_date(start.date(), page.lang)}, {clock(start, page.lang)}–{clock(end, page.lang)}"
        label = t("timeline.moving", page.lang, title=data.title, when=when, place=space.name if space else "—")
        return label, [c.message(page.lang) for c in conflicts[:20]]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def drag_preview(self, dragged: str, dy: int, over: str) -> None:
        page: Any = self
        """While dragging: the new time and place, and their conflicts, before anything is saved."""
        move = page._move_of(dragged, dy, over)
        if move is None:
            return
        try:
            page.drag_label, page.drag_conflicts = page._describe(move)
        except NotFound:
            page.drag_label, page.drag_conflicts = "", []

    @rx.event
    def end_drag(self) -> None:
        page: Any = self
        page.drag_label, page.drag_conflicts = "", []

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def drop(self, dragged: str, dy: int, over: str) -> list[EventSpec] | EventSpec | None:
        page: Any = self
        page.drag_label, page.drag_conflicts = "", []
        move = page._move_of(dragged, dy, over)
        if move is None or (move.minutes == 0 and move.end_minutes == 0 and not move.space and not move.day):
            return None
        return page._save_move(move, confirmed=False)

    def _save_move(self, move: planning.Move, *, confirmed: bool) -> list[EventSpec] | EventSpec | None:
        page: Any = self
        try:
            label, _ = page._describe(move)
            with session_scope(actor_id=page._actor_id()) as session:
                planning.move(
                    session=session,
                    slug=page.slug,
                    move=move,
                    confirmed=confirmed,
                    user_id=page._actor_id(),
                    lang=page.lang,
                )
                entry = undo.latest_for(session=session, slug=page.slug, user_id=page._actor_id())
        except planning.NeedsConfirmation as needs:
            page.pending_move = {
                "item": str(move.item_id),
                "minutes": str(move.minutes),
                "end": str(move.end_minutes),
                "space": move.space,
                "day": move.day,
                "version": "" if move.version is None else str(move.version),
            }
            page.pending_label, page.pending_conflicts = label, [c.message(page.lang) for c in needs.conflicts[:20]]
            return None
        except ValidationFailed as failed:
            return rx.toast.error(" ".join(failed.messages(page.lang).values()))
        except NotFound:
            return page._gone()
        except StaleEdit:  # changed since it was shown (another organizer, or this drop twice)
            page.pending_move = {}
            return [page._load_event(), rx.toast.warning(t("error.stale", page.lang))]
        page.pending_move, page.move_status = {}, label
        return [page._load_event(), page._undo_toast(label, entry.id if entry else None)]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def confirm_move(self) -> list[EventSpec] | EventSpec | None:
        page: Any = self
        pending, page.pending_move = page.pending_move, {}
        if not pending:
            return None
        move = planning.Move(
            item_id=int_or(pending.get("item", ""), -1),
            minutes=int_or(pending.get("minutes", ""), 0),
            end_minutes=int_or(pending.get("end", ""), 0),
            space=pending.get("space", ""),
            day=pending.get("day", ""),
            version=to_int(pending.get("version", "")),
        )
        return page._save_move(move, confirmed=True)

    @rx.event
    def cancel_move(self) -> None:
        page: Any = self
        page.pending_move, page.pending_conflicts = {}, []

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def nudge(self, item_id: str, key: str, alt: bool, shift: bool) -> list[EventSpec] | EventSpec | None:
        page: Any = self
        """The keyboard's drag: Alt+↑/↓ moves 5 minutes, Alt+Shift+↑/↓ moves the end, Alt+←/→ the
        space (the timeline's next column), or the day in the week view."""
        if not alt or key not in ("ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"):
            return None
        step = -5 if key == "ArrowUp" else 5
        move = planning.Move(item_id=int_or(item_id, -1))
        if key in ("ArrowUp", "ArrowDown"):
            move = replace(move, end_minutes=step) if shift else replace(move, minutes=step)
        else:
            here = next(
                (
                    str(c.get("key", ""))
                    for c in page.columns
                    for b in c.get("blocks", [])
                    if isinstance(b, dict) and b.get("id") == str(item_id)
                ),
                "",
            )
            kind = here.partition(":")[0]
            keys = [str(c.get("key", "")) for c in page.columns if str(c.get("key", "")).startswith(f"{kind}:")]
            if kind not in ("space", "day") or here not in keys:
                return None
            index = keys.index(here) + (-1 if key == "ArrowLeft" else 1)
            if not 0 <= index < len(keys):
                return None
            move = replace(move, space=keys[index]) if kind == "space" else replace(move, day=keys[index])
        return page._save_move(move, confirmed=False)
