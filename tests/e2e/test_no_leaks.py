"""Nothing internal reaches the public: crawl the public pages, feeds and JSON and look for it."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlparse

import httpx
import pytest

from tests.e2e.conftest import BACKEND_PORT

pytestmark = pytest.mark.e2e

# Titles of the demo's agency-only and internal items, and what contacts look like.
INTERNAL = [
    "Montaje de escenario e iluminación",
    "Llegada de nominados y traslado al hotel",
    "Ensayo general",
    "Traslado hotel – CIC",
    "Atención a medios acreditados",
    "Recepción para nominados e invitados",
    "example.mx",
    "Coordinación de producción",
    "Dato de ejemplo",
]
CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\b55 5555\b|\b33 5555\b")
FOLLOW = re.compile(r"^/(eventos/[\w-]+(/nominaciones)?|sedes/[\w-]+|peliculas/[\w-]+|tv)?$")
MAX_PAGES = 30


def _check(where: str, text: str) -> None:
    leaked = [word for word in INTERNAL if word in text]
    assert leaked == [], f"{where} shows {leaked}"
    assert CONTACT.search(text) is None, f"{where} shows contact data: {CONTACT.search(text)}"


def test_public_pages_show_nothing_internal(app_url: str, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    queue, seen = deque(["/"]), {"/"}
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        page.goto(app_url + path)
        page.locator("main").wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        visited += 1
        _check(path, page.inner_text("body"))
        for href in page.eval_on_selector_all("a[href^='/']", "els => els.map(e => e.getAttribute('href'))"):
            target = urlparse(href).path.rstrip("/") or "/"
            if target not in seen and FOLLOW.match(target):
                seen.add(target)
                queue.append(target)
    assert visited >= 10, f"the crawl reached only {visited} pages"
    page.close()


def test_public_feeds_and_json_show_nothing_internal(app_url: str) -> None:
    api = f"http://127.0.0.1:{BACKEND_PORT}"
    with httpx.Client(base_url=api, timeout=60) as client:
        for slug in ("ariel-2025", "jalisco-lab-2025", "taller-guionismo-cdmx-2025", "rumbo-al-ariel-2025"):
            _check(f"feed {slug}", client.get(f"/cal/events/{slug}.ics").text)
            _check(f"json {slug}", client.get(f"/api/events/{slug}/schedule.json").text)
        for venue in ("cic-puerto-vallarta", "aeropuerto-pvr", "teatro-vallarta"):
            _check(f"venue feed {venue}", client.get(f"/cal/venues/{venue}.ics").text)
