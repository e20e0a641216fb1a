"""Many items at once in the browser: ten sessions of the screenwriting workshop chosen with a
click and a shift-click, moved 30 minutes in one go, and the move undone from its toast."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e


def _times(page: Any) -> list[str]:
    return [row.locator("td").nth(1).inner_text().split("\n")[-1] for row in page.locator(".plan-row").all()]


@pytest.mark.parametrize("width", [1366, 390], ids=["desktop", "phone"])
def test_bulk_shift_ten_items_by_thirty_minutes_and_undo(app_url: str, signed_in: Any, width: int) -> None:
    page = signed_in("organizer", viewport={"width": width, "height": 1000})
    page.goto(app_url + "/organizar/eventos/taller-guionismo-cdmx-2025/programa?q=sesión")
    page.locator(".plan-row").first.wait_for(timeout=60_000)
    before = _times(page)
    boxes = page.locator(".plan-select")
    boxes.nth(0).click()
    boxes.nth(9).click(modifiers=["Shift"])
    page.get_by_text("10 elegidas").wait_for(timeout=30_000)
    page.locator("#bulk-minutes").fill("30")
    page.locator("#bulk-apply").click()
    page.wait_for_timeout(1000)
    if page.locator("#bulk-conflicts").count():
        page.locator("#bulk-apply").click()  # "Aplicar de todos modos"
    page.get_by_text(re.compile(r"Cambio de 10 actividades")).wait_for(timeout=30_000)
    page.wait_for_function("document.querySelectorAll('.plan-select:checked').length === 0", timeout=30_000)
    after = _times(page)
    assert after[:10] != before[:10] and after[10:] == before[10:]
    assert all(a.startswith("17:30") for a in after[:10]), after[:10]
    if width == 1366:
        page.screenshot(path=str(OUTPUT / "bulk-shift.png"))
    page.get_by_role("button", name="Deshacer").first.click()
    page.get_by_text(re.compile(r"Se deshizo: Cambio de 10 actividades")).wait_for(timeout=30_000)
    page.wait_for_function(
        "(t) => [...document.querySelectorAll('.plan-row')].every((r, i) => r.querySelectorAll('td')[1].innerText.endsWith(t[i]))",
        arg=before,
        timeout=30_000,
    )
