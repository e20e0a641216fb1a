"""Choosing many items in the organizer's list (a click, shift-click for a range, or every item
the filters match) and changing them at once, with one conflict report and one undo."""

from __future__ import annotations

import asyncio

import reflex as rx
from reflex.event import EventSpec
from sqlmodel import col, select

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.i18n import t
from logistics_app.models import ScheduleItem
from logistics_app.queries import planning as views
from logistics_app.services import bulk
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.planning import NeedsConfirmation
from logistics_app.state.base import int_or
from logistics_app.state.planning import FILTERS, PlanState
from logistics_app.state.session import guarded


class BulkState(PlanState):
    selected: list[str] = []
    anchor: str = ""  # the last item clicked, where a shift-click range starts
    bulk_conflicts: list[str] = []
    bulk_errors: dict[str, str] = {}
    bulk_confirm: bool = False  # conflicts were shown: the next apply saves anyway
    bulk_delete_asked: bool = False
    bulk_form: dict[str, str] = {}

    @rx.var
    def selected_label(self) -> str:
        return t("bulk.selected", self.lang, count=len(self.selected))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def toggle(self, item_id: str, shift: bool = False) -> None:
        """One item in or out; with shift, every item of the page between it and the last click."""
        item_id = str(item_id)
        page = [str(i["id"]) for i in self.items]
        if shift and self.anchor in page and item_id in page:
            low, high = sorted((page.index(self.anchor), page.index(item_id)))
            chosen = dict.fromkeys(self.selected)
            chosen.update(dict.fromkeys(page[low : high + 1]))
            self.selected = list(chosen)
        elif item_id in self.selected:
            self.selected = [i for i in self.selected if i != item_id]
        else:
            self.selected = [*self.selected, item_id]
        self.anchor = item_id
        self._forget_check()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def select_matching(self) -> EventSpec | None:
        """Every item the filters match, on every page (up to the bulk limit)."""
        query = self.router.url.query_parameters
        filters = views.PlanFilters(
            **{name: query.get(param, "") for name, param in FILTERS.items() if name != "page"}, page=1
        )
        self.selected = await asyncio.to_thread(_matching, self.slug, filters)
        self._forget_check()
        if len(self.selected) >= bulk.MAX_ITEMS:  # say so: a change would not reach the rest
            return rx.toast.warning(t("bulk.capped", self.lang, max=bulk.MAX_ITEMS))
        return None

    @rx.event
    def clear_selection(self) -> None:
        self.selected, self.anchor = [], ""
        self._forget_check()

    def _forget_check(self) -> None:
        self.bulk_conflicts, self.bulk_errors, self.bulk_confirm, self.bulk_delete_asked = [], {}, False, False

    @rx.event
    def set_bulk_field(self, name: str, value: str) -> None:
        if name in ("minutes", "days", "status", "visibility", "lead_agency", "space"):
            self.bulk_form = {**self.bulk_form, name: str(value)[:12]}
            self._forget_check()

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def apply_bulk(self) -> list[EventSpec] | EventSpec | None:
        """Checks the change for the whole set; conflicts are shown first, and the same button
        then saves anyway. One transaction; the toast offers undo."""
        return await self._apply(dict(self.bulk_form))

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def ask_bulk_delete(self) -> None:
        self.bulk_delete_asked = True

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def confirm_bulk_delete(self) -> list[EventSpec] | EventSpec | None:
        self.bulk_delete_asked = False
        return await self._apply({"delete": "1"})

    async def _apply(self, form: dict[str, str]) -> list[EventSpec] | EventSpec | None:
        ids = [int_or(i, -1) for i in self.selected]
        try:
            label, entry_id = await asyncio.to_thread(
                _apply, self.slug, ids, form, self._actor_id(), self.bulk_confirm, self.lang
            )
        except ValidationFailed as failed:
            self.bulk_errors = failed.messages(self.lang)
            return None
        except NeedsConfirmation as needs:
            self.bulk_conflicts, self.bulk_confirm = [c.message(self.lang) for c in needs.conflicts[:50]], True
            return None
        except NotFound:
            self.selected = []
            return rx.toast.error(t("plan.gone", self.lang))
        self.selected, self.bulk_form, self.anchor = [], {}, ""
        self._forget_check()
        return [PlanState.load, self._undo_toast(label, entry_id)]


def _matching(slug: str, filters: views.PlanFilters) -> list[str]:
    with session_scope() as session:
        event = event_by_slug(session=session, slug=slug)
        conditions, _ = views.plan_conditions(session=session, event=event, filters=filters)
        ids = session.exec(
            select(ScheduleItem.id).where(*conditions).order_by(col(ScheduleItem.start_utc)).limit(bulk.MAX_ITEMS)
        ).all()
    return [str(i) for i in ids]


def _apply(
    slug: str, ids: list[int], form: dict[str, str], actor: int | None, confirmed: bool, lang: str
) -> tuple[str, str]:
    change = bulk.change_from(form)
    with session_scope(actor_id=actor) as session:
        entry = bulk.apply(
            session=session, slug=slug, ids=ids, change=change, user_id=actor, confirmed=confirmed, lang=lang
        )
        return entry.label, str(entry.id)
