"""Load on the production set-up (make bench): PostgreSQL, Redis, the Reflex backend with several
workers. 200 simulated calendar clients poll the public and private feeds with conditional
requests for 60 seconds while an organizer edits (and publishes) an item every second.

Prints requests per second, p50/p95/p99 latency, the error count, and how long after each edit the
first client saw the new feed."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa

from logistics_app.db import make_engine, session_scope
from logistics_app.models import Agency, FeedKind, ScheduleItem
from logistics_app.services import releases, subscriptions
from logistics_app.services.schedule import item_input, update_item

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
PORT, CLIENTS, SECONDS = 8131, 200, 60
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))  # one per core
MOVED = "Retransmisión de la ceremonia por Canal 22.2"


def database() -> str:
    name = f"logistics_load_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    subprocess.run(
        [sys.executable, "-m", "logistics_app.cli", "setup"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        capture_output=True,
    )
    return url


def drop(url: str) -> None:
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def start(url: str, workdir: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "BACKEND_PORT": str(PORT),
        "GRANIAN_WORKERS": str(WORKERS),
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "REFLEX_WEB_WORKDIR": str(workdir / "web"),
        "REFLEX_STATES_WORKDIR": str(workdir / "states"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("FRONTEND_PORT", None)
    return subprocess.Popen(
        [sys.executable, "scripts/serve_prod.py", "--backend-only", "--backend-host", "127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


class Results:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors = 0
        self.first_seen: dict[int, float] = {}  # edit number -> when a client first got it


async def client(base: str, paths: list[str], stop: float, results: Results, uid: str) -> None:
    etags: dict[str, str] = {}
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while time.monotonic() < stop:
            path = random.choice(paths)
            headers = {"If-None-Match": etags[path]} if path in etags else {}
            began = time.perf_counter()
            try:
                response = await http.get(path, headers=headers)
            except httpx.HTTPError:
                results.errors += 1
                continue
            results.latencies.append(time.perf_counter() - began)
            if response.status_code not in (200, 304):
                results.errors += 1
                continue
            if response.status_code == 200:
                etags[path] = response.headers["etag"]
                edit = _edit_number(response.content, uid)
                if edit and edit not in results.first_seen:
                    results.first_seen[edit] = time.monotonic()
            await asyncio.sleep(random.uniform(1.0, 2.0))  # far more often than real calendars poll


def _edit_number(body: bytes, uid: str) -> int:
    """Which edit this feed shows: the moved item's SEQUENCE is the number of edits so far."""
    at = body.find(f"UID:{uid}".encode())
    if at < 0:
        return 0
    start = body.find(b"SEQUENCE:", at)
    end = body.find(b"\r\n", start)
    return int(body[start + 9 : end])


def edit_every_second(url: str, stop: float, made: dict[int, float]) -> None:
    engine = make_engine(url)
    number = 0
    try:
        while time.monotonic() < stop - 1:
            began = time.monotonic()
            with session_scope(engine) as session:
                item = session.exec(sa.select(ScheduleItem).where(ScheduleItem.title == MOVED)).scalar_one()  # type: ignore[call-overload]
                data = item_input(session=session, item=item)
                shift = timedelta(minutes=5 if number % 2 == 0 else -5)
                data.start, data.end = data.start + shift, data.end + shift
                update_item(session=session, item_id=item.id, data=data)  # type: ignore[arg-type]
                releases.publish(session=session, slug="ariel-2025", actor=None)
            number += 1
            made[number] = time.monotonic()
            time.sleep(max(0.0, 1 - (time.monotonic() - began)))
    finally:
        engine.dispose()


async def main_async(url: str) -> None:
    base = f"http://127.0.0.1:{PORT}"
    engine = make_engine(url)
    with session_scope(engine) as session:
        amacc = session.exec(sa.select(Agency.id).where(Agency.slug == "amacc")).scalar_one()  # type: ignore[call-overload]
        token = subscriptions.issue_token(session=session, kind=FeedKind.AGENCY, owner_id=amacc)
        uid = session.exec(sa.select(ScheduleItem.uid).where(ScheduleItem.title == MOVED)).scalar_one()  # type: ignore[call-overload]
    engine.dispose()
    paths = ["/cal/events/ariel-2025.ics", f"/cal/private/{token}.ics", "/cal/events/rumbo-al-ariel-2025.ics"]
    results, made = Results(), {}
    stop = time.monotonic() + SECONDS
    editor = asyncio.to_thread(edit_every_second, url, stop, made)
    began = time.monotonic()
    await asyncio.gather(editor, *(client(base, paths, stop, results, uid) for _ in range(CLIENTS)))
    elapsed = time.monotonic() - began
    lat = sorted(results.latencies)
    delays = [results.first_seen[n] - made[n] for n in made if n in results.first_seen]

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(len(lat) * p))] * 1000

    print(f"load: {CLIENTS} clients, {SECONDS} s, {WORKERS} backend workers, PostgreSQL + Redis, one edit a second")
    print(f"  requests: {len(lat):,} ({len(lat) / elapsed:,.0f}/s); errors: {results.errors}")
    print(f"  latency ms: p50 {pct(0.50):.0f}, p95 {pct(0.95):.0f}, p99 {pct(0.99):.0f}")
    if delays:
        print(
            f"  edit -> first client with the new feed: median {statistics.median(delays) * 1000:.0f} ms, "
            f"max {max(delays) * 1000:.0f} ms ({len(delays)} of {len(made)} edits seen)"
        )


@contextmanager
def serving(url: str, prefix: str) -> Iterator[subprocess.Popen[bytes]]:
    """The production backend on `url` until the block ends (started, healthy, stopped, dropped)."""
    server = start(url, Path(tempfile.mkdtemp(prefix=prefix)))
    try:
        for _ in range(300):
            try:
                if httpx.get(f"http://127.0.0.1:{PORT}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(1)
        else:
            raise SystemExit("the production backend did not become healthy in 300 s")
        yield server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        drop(url)


def main() -> None:
    url = database()
    with serving(url, "bench-load-"):
        asyncio.run(main_async(url))


if __name__ == "__main__":
    main()
