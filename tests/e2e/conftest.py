"""Starts the whole app (frontend and backend) on spare ports and drives Debian's Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.apprunner import OUTPUT, ROOT, reflex_app  # noqa: F401  (re-exported for the tests)
from tests.conftest import unavailable

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


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The whole app in development mode (frontend and backend)."""
    ready = [f"http://127.0.0.1:{BACKEND_PORT}/ping", f"http://127.0.0.1:{FRONTEND_PORT}/"]
    with reflex_app(
        tmp_path_factory.mktemp("e2e"),
        "app.log",
        ["--env", "dev"],
        ready,
        # The browser tests' calendar server runs on 127.0.0.1 over plain http.
        env_extra={"IMPORT_ALLOW_HTTP": "1", "IMPORT_ALLOWED_HOSTS": "127.0.0.1"},
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
