"""What strangers can do to the production backend (make bench): PostgreSQL, Redis, 2 workers.

1. 50 sign-ins at once over the websocket (unknown e-mails, wrong passwords): /api/health's p95
   while they run, against the same figure with nobody signing in (ceiling 300 ms), and how long a
   known and an unknown e-mail take to be refused (the same hash: no account probing).
2. 5,000 feed addresses that do not exist: the workers' memory before and after (ceiling 5 MB).
3. A flood of anonymous agendas (POST /api/agenda): cached feed throughput with wrk during the
   flood, against the same measure while quiet (ceiling: within 20 %).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import statistics
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import websockets

from bench.load import PORT, database, serving
from logistics_app.state.accounts import SignInState

BASE = f"http://127.0.0.1:{PORT}"
ANSWERED = re.compile(r'"error_rx_state_":"[^"]')  # the sign-in page's message, set
SIGN_IN_STATE = SignInState.get_full_name()


async def _sign_in(email: str) -> float:
    """One browser's sign-in over Reflex's websocket: connect, send the form, wait for the answer."""
    token = str(uuid.uuid4())
    async with websockets.connect(f"ws://127.0.0.1:{PORT}/_event/?EIO=4&transport=websocket&token={token}") as ws:
        await ws.recv()  # Engine.IO open
        await ws.send("40/_event,")
        while not str(await ws.recv()).startswith("40/_event"):
            pass
        event = {
            "name": f"{SIGN_IN_STATE}.submit",
            "payload": {"form": {"email": email, "password": secrets.token_hex(8)}},
            "router_data": {"pathname": "/entrar", "query": {}, "asPath": "/entrar"},
        }
        began = time.perf_counter()
        await ws.send("42/_event," + json.dumps(["event", event]))
        while True:
            message = str(await asyncio.wait_for(ws.recv(), 120))
            if message == "2":  # Engine.IO ping
                await ws.send("3")
            elif message.startswith("42/_event") and ANSWERED.search(message):
                return time.perf_counter() - began


async def _health_latencies(stop: asyncio.Event) -> list[float]:
    found = []
    async with httpx.AsyncClient(base_url=BASE, timeout=30) as http:
        while not stop.is_set():
            began = time.perf_counter()
            await http.get("/api/health")
            found.append(time.perf_counter() - began)
            await asyncio.sleep(0.05)
    return found


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000


async def sign_ins() -> None:
    quiet_stop = asyncio.Event()
    quiet = asyncio.create_task(_health_latencies(quiet_stop))
    await asyncio.sleep(5)
    quiet_stop.set()
    busy_stop = asyncio.Event()
    busy = asyncio.create_task(_health_latencies(busy_stop))
    began = time.monotonic()
    durations = await asyncio.gather(*(_sign_in(f"nadie{n}@example.mx") for n in range(50)))
    elapsed = time.monotonic() - began
    busy_stop.set()
    known = [await _sign_in("ana@amacc.mx") for _ in range(5)]
    unknown = [await _sign_in(f"nadie.{n}@example.mx") for n in range(5)]
    print(f"sign-in: 50 at once over the websocket, refused in {elapsed:.1f} s (2 hashing threads per worker)")
    print(
        f"  /api/health p95: {_p95(await quiet):.0f} ms quiet, {_p95(await busy):.0f} ms during them "
        f"({_p95(await busy) / 300:.2f} of the 300 ms ceiling)"
    )
    print(
        f"  one refusal, median: known e-mail {statistics.median(known) * 1000:.0f} ms, "
        f"unknown {statistics.median(unknown) * 1000:.0f} ms; slowest of the 50: {max(durations):.1f} s"
    )


def _workers_rss(server: subprocess.Popen[bytes]) -> int:
    """Resident memory of the granian workers (the children of the server's main process), bytes."""
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and _parent(int(entry.name)) == server.pid:
            match = re.search(r"VmRSS:\s+(\d+) kB", (entry / "status").read_text())
            total += int(match.group(1)) * 1024 if match else 0
    return total


def _parent(pid: int) -> int:
    try:
        return int((Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


async def unknown_feeds(server: subprocess.Popen[bytes]) -> None:
    async with httpx.AsyncClient(base_url=BASE, timeout=30) as http:
        for n in range(200):  # warm both workers up on real and unknown addresses first
            await http.get("/cal/events/ariel-2025.ics" if n % 2 else f"/cal/events/calentamiento-{n}.ics")
        before = _workers_rss(server)
        for batch in range(50):
            await asyncio.gather(
                *(http.get(f"/cal/private/{secrets.token_urlsafe(24)}.ics") for _ in range(50)),
                *(http.get(f"/cal/events/no-existe-{batch}-{n}.ics") for n in range(50)),
            )
        after = _workers_rss(server)
    grown = (after - before) / 1e6
    print(
        f"unknown feeds: 5,000 addresses that do not exist: workers' memory {before / 1e6:.0f} MB -> "
        f"{after / 1e6:.0f} MB ({grown:+.1f} MB; {max(grown, 0) / 5:.2f} of the 5 MB ceiling)"
    )


def _wrk(seconds: int, *extra: str) -> float:
    done = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", *extra, f"{BASE}/cal/events/ariel-2025.ics"],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(re.search(r"Requests/sec:\s+([\d.]+)", done.stdout).group(1))  # type: ignore[union-attr]


async def agenda_flood() -> None:
    quiet = await asyncio.to_thread(_wrk, 15)
    stop = time.monotonic() + 17
    posted = {"created": 0, "refused": 0}

    async def flood() -> None:
        async with httpx.AsyncClient(base_url=BASE, timeout=30) as http:
            while time.monotonic() < stop:
                answer = await http.post("/api/agenda", json={"uids": [str(uuid.uuid4()) for _ in range(50)]})
                posted["created" if answer.status_code == 201 else "refused"] += 1

    flooding = [asyncio.create_task(flood()) for _ in range(8)]
    await asyncio.sleep(1)
    busy = await asyncio.to_thread(_wrk, 15)
    await asyncio.gather(*flooding)
    print(
        f"agenda flood: {sum(posted.values()):,} POST /api/agenda ({posted['created']} created, "
        f"{posted['refused']:,} refused at the rate limit)"
    )
    print(
        f"  cached feed with wrk: {quiet:,.0f} req/s quiet, {busy:,.0f} req/s during the flood "
        f"({busy / quiet:.2f} of quiet; the aim: at least 0.80)"
    )


def main() -> None:
    url = database()
    subprocess.run(
        [
            ".venv/bin/python",
            "-m",
            "logistics_app.cli",
            "create-user",
            "--email",
            "ana@amacc.mx",
            "--name",
            "Ana",
            "--password-stdin",
        ],
        input="Vallarta-2025!\n",
        text=True,
        check=True,
        capture_output=True,
        env={**os.environ, "DATABASE_URL": url},
    )
    with serving(url, "bench-attacks-") as server:
        asyncio.run(sign_ins())
        asyncio.run(unknown_feeds(server))
        asyncio.run(agenda_flood())


if __name__ == "__main__":
    main()
