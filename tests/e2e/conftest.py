"""Starts the whole app (frontend and backend) on spare ports and drives Debian's Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.apprunner import OUTPUT, ROOT, reflex_app, run_cli  # noqa: F401  (re-exported for the tests)
from tests.conftest import unavailable
from tests.mailserver import MailHandler, smtp_server

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


# Accounts the browser tests sign in with: (e-mail, name, role, agency).
PASSWORD = "Vallarta-2025!"
ACCOUNTS = {
    "organizer": ("organiza@amacc.mx", "Organización AMACC", "organizer", ""),
    "viewer": ("prensa@amacc.mx", "Prensa AMACC", "viewer", ""),
    "filma": ("coordina@filma.mx", "Coordinación Filma Jalisco", "coordinator", "filma-jalisco"),
    "sectur": ("coordina@sectur.mx", "Coordinación Sectur Jalisco", "coordinator", "sectur-jalisco"),
    "tally": ("escrutinio@amacc.mx", "Escrutinio AMACC", "organizer", "+escrutinio"),
    # Only the password-reset test signs in with it (it changes the password).
    "forgetful": ("olvida@amacc.mx", "Prensa Olvidadiza", "viewer", ""),
}


def _extra(agency: str) -> list[str]:
    if agency == "+escrutinio":
        return ["--escrutinio"]
    return ["--agency", agency] if agency else []


def _create_accounts(database: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    for email, name, role, agency in ACCOUNTS.values():
        args = ["create-user", "--email", email, "--name", name, "--role", role, "--password-stdin"]
        run_cli([*args, *_extra(agency)], env, stdin=PASSWORD + "\n")


@pytest.fixture(scope="session")
def mail_server() -> Iterator[MailHandler]:
    """The SMTP server the browser tests' app sends through (what arrives, parsed)."""
    with smtp_server() as (handler, url):
        handler.url = url
        yield handler


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory, mail_server: MailHandler) -> Iterator[str]:
    """The whole app in development mode (frontend and backend), with one account per role,
    sending mail to the tests' SMTP server."""
    ready = [f"http://127.0.0.1:{BACKEND_PORT}/ping", f"http://127.0.0.1:{FRONTEND_PORT}/"]
    database_dir = tmp_path_factory.mktemp("e2e")
    with reflex_app(
        database_dir,
        "app.log",
        ["--env", "dev"],
        ready,
        # The browser tests' calendar server runs on 127.0.0.1 over plain http.
        env_extra={"IMPORT_ALLOW_HTTP": "1", "IMPORT_ALLOWED_HOSTS": "127.0.0.1", "SMTP_URL": mail_server.url},
        FRONTEND_PORT=FRONTEND_PORT,
        BACKEND_PORT=BACKEND_PORT,
    ):
        _create_accounts(database_dir / "app.db")
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


def sign_in(page: Any, app_url: str, who: str) -> None:
    """Signs in through the form, as a person would, and waits for the account bar or the portal."""
    email = ACCOUNTS[who][0]
    page.goto(app_url + "/entrar")
    page.locator("#login-email").fill(email)
    page.locator("#login-password").fill(PASSWORD)
    page.locator("#login-submit").click()
    page.locator("#signed-in-as").wait_for(timeout=60_000)


@pytest.fixture(scope="session")
def signed_in(app_url: str, browser: Any) -> Callable[..., Any]:
    """new_page(who, **options): a page in its own browser context, signed in as that account."""
    states: dict[str, Any] = {}

    def new_page(who: str = "organizer", **options: Any) -> Any:
        if who not in states:
            context = browser.new_context()
            sign_in(context.new_page(), app_url, who)
            states[who] = context.storage_state()
            context.close()
        return browser.new_context(storage_state=states[who], **options).new_page()

    return new_page
