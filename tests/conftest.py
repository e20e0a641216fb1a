"""Shared fixtures: real databases (SQLite files and a PostgreSQL database per run)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from logistics_app.db import make_engine, session_scope
from logistics_app.demo.loader import seed_demo
from logistics_app.infra.database import migrate
from logistics_app.settings import get_settings

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DATASET = get_settings().rumbo_dataset


def unavailable(reason: str) -> None:
    """Skip on a laptop without the server; in CI a missing server is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


# `make test` runs the integration suite twice: on SQLite, then with TEST_DATABASE=postgres, when
# "sqlite_engine", "demo" and "demo_engine" are PostgreSQL databases made from templates.
ON_POSTGRES = os.environ.get("TEST_DATABASE", "sqlite") == "postgres"


@pytest.fixture
def sqlite_engine(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An empty database at the latest schema (SQLite, or PostgreSQL under TEST_DATABASE=postgres)."""
    if ON_POSTGRES:
        yield from _from_template(request.getfixturevalue("empty_template"))
        return
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


def _admin() -> Engine:
    return sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _from_template(template: str) -> Iterator[Engine]:
    """A new PostgreSQL database copied from a template (fast), dropped afterwards."""
    admin = _admin()
    name = f"logistics_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    engine = make_engine(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _template(name: str, fill: bool) -> Iterator[str]:
    admin = _admin()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        unavailable(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}")
    engine = make_engine(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    migrate(engine)
    if fill:
        with session_scope(engine) as session:
            seed_demo(session=session, dataset=DATASET)
    engine.dispose()  # a template must have no connections
    try:
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def empty_template() -> Iterator[str]:
    yield from _template(f"logistics_tpl_empty_{uuid.uuid4().hex[:6]}", fill=False)


@pytest.fixture(scope="session")
def demo_template() -> Iterator[str]:
    yield from _template(f"logistics_tpl_demo_{uuid.uuid4().hex[:6]}", fill=True)


def _pg_database() -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards."""
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"logistics_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        unavailable(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}")
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def empty_pg_url() -> Iterator[str]:
    yield from _pg_database()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    yield from _pg_database()


@pytest.fixture(scope="session")
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file with the whole demo, loaded once per run."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    with session_scope(engine) as session:
        seed_demo(session=session, dataset=DATASET)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def demo_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """The demo, shared by the tests that only read it."""
    if ON_POSTGRES:
        yield from _from_template(request.getfixturevalue("demo_template"))
        return
    engine = make_engine(f"sqlite:///{request.getfixturevalue('demo_file')}")
    yield engine
    engine.dispose()


@pytest.fixture
def demo(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A private copy of the demo that the test may change."""
    if ON_POSTGRES:
        yield from _from_template(request.getfixturevalue("demo_template"))
        return
    demo_file = request.getfixturevalue("demo_file")
    copy = tmp_path / "demo-copy.db"
    shutil.copyfile(demo_file, copy)
    engine = make_engine(f"sqlite:///{copy}")
    yield engine
    engine.dispose()


@pytest.fixture(autouse=True, scope="session")
def _jobs_in_memory() -> None:
    """What the tests' commits ask of the job queue stays in memory (tests that run a consumer set
    their own storage), never in a queue file beside the laptop's database."""
    from huey.storage import MemoryStorage

    from logistics_app import jobs

    jobs.queue.storage = MemoryStorage("tests")
