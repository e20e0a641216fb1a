"""Alembic environment: the target is SQLModel's metadata; the URL is the app's."""

from __future__ import annotations

from typing import Any

from sqlmodel import SQLModel

import logistics_app.models  # noqa: F401  (registers every table)
from alembic import context
from logistics_app.db import UTCDateTime, get_engine

config = context.config
target_metadata = SQLModel.metadata


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    # Migrations must not import app code: UTCDateTime is a plain timestamptz in the schema.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def include_name(name: str | None, type_: str, _parent: Any) -> bool:
    # The job queue's own tables (Huey's, on PostgreSQL) are not the app's schema.
    return not (type_ == "table" and (name or "").startswith("huey_"))


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    engine = get_engine(url) if url else get_engine()
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            # As infra.database.migrate does: SQLite alters a table by copying and dropping it,
            # and with foreign keys on that drop would cascade and delete the rows that refer to it.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        _run(conn)
        conn.commit()


def _run(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_item=render_item,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
