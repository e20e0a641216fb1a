"""Production backends (reflex run --env prod --backend-only) on PostgreSQL: two started together
on an empty database both come up and migrate it once; with Redis, a change committed by one is in
the other's next feed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
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
        # Each worker its own folders: nothing is shared but the database (Reflex empties its
        # states folder at start, and two starting together would race to delete the same files).
        "REFLEX_WEB_WORKDIR": str(workdir / f"web-{port}"),
        "REFLEX_STATES_WORKDIR": str(workdir / f"states-{port}"),
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


def test_an_edit_committed_by_one_worker_is_in_the_next_feed_of_the_other(empty_pg_url: str, tmp_path: Path) -> None:
    """Feeds are cached per worker but keyed by the database's data version: after a change
    committed elsewhere, no worker answers with the old feed (new SEQUENCE, new ETag)."""
    import redis

    from logistics_app.db import make_engine, session_scope
    from logistics_app.models import ScheduleItem
    from logistics_app.services import releases
    from logistics_app.services.schedule import item_input, update_item
    from tests.conftest import unavailable

    redis_url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        unavailable(f"Redis not reachable at {redis_url}: {type(error).__name__}")
    setup = subprocess.run(
        [sys.executable, "-m", "logistics_app.cli", "setup"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": empty_pg_url},
        capture_output=True,
        text=True,
    )
    assert setup.returncode == 0, setup.stderr
    OUTPUT.mkdir(parents=True, exist_ok=True)
    os.environ["REDIS_URL"] = redis_url  # Reflex's Redis state manager in both workers
    logs = [(OUTPUT / f"worker-redis-{port}.log").open("wb") for port in PORTS]
    try:
        workers = [_start(port, empty_pg_url, tmp_path, log) for port, log in zip(PORTS, logs, strict=True)]
    finally:
        os.environ.pop("REDIS_URL")
    feed = "/cal/events/ariel-2025.ics"
    try:
        deadline = time.monotonic() + 300
        assert [_healthy(port, deadline)["redis"] for port in PORTS] == ["ok", "ok"]
        first = [httpx.get(f"http://127.0.0.1:{port}{feed}", timeout=30) for port in PORTS]
        assert first[0].headers["etag"] == first[1].headers["etag"]  # both cached now
        engine = make_engine(empty_pg_url)
        try:  # the organizer's change, committed as worker A's handler commits it
            with session_scope(engine) as session:
                gala = session.exec(
                    sa.select(ScheduleItem).where(ScheduleItem.title == "Ceremonia de los 67 Premios Ariel")  # type: ignore[arg-type]
                ).scalar_one()
                data = item_input(session=session, item=gala)
                data.start, data.end = data.start + timedelta(minutes=30), data.end + timedelta(minutes=30)
                update_item(session=session, item_id=gala.id, data=data)  # type: ignore[arg-type]
                releases.publish(session=session, slug="ariel-2025", actor=None)
        finally:
            engine.dispose()
        later = httpx.get(
            f"http://127.0.0.1:{PORTS[1]}{feed}", headers={"If-None-Match": first[1].headers["etag"]}, timeout=30
        )
        assert later.status_code == 200 and later.headers["etag"] != first[1].headers["etag"]
        assert b"SEQUENCE:1" in later.content
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


def test_an_organizers_edit_through_one_worker_is_in_every_workers_next_feed(
    empty_pg_url: str, tmp_path: Path, browser: Any
) -> None:
    """The whole production mode (reflex run --env prod: two workers, Redis, PostgreSQL): an
    organizer moves and publishes an item in the browser; then twenty fresh connections for the
    feed, spread over the workers, all carry the new SEQUENCE and the same new ETag."""
    import re

    import redis

    from tests.conftest import unavailable
    from tests.e2e.conftest import PASSWORD

    redis_url = "redis://127.0.0.1:6379/2"
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).flushdb()  # this test's own database
    except redis.RedisError as error:
        unavailable(f"Redis not reachable at {redis_url}: {type(error).__name__}")
    port = 8151
    env = {
        **os.environ,
        "DATABASE_URL": empty_pg_url,
        "REDIS_URL": redis_url,
        "BACKEND_PORT": str(port),
        "API_URL": f"http://localhost:{port}",
        "CORS_ORIGINS": f"http://localhost:{port}",
        "GRANIAN_WORKERS": "2",
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        # Its own build folder: the development app of the other browser tests keeps .web-test.
        "REFLEX_WEB_WORKDIR": str(ROOT / ".web-prod"),
        "REFLEX_STATES_WORKDIR": str(tmp_path / "states"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("FRONTEND_PORT", None)
    for args, stdin in (
        (["setup"], None),
        (["create-user", "--email", "ana@amacc.mx", "--name", "Ana", "--password-stdin"], PASSWORD + "\n"),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "logistics_app.cli", *args],
            cwd=ROOT,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    OUTPUT.mkdir(parents=True, exist_ok=True)
    feed = f"http://127.0.0.1:{port}/cal/events/ariel-2025.ics"
    with (OUTPUT / "prod-app.log").open("wb") as log:
        app = subprocess.Popen(
            [sys.executable, "scripts/serve_prod.py", "--backend-host", "127.0.0.1"],  # what make run-prod runs
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            assert _healthy(port, time.monotonic() + 900)["redis"] == "ok"
            before = {httpx.get(feed, timeout=30).headers["etag"] for _ in range(20)}  # every worker caches it
            assert len(before) == 1

            page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
            refused = []  # what the Content-Security-Policy blocked: nothing, or the page is broken
            page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
            answer = page.goto(f"http://localhost:{port}/organizar/eventos/ariel-2025/programa")
            assert answer is not None and "frame-ancestors 'none'" in answer.headers["content-security-policy"]
            assert answer.headers["x-content-type-options"] == "nosniff"
            page.locator("#login-email").fill("ana@amacc.mx")
            page.locator("#login-password").fill(PASSWORD)
            page.locator("#login-submit").click()
            page.locator(".plan-title", has_text="Retransmisión de la ceremonia").click(timeout=120_000)
            page.locator("#item-start").fill("22:00")
            page.locator("#item-end").fill("23:59")
            page.locator("#save-item").click()
            page.locator(".plan-row", has_text="Retransmisión de la ceremonia").get_by_text("22:00").wait_for(
                timeout=60_000
            )
            page.goto(f"http://localhost:{port}/organizar/eventos/ariel-2025")
            page.locator("#publish").click(timeout=60_000)
            page.get_by_text("Se publicó la versión 2.").wait_for(timeout=60_000)

            after = [httpx.get(feed, timeout=30) for _ in range(20)]
            assert {r.headers["etag"] for r in after} != before and len({r.headers["etag"] for r in after}) == 1
            body = after[0].text
            assert re.search(r"SEQUENCE:1\r\n", body)
            assert "DTSTART;TZID=America/Mexico_City:20250921T220000" in body
            assert refused == []
            # The pages' state lives in Redis (not in files of the workers).
            assert redis.Redis.from_url(redis_url).dbsize() > 0
            # The database goes away: the public page says so, the feed answers 503.
            _database_down(empty_pg_url, down=True)
            try:
                public = browser.new_context().new_page()
                public.goto(f"http://localhost:{port}/eventos/ariel-2025")
                public.get_by_text("Servicio no disponible por un momento").wait_for(timeout=60_000)
                assert "0 actividades" not in public.inner_text("body")
                assert httpx.get(feed, timeout=30).status_code == 503
            finally:
                _database_down(empty_pg_url, down=False)
        finally:
            os.killpg(app.pid, signal.SIGTERM)
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(app.pid, signal.SIGKILL)


def _database_down(url: str, *, down: bool) -> None:
    """Takes a test database out of reach (its connections cut, new ones refused), or back."""
    name = url.rsplit("/", 1)[1]
    admin = sa.create_engine(url.rsplit("/", 1)[0] + "/test", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"false" if down else "true"}'))
            if down:
                connection.execute(
                    sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                    {"name": name},
                )
    finally:
        admin.dispose()


def _children(pid: int) -> set[int]:
    """The processes whose parent is pid (granian's workers under its main process)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def test_a_worker_killed_is_replaced_while_the_others_keep_answering(empty_pg_url: str, tmp_path: Path) -> None:
    """kill -9 of one of two workers: the site answers throughout and granian starts a new one."""
    port = 8123
    env = {
        **os.environ,
        "DATABASE_URL": empty_pg_url,
        "BACKEND_PORT": str(port),
        "GRANIAN_WORKERS": "2",
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_WEB_WORKDIR": str(tmp_path / "web"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("FRONTEND_PORT", None)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with (OUTPUT / "worker-respawn.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "scripts/serve_prod.py", "--backend-only", "--backend-host", "127.0.0.1"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _healthy(port, time.monotonic() + 300)
        deadline = time.monotonic() + 60
        while len(workers := _children(server.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert len(workers) == 2
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        answers = []
        for _ in range(50):  # ten seconds of requests after the kill
            try:
                answers.append(httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=3).status_code)
            except httpx.TransportError as error:
                answers.append(type(error).__name__)
            time.sleep(0.2)
        replaced = _children(server.pid)
        assert answers == [200] * 50
        assert victim not in replaced and len(replaced) == 2
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
