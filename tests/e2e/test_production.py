"""Production backends (reflex run --env prod --backend-only) started together on an empty
PostgreSQL database: both come up and answer, and the schema is migrated once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from tests.apprunner import OUTPUT, ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]
PORTS = (8121, 8122)


def _start(port: int, database_url: str, workdir: Path, log: Any) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "BACKEND_PORT": str(port),
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        # Each worker its own frontend folder: nothing is shared but the database.
        "REFLEX_WEB_WORKDIR": str(workdir / f"web-{port}"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("FRONTEND_PORT", None)
    return subprocess.Popen(
        [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-only"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _healthy(port: int, deadline: float) -> dict[str, str]:
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(1)
    raise AssertionError(f"worker on {port} did not come up; see {OUTPUT / f'worker-{port}.log'}")


def test_two_workers_on_an_empty_database_both_come_up_and_migrate_once(empty_pg_url: str, tmp_path: Path) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    logs = [(OUTPUT / f"worker-{port}.log").open("wb") for port in PORTS]
    workers = [_start(port, empty_pg_url, tmp_path, log) for port, log in zip(PORTS, logs, strict=True)]
    try:
        deadline = time.monotonic() + 300
        assert [_healthy(port, deadline)["database"] for port in PORTS] == ["ok", "ok"]
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        for log in logs:
            log.close()
    engine = sa.create_engine(empty_pg_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
            events = connection.execute(sa.text("SELECT count(*) FROM event")).scalar_one()
    finally:
        engine.dispose()
    assert (len(versions), events) == (1, 0)
