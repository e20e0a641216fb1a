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
    # The app's own icon and link preview (assets/), each served.
    icons = page.locator("link[rel=icon]").evaluate_all("links => links.map(l => l.href)")
    preview = page.locator("meta[property='og:image']").first.get_attribute("content")
    assert preview is not None and preview.endswith("/social-preview.png")
    for url in [*icons, app_url + "/social-preview.png", app_url + "/logo.svg"]:
        answer = page.request.get(url)
        assert answer.status == 200 and answer.headers["content-type"].startswith("image/"), url
    page.screenshot(path=str(OUTPUT / "home.png"), full_page=True)

    card.click()
    page.get_by_text("Conferencia de prensa «Muestra FILMA 2025»").wait_for(timeout=30_000)
    assert "Ceremonia de los 67 Premios Ariel" in page.inner_text("body")
    assert page.title() == "67 Premios Ariel · Programa"
    page.screenshot(path=str(OUTPUT / "event-ariel.png"), full_page=True)
    page.close()


def test_a_day_is_chosen_from_the_list_and_english_is_remembered(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(app_url + "/eventos/ariel-2025")
    page.get_by_text("6 actividades").wait_for(timeout=30_000)
    page.locator("#mas-filtros").click()
    page.locator("#filtro-dia").select_option("2025-09-21")
    page.get_by_text("2 actividades").wait_for(timeout=30_000)
    assert "dia=2025-09-21" in page.url
    assert page.get_by_role("heading", name="domingo 21 de septiembre de 2025").is_visible()
    assert page.locator(".schedule-item").count() == 2

    page.locator("#lang-switch").click()
    page.get_by_role("heading", name="Sunday, September 21, 2025").wait_for(timeout=30_000)
    page.get_by_text("2 items").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "event-ariel-mobile-en.png"), full_page=True)

    # The choice is remembered on the next visit.
    # The demo's real dates are past: the page opens on the most recent events, never on an empty list.
    page.goto(app_url + "/")
    page.get_by_role("heading", name="Recent events").wait_for(timeout=30_000)
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("#lang-switch").click()
    page.get_by_role("heading", name="Eventos recientes").wait_for(timeout=30_000)
    assert page.locator("html").get_attribute("lang") == "es"
    page.close()


def test_unknown_event_says_so(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(app_url + "/eventos/no-existe")
    page.get_by_text("No encontramos ese evento.").wait_for(timeout=60_000)
    page.close()
