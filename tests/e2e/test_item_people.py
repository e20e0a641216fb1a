"""The item editor takes people and supporting agencies: an organizer adds a new agency and a new
person without leaving the item, and a person clash shows while typing, before saving."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e


def _new_item(page: Any, title: str, start: str, end: str) -> None:
    page.locator("#new-item").click()
    page.locator("#item-title").fill(title)
    page.locator("#item-start_day").fill("2025-09-20")
    page.locator("#item-start").fill(start)
    page.locator("#item-end_day").fill("2025-09-20")
    page.locator("#item-end").fill(end)


def test_a_new_person_and_agency_from_the_editor_and_a_person_clash_while_typing(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1366, "height": 1000})
    page.goto(app_url + "/organizar/eventos/ariel-2025/programa")
    page.locator("#new-item").wait_for(timeout=60_000)
    _new_item(page, "Sesión de fotos con prensa", "18:00", "19:00")

    page.locator("#new-agency").click()
    page.locator("#new-agency-name").fill("Transportes Bahía")
    page.locator("#new-agency-acronym").fill("TB")
    page.locator("#new-agency-kind").select_option("sponsor")
    page.locator("#create-agency").click()
    page.get_by_text("Transportes Bahía se agregó al directorio").wait_for(timeout=30_000)
    lead = page.locator("#item-lead_agency")
    assert lead.locator("option:checked").inner_text() == "TB"

    page.locator("#pick-role").select_option("presenter")
    page.locator("#new-person").click()
    page.locator("#create-person").click()
    page.get_by_role("alert").filter(has_text="obligatorio").first.wait_for(timeout=30_000)
    page.locator("#new-person-name").fill("Lucía Prueba Ruiz")
    page.locator("#new-person-title").fill("Conductora")
    page.locator("#create-person").click()
    page.locator(".person-chip", has_text="Lucía Prueba Ruiz · presenta").wait_for(timeout=30_000)
    page.locator("#save-item").click()
    save_anyway = page.locator("#save-anyway")
    page.wait_for_timeout(1500)
    if save_anyway.count():
        save_anyway.click()
    page.locator(".plan-title", has_text="Sesión de fotos con prensa").wait_for(timeout=30_000)

    # A second item at an overlapping time: adding the same person shows the clash at once.
    _new_item(page, "Entrevista para televisión", "18:30", "19:30")
    person = page.locator("#pick-person option", has_text="Lucía Prueba Ruiz").get_attribute("value")
    page.locator("#pick-person").select_option(person)
    page.locator("#add-person").click()
    clash = page.locator("#conflicts").get_by_text("Lucía Prueba Ruiz está en")
    clash.wait_for(timeout=30_000)
    assert "Sesión de fotos con prensa" in clash.inner_text()
    tb = page.locator("#pick-agency option", has_text="TB").get_attribute("value")
    page.locator("#pick-agency").select_option(tb)
    page.locator("#add-supporting").click()
    page.locator(".agency-chip", has_text="TB").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "item-editor-people.png"))
    page.locator(".person-chip", has_text="Lucía").get_by_role("button").click()
    page.get_by_text("Sin conflictos.").wait_for(timeout=30_000)
    page.keyboard.press("Escape")

    # Leave the programme as the other tests expect it.
    row = page.locator(".plan-row", has_text="Sesión de fotos con prensa")
    row.get_by_role("button", name="Eliminar").click()
    page.locator("#confirm-delete").click()
    row.wait_for(state="detached", timeout=30_000)
