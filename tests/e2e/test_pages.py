from __future__ import annotations

import pytest

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e


def test_home_page_finds_the_ariel_awards_in_spanish(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_url + "/")
    card = page.locator("[data-slug='ariel-2025']")
    card.wait_for(timeout=60_000)
    assert "67 Premios Ariel" in card.inner_text()
    assert "19 sep 2025 – 21 sep 2025" in card.inner_text()
    assert "Puerto Vallarta, Jalisco" in card.inner_text()
    assert page.locator("html").get_attribute("lang") == "es"
    page.screenshot(path=str(OUTPUT / "home.png"), full_page=True)

    card.click()
    # A past event opens on its first day.
    page.get_by_text("Conferencia de prensa «Muestra FILMA 2025»").wait_for(timeout=30_000)
    assert "Horarios en America/Mexico_City (UTC−06:00)" in page.inner_text("body")
    page.screenshot(path=str(OUTPUT / "event-ariel.png"), full_page=True)
    page.close()


def test_event_page_goes_day_by_day_and_switches_to_english(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(app_url + "/eventos/ariel-2025?dia=2025-09-20")
    page.get_by_role("heading", name="sábado 20 de septiembre de 2025").wait_for(timeout=60_000)
    rows = page.locator(".schedule-item")
    assert rows.count() == 3
    assert "20:00–23:00" in rows.nth(1).inner_text()

    page.locator(".day-chip", has_text="dom 21 sep").click()
    page.get_by_role("heading", name="domingo 21 de septiembre de 2025").wait_for(timeout=30_000)
    assert "dia=2025-09-21" in page.url

    page.locator("#lang-switch").click()
    page.get_by_role("heading", name="Sunday, September 21, 2025").wait_for(timeout=30_000)
    assert "Times in America/Mexico_City" in page.inner_text("body")
    page.screenshot(path=str(OUTPUT / "event-ariel-mobile-en.png"), full_page=True)

    # The choice is remembered on the next visit.
    page.goto(app_url + "/")
    page.get_by_role("heading", name="Past events").wait_for(timeout=30_000)
    page.locator("#lang-switch").click()
    page.get_by_role("heading", name="Eventos anteriores").wait_for(timeout=30_000)
    page.close()


def test_unknown_event_says_so(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(app_url + "/eventos/no-existe")
    page.get_by_text("No encontramos ese evento.").wait_for(timeout=60_000)
    page.close()
