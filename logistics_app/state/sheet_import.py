"""Importing a planner's spreadsheet from the browser: the file, the column mapping, a checked
preview, then the import (one transaction)."""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from logistics_app.db import session_scope
from logistics_app.domain.access import Action
from logistics_app.domain.errors import NotFound
from logistics_app.domain.sheet import COLUMNS, MAX_BYTES, Table, UnreadableSheet, guess_mapping, read_table
from logistics_app.i18n import t
from logistics_app.services import sheet_import
from logistics_app.state.base import int_or
from logistics_app.state.imports import ImportState
from logistics_app.state.session import guarded


class SheetImportState(ImportState):
    sheet_name: str = ""
    columns: list[dict[str, str]] = []  # the sheet's headers: {value: position, label: header}
    mapping: dict[str, str] = {}  # field -> column position ("" for none)
    sheet_preview: dict[str, Any] = {}
    sheet_error: str = ""
    sheet_busy: bool = False
    # The file stays on the server (a backend-only var).
    _sheet: bytes = b""

    @rx.var
    def fields(self) -> list[dict[str, str]]:
        return [{"name": name, "label": t(f"sheet.column.{name}", self.lang)} for name in COLUMNS]

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def take_sheet(self, files: list[rx.UploadFile]) -> EventSpec | None:
        """Reads the sheet's header, guesses which column is which, and previews at once."""
        if not files:
            return None
        raw = await files[0].read()
        self.sheet_name, self.sheet_preview, self.sheet_error = files[0].name or "programa.xlsx", {}, ""
        if len(raw) > MAX_BYTES:
            self._sheet, self.sheet_error = b"", t("sheet.error.too_big", self.lang, megabytes=MAX_BYTES // 2**20)
            return None
        try:
            table = await asyncio.to_thread(read_table, raw, self.sheet_name)
        except UnreadableSheet as refused:
            self._sheet, self.sheet_error = b"", t(f"sheet.error.{refused.code}", self.lang)
            return None
        self._sheet = raw
        self.columns = [{"value": str(i), "label": h or f"#{i + 1}"} for i, h in enumerate(table.headers)]
        guessed = guess_mapping(table.headers)
        self.mapping = {name: str(guessed[name]) if name in guessed else "" for name in COLUMNS}
        return SheetImportState.check_sheet()  # type: ignore[operator]  # mypy sees rx.event as EventNamespace

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    def set_mapping(self, name: str, value: str) -> EventSpec | None:
        if name in COLUMNS:
            self.mapping = {**self.mapping, name: str(value)[:4]}
        return SheetImportState.check_sheet()  # type: ignore[operator]  # mypy sees rx.event as EventNamespace

    def _chosen(self) -> dict[str, int]:
        return {name: int_or(value, -1) for name, value in self.mapping.items() if value.isdigit()}

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def check_sheet(self) -> None:
        """The preview: what would be new and changed, errors by row and column, conflicts."""
        if not self._sheet:
            return
        self.sheet_busy = True
        try:
            self.sheet_preview = await asyncio.to_thread(
                _plan, self.slug, self._sheet, self.sheet_name, self._chosen(), self.lang
            )
        except NotFound:
            self.sheet_error = t("event.not_found", self.lang)
        finally:
            self.sheet_busy = False

    @rx.event
    @guarded(Action.EDIT_SCHEDULE)
    async def import_sheet(self, confirmed: bool = False) -> EventSpec | None:
        """Imports the sheet in one transaction (refused, with the preview, while it has errors)."""
        if not self._sheet or self.sheet_busy:
            return None
        self.sheet_busy = True
        try:
            done = await asyncio.to_thread(
                _apply,
                self.slug,
                self._sheet,
                self.sheet_name,
                self._chosen(),
                self.lang,
                bool(confirmed),
                self._actor_id(),
            )
        except sheet_import.SheetRefused as refused:
            self.sheet_preview = refused.plan.view(self.lang)
            return None
        finally:
            self.sheet_busy = False
        self._sheet, self.sheet_preview, self.columns, self.sheet_name = b"", {}, [], ""
        return rx.toast(t("sheet.imported", self.lang, new=len(done.new), changed=len(done.changed)))


def _table(raw: bytes, name: str) -> Table:
    return read_table(raw, name)


def _plan(slug: str, raw: bytes, name: str, mapping: dict[str, int], lang: str) -> dict[str, Any]:
    with session_scope() as session:
        return sheet_import.plan(session=session, slug=slug, table=_table(raw, name), mapping=mapping, lang=lang).view(
            lang
        )


def _apply(
    slug: str, raw: bytes, name: str, mapping: dict[str, int], lang: str, confirmed: bool, actor: int | None
) -> sheet_import.SheetPlan:
    with session_scope(actor_id=actor) as session:
        return sheet_import.apply(
            session=session,
            slug=slug,
            table=_table(raw, name),
            mapping=mapping,
            lang=lang,
            confirmed=confirmed,
            user_id=actor,
        )
