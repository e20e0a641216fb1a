"""Every transaction that writes anything bumps the data version once (feeds are cached by it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlmodel import col

from logistics_app.models.feed import DataVersion
from logistics_app.timeutil import now_utc

_FLAG = "data_version_bumped"


@sa.event.listens_for(Session, "before_flush")
def _bump(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(_FLAG):
        return
    writes = [*session.new, *session.deleted, *(o for o in session.dirty if session.is_modified(o))]
    if not any(not isinstance(o, DataVersion) and not getattr(o, "unversioned", False) for o in writes):
        return
    session.execute(
        sa.update(DataVersion)
        .where(col(DataVersion.id) == 1)
        .values(version=col(DataVersion.version) + 1, changed_at=now_utc())
    )
    session.info[_FLAG] = True


@sa.event.listens_for(Session, "after_commit")
@sa.event.listens_for(Session, "after_rollback")
def _reset(session: Session) -> None:
    session.info.pop(_FLAG, None)


_CURRENT = sa.select(col(DataVersion.version), col(DataVersion.changed_at)).where(col(DataVersion.id) == 1)


def version_stamp(session: Session) -> tuple[int, datetime]:
    """The number of writing transactions committed so far and when the last one was (one query)."""
    version, changed_at = session.execute(_CURRENT).one()
    return int(version), changed_at


def current_version(session: Session) -> int:
    return version_stamp(session)[0]
