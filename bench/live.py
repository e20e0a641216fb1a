"""The night's busiest page (make bench): 2,000 viewers watch the Ariel's public live view while a
category is revealed. Loopback only, bounded in count and time.

The backend (api/live.py, served by granian with one worker and the connection limits of
scripts/serve_prod.py) holds the viewers'
Server-Sent Events streams; the bench reveals a category in the database and times, for every
viewer, the moment the winner reached it. Printed: p50/p95/p99 from the reveal to seen, errors
(viewers that could not connect or did not see it within the deadline), the backend's memory with
nobody and with every viewer watching, how long other requests take meanwhile (the crew's), and the
same fan-out from a minimal Starlette SSE server (no database: one shared asyncio.Event) as the
ceiling, with the ratio."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlmodel import select

from logistics_app.api import live
from logistics_app.db import make_engine, session_scope
from logistics_app.demo.loader import seed_demo
from logistics_app.infra.database import migrate
from logistics_app.models import AwardCategory, Nomination, key_of
from logistics_app.services import winners
from logistics_app.settings import get_settings
from tests.factories import an_organizer

VIEWERS = int(os.environ.get("BENCH_VIEWERS", "2000"))
HOST, APP_PORT, CEILING_PORT = "127.0.0.1", 8131, 8132
SLUG = "ariel-2025"
CONNECT_SECONDS, SEEN_SECONDS = 90, 20  # the bounds: connecting everyone, then seeing the reveal
BATCH = 200  # viewers connecting at once


class Viewer:
    """One browser's stream, read by hand (HTTP/1.1, chunked): when it got its first document,
    and when the revealed one."""

    def __init__(self) -> None:
        self.ready = asyncio.Event()
        self.seen_at: float | None = None
        self.error = ""

    async def watch(self, port: int, path: str, revealed: bytes) -> None:
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
        except OSError as error:
            self.error = f"connect: {error}"
            self.ready.set()
            return
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
            await writer.drain()
            status = await reader.readline()
            if b" 200 " not in status:
                self.error = status.decode(errors="replace").strip()
                self.ready.set()
                return
            while (await reader.readline()) not in (b"\r\n", b""):
                pass
            buffer = b""
            while True:
                size = int((await reader.readline()).strip() or b"0", 16)
                if size == 0:
                    self.error = self.error or "stream ended"
                    return
                buffer += await reader.readexactly(size)
                await reader.readexactly(2)
                *events, buffer = buffer.split(b"\n\n")
                for event in events:
                    if not event.startswith(b"data: "):
                        continue
                    if not self.ready.is_set():
                        self.ready.set()
                    elif revealed in event and self.seen_at is None:
                        self.seen_at = time.perf_counter()
                        return
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            self.error = self.error or f"read: {error!r}"
        finally:
            self.ready.set()
            writer.close()


def _rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (granian's worker), in KiB."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if entry.name == str(pid) or fields.get("PPid", "").strip() == str(pid):
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total


def _serve(target: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "granian", "--interface", "asgi", "--host", HOST, "--port", str(port)),
            *("--workers", "1", "--backlog", "4096", "--backpressure", "8192", "--no-access-log", target),
        ],
        env={**os.environ, **env, "PYTHONPATH": os.getcwd()},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(200):
        try:
            httpx.get(f"http://{HOST}:{port}/nothing", timeout=2)
            return server
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"{target} did not start")


def _stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:  # streams still open past the grace period
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


async def _crowd(port: int, path: str, revealed: bytes) -> tuple[list[Viewer], list[asyncio.Task[None]]]:
    viewers = [Viewer() for _ in range(VIEWERS)]
    tasks = []
    for start in range(0, VIEWERS, BATCH):
        batch = viewers[start : start + BATCH]
        tasks += [asyncio.create_task(v.watch(port, path, revealed)) for v in batch]
        await asyncio.wait_for(asyncio.gather(*(v.ready.wait() for v in batch)), CONNECT_SECONDS)
    return viewers, tasks


async def _seen(viewers: list[Viewer], since: float) -> list[float]:
    deadline = time.perf_counter() + SEEN_SECONDS
    while time.perf_counter() < deadline and any(v.seen_at is None and not v.error for v in viewers):
        await asyncio.sleep(0.02)
    return sorted((v.seen_at - since) * 1000 for v in viewers if v.seen_at is not None)


def _percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "—"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {cuts[49]:7.0f} ms  p95 {cuts[94]:7.0f} ms  p99 {cuts[98]:7.0f} ms"


async def _crew(port: int) -> list[float]:
    """What the crew's devices would feel meanwhile: 20 ordinary requests to the same backend."""
    timings = []
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{port}", timeout=30) as client:
        for _ in range(20):
            began = time.perf_counter()
            response = await client.get(f"/api/events/{SLUG}/winners.json")
            response.raise_for_status()
            timings.append((time.perf_counter() - began) * 1000)
    return timings


async def _run_app(url: str) -> dict[str, object]:
    engine = make_engine(url)
    with session_scope(engine) as session:
        category = session.exec(select(AwardCategory).where(AwardCategory.name == "Mejor Película")).one()
        nomination = session.exec(select(Nomination).where(Nomination.category_id == category.id)).first()
        assert nomination is not None
        tally = an_organizer(session, "escrutinio@amacc.mx", can_tally=True)
        winners.seal(session=session, actor=tally, slug=SLUG, nomination_id=key_of(nomination))
        category_id = key_of(category)
    first = live.render(engine, SLUG)
    server = _serve("bench.live_server:app", APP_PORT, {"BENCH_DATABASE_URL": url})
    try:
        idle = _rss_kib(server.pid)
        path = f"/api/events/{SLUG}/live"
        viewers, tasks = await _crowd(APP_PORT, path, b'"revealed":1')
        watching = _rss_kib(server.pid)

        def reveal() -> None:
            with session_scope(engine) as session:
                winners.reveal_category(session=session, actor=tally, slug=SLUG, category_id=category_id)

        since = time.perf_counter()
        crew = asyncio.create_task(_crew(APP_PORT))
        await asyncio.to_thread(reveal)
        seen = await _seen(viewers, since)
        crew_ms = await crew
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        _stop(server)
    errors = [v.error for v in viewers if v.seen_at is None]
    revealed = live.render(engine, SLUG)
    return {
        "seen": seen,
        "errors": errors,
        "idle": idle,
        "watching": watching,
        "crew": crew_ms,
        "first": first,
        "revealed": revealed,
    }


async def _run_ceiling(first: bytes, revealed: bytes) -> dict[str, object]:
    server = _serve("bench.live_server:ceiling", CEILING_PORT, {"BENCH_FIRST": first.decode()})
    try:
        viewers, tasks = await _crowd(CEILING_PORT, "/live", b'"revealed":1')
        watching = _rss_kib(server.pid)
        since = time.perf_counter()
        async with httpx.AsyncClient(timeout=30) as client:
            await client.post(f"http://{HOST}:{CEILING_PORT}/fire", content=revealed)
        seen = await _seen(viewers, since)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        _stop(server)
    return {"seen": seen, "errors": [v.error for v in viewers if v.seen_at is None], "watching": watching}


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-live-"))
    url = f"sqlite:///{workdir / 'live.db'}"
    try:
        engine = make_engine(url)
        migrate(engine)
        with session_scope(engine) as session:
            seed_demo(session=session, dataset=get_settings().rumbo_dataset)
        engine.dispose()
        app = asyncio.run(_run_app(url))
        first, revealed = app["first"], app["revealed"]  # the same bytes from the ceiling
        assert isinstance(first, bytes) and isinstance(revealed, bytes)
        ceiling = asyncio.run(_run_ceiling(first, revealed))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    seen, ceiling_seen = app["seen"], ceiling["seen"]
    assert isinstance(seen, list) and isinstance(ceiling_seen, list)
    errors, ceiling_errors = app["errors"], ceiling["errors"]
    assert isinstance(errors, list) and isinstance(ceiling_errors, list)
    print(f"live view: {VIEWERS:,} viewers of /api/events/{SLUG}/live (SSE), granian (1 worker), loopback")
    print(f"  reveal to seen, ours:    {_percentiles(seen)}  errors {len(errors)}")
    print(f"  reveal to seen, ceiling: {_percentiles(ceiling_seen)}  errors {len(ceiling_errors)}")
    if len(seen) > 1 and len(ceiling_seen) > 1:
        ratio = statistics.quantiles(seen, n=100)[94] / max(statistics.quantiles(ceiling_seen, n=100)[94], 1)
        print(f"  p95 ratio to the ceiling: {ratio:.1f}x (ours polls the data version every 0.5 s)")
    print(
        f"  backend memory: {app['idle']:,} KiB idle, {app['watching']:,} KiB with every viewer "
        f"(ceiling server: {ceiling['watching']:,} KiB)"
    )
    crew = app["crew"]
    assert isinstance(crew, list)
    print(
        f"  meanwhile, 20 other requests (the crew's): median {statistics.median(crew):.0f} ms, max {max(crew):.0f} ms"
    )
    if errors:
        print(f"  first errors: {sorted(set(map(str, errors)))[:3]}")


if __name__ == "__main__":
    main()
