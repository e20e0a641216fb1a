"""Validation problems that speak to people: which field, what is wrong, in their language."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

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


class Refusal(Exception):
    """Something refused with a reason said in the reader's language: the catalogue's text
    `{prefix}.{code}` with the refusal's parameters."""

    prefix: ClassVar[str]

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params

    def message(self, lang: str = "es") -> str:
        return t(f"{self.prefix}.{self.code}", lang, **self.params)


class Forbidden(Exception):
    """The person may not do this (the services check, whatever the page offered)."""


class NotFound(Exception):
    def __init__(self, what: str):
        super().__init__(what)
        self.what = what
