"""Every text stored keeps within its column: a length limit for each (the column's own for short
fields, MAX_TEXT for long ones) and no NUL character (PostgreSQL refuses it). Checked for every
row a session writes, whatever form or handler it came from, before anything reaches the database."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from logistics_app.domain.errors import FieldError, ValidationFailed

# A description, notes or a synopsis: several pages of text, not a file.
MAX_TEXT = 20_000
# What the app itself writes, derived from checked values: a release's changelog, the change log.
EXEMPT = {
    ("schedule_release", "changes"),
    ("change_record", "before"),
    ("change_record", "after"),
    ("undo_entry", "payload"),  # what a change replaced, as JSON: the rows it read
}


def _limit(column: sa.Column[Any]) -> int | None:
    kind = column.type
    if isinstance(kind, sa.String) and kind.length:
        return int(kind.length)
    if isinstance(kind, sa.Text | sa.String):
        return MAX_TEXT
    return None


def problems(row: Any) -> list[FieldError]:
    """What breaks the limits in one row about to be written."""
    errors = []
    state = sa.inspect(row)
    for column in state.mapper.columns:
        limit = None if (column.table.name, column.key) in EXEMPT else _limit(column)
        value = state.dict.get(column.key)
        if limit is None or not isinstance(value, str):
            continue
        if "\x00" in value:
            errors.append(FieldError(column.key, "bad_character"))
        elif len(value) > limit:
            errors.append(FieldError(column.key, "too_long", {"max": limit}))
    return errors


@sa.event.listens_for(Session, "before_flush")
def _check_texts(session: Session, _context: Any, _instances: Any) -> None:
    errors = [e for row in [*session.new, *session.dirty] for e in problems(row)]
    if errors:
        raise ValidationFailed(errors)
