"""Every organizer page on a phone (390 px): nothing wider than the screen, so no button or
column is out of reach; screenshots of a few in test-output."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e
EVENT = "/organizar/eventos/ariel-2025"
PAGES = (
    ("/organizar", ".org-event", "phone-events"),
    (EVENT, "#publishing", "phone-panel"),
    (EVENT + "/programa", ".plan-row", "phone-programme"),
    (EVENT + "/programa?vista=linea&dia=2025-09-20", ".timeline-block", ""),
    (EVENT + "/importar", "#fetch-url", ""),
    (EVENT + "/premios", "h1", ""),
    (EVENT + "/ceremonia", "h1", ""),
    (EVENT + "/en-vivo", "#show-now", "phone-show"),
    (EVENT + "/nominados", ".nominee", ""),
    (EVENT + "/correo", "h1", ""),
    ("/organizar/sedes", ".venue-card", ""),
    ("/organizar/agencias", ".agency-card", ""),
    ("/organizar/personas", ".person-card", ""),
    ("/organizar/usuarios", "h1", ""),
)


WIDE = """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392
  && ![...e.children].some(c => c.getBoundingClientRect().right > 392)).slice(0, 6)
  .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""


def test_every_organizer_page_fits_a_phone(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 390, "height": 844})
    too_wide = {}
    for path, ready, shot in PAGES:
        page.goto(app_url + path)
        page.locator(ready).first.wait_for(timeout=60_000)
        page.wait_for_timeout(300)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:  # name the widest culprits, innermost first
            too_wide[path] = (width, page.evaluate(WIDE))
        if shot:
            page.screenshot(path=str(OUTPUT / f"{shot}.png"))
    assert too_wide == {}
    # The programme's rows are cards on a phone: the title is as wide as the screen allows.
    page.goto(app_url + EVENT + "/programa")
    row = page.locator(".plan-row").first
    row.wait_for(timeout=60_000)
    row.scroll_into_view_if_needed()
    box = row.locator(".plan-title").bounding_box()
    assert box is not None and box["width"] > 200 and box["x"] + box["width"] <= 390
    page.screenshot(path=str(OUTPUT / "phone-programme-rows.png"))


def test_the_event_pages_are_one_menu_away_on_a_phone_and_at_the_side_on_a_desktop(
    app_url: str, signed_in: Any
) -> None:
    page = signed_in("organizer", viewport={"width": 390, "height": 844})
    page.goto(app_url + EVENT)
    page.locator("#publishing").wait_for(timeout=60_000)
    assert not page.locator("#workspace-nav").is_visible()
    page.locator("#workspace-menu").click()
    page.get_by_role("menuitem", name="Escaleta").click()
    page.wait_for_url("**/ceremonia")
    page.get_by_text("Escaleta de la ceremonia").first.wait_for(timeout=60_000)
    assert "Escaleta" in page.locator("#workspace-menu").inner_text()

    desk = signed_in("organizer", viewport={"width": 1366, "height": 900})
    desk.goto(app_url + EVENT + "/premios")
    nav = desk.locator("#workspace-nav")
    nav.wait_for(timeout=60_000)
    assert nav.locator("[aria-current=page]").inner_text() == "Premios"
    nav.get_by_role("link", name="Programa").click()
    desk.wait_for_url("**/programa")
    desk.locator(".plan-row").first.wait_for(timeout=60_000)
    assert nav.locator("[aria-current=page]").inner_text() == "Programa"
    desk.screenshot(path=str(OUTPUT / "workspace-nav.png"))
