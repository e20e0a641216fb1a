"""Starts the whole app (frontend and backend) on spare ports and drives Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import unavailable

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "e2e"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
FRONTEND_PORT, BACKEND_PORT = 3117, 8117
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


@contextmanager
def reflex_app(database_dir: Path, log_name: str, args: list[str], ready: list[str], **ports: int) -> Iterator[None]:
    """Loads the demo into a fresh database, runs `reflex run ARGS` until the block ends."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database_dir / 'app.db'}",
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **{name: str(port) for name, port in ports.items()},
    }
    if "FRONTEND_PORT" not in ports:
        env.pop("FRONTEND_PORT", None)
    subprocess.run(
        [sys.executable, "-m", "logistics_app.cli", "setup"], cwd=ROOT, env=env, check=True, capture_output=True
    )
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


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole app in development mode (frontend and backend)."""
    ready = [f"http://127.0.0.1:{BACKEND_PORT}/ping", f"http://127.0.0.1:{FRONTEND_PORT}/"]
    with reflex_app(
        tmp_path_factory.mktemp("e2e"),
        "app.log",
        ["--env", "dev"],
        ready,
        FRONTEND_PORT=FRONTEND_PORT,
        BACKEND_PORT=BACKEND_PORT,
    ):
        yield f"http://localhost:{FRONTEND_PORT}"


@pytest.fixture(scope="session")
def backend_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The production backend alone (reflex run --env prod --backend-only), with the demo."""
    port = 8118
    with reflex_app(
        tmp_path_factory.mktemp("backend"),
        "backend.log",
        ["--env", "prod", "--backend-only"],
        [f"http://127.0.0.1:{port}/ping"],
        BACKEND_PORT=port,
    ):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        unavailable(f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
