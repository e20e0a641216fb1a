"""A forgotten password in the browser: the link arrives by e-mail, sets a new password once, and
the new password signs in."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from tests.e2e.conftest import ACCOUNTS, OUTPUT
from tests.mailserver import MailHandler

pytestmark = pytest.mark.e2e
NEW_PASSWORD = "Puerto-Vallarta-2026"


def test_a_forgotten_password_is_reset_from_the_mailed_link(
    app_url: str, browser: Any, mail_server: MailHandler
) -> None:
    email = ACCOUNTS["forgetful"][0]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(app_url + "/entrar")
    page.locator("#forgot-link").click()
    page.locator("#forgot-email").fill(email)
    page.locator("#forgot-submit").click()
    page.locator("#reset-sent").wait_for(timeout=30_000)
    deadline = time.monotonic() + 30
    while not mail_server.to(email) and time.monotonic() < deadline:
        time.sleep(0.1)
    body = mail_server.to(email)[0].get_content()
    link = re.search(r"https?://\S+/restablecer/\S+", body)
    assert link is not None
    path = "/restablecer/" + link.group(0).rsplit("/restablecer/", 1)[1]

    page.goto(app_url + path)
    page.locator("#reset-password").fill(NEW_PASSWORD)
    page.locator("#reset-submit").click()
    page.locator("#reset-done").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "password-reset-phone.png"), full_page=True)
    page.goto(app_url + path)  # once only
    page.locator("#reset-gone").wait_for(timeout=30_000)

    page.goto(app_url + "/entrar")
    page.locator("#login-email").fill(email)
    page.locator("#login-password").fill(NEW_PASSWORD)
    page.locator("#login-submit").click()
    page.wait_for_url(re.compile(r".*/organizar$"), timeout=30_000)
    page.close()
