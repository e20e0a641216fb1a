"""A ceremony in the browser: the show caller advances through the run of show (button and space
bar) while the crew's page and the public nominations page, in two other browser contexts,
follow within a second; a category's winner shows nowhere until the caller reaches its
announcement, then everywhere; a correction follows too."""

from __future__ import annotations

import re
import subprocess
import time
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import BACKEND_PORT, OUTPUT

pytestmark = pytest.mark.e2e
EVENT = "/organizar/eventos/ariel-2025"
CATEGORY = "Mejor Fotografía"
SEGMENTS = [
    ("opening", "Bienvenida en vivo", "3", ""),
    ("category", "", "4", CATEGORY),
    ("music", "Número musical en vivo", "3", ""),
    ("memoriam", "In memoriam en vivo", "4", ""),
    ("closing", "Cierre en vivo", "2", ""),
]


def _winner_json() -> str:
    body = httpx.get(f"http://127.0.0.1:{BACKEND_PORT}/api/events/ariel-2025/winners.json", timeout=30).json()
    return next(c["title"] for c in body["categories"] if c["name"] == CATEGORY)


def _seal(tally: Any, nth: int) -> str:
    category = tally.locator(".award-category", has=tally.get_by_role("heading", name=CATEGORY, exact=True))
    category.wait_for(timeout=60_000)
    row = category.locator(".award-nomination").nth(nth)
    title = row.locator("p, span").first.inner_text()
    row.locator(".seal").click()
    row.get_by_role("button", name="Sellada").wait_for(timeout=30_000)
    return title


def _add_segments(page: Any, app_url: str) -> None:
    page.goto(app_url + EVENT + "/ceremonia")
    page.locator("#add-segment").wait_for(timeout=60_000)
    for kind, title, minutes, category in SEGMENTS:
        page.locator("#segment-kind").select_option(kind)
        page.locator("#segment-title").fill(title)
        page.locator("#segment-minutes").fill(minutes)
        if category:
            value = page.locator("#segment-category option", has_text=category).first.get_attribute("value")
            page.locator("#segment-category").select_option(value)
        count = page.locator(".segment").count()
        page.locator("#add-segment").click()
        page.locator(".segment").nth(count).wait_for(timeout=30_000)


def _follows(crew: Any, title: str, since: float) -> float:
    crew.locator("#show-current", has_text=title).wait_for(timeout=5_000)
    return time.monotonic() - since


def test_the_caller_runs_the_ceremony_and_every_device_follows(app_url: str, signed_in: Any, browser: Any) -> None:
    tally = signed_in("tally", viewport={"width": 1280, "height": 1000})
    tally.goto(app_url + EVENT + "/premios")
    sealed = _seal(tally, 0)
    caller = signed_in("organizer", viewport={"width": 1366, "height": 900})
    _add_segments(caller, app_url)

    caller.goto(app_url + EVENT + "/en-vivo")
    caller.locator("#next-segment").wait_for(timeout=60_000)
    titles = [t.strip() for t in caller.locator(".show-segment td:first-child").all_inner_texts()]
    assert titles[-5:] == [
        "Bienvenida en vivo",
        CATEGORY,
        "Número musical en vivo",
        "In memoriam en vivo",
        "Cierre en vivo",
    ]
    caller.locator("#crew-link").click()
    caller.locator("#crew-url").wait_for(timeout=30_000)
    crew_path = "/equipo/" + caller.locator("#crew-url").inner_text().rsplit("/equipo/", 1)[1]
    crew = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    crew.goto(app_url + crew_path)
    crew.locator("#show-now").wait_for(timeout=60_000)
    public = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    public.goto(app_url + "/eventos/ariel-2025/nominaciones")
    public.locator("#ganadores[data-revealed]:not([data-revealed=''])").wait_for(timeout=60_000)

    def winner_badge() -> Any:
        group = public.locator(".category-group", has=public.locator("#mejor-fotografia"))
        return group.locator(".nomination").filter(has=public.locator(".live-winner:visible"))

    waits = []
    for step, title in enumerate(titles):
        since = time.monotonic()
        if step % 2:  # the space bar, away from any button
            caller.locator("h1").click()
            caller.keyboard.press("Space")
        else:
            caller.locator("#next-segment").click()
        caller.locator("#show-current", has_text=title).wait_for(timeout=10_000)
        waits.append(_follows(crew, title, since))
        if title == CATEGORY:  # on stage: the envelope is still closed everywhere
            assert winner_badge().count() == 0 and _winner_json() == ""
            assert sealed not in public.locator("#ganadores").inner_text()
            caller.screenshot(path=str(OUTPUT / "show-caller.png"))
            crew.screenshot(path=str(OUTPUT / "show-crew.png"))
        if step > 0 and titles[step - 1] == CATEGORY:  # its announcement reached: revealed
            winner_badge().get_by_text(sealed).wait_for(timeout=5_000)
            assert _winner_json() == sealed
    assert max(waits) < 1.5, waits  # every device follows within about a second

    caller.locator("#next-segment").click()  # past the last: over
    crew.get_by_text("La ceremonia terminó.").wait_for(timeout=5_000)
    report = caller.locator(".show-segment", has_text="Bienvenida en vivo")
    assert "min" in report.inner_text()
    caller.screenshot(path=str(OUTPUT / "show-report.png"), full_page=True)
    with caller.expect_download(timeout=60_000) as download:  # the same report, printed
        caller.locator("#show-report-pdf").click()
    assert download.value.suggested_filename == "ariel-2025-informe-ceremonia.pdf"
    printed = subprocess.run(
        ["pdftotext", "-layout", download.value.path(), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Informe de la ceremonia" in printed and "Bienvenida en vivo" in printed
    assert re.search(r"Categorías reveladas: [1-9]", printed) and sealed[:20] in printed  # earlier tests reveal too

    # A wrong winner corrected from the tally: the public page follows without a reload.
    tally.reload()
    corrected = _seal(tally, 1)
    category = tally.locator(".award-category", has=tally.get_by_role("heading", name=CATEGORY, exact=True))
    category.locator(".correct-category").click()
    winner_badge().get_by_text(corrected).wait_for(timeout=5_000)
    assert winner_badge().count() == 1 and _winner_json() == corrected
