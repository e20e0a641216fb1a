"""What attendees do on a phone and on a desktop: find, share, choose, subscribe."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from icalendar import Calendar

from tests.e2e.conftest import OUTPUT, ROOT

pytestmark = pytest.mark.e2e
SIZES = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}
AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"


def _no_horizontal_scroll(page) -> None:  # type: ignore[no-untyped-def]
    width, viewport = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport, f"page is {width}px wide in a {viewport}px window"


def _axe(page) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',"
        " 'best-practice']}})).violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
        " where: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )


@pytest.mark.parametrize("size", SIZES)
def test_find_pedro_paramo_in_jalisco_and_share_the_link(app_url: str, browser, size: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=SIZES[size])
    page.goto(app_url + "/eventos/rumbo-al-ariel-2025")
    search = page.locator("#buscar")
    search.wait_for(timeout=60_000)
    page.get_by_text("781 actividades").wait_for(timeout=30_000)
    search.fill("pedro paramo")
    search.press("Enter")
    page.wait_for_url("**q=pedro+paramo**", timeout=30_000)
    page.locator("#mas-filtros").click()
    page.locator("#filtro-estado").select_option("Jalisco")
    page.get_by_text("3 actividades").wait_for(timeout=30_000)
    titles = page.locator(".schedule-item").all_inner_texts()
    assert len(titles) == 3 and all("Pedro Páramo" in t and "Jalisco" in t for t in titles)
    assert parse_qs(urlparse(page.url).query) == {"q": ["pedro paramo"], "estado": ["Jalisco"]}
    _no_horizontal_scroll(page)
    page.screenshot(path=str(OUTPUT / f"programme-search-{size}.png"), full_page=True)

    shared = browser.new_page(viewport=SIZES[size])
    shared.goto(page.url)
    shared.get_by_text("3 actividades").wait_for(timeout=60_000)
    assert shared.locator(".schedule-item").all_inner_texts() == titles
    assert shared.locator("#buscar").input_value() == "pedro paramo"
    assert shared.locator("#filtro-estado").input_value() == "Jalisco"
    assert [v for v in _axe(shared) if v["impact"] in ("serious", "critical")] == []
    shared.close()
    page.close()


def test_star_three_sessions_and_subscribe_to_exactly_those(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=SIZES["phone"])
    page = context.new_page()
    page.goto(app_url + "/eventos/rumbo-al-ariel-2025?estado=Sonora")
    page.get_by_text("7 actividades").wait_for(timeout=60_000)
    rows = page.locator(".schedule-item")
    chosen = []
    for i in range(3):
        rows.nth(i).locator(".star").click()
        chosen.append(rows.nth(i).locator(".item-title").inner_text())
    page.get_by_text("3 actividades elegidas").wait_for(timeout=30_000)
    page.locator("#create-agenda").click()
    feed_url = page.locator("#agenda #feed-url")
    feed_url.wait_for(timeout=30_000)
    cal = Calendar.from_ical(httpx.get(feed_url.input_value(), timeout=30).content)
    events = cal.walk("VEVENT")
    assert len(events) == 3
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted(chosen)
    assert all(e["DTSTART"].params["TZID"] == "America/Hermosillo" for e in events)
    _no_horizontal_scroll(page)
    page.screenshot(path=str(OUTPUT / "mi-agenda-phone.png"), full_page=True)

    page.locator("#lang-switch").click()
    page.get_by_role("heading", name="Search and filter").wait_for(timeout=30_000)
    assert "My agenda" in page.inner_text("body")
    page.locator("#lang-switch").click()
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_film_nominations_and_tv_pages(app_url: str, browser, size: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport=SIZES[size])
    page.goto(app_url + "/peliculas/pedro-paramo")
    page.get_by_role("heading", name="Pedro Páramo", level=1).wait_for(timeout=60_000)
    body = page.inner_text("body")
    assert "Dirección: Rodrigo Prieto" in body and "Netflix" in body and "Mejor Fotografía" in body
    _no_horizontal_scroll(page)
    page.screenshot(path=str(OUTPUT / f"film-{size}.png"), full_page=True)

    page.goto(app_url + "/eventos/ariel-2025/nominaciones?categoria=mejor-actriz")
    page.get_by_text("Luisa Huertas").wait_for(timeout=60_000)
    assert page.locator(".nomination").count() == 5
    _no_horizontal_scroll(page)
    page.screenshot(path=str(OUTPUT / f"nominations-{size}.png"), full_page=True)

    page.goto(app_url + "/tv")
    page.get_by_text("Transmisión en vivo por Canal 22 (22.1)").wait_for(timeout=60_000)
    assert page.locator(".schedule-item").count() == 11
    _no_horizontal_scroll(page)
    page.screenshot(path=str(OUTPUT / f"tv-{size}.png"), full_page=True)
    page.close()
