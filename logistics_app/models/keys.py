"""Primary keys of stored rows, typed: a row read from (or flushed to) the database has its id."""

from __future__ import annotations

from typing import Protocol, TypeVar

from sqlmodel import Field, SQLModel

_T = TypeVar("_T")


class Keyed(SQLModel):
    """A table's own integer primary key, `id` (None until the row is flushed)."""

    id: int | None = Field(default=None, primary_key=True)


class _Stored(Protocol):
    @property
    def id(self) -> int | None: ...


def key_of(row: _Stored) -> int:
    """The row's id; an unsaved row (no id yet) is a programming error, said at once."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: flush the session first")
    return row.id


def not_null(value: _T | None) -> _T:
    """A value the database never leaves NULL where it was read (a primary key selected on its own,
    a column a CHECK constraint or the query's WHERE requires), though its column type allows it.
    None is a programming error, said at once."""
    if value is None:
        raise ValueError("a value the query guarantees is missing")
    return value
