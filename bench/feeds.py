"""Feed speed (make bench): rendering 2,000 items, then requests per second served by granian for
the cached feed, a 304 answer, and the same bytes as a static file (the ceiling), measured with wrk."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from logistics_app.db import make_engine, session_scope
from logistics_app.infra.database import migrate
from logistics_app.models import Event, EventKind, ItemKind, ScheduleItem, Venue
from logistics_app.queries import feeds
from logistics_app.services.releases import publish

PORT = 8191
DURATION = "8s"
START = datetime(2025, 9, 1, 15, tzinfo=UTC)


def build(url: str) -> None:
    engine = make_engine(url)
    migrate(engine)
    with session_scope(engine) as session:
        event = Event(
            slug="bench-2000",
            name="Festival de 2,000 funciones",
            kind=EventKind.FESTIVAL,
            start_date=date(2025, 9, 1),
            end_date=date(2025, 9, 30),
        )
        venue = Venue(
            slug="cineteca",
            name="Cineteca",
            address="Av. Siempre Viva 742",
            city="Guadalajara",
            latitude=20.67,
            longitude=-103.35,
        )
        session.add_all([event, venue])
        session.flush()
        session.add_all(
            ScheduleItem(
                event_id=event.id,
                title=f"Función {i}: «Pedro Páramo»",
                kind=ItemKind.SCREENING,  # type: ignore[arg-type]
                start_utc=START + timedelta(minutes=20 * i),
                end_utc=START + timedelta(minutes=20 * i + 90),
                venue_id=venue.id,
                description="Proyección con coloquio; entrada libre, cupo limitado.",
            )
            for i in range(2000)
        )
        session.flush()
        publish(session=session, slug="bench-2000", actor=None)  # the public feed shows the release
    engine.dispose()


def wrk(url: str, *headers: str) -> float:
    args = ["wrk", "-t2", "-c32", f"-d{DURATION}", "--latency"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (make bench installs it)")
    workdir = Path(tempfile.mkdtemp(prefix="bench-feeds-"))
    url = f"sqlite:///{workdir / 'bench.db'}"
    build(url)

    engine = make_engine(url)
    timings = []
    for _ in range(3):
        feeds.CACHE.clear()
        began = time.perf_counter()
        with session_scope(engine) as session:
            body = feeds.render(session=session, spec=feeds.event_spec(session=session, slug="bench-2000")).body
        timings.append(time.perf_counter() - began)
    static = workdir / "static"
    static.mkdir()
    (static / "bench-2000.ics").write_bytes(body)

    env = {**os.environ, "BENCH_DATABASE_URL": url, "BENCH_STATIC_DIR": str(static), "PYTHONPATH": os.getcwd()}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "asgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(PORT),
            "--workers",
            "1",
            "--no-access-log",
            "bench.feed_server:app",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(100):
            try:
                first = httpx.get(f"{base}/cal/events/bench-2000.ics", timeout=30)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert first.content == body, "the server must serve the same bytes"
        cached = wrk(f"{base}/cal/events/bench-2000.ics")
        not_modified = wrk(f"{base}/cal/events/bench-2000.ics", f"If-None-Match: {first.headers['etag']}")
        static_rps = wrk(f"{base}/static/bench-2000.ics")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"feeds: 2,000 items, {len(body):,} bytes, served by granian (1 worker), wrk -t2 -c32 -d{DURATION}")
    print(f"  render (uncached), best of 3: {min(timings):.3f} s")
    print(f"  cached feed:      {cached:9,.0f} requests/s")
    print(f"  304 Not Modified: {not_modified:9,.0f} requests/s")
    print(f"  static file:      {static_rps:9,.0f} requests/s  (ceiling)")
    print(f"  cached / static:  {cached / static_rps:.2f}  (aim: at least 0.5, i.e. within 2x)")


if __name__ == "__main__":
    main()
