"""The timeline in the browser: an item dragged to another time shows its conflicts before it is
dropped, then to another space and dropped there; another stretched by its foot; one moved with the
keyboard; one dragged to another day of the week; each move undone from its toast."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e
DAY = "/organizar/eventos/ariel-2025/programa?vista=linea&dia=2025-09-20"


def _block(page: Any, title: str) -> Any:
    return page.locator(".timeline-drag", has=page.locator(".timeline-block", has_text=title))


def _undo(page: Any) -> None:
    page.get_by_role("button", name="Deshacer").first.click()
    page.get_by_text(re.compile(r"^Se deshizo")).first.wait_for(timeout=30_000)


def test_drag_to_another_time_and_space_with_conflicts_before_dropping(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1366, "height": 1000})
    page.goto(app_url + DAY)
    rehearsal = _block(page, "Ensayo general")
    rehearsal.wait_for(timeout=60_000)
    rehearsal.evaluate("e => e.scrollIntoView({block: 'center'})")  # room above it to drag into
    box = rehearsal.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + 12
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - 20, steps=4)
    page.mouse.move(x, y - 60, steps=8)  # an hour earlier: onto the stage set-up
    preview = page.locator("#drag-preview")
    preview.get_by_text(re.compile("«Montaje de escenario e iluminación» y «Ensayo general» ocupan")).wait_for(
        timeout=30_000
    )
    preview.get_by_text(re.compile("12:00–14:30")).wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "timeline-drag-conflict.png"))
    target = page.locator('.timeline-column[data-key^="space:"]', has_text="Camerinos").first
    column = target.bounding_box()
    assert column is not None
    page.mouse.move(column["x"] + column["width"] / 2, y - 60, steps=10)
    preview.get_by_text("Camerinos").wait_for(timeout=30_000)
    page.mouse.up()
    page.get_by_text(re.compile(r"Ensayo general: .*12:00–14:30 · Camerinos")).first.wait_for(timeout=30_000)
    target.locator(".timeline-block", has_text="Ensayo general").wait_for(timeout=30_000)
    _undo(page)
    page.locator('.timeline-column:has-text("Gran Salón") .timeline-block', has_text="Ensayo general").wait_for(
        timeout=30_000
    )


def test_stretch_an_item_by_its_foot_and_move_one_with_the_keyboard(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1366, "height": 1000})
    page.goto(app_url + DAY)
    rehearsal = _block(page, "Ensayo general")
    rehearsal.wait_for(timeout=60_000)
    handle = page.locator(".timeline-resize").nth(
        page.locator(".timeline-drag").evaluate_all(
            "(els) => els.findIndex(e => e.innerText.includes('Ensayo general'))"
        )
    )
    handle.evaluate("e => e.scrollIntoView({block: 'center'})")  # room below it to stretch into
    box = handle.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + 10, steps=3)
    page.mouse.move(x, y + 30, steps=6)
    page.locator("#drag-preview").get_by_text("13:00–16:00").wait_for(timeout=30_000)
    page.mouse.up()
    page.get_by_text(re.compile(r"Ensayo general: .*13:00–16:00")).first.wait_for(timeout=30_000)
    _undo(page)

    button = page.locator(".timeline-block", has_text="Ensayo general")
    button.wait_for(timeout=30_000)
    button.focus()
    page.keyboard.press("Alt+ArrowDown")
    page.locator("#timeline-status").get_by_text("13:05–15:35").wait_for(timeout=30_000)
    _undo(page)


def test_the_week_at_a_glance(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1366, "height": 1000})
    page.goto(app_url + "/organizar/eventos/ariel-2025/programa")
    page.locator("#view-week").click()
    page.locator(".timeline-column", has_text="domingo 21 de septiembre de 2025").wait_for(timeout=60_000)
    assert page.locator(".timeline-column").count() == 3
    saturday = page.locator(".timeline-column", has_text="sábado 20 de septiembre de 2025")
    assert saturday.locator(".timeline-block", has_text="Ceremonia de los 67 Premios Ariel").count() == 1
    page.screenshot(path=str(OUTPUT / "timeline-week.png"))

    # Dragged to Friday's column: the same time, a day earlier (asked first if it clashes there).
    rehearsal = saturday.locator(".timeline-drag", has=page.locator(".timeline-block", has_text="Ensayo general"))
    rehearsal.evaluate("e => e.scrollIntoView({block: 'center'})")
    box = rehearsal.bounding_box()
    friday = page.locator('.timeline-column[data-key="day:2025-09-19"]')
    column = friday.bounding_box()
    assert box is not None and column is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + 12
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 20, y, steps=4)
    page.mouse.move(column["x"] + column["width"] / 2, y, steps=10)
    page.locator("#drag-preview").get_by_text("viernes 19 de septiembre de 2025").wait_for(timeout=30_000)
    page.mouse.up()
    page.locator("#move-anyway").or_(page.get_by_text(re.compile(r"^Ensayo general: viernes"))).first.wait_for(
        timeout=30_000
    )
    if page.locator("#move-anyway").is_visible():
        page.locator("#move-anyway").click()
    friday.locator(".timeline-block", has_text="Ensayo general").wait_for(timeout=30_000)
    assert saturday.locator(".timeline-block", has_text="Ensayo general").count() == 0
    _undo(page)
    saturday.locator(".timeline-block", has_text="Ensayo general").wait_for(timeout=30_000)
