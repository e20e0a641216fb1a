"""Typed access where SQLModel's own typing falls short: its models declare no `__table__`, and its
select() and Session.exec() type at most four columns (its Session.execute() none)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVarTuple

import sqlalchemy as sa
from sqlalchemy import orm
from sqlmodel import SQLModel

_Ts = TypeVarTuple("_Ts")


def table_of(model: type[SQLModel]) -> sa.Table:
    """The model's table; a model that is not a table (no `table=True`) is a programming error."""
    table = sa.inspect(model).local_table
    if not isinstance(table, sa.Table):
        raise TypeError(f"{model.__name__} is not mapped to one table")
    return table


def rows_of(session: orm.Session, statement: sa.Select[*_Ts]) -> Sequence[sa.Row[*_Ts]]:
    """Every row of a select of any width, typed column by column. SQLModel's Session.execute only
    passes the call on to SQLAlchemy's, which keeps the types: this calls that one."""
    return orm.Session.execute(session, statement).all()
