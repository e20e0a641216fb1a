"""Personal calendar links in the agency portal: a coordinator makes one link per device, each
works on its own, and revoking one leaves the other working."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e


def _make(page: Any, label: str) -> str:
    page.locator("#link-label").fill(label)
    page.locator("#make-feed").click()
    page.locator(".feed-link", has_text=label).wait_for(timeout=30_000)
    url = page.locator("#feed-url").input_value()
    assert url.startswith("http") and url.endswith(".ics")
    return str(url)


def test_each_device_gets_its_own_link_and_revoking_one_leaves_the_others(app_url: str, signed_in: Any) -> None:
    page = signed_in("filma", viewport={"width": 390, "height": 900})
    page.goto(app_url + "/mi-agencia")
    page.locator("#feed-links").wait_for(timeout=60_000)
    outlook = _make(page, "Outlook de prueba")
    iphone = _make(page, "iPhone de prueba")
    assert outlook != iphone
    assert [httpx.get(url, timeout=30).status_code for url in (outlook, iphone)] == [200, 200]
    page.screenshot(path=str(OUTPUT / "portal-links-phone.png"), full_page=True)

    row = page.locator(".feed-link", has_text="Outlook de prueba")
    assert "Coordinación Filma Jalisco" in row.inner_text()
    row.locator(".revoke-link").click()
    page.get_by_text("Enlace revocado").first.wait_for(timeout=30_000)
    assert page.locator(".feed-link", has_text="Outlook de prueba").count() == 0
    assert [httpx.get(url, timeout=30).status_code for url in (outlook, iphone)] == [404, 200]

    page.reload()  # the list is the agency's, kept
    page.locator(".feed-link", has_text="iPhone de prueba").wait_for(timeout=60_000)
    assert "Último uso:" in page.locator(".feed-link", has_text="iPhone de prueba").inner_text()
