"""`make run`'s watchdog (scripts/run_dev.py): it says when the app is up, and stops with the reason
when the backend cannot start, instead of leaving a frontend over a dead backend."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.apprunner import ROOT

pytestmark = pytest.mark.e2e
PORT = 8119


def _run_dev(tmp_path: Path, **extra: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
        "BACKEND_PORT": str(PORT),
        "REFLEX_USE_NPM": "1",
        "REFLEX_TELEMETRY_ENABLED": "false",
        # Its own (absent) frontend folder: the backend alone never builds one.
        "REFLEX_WEB_WORKDIR": str(tmp_path / "web"),
        "REFLEX_STATES_WORKDIR": str(tmp_path / "states"),
        "RUN_BACKEND_GRACE": "30",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **extra,
    }
    env.pop("FRONTEND_PORT", None)
    env.pop("REFLEX_HOT_RELOAD_OVERRIDE_PATHS", None)
    return subprocess.Popen(
        [sys.executable, "scripts/run_dev.py", "--backend-only"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _answers() -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{PORT}/api/health", timeout=2)
    except httpx.TransportError:
        return False
    return True


def test_a_backend_that_cannot_start_stops_make_run_with_the_reason(tmp_path: Path) -> None:
    # What a fresh clone used to meet: the reloader told to skip a folder that does not exist.
    proc = _run_dev(tmp_path, REFLEX_HOT_RELOAD_EXCLUDE_PATHS=str(tmp_path / "no-such-folder"))
    try:
        out, err = proc.communicate(timeout=240)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 1
    assert "make run se detuvo: Reflex terminó (código 1) sin que el backend respondiera." in err
    assert "FileNotFoundError" in out + err and "no-such-folder" in out + err
    assert not _answers()


def test_make_run_says_where_the_app_is_and_stops_cleanly(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "logistics_app.cli", "init-db"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}"},
        check=True,
        capture_output=True,
    )
    proc = _run_dev(tmp_path, REFLEX_HOT_RELOAD_EXCLUDE_PATHS=str(tmp_path))
    assert proc.stdout is not None
    try:
        deadline = time.monotonic() + 240
        lines: list[str] = []
        while time.monotonic() < deadline and proc.poll() is None:
            lines.append(proc.stdout.readline())
            if lines[-1].startswith("Listo: "):
                break
        assert lines[-1].startswith("Listo: http://localhost:"), "".join(lines)[-3000:]
        assert httpx.get(f"http://127.0.0.1:{PORT}/api/health", timeout=10).json()["database"] == "ok"
        os.kill(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=40)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert not _answers()
