"""`make run`: starts `reflex run` and stays only while the backend answers.

Reflex runs the frontend and the backend together; when the backend cannot start (or dies), the
frontend would go on serving pages that can never load their data. This waits for the backend's
/api/health, says where the app is, and stops everything with the log's last lines when the
backend is not up in time, stops answering for good, or Reflex exits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import IO

import httpx

ROOT = Path(__file__).resolve().parents[1]
# A first run installs the frontend with npm before the backend starts: allow for it.
START_TIMEOUT = float(os.environ.get("RUN_START_TIMEOUT", 900))
# Once Reflex says the backend is starting, it answers within seconds unless it crashed.
BACKEND_GRACE = float(os.environ.get("RUN_BACKEND_GRACE", 90))
BACKEND_STARTING = "Backend running at"
# The development server restarts the backend on code changes; a real outage lasts longer.
DOWN_TIMEOUT = float(os.environ.get("RUN_DOWN_TIMEOUT", 120))


def _healthy(url: str) -> bool:
    try:
        return httpx.get(url, timeout=3).status_code == 200
    except httpx.HTTPError:
        return False


def _pump(stream: IO[str], tail: deque[str], starting: threading.Event) -> None:
    for line in stream:
        sys.stdout.write(line)
        sys.stdout.flush()
        tail.append(line)
        if BACKEND_STARTING in line:
            starting.set()


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _fail(proc: subprocess.Popen[str], tail: deque[str], reason: str) -> int:
    _stop(proc)
    sys.stderr.write("\n" + "".join(tail)[-4000:])
    sys.stderr.write(f"\nmake run se detuvo: {reason}\n")
    return 1


def _wait_until_up(proc: subprocess.Popen[str], health: str, starting: threading.Event) -> str | None:
    """None once the backend answers; otherwise why it never will."""
    deadline = time.monotonic() + START_TIMEOUT
    while not _healthy(health):
        if proc.poll() is not None:
            return f"Reflex terminó (código {proc.returncode}) sin que el backend respondiera."
        if starting.is_set():
            deadline = min(deadline, time.monotonic() + BACKEND_GRACE)
        if time.monotonic() > deadline:
            return f"el backend no respondió en {health} (véase el registro de arriba)."
        time.sleep(1)
    return None


def _watch(proc: subprocess.Popen[str], health: str) -> str:
    """Returns why the app stopped being usable."""
    down_since: float | None = None
    while proc.poll() is None:
        time.sleep(2)
        if _healthy(health):
            down_since = None
        elif down_since is None:
            down_since = time.monotonic()
        elif time.monotonic() - down_since > DOWN_TIMEOUT:
            return f"el backend dejó de responder en {health} durante {DOWN_TIMEOUT:.0f} s."
    return f"Reflex terminó (código {proc.returncode})."


def main() -> int:
    backend = os.environ.get("BACKEND_PORT", "8000")
    frontend = os.environ.get("FRONTEND_PORT", "3000")
    health = f"http://127.0.0.1:{backend}/api/health"
    tail: deque[str] = deque(maxlen=60)
    starting = threading.Event()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflex", "run", *sys.argv[1:]],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    threading.Thread(target=_pump, args=(proc.stdout, tail, starting), daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: (_stop(proc), sys.exit(143)))
    try:
        if reason := _wait_until_up(proc, health, starting):
            return _fail(proc, tail, reason)
        print(f"\nListo: http://localhost:{frontend} (backend {health})\n", flush=True)
        return _fail(proc, tail, _watch(proc, health))
    except KeyboardInterrupt:
        _stop(proc)
        return 0


if __name__ == "__main__":
    sys.exit(main())
