"""Sealed winners in the browser: the tally seals one, a crawler as every other role finds it
nowhere (pages, websocket state, feeds, JSON, the CSV export), and after the reveal the public
nominations page shows it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import BACKEND_PORT, OUTPUT

pytestmark = pytest.mark.e2e
AWARDS = "/organizar/eventos/ariel-2025/premios"
NOMINEES = "/eventos/ariel-2025/nominaciones?categoria=mejor-pelicula"
# What would give a winner away: the public badge, the tally's words, a filled sealed-winners state.
MARKERS = re.compile(r"Ganó el Ariel|Won the Ariel|Sellada|\bSealed\b|\"sealed_rx_state_\":\{\"|[Gg]anador")
PAGES = ["/", "/eventos/ariel-2025", NOMINEES, "/eventos/ariel-2025/nominaciones", "/peliculas/sujo", "/tv"]
WORKSPACE = [
    AWARDS,
    "/organizar/eventos/ariel-2025",
    "/organizar/eventos/ariel-2025/programa",
    "/organizar/eventos/ariel-2025/ceremonia",
    "/organizar/eventos/ariel-2025/en-vivo",
]


def _won(page: Any, within: Any = None) -> Any:
    """The nominations shown as winners (their badge made visible by the live stream)."""
    return (within or page).locator(".nomination").filter(has=page.locator(".live-winner:visible"))


def _crawl(page: Any, app_url: str, paths: list[str]) -> list[str]:
    """Visits the pages, collecting their text and every websocket frame the browser received."""
    frames: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(str(payload))))
    seen = []
    for path in paths:
        page.goto(app_url + path)
        page.wait_for_load_state("networkidle")
        page.locator("main").first.wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        seen.append(f"{path}: {page.inner_text('body')}")
    return seen + frames


def test_a_sealed_winner_leaks_nowhere_until_it_is_revealed(app_url: str, signed_in: Any, browser: Any) -> None:
    tally = signed_in("tally", viewport={"width": 1280, "height": 1100})
    tally.goto(app_url + AWARDS)
    best_film = tally.locator(".award-category", has_text="Mejor Película").first
    best_film.wait_for(timeout=60_000)
    best_film.locator(".award-nomination", has_text="Sujo").locator(".seal").click()
    best_film.get_by_role("button", name="Sellada").wait_for(timeout=30_000)
    tally.locator("#tally").scroll_into_view_if_needed()
    tally.screenshot(path=str(OUTPUT / "awards-tally.png"))

    found = []
    anonymous = browser.new_context().new_page()
    found += _crawl(anonymous, app_url, PAGES)
    for who in ("organizer", "viewer"):
        found += _crawl(signed_in(who, viewport={"width": 1280, "height": 900}), app_url, PAGES + WORKSPACE)
    found += _crawl(signed_in("filma", viewport={"width": 1280, "height": 900}), app_url, ["/mi-agencia"])
    api = f"http://127.0.0.1:{BACKEND_PORT}"
    for path in (
        "/cal/events/ariel-2025.ics",
        "/api/events/ariel-2025/schedule.json",
        "/api/events/ariel-2025/winners.json",
    ):
        found.append(httpx.get(api + path, timeout=30).text)
    with httpx.stream("GET", api + "/api/events/ariel-2025/live", timeout=30) as stream:  # the live view's
        found.append(next(line for line in stream.iter_lines() if line.startswith("data: ")))
    assert '"winner":""' in found[-1] and not re.search(r'"winner":"\d', found[-1])  # no winner before a reveal
    assert not re.search(r'"winner":"\d', found[-2])
    organizer = signed_in("organizer")
    organizer.goto(app_url + AWARDS)
    organizer.get_by_role("button", name="Descargar CSV").wait_for(timeout=60_000)
    with organizer.expect_download() as download:
        organizer.get_by_role("button", name="Descargar CSV").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert exported.startswith("categoria,titulo,anio")
    found.append(exported)
    found.append((OUTPUT / "app.log").read_text(encoding="utf-8", errors="replace"))  # and not in the logs
    leaks = [(m.group(0), text[max(0, m.start() - 80) : m.end() + 40]) for text in found if (m := MARKERS.search(text))]
    assert leaks == []

    tally.locator("#reveal").click()
    tally.locator("#reveal-yes").click()
    tally.get_by_text("Se reveló 1 ganador.").wait_for(timeout=30_000)
    public = browser.new_page(viewport={"width": 1280, "height": 1000})
    public.goto(app_url + NOMINEES)
    winner = _won(public)
    winner.wait_for(timeout=60_000)
    assert "Sujo" in winner.inner_text() and winner.count() == 1
    public.screenshot(path=str(OUTPUT / "nominees-revealed.png"), full_page=True)


def test_a_nomination_is_edited_in_place(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + AWARDS)
    category = page.locator(".award-category", has_text="Mejor Actriz").first
    category.wait_for(timeout=60_000)
    row = category.locator(".award-nomination").first
    title = row.locator("p, span").first.inner_text()
    row.locator(".nomination-edit").click()
    editor = page.locator("#nomination-editor")
    editor.wait_for(timeout=30_000)
    assert page.locator("#nomination-edit-titulo").input_value() == title
    page.locator("#nomination-edit-anio").fill("dos mil")
    page.locator("#save-nomination").click()
    editor.get_by_text("«dos mil» no es un año (por ejemplo 2024).").wait_for(timeout=30_000)
    assert page.locator("#nomination-edit-titulo").input_value() == title  # what was typed stays
    page.locator("#nomination-edit-titulo").fill(title + " (versión del director)")
    page.locator("#nomination-edit-anio").fill("2024")
    page.locator("#save-nomination").click()
    page.get_by_text(f"Nominación guardada: «{title} (versión del director)».").wait_for(timeout=30_000)
    assert editor.count() == 0
    category.get_by_text(title + " (versión del director)").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "nomination-edited.png"))


def test_a_category_is_deleted_after_one_question_and_undone(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + AWARDS)
    page.locator(".award-category").first.wait_for(timeout=60_000)
    count = page.locator(".award-category").count()
    page.locator("#category-name").fill("Mejor Tráiler")
    page.locator("#category-name").press("Enter")
    added = page.locator(".award-category", has_text="Mejor Tráiler")
    added.wait_for(timeout=30_000)
    added.get_by_role("button", name="Eliminar").last.click()
    page.get_by_text("¿Eliminar la categoría «Mejor Tráiler»?").wait_for(timeout=30_000)
    page.locator("#confirm-delete-nomination").click()
    page.get_by_text("Categoría eliminada: «Mejor Tráiler».").wait_for(timeout=30_000)
    assert page.locator(".award-category").count() == count
    page.get_by_role("button", name="Deshacer").first.click()
    page.locator(".award-category").nth(count).get_by_text("Mejor Tráiler").wait_for(timeout=30_000)


def test_one_category_is_revealed_corrected_and_taken_back(app_url: str, signed_in: Any, browser: Any) -> None:
    tally = signed_in("tally", viewport={"width": 1280, "height": 1100})
    tally.goto(app_url + AWARDS)
    direction = tally.locator(".award-category", has_text="Mejor Dirección").first
    direction.wait_for(timeout=60_000)
    assert "categorías no tienen ganador sellado" in tally.locator("#unsealed-warning").inner_text()
    direction.locator(".award-nomination", has_text="Corina").locator(".seal").click()
    direction.get_by_text("Sellada, sin revelar").wait_for(timeout=30_000)
    # Its own reveal time, on another day than the ceremony's (a date and a time in the field).
    direction.locator(".reveal-time").fill("2030-09-22T21:15")
    direction.locator(".schedule-reveal").click()
    direction.get_by_text("Programada para: domingo 22 de septiembre de 2030, 21:15").wait_for(timeout=30_000)
    assert direction.locator(".reveal-time").input_value() == "2030-09-22T21:15"
    # The public page is open before the reveal, and follows it without a reload.
    public = browser.new_page(viewport={"width": 1280, "height": 1000})
    public.goto(app_url + "/eventos/ariel-2025/nominaciones")
    public.locator("#mejor-direccion").wait_for(timeout=60_000)
    public.locator("#ganadores[data-revealed]:not([data-revealed=''])").wait_for(timeout=30_000)
    assert _won(public).filter(has_text="Corina").count() == 0
    direction.locator(".reveal-category").click()
    tally.get_by_text("Categoría revelada").first.wait_for(timeout=30_000)
    direction.get_by_text(re.compile(r"Revelada a las \d\d:\d\d")).wait_for(timeout=30_000)
    _won(public).get_by_text("Corina").wait_for(timeout=10_000)
    public.locator("#ganadores").get_by_role("link", name="Mejor Dirección").wait_for(timeout=10_000)
    assert "Se reveló Mejor Dirección: Corina" in public.locator("#ganadores [role=status]").inner_text()
    public.screenshot(path=str(OUTPUT / "nominations-live.png"))

    # The wrong one: the tally seals the right one, the page still shows the first until corrected.
    direction.locator(".award-nomination", has_text="Sujo").locator(".seal").click()
    direction.get_by_text(re.compile("el sellado cambió")).wait_for(timeout=30_000)
    public.wait_for_timeout(1500)  # more than the stream's poll: nothing new reached the page
    _won(public).get_by_text("Corina").wait_for(timeout=60_000)
    direction.locator(".correct-category").click()
    tally.get_by_text("Revelación corregida").first.wait_for(timeout=30_000)
    direction_won = _won(public, public.locator(".category-group", has=public.locator("#mejor-direccion")))
    direction_won.get_by_text("Sujo").wait_for(timeout=10_000)
    assert direction_won.count() == 1

    direction.locator(".retract-category").click()
    tally.get_by_text("Revelación retirada").first.wait_for(timeout=30_000)
    direction_won.first.wait_for(state="detached", timeout=10_000)
    assert direction_won.count() == 0
