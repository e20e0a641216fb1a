"""Engine, sessions and the UTC-aware column type."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from logistics_app.settings import get_settings


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and always returns aware UTC (SQLite drops tzinfo)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _prepare_sqlite_dir(url: str) -> None:
    from pathlib import Path

    parsed = sa.engine.make_url(url)
    database = parsed.database
    if parsed.get_backend_name() == "sqlite" and database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def make_engine(url: str) -> Engine:
    _prepare_sqlite_dir(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    return make_engine(url or get_settings().database_url)


@contextmanager
def session_scope(engine: Engine | None = None, *, actor_id: int | None = None) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back on any error.

    `actor_id` names the signed-in person whose action this is, for the change log.
    """
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        session.info["actor_id"] = actor_id
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


AFTER_COMMIT = "jobs_after_commit"


def after_commit(session: Session, job: str, *, at: datetime | None = None) -> None:
    """Asks for a background job once this transaction commits (logistics_app.jobs enqueues it;
    a rollback forgets it). The work itself is already in the database: the job only starts it
    sooner than the queue's next sweep, and `at` delays it (a reveal time). Asked twice, the job
    runs once, at the earlier time."""
    wanted: dict[str, datetime | None] = session.info.setdefault(AFTER_COMMIT, {})
    if job not in wanted or (at is not None and (earlier := wanted[job]) is not None and at < earlier):
        wanted[job] = at
    elif at is None:
        wanted[job] = None
