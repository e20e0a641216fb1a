"""Small text helpers shared by loaders and services."""

from __future__ import annotations

import re
import unicodedata


def decode(raw: bytes, *, errors: str = "strict") -> str:
    """Text as Mexican offices' programs write it: UTF-8 (a BOM is dropped), else Windows-1252
    (Excel, old Outlook). `errors` says what to do with bytes Windows-1252 leaves undefined."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors=errors)


def fold(text: str) -> str:
    """Lower case without accents, for matching and search."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slugify(text: str, *, max_len: int = 80) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug[:max_len].rstrip("-") or "sin-nombre"


def to_int(text: object, default: int | None = None) -> int | None:
    """An integer from text a browser or a URL sent, or the default (never an exception)."""
    value = str(text if text is not None else "").strip()
    if value.isascii() and value.lstrip("-").isdigit():
        return int(value)
    return default
