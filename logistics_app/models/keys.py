"""Primary keys of stored rows, typed: a row read from (or flushed to) the database has its id."""

from __future__ import annotations

from typing import Protocol


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def key_of(row: _Stored) -> int:
    """The row's id; an unsaved row (no id yet) is a programming error, said at once."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: flush the session first")
    return row.id
