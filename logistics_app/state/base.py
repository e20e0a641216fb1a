from __future__ import annotations

import reflex as rx

from logistics_app import i18n


class LangState(rx.State):
    """The visitor's language, remembered in the browser."""

    lang: str = rx.LocalStorage(i18n.DEFAULT_LANG, name="lang", sync=True)

    @rx.var
    def tr(self) -> dict[str, str]:
        return i18n.catalogue(self.lang)

    @rx.event
    def toggle_lang(self) -> None:
        self.lang = "en" if i18n.normalize_lang(self.lang) == "es" else "es"
