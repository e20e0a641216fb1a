"""The night's busiest page (make bench): 2,000 viewers watch the Ariel's public live view while the
show caller reaches a category's announcement and 20 crew devices follow the show. Loopback only,
bounded in count and time.

The production backend (scripts/serve_prod.py: Reflex on granian, one worker per core, PostgreSQL,
Redis) holds the viewers' Server-Sent Events streams (api/live.py) and the websockets of the show
caller and the crew. The caller is signed in and presses "next segment" over Reflex's websocket,
as the browser does; each crew device opens /equipo/<token> and asks four times a second whether the show
moved, as components/show.py's beat does. The press ends the category's segment: its winner is
revealed and the closing starts. Printed, each from the press: when every viewer saw the winner
(p50/p95/p99, errors: viewers that could not connect or did not see it in time), when the caller's
own screen and each crew device showed the next segment; the backend's memory with nobody and with
every viewer watching; and the same fan-out from a minimal Starlette SSE server (no database: one
shared asyncio.Event in one granian worker) as the ceiling, with the ratio."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import websockets
from sqlmodel import select

from bench.load import PORT as APP_PORT
from bench.load import WORKERS, serving
from bench.load import database as fresh_database
from logistics_app.api import live
from logistics_app.db import make_engine, session_scope
from logistics_app.models import AwardCategory, Nomination, key_of
from logistics_app.services import rundown, show, winners
from logistics_app.state.accounts import SignInState
from logistics_app.state.show import LOOK_MS, CrewState, ShowState
from tests.factories import PASSWORD, an_organizer

VIEWERS = int(os.environ.get("BENCH_VIEWERS", "2000"))
CREW = int(os.environ.get("BENCH_CREW", "20"))
HOST, CEILING_PORT = "127.0.0.1", 8132
SLUG = "ariel-2025"
CONNECT_SECONDS, SEEN_SECONDS = 90, 20  # the bounds: connecting everyone, then seeing the reveal
BATCH = 200  # viewers connecting at once
CALLER = "regiduria@amacc.mx"
LOOK_SECONDS = LOOK_MS / 1000  # the crew pages' beat


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
    """Resident memory of a process and all its descendants (granian's workers), in KiB."""
    parents: dict[int, int] = {}
    resident: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip())
        resident[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, grew = {pid}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(resident.get(member, 0) for member in tree)


def _serve(target: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The ceiling on one granian worker: every viewer in the process that /fire reaches."""
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


def _cuts(values: list[float]) -> list[float]:
    return statistics.quantiles(values, n=100, method="inclusive")


def _percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "—"
    cuts = _cuts(values)
    return f"p50 {cuts[49]:7.0f} ms  p95 {cuts[94]:7.0f} ms  p99 {cuts[98]:7.0f} ms"


class Device:
    """One browser page over Reflex's websocket (Engine.IO 4 / Socket.IO, as the frontend speaks
    it): sends the page's events and notes when the show's current segment became `awaited`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.token = str(uuid.uuid4())
        self.messages: asyncio.Queue[str] = asyncio.Queue()
        self.current = ""  # the title of the segment the page shows as current
        self.seen: dict[str, float] = {}  # segment title -> when the page first showed it current
        self.socket: websockets.ClientConnection | None = None
        self.reader: asyncio.Task[None] | None = None

    async def open(self) -> None:
        self.socket = await websockets.connect(
            f"ws://{HOST}:{APP_PORT}/_event/?EIO=4&transport=websocket&token={self.token}", max_size=None
        )
        await self.socket.recv()  # Engine.IO open
        await self.socket.send("40/_event,")
        while not str(await self.socket.recv()).startswith("40/_event"):
            pass
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.socket is not None
        async for message in self.socket:
            text = str(message)
            if text == "2":  # Engine.IO ping
                await self.socket.send("3")
                continue
            for current in CURRENT.finditer(text):
                title = json.loads('"' + current.group(1) + '"')
                self.current = title
                self.seen.setdefault(title, time.perf_counter())
            await self.messages.put(text)

    async def send(self, state: str, handler: str, **payload: object) -> None:
        assert self.socket is not None
        event = {
            "name": f"{state}.{handler}",
            "payload": payload,
            "router_data": {"pathname": self.path, "query": {}, "asPath": self.path},
        }
        await self.socket.send("42/_event," + json.dumps(["event", event]))

    async def until(self, pattern: re.Pattern[str], seconds: float = 30) -> str:
        """The next message matching `pattern`."""
        async with asyncio.timeout(seconds):
            while True:
                message = await self.messages.get()
                if pattern.search(message):
                    return message

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
        if self.socket is not None:
            await self.socket.close()


CURRENT = re.compile(r'"current_rx_state_":\{[^{}]*?"title":"((?:[^"\\]|\\.)*)"')
SIGNED_IN = re.compile(r'"auth_token_rx_state_":"[^"]')


async def _beat(device: Device, state: str, stop: asyncio.Event) -> None:
    """components/show.py's beat: `look` four times a second while the page is open."""
    while not stop.is_set():
        await device.send(state, "look")
        await asyncio.sleep(LOOK_SECONDS)


def _prepare(url: str) -> dict[str, str]:
    """The ceremony of the bench: opening, the category (its winner sealed), closing; the caller's
    account; the crew's link."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        category = session.exec(select(AwardCategory).where(AwardCategory.name == "Mejor Película")).one()
        nomination = session.exec(select(Nomination).where(Nomination.category_id == category.id)).first()
        assert nomination is not None
        tally = an_organizer(session, "escrutinio@amacc.mx", can_tally=True)
        an_organizer(session, CALLER)
        winners.seal(session=session, actor=tally, slug=SLUG, nomination_id=key_of(nomination))
        for form in (
            {"kind": "opening", "title": "Apertura", "minutes": "12"},
            {"kind": "category", "category": str(category.id), "minutes": "8"},
            {"kind": "closing", "title": "Cierre", "minutes": "10"},
        ):
            rundown.add_segment(session=session, slug=SLUG, form=form)
        token = show.crew_link(session=session, slug=SLUG)
    first = live.render(engine, SLUG)
    engine.dispose()
    return {"crew": token, "first": first.decode()}


async def _caller() -> Device:
    """The show caller's page, signed in (the password checked like any sign-in)."""
    caller = Device("/entrar")
    await caller.open()
    await caller.send(SignInState.get_full_name(), "submit", form={"email": CALLER, "password": PASSWORD})
    await caller.until(SIGNED_IN, 60)
    caller.path = f"/organizar/eventos/{SLUG}/en-vivo"
    await caller.send(ShowState.get_full_name(), "load")
    return caller


async def _press(caller: Device, title: str, url: str) -> float:
    """'Next segment' as the caller's screen sends it, naming the segment it shows as current
    (the page has its id; the bench reads it first); returns the moment of the press."""
    seen = "" if not caller.current else await asyncio.to_thread(_current_id, url)
    pressed = time.perf_counter()
    await caller.send(ShowState.get_full_name(), "next_segment", seen=seen)
    async with asyncio.timeout(30):
        while title not in caller.seen:
            await asyncio.sleep(0.01)
    return pressed


def _current_id(url: str) -> str:
    engine = make_engine(url)
    try:
        with session_scope(engine) as session:
            return str(show.view(session=session, slug=SLUG).current["id"])
    finally:
        engine.dispose()


def _render(url: str) -> bytes:
    engine = make_engine(url)
    try:
        return live.render(engine, SLUG)
    finally:
        engine.dispose()


async def _run_app(url: str, server_pid: int, crew_token: str) -> dict[str, object]:
    idle = _rss_kib(server_pid)
    caller = await _caller()
    await _press(caller, "Apertura", url)  # the show starts
    await _press(caller, "Mejor Película", url)  # the category is on stage, its envelope still closed
    crew = [Device(f"/equipo/{crew_token}") for _ in range(CREW)]
    stop = asyncio.Event()
    for device in crew:
        await device.open()
        await device.send(CrewState.get_full_name(), "load")
    beats = [asyncio.create_task(_beat(d, CrewState.get_full_name(), stop)) for d in crew]
    async with asyncio.timeout(30):
        while any(d.current != "Mejor Película" for d in crew):
            await asyncio.sleep(0.05)
    path = f"/api/events/{SLUG}/live"
    viewers, tasks = await _crowd(APP_PORT, path, b'"revealed":1')
    watching = _rss_kib(server_pid)
    await asyncio.sleep(2)  # every page at its steady beat
    since = await _press(caller, "Cierre", url)  # the announcement: the winner revealed, the closing starts
    caller_ms = (caller.seen["Cierre"] - since) * 1000
    seen = await _seen(viewers, since)
    async with asyncio.timeout(SEEN_SECONDS):
        while any("Cierre" not in d.seen for d in crew):
            await asyncio.sleep(0.02)
    crew_ms = sorted((d.seen["Cierre"] - since) * 1000 for d in crew)
    revealed = await asyncio.to_thread(_render, url)
    stop.set()
    for task in [*tasks, *beats]:
        task.cancel()
    await asyncio.gather(*tasks, *beats, return_exceptions=True)
    for device in [caller, *crew]:
        await device.close()
    return {
        "seen": seen,
        "errors": [v.error for v in viewers if v.seen_at is None],
        "idle": idle,
        "watching": watching,
        "caller": caller_ms,
        "crew": crew_ms,
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
    url = fresh_database()
    prepared = _prepare(url)
    with serving(url, "bench-live-") as server:  # the database is dropped at the end
        app = asyncio.run(_run_app(url, server.pid, prepared["crew"]))
    first, revealed = prepared["first"].encode(), app["revealed"]  # the same bytes from the ceiling
    assert isinstance(revealed, bytes)
    ceiling = asyncio.run(_run_ceiling(first, revealed))

    seen, ceiling_seen = app["seen"], ceiling["seen"]
    assert isinstance(seen, list) and isinstance(ceiling_seen, list)
    errors, ceiling_errors = app["errors"], ceiling["errors"]
    assert isinstance(errors, list) and isinstance(ceiling_errors, list)
    print(
        f"live view: {VIEWERS:,} viewers of /api/events/{SLUG}/live (SSE), {CREW} crew pages and the show "
        f"caller (websocket), production backend ({WORKERS} workers, PostgreSQL, Redis), loopback"
    )
    print(f"  press to winner seen, ours:    {_percentiles(seen)}  errors {len(errors)}")
    print(f"  fire to winner seen, ceiling:  {_percentiles(ceiling_seen)}  errors {len(ceiling_errors)}")
    if len(seen) > 1 and len(ceiling_seen) > 1:
        ratio = _cuts(seen)[94] / max(_cuts(ceiling_seen)[94], 1)
        print(f"  p95 ratio to the ceiling: {ratio:.1f}x (ours polls the data version every {live.POLL_SECONDS} s)")
    crew = app["crew"]
    assert isinstance(crew, list)
    print(
        f"  press to next segment shown: caller's own screen {app['caller']:.0f} ms; "
        f"{CREW} crew pages median {statistics.median(crew):.0f} ms, max {max(crew):.0f} ms"
    )
    print(
        f"  backend memory: {app['idle']:,} KiB idle, {app['watching']:,} KiB with every viewer "
        f"(ceiling server: {ceiling['watching']:,} KiB)"
    )
    if errors:
        print(f"  first errors: {sorted(set(map(str, errors)))[:3]}")


if __name__ == "__main__":
    main()
