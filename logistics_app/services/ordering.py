"""Moving one row of an ordered list (categories, segments) where positions are unique."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from logistics_app.domain.errors import NotFound


def renumber(*, session: Session, ordered: list[Any]) -> None:
    """Writes positions 1..n in this order. Positions are unique, so they are parked below zero
    first: no two rows ever share one, even halfway."""
    for i, row in enumerate(ordered):
        row.position = -(i + 1)
    session.flush()
    for i, row in enumerate(ordered):
        row.position = i + 1
    session.flush()


def move(*, session: Session, ordered: list[Any], row_id: int, offset: int) -> None:
    """Moves the row with this id up (-1) or down (+1); at either end it stays."""
    index = next((i for i, row in enumerate(ordered) if row.id == row_id), None)
    if index is None:
        raise NotFound(str(row_id))
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    renumber(session=session, ordered=ordered)


def place(*, session: Session, ordered: list[Any], row_id: int, at_id: int) -> None:
    """Moves the row with this id to where the row `at_id` is; the rows between shift by one."""
    index = next((i for i, row in enumerate(ordered) if row.id == row_id), None)
    target = next((i for i, row in enumerate(ordered) if row.id == at_id), None)
    if index is None or target is None:
        raise NotFound(str(row_id if index is None else at_id))
    if index == target:
        return
    ordered.insert(target, ordered.pop(index))
    renumber(session=session, ordered=ordered)
