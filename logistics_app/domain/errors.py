"""Validation problems that speak to people: which field, what is wrong, in their language."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from logistics_app.i18n import t


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    # Qualified: the attribute `field` above shadows dataclasses.field in this class body.
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def message(self, lang: str = "es") -> str:
        return t(f"error.{self.code}", lang, **self.params)


class ValidationFailed(Exception):
    """Raised by services when input breaks a rule; nothing has been written."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(f"{e.field}: {e.message('en')}" for e in errors))
        self.errors = errors

    def messages(self, lang: str = "es") -> dict[str, str]:
        """Field -> message, first problem per field."""
        out: dict[str, str] = {}
        for error in self.errors:
            out.setdefault(error.field, error.message(lang))
        return out


class NotFound(Exception):
    def __init__(self, what: str):
        super().__init__(what)
        self.what = what
