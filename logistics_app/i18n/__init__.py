"""Translations: one catalogue per language; dates and times formatted by Babel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime, format_time

from logistics_app.i18n import en, es
from logistics_app.timeutil import to_local

DEFAULT_LANG = "es"
LANGUAGES = ("es", "en")
_CATALOGUES: dict[str, dict[str, str]] = {"es": es.MESSAGES, "en": en.MESSAGES}
_LOCALES = {"es": "es_MX", "en": "en_US"}
_LONG_DATE = {"es": "EEEE d 'de' MMMM 'de' y", "en": "EEEE, MMMM d, y"}


def normalize_lang(lang: str | None) -> str:
    return lang if lang in _CATALOGUES else DEFAULT_LANG


def t(key: str, lang: str | None = DEFAULT_LANG, **params: Any) -> str:
    """The message in the language, falling back to Spanish, then to the key itself.

    With a `count` parameter, the language's plural rule (CLDR, by Babel) picks `key.one`,
    `key.other` ... when the catalogue has them.
    """
    lang = normalize_lang(lang)
    catalogue = _CATALOGUES[lang]
    if "count" in params and f"{key}.other" in catalogue:
        form = Locale.parse(_LOCALES[lang]).plural_form(params["count"])
        key = f"{key}.{form}" if f"{key}.{form}" in catalogue else f"{key}.other"
    template = catalogue.get(key) or es.MESSAGES.get(key) or key
    return template.format(**params) if params else template


def long_date(day: date, lang: str | None = DEFAULT_LANG) -> str:
    """'sábado 20 de septiembre de 2025' / 'Saturday, September 20, 2025'."""
    lang = normalize_lang(lang)
    return format_date(day, format=_LONG_DATE[lang], locale=_LOCALES[lang])


def short_date(day: date, lang: str | None = DEFAULT_LANG) -> str:
    return format_date(day, format="medium", locale=_LOCALES[normalize_lang(lang)])


def clock(dt: datetime, lang: str | None = DEFAULT_LANG) -> str:
    return format_time(dt, format="HH:mm", locale=_LOCALES[normalize_lang(lang)])


def long_datetime(dt: datetime, lang: str | None = DEFAULT_LANG) -> str:
    """'sábado 20 de septiembre de 2025, 20:00' in the datetime's own zone."""
    return f"{long_date(dt.date(), lang)}, {clock(dt, lang)}"


def zone_label(dt: datetime) -> str:
    """'America/Mexico_City (UTC−06:00)': the IANA name and the offset in force at dt."""
    return f"{dt.tzinfo} (UTC{_offset(dt)})"


def _offset(dt: datetime) -> str:
    return format_datetime(dt, format="xxx", locale="en_US").replace("-", "−")


def zone_label_over(zone: str, instants: Sequence[datetime]) -> str:
    """The zone's name and every offset it has at these instants, in order of first use:
    'America/Tijuana (UTC−08:00 / UTC−07:00)' for a page that crosses a clock change."""
    offsets = dict.fromkeys(_offset(to_local(i, zone)) for i in instants)
    return f"{zone} ({' / '.join(f'UTC{o}' for o in offsets)})"


def date_range(start: date, end: date, lang: str | None = DEFAULT_LANG) -> str:
    if start == end:
        return long_date(start, lang)
    return t("date_range", lang, start=short_date(start, lang), end=short_date(end, lang))


def catalogue(lang: str | None) -> dict[str, str]:
    """The whole catalogue of a language (Spanish entries fill any gap)."""
    return {**es.MESSAGES, **_CATALOGUES[normalize_lang(lang)]}


def locale_of(lang: str | None) -> str:
    return _LOCALES[normalize_lang(lang)]
