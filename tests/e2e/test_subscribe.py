from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import httpx
import pytest

from tests.e2e.conftest import BACKEND_PORT, OUTPUT
from tests.feedcheck import check_feed

pytestmark = pytest.mark.e2e


def test_subscribe_panel_links_and_download(app_url: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(app_url + "/eventos/ariel-2025?dia=2025-09-20")
    page.get_by_text("3 actividades").wait_for(timeout=60_000)
    panel = page.locator(".subscribe-panel").first
    feed = f"http://localhost:{BACKEND_PORT}/cal/events/ariel-2025.ics"
    assert (
        panel.locator(".subscribe-webcal").get_attribute("href")
        == f"webcal://localhost:{BACKEND_PORT}/cal/events/ariel-2025.ics"
    )
    google = panel.locator(".subscribe-google").get_attribute("href")
    assert google.startswith("https://calendar.google.com/calendar/r?cid=")
    assert unquote(google.split("cid=", 1)[1]) == f"webcal://localhost:{BACKEND_PORT}/cal/events/ariel-2025.ics"
    assert panel.locator("#feed-url").input_value() == feed
    assert "cada 12 a 24 horas" in panel.inner_text()
    assert panel.locator("img").get_attribute("src").startswith("data:image/svg+xml")

    with page.expect_download() as download:
        panel.locator(".subscribe-download").click()
    saved = tmp_path / "ariel.ics"
    download.value.save_as(saved)
    cal = check_feed(saved.read_bytes(), tmp_path)
    assert "Ceremonia de los 67 Premios Ariel" in [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    page.screenshot(path=str(OUTPUT / "subscribe-panel.png"), full_page=True)
    context.close()


def test_mi_agenda_becomes_a_private_feed(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(app_url + "/eventos/ariel-2025?dia=2025-09-20")
    page.get_by_text("3 actividades").wait_for(timeout=60_000)
    rows = page.locator(".schedule-item")
    rows.nth(0).locator(".star").click()
    rows.nth(1).locator(".star").click()
    page.get_by_text("2 actividades elegidas").wait_for(timeout=30_000)
    page.locator("#create-agenda").click()
    agenda = page.locator("#agenda .subscribe-panel")
    agenda.wait_for(timeout=30_000)
    url = agenda.locator("#feed-url").input_value()
    assert "/cal/private/" in url
    body = httpx.get(url, timeout=30).content
    assert body.count(b"BEGIN:VEVENT") == 2
    # Changing the selection changes the feed.
    rows.nth(0).locator(".star").click()
    page.get_by_text("Mi agenda").first.wait_for()
    for _ in range(30):
        if httpx.get(url, timeout=30).content.count(b"BEGIN:VEVENT") == 1:
            break
        page.wait_for_timeout(200)
    assert httpx.get(url, timeout=30).content.count(b"BEGIN:VEVENT") == 1
    # The selection survives a reload (kept in the browser).
    page.reload()
    page.locator("#agenda .subscribe-panel").wait_for(timeout=30_000)
    assert page.locator("#agenda #feed-url").input_value() == url
    page.screenshot(path=str(OUTPUT / "mi-agenda-mobile.png"), full_page=True)
    # Rotating gives a new link and kills the old one.
    page.locator("#rotate-agenda").click()
    for _ in range(50):
        if page.locator("#agenda #feed-url").input_value() != url:
            break
        page.wait_for_timeout(200)
    fresh = page.locator("#agenda #feed-url").input_value()
    assert fresh != url and "/cal/private/" in fresh
    assert httpx.get(url, timeout=30).status_code == 404
    assert httpx.get(fresh, timeout=30).content.count(b"BEGIN:VEVENT") == 1
    context.close()


def test_venue_page_has_its_programme_map_and_feed(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url + "/eventos/ariel-2025?dia=2025-09-21")
    page.get_by_role(
        "link", name="Foro al aire libre · Los Arcos / Foro Aquiles Serdán (Malecón) · Puerto Vallarta · Jalisco"
    ).click()
    page.get_by_role("heading", name="Los Arcos / Foro Aquiles Serdán (Malecón)").wait_for(timeout=60_000)
    assert (
        page.get_by_role("link", name="Ver en el mapa")
        .get_attribute("href")
        .startswith("https://www.openstreetmap.org/?mlat=20.60889&mlon=-105.23611")
    )
    assert "Recorrido por locaciones" in page.inner_text("body")
    feed = page.locator("#feed-url").input_value()
    assert feed.endswith("/cal/venues/foro-aquiles-serdan.ics")
    assert httpx.get(feed, timeout=30).status_code == 200
    page.screenshot(path=str(OUTPUT / "venue.png"), full_page=True)
    page.close()
