"""Starts the whole app (frontend and backend) on spare ports and drives Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
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


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    database_url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'app.db'}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "FRONTEND_PORT": str(FRONTEND_PORT),
        "BACKEND_PORT": str(BACKEND_PORT),
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    subprocess.run(
        [sys.executable, "-m", "logistics_app.cli", "setup"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    log = OUTPUT / "app.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", "--env", "dev"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(f"http://127.0.0.1:{BACKEND_PORT}/ping", proc, log)
        _wait_for(f"http://127.0.0.1:{FRONTEND_PORT}/", proc, log)
        yield f"http://localhost:{FRONTEND_PORT}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def backend_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The production backend alone (reflex run --env prod --backend-only), with the demo."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    port = 8118
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('backend') / 'app.db'}",
        "BACKEND_PORT": str(port),
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("FRONTEND_PORT", None)
    subprocess.run(
        [sys.executable, "-m", "logistics_app.cli", "setup"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    log = OUTPUT / "backend.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-only"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for(f"http://127.0.0.1:{port}/ping", proc, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        unavailable(f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
