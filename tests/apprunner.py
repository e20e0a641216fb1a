"""Runs the whole app (reflex run) on spare ports for browser tests and benchmarks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output" / "e2e"
# The first start of a fresh clone installs the frontend with npm: allow for it.
START_TIMEOUT = 600


def _wait_for(url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the app stopped (exit {proc.returncode}); see {log}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT}s; see {log}")


def run_cli(args: list[str], env: dict[str, str], stdin: str | None = None) -> str:
    """`python -m logistics_app.cli ARGS`; a failure raises with what the command printed."""
    done = subprocess.run(
        [sys.executable, "-m", "logistics_app.cli", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"cli {args[0]} failed (exit {done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-4000:]}"
        )
    return done.stdout


@contextmanager
def reflex_app(
    database_dir: Path,
    log_name: str,
    args: list[str],
    ready: list[str],
    env_extra: dict[str, str] | None = None,
    **ports: int,
) -> Iterator[None]:
    """Loads the demo into a fresh database, runs `reflex run ARGS` until the block ends."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database_dir / 'app.db'}",
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        # Its own frontend folder, so that tests never rewrite the .web of a running `make run`.
        "REFLEX_WEB_WORKDIR": str(ROOT / ".web-test"),
        # Reload only on code changes: screenshots and databases written during the tests must not
        # restart the backend in the middle of a test (an event in flight would be lost).
        "REFLEX_HOT_RELOAD_OVERRIDE_PATHS": str(ROOT / "logistics_app"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **{name: str(port) for name, port in ports.items()},
        **(env_extra or {}),
    }
    if "FRONTEND_PORT" not in ports:
        env.pop("FRONTEND_PORT", None)
    run_cli(["setup"], env)
    log = OUTPUT / log_name
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        for url in ready:
            _wait_for(url, proc, log)
        yield
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
