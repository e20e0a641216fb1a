"""The directory in the browser: an organizer adds an agency and its contact (with the language of
its mail), archives it, adds a person twice by mistake and merges the duplicate; on a phone too."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e


def test_an_organizer_keeps_agencies_and_people(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1366, "height": 1000})
    page.goto(app_url + "/organizar/agencias")
    page.locator("#new-agency").click()
    page.locator("#dir-save").click()
    page.locator("#dir-error-name").wait_for(timeout=30_000)
    page.locator("#dir-name").fill("Grúas y Logística del Pacífico")
    page.locator("#dir-acronym").fill("GLP")
    page.locator("#dir-kind").select_option("sponsor")
    page.locator("#dir-save").click()
    card = page.locator(".agency-card", has_text="Grúas y Logística del Pacífico")
    card.wait_for(timeout=30_000)
    card.locator(".add-contact").click()
    page.locator("#dir-name").fill("Ruth Gómez")
    page.locator("#dir-email").fill("ruth@glp.example.mx")
    page.locator("#dir-lang").select_option("en")
    page.locator("#dir-save").click()
    card.locator(".agency-contact", has_text="ruth@glp.example.mx").get_by_text("EN").wait_for(timeout=30_000)
    card.locator(".dir-archive").click()
    card.get_by_text("Archivado").first.wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "directory-agencies.png"))

    page.goto(app_url + "/organizar/personas")
    for name in ("Mariana Treviño", "Mariana Treviño G."):
        page.locator("#new-person").click()
        page.locator("#dir-name").fill(name)
        page.locator("#dir-save").click()
        page.locator(".person-card", has_text=name).first.wait_for(timeout=30_000)
    duplicate = page.locator('.person-card[data-name="Mariana Treviño G."]')
    duplicate.locator(".dir-merge").click()
    keep = page.locator("#merge-keep option", has_text="Mariana Treviño").first.get_attribute("value")
    page.locator("#merge-keep").select_option(keep)
    page.locator("#merge-go").click()
    page.get_by_text("Registros unidos").wait_for(timeout=30_000)
    assert page.locator('.person-card[data-name="Mariana Treviño G."]').count() == 0
    assert page.locator('.person-card[data-name="Mariana Treviño"]').count() == 1

    phone = signed_in("organizer", viewport={"width": 390, "height": 844})
    phone.goto(app_url + "/organizar/agencias")
    phone.locator(".agency-card").first.wait_for(timeout=60_000)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
