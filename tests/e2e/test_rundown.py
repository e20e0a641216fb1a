"""The Ariel's run of show in the browser: segments added, reordered with the arrows and by
dragging (every time after follows), edited, deleted and undone; the overrun shows, and the run
sheet prints."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e
RUNDOWN = "/organizar/eventos/ariel-2025/ceremonia"


def _add(page: Any, kind: str, title: str, minutes: str, category: str = "") -> None:
    page.locator("#segment-kind").select_option(kind)
    page.locator("#segment-title").fill(title)
    page.locator("#segment-minutes").fill(minutes)
    if category:
        value = page.locator("#segment-category option", has_text=category).first.get_attribute("value")
        page.locator("#segment-category").select_option(value)
    count = page.locator(".segment").count()
    page.locator("#add-segment").click()
    page.locator(".segment").nth(count).wait_for(timeout=30_000)


def _times(page: Any) -> list[str]:
    return [row.split("\n")[0] for row in page.locator(".segment").all_inner_texts()]


def test_a_reorder_recomputes_the_times_and_the_overrun_shows(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + RUNDOWN)
    page.get_by_text("Transmisión 20:00–23:00").wait_for(timeout=60_000)
    _add(page, "opening", "Apertura con Karla Souza", "12")
    _add(page, "category", "", "9", category="Mejor Actriz")
    _add(page, "music", "Tributo a Amores perros", "7")
    assert _times(page) == ["20:00–20:12", "20:12–20:21", "20:21–20:28"]
    page.screenshot(path=str(OUTPUT / "rundown-before.png"), full_page=True)

    page.locator(".segment", has_text="Tributo a Amores perros").locator(".segment-up").click()
    page.locator(".segment").nth(1).get_by_text("Tributo a Amores perros").wait_for(timeout=30_000)
    assert _times(page) == ["20:00–20:12", "20:12–20:19", "20:19–20:28"]

    # Dragged by its handle above the opening: it opens the show.
    handle = page.locator(".segment", has_text="Tributo a Amores perros").locator(".sort-handle")
    target = page.locator(".segment").first.bounding_box()
    box = handle.bounding_box()
    assert box is not None and target is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - 10, steps=3)
    page.mouse.move(x, target["y"] + 4, steps=10)
    page.mouse.up()
    page.locator(".segment").first.get_by_text("Tributo a Amores perros").wait_for(timeout=30_000)
    assert _times(page) == ["20:00–20:07", "20:07–20:19", "20:19–20:28"]

    # Edited: the form fills with the segment, and every time after it follows.
    page.locator(".segment", has_text="Apertura con Karla Souza").locator(".segment-edit").click()
    page.get_by_role("heading", name="Editar el segmento").wait_for(timeout=30_000)
    expect(page.locator("#segment-title")).to_have_value("Apertura con Karla Souza", timeout=30_000)
    page.locator("#segment-minutes").fill("10")
    page.locator("#segment-notes").fill("Entra por el pasillo central")
    page.locator("#save-segment").click()
    page.get_by_text("Entra por el pasillo central").wait_for(timeout=30_000)
    assert _times(page) == ["20:00–20:07", "20:07–20:17", "20:17–20:26"]
    page.screenshot(path=str(OUTPUT / "rundown-after.png"), full_page=True)

    # Deleted after one question, and back at its place from the toast.
    page.locator(".segment", has_text="Mejor Actriz").get_by_role("button", name="Eliminar").click()
    page.locator("#confirm-delete-segment").click()
    page.get_by_text("Segmento eliminado: «Mejor Actriz».").wait_for(timeout=30_000)
    assert page.locator(".segment").count() == 2
    page.get_by_role("button", name="Deshacer").first.click()
    page.locator(".segment").nth(2).get_by_text("Mejor Actriz", exact=True).wait_for(timeout=30_000)
    assert _times(page) == ["20:00–20:07", "20:07–20:17", "20:17–20:26"]

    _add(page, "closing", "Cierre y créditos", "170")
    page.locator("#overrun").wait_for(timeout=30_000)
    assert page.locator("#overrun").inner_text() == "Se pasa de la transmisión por 0 h 16 min."

    page.goto(app_url + RUNDOWN + "/imprimir")
    page.get_by_text("Cierre y créditos").wait_for(timeout=60_000)
    page.emulate_media(media="print")
    page.screenshot(path=str(OUTPUT / "run-sheet.png"), full_page=True)


def test_a_nominees_trip_is_saved_from_the_browser(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1280, "height": 1100})
    page.goto(app_url + "/organizar/eventos/ariel-2025/nominados")
    nominee = page.locator(".nominee").first
    nominee.wait_for(timeout=60_000)
    nominee.locator("summary").click()
    nominee.locator(".nominee-arrival_flight").fill("AM 1234")
    nominee.locator(".nominee-arrival_day").fill("2025-09-20")
    nominee.locator(".nominee-arrival_time").fill("10:15")
    nominee.locator(".nominee-arrival_airport").fill("Vallarta")
    nominee.locator(".nominee-save").click()
    nominee.get_by_text("«VALLARTA» no es un código de aeropuerto").wait_for(timeout=30_000)
    nominee.locator(".nominee-arrival_airport").fill("PVR")
    nominee.locator(".nominee-hotel").fill("Hotel Playa Los Arcos")
    nominee.locator(".nominee-transport_agency").select_option(label="Secretaría de Turismo de Jalisco")
    nominee.locator(".nominee-save").click()
    page.get_by_text("Logística guardada; su agenda y los traslados se actualizaron.").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "nominee-logistics.png"), full_page=True)
