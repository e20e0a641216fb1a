from __future__ import annotations

import reflex as rx

from logistics_app import i18n
from logistics_app.domain.text import to_int


class LangState(rx.State):
    """The visitor's language, remembered in the browser."""

    lang: str = rx.LocalStorage(i18n.DEFAULT_LANG, name="lang", sync=True)

    @rx.var
    def tr(self) -> dict[str, str]:
        return i18n.catalogue(self.lang)

    @rx.event
    def toggle_lang(self) -> None:
        self.lang = "en" if i18n.normalize_lang(self.lang) == "es" else "es"


def int_or(text: object, default: int) -> int:
    """An id or number the browser sent, or `default`: `to_int` with a default that is never None."""
    value = to_int(text)
    return default if value is None else value
