"""An organizer plans the Ariel day in the browser: conflicts while editing, confirmation, cancel, delete."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e


def test_add_an_overlapping_item_see_the_conflict_move_it_cancel_and_delete(app_url: str, signed_in) -> None:  # type: ignore[no-untyped-def]
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + "/organizar/eventos/ariel-2025/programa")
    page.get_by_text("12 actividades").wait_for(timeout=60_000)

    page.locator("#new-item").click()
    page.locator("#item-title").fill("Prueba de sonido")
    page.locator("#item-start_day").fill("2025-09-20")
    page.locator("#item-start").fill("14:00")
    page.locator("#item-end_day").fill("2025-09-20")
    page.locator("#item-end").fill("15:00")
    salon = page.locator("#item-space option", has_text="Gran Salón Vallarta").get_attribute("value")
    page.locator("#item-space").select_option(salon)
    conflict = page.locator("#conflicts")
    conflict.get_by_text("«Ensayo general» y «Prueba de sonido» ocupan Gran Salón Vallarta").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "organizer-conflict.png"))

    page.locator("#save-item").click()
    page.locator("#save-anyway").wait_for(timeout=30_000)  # saving a conflict takes one confirmation

    page.locator("#item-end").fill("17:00")
    page.locator("#item-start").fill("16:00")
    page.get_by_text("Sin conflictos.").wait_for(timeout=30_000)
    page.locator("#error-end").wait_for(state="detached", timeout=30_000)
    page.locator("#save-item").click()
    page.get_by_text("13 actividades").wait_for(timeout=30_000)

    # A bad time is refused with a message on the field, and the typed values stay.
    page.locator(".plan-title", has_text="Prueba de sonido").click()
    page.locator("#item-end").fill("15:00")
    page.locator("#error-end").wait_for(timeout=30_000)
    assert "debe ser posterior" in page.locator("#error-end").inner_text()
    page.locator("#save-item").click()
    assert page.locator("#item-title").input_value() == "Prueba de sonido"
    page.locator("#item-end").fill("17:00")
    page.locator("#item-status").select_option("cancelled")
    page.locator("#save-item").click()
    page.get_by_text("13 actividades").wait_for(timeout=30_000)
    row = page.locator(".plan-row", has_text="Prueba de sonido")
    row.get_by_text("Cancelado").wait_for(timeout=30_000)

    row.get_by_role("button", name="Eliminar").click()
    page.locator("#confirm-delete").click()
    page.get_by_text("12 actividades").wait_for(timeout=30_000)

    page.locator("#view-timeline").click()
    page.locator(".timeline-block").first.wait_for(timeout=30_000)
    page.locator("#plan-dia").select_option("2025-09-20")
    page.locator(".timeline-column", has_text="Gran Salón Vallarta").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "organizer-timeline.png"), full_page=True)
    page.close()


def test_create_an_event_with_a_clear_message_for_reversed_dates_then_archive_it(app_url: str, signed_in) -> None:  # type: ignore[no-untyped-def]
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + "/organizar")
    page.locator(".org-event").first.wait_for(timeout=60_000)
    page.locator("#new-event").click()
    page.locator("#event-name").fill("Premios Ariel 2026")
    page.locator("#event-slug").fill("ariel-2026")
    assert page.locator("#event-timezone").input_value() == "America/Mexico_City"
    page.locator("#event-start_date").fill("2026-09-19")
    page.locator("#event-end_date").fill("2026-09-18")
    page.locator("#event-error-end_date").wait_for(timeout=30_000)
    assert "igual o posterior" in page.locator("#event-error-end_date").inner_text()
    page.locator("#save-event").click()
    assert page.locator("#event-name").input_value() == "Premios Ariel 2026"  # nothing typed is lost
    page.locator("#event-end_date").fill("2026-09-20")
    page.locator("#event-city").fill("Puerto Vallarta")
    page.locator("#save-event").click()
    row = page.locator(".org-event", has_text="Premios Ariel 2026")
    row.wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "organizer-events.png"), full_page=True)
    row.get_by_role("button", name="Archivar").click()
    row.wait_for(state="detached", timeout=30_000)
    page.close()


def test_venues_agencies_and_people_show_bookings_and_contacts(app_url: str, signed_in) -> None:  # type: ignore[no-untyped-def]
    page = signed_in("organizer", viewport={"width": 1280, "height": 900})
    page.goto(app_url + "/organizar/sedes")
    salon = page.locator(".space-bookings", has_text="Gran Salón Vallarta")
    salon.wait_for(timeout=60_000)
    salon.locator("summary").click()  # a space's bookings open on demand
    assert "Ensayo general" in salon.inner_text() and "Ceremonia de los 67 Premios Ariel" in salon.inner_text()
    page.screenshot(path=str(OUTPUT / "organizer-venues.png"))
    every = page.locator(".venue-card").count()
    page.locator("#venue-search").fill("CONVENCIÓNES vallarta")  # accents and case aside
    page.wait_for_function(f"document.querySelectorAll('.venue-card').length < {every}", timeout=30_000)
    cards = page.locator(".venue-card").all()
    assert cards and all("Convenciones" in card.inner_text() for card in cards)
    page.locator("#venue-search").fill("")
    page.locator("#venue-state").select_option("Jalisco")
    page.wait_for_timeout(500)
    assert all("Jalisco" in card.inner_text() for card in page.locator(".venue-card").all())
    page.goto(app_url + "/organizar/agencias")
    canal = page.locator(".agency-card", has_text="Canal 22")
    canal.first.wait_for(timeout=60_000)
    assert "transmision@canal22.example.mx" in canal.first.inner_text()
    page.goto(app_url + "/organizar/personas")
    karla = page.locator(".person-card", has_text="Karla Souza")
    karla.wait_for(timeout=60_000)
    assert "Ensayo general" in karla.inner_text()
    page.close()


def _new_item(page, title: str, day: str, start: str, end: str, space_label: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("#new-item").click()
    page.locator("#item-title").fill(title)
    page.locator("#item-start_day").fill(day)
    page.locator("#item-start").fill(start)
    page.locator("#item-end_day").fill(day)
    page.locator("#item-end").fill(end)
    value = page.locator("#item-space option", has_text=space_label).get_attribute("value")
    page.locator("#item-space").select_option(value)


def test_plan_a_new_event_from_scratch(app_url: str, signed_in) -> None:  # type: ignore[no-untyped-def]
    """The organizer's whole round: event, venue with two spaces, a clash, a move, a cancellation."""
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + "/organizar")
    page.locator(".org-event").first.wait_for(timeout=60_000)
    page.locator("#new-event").click()
    page.locator("#event-name").fill("Muestra FILMA 2026")
    page.locator("#event-slug").fill("muestra-filma-2026")
    page.locator("#event-start_date").fill("2026-03-14")
    page.locator("#event-end_date").fill("2026-03-14")
    page.locator("#save-event").click()
    page.locator(".org-event", has_text="Muestra FILMA 2026").wait_for(timeout=30_000)

    page.goto(app_url + "/organizar/sedes")
    page.locator("#new-venue").wait_for(timeout=60_000)
    page.locator("#new-venue").click()
    page.locator("#venue-name").fill("Cineforo Vallarta")
    page.locator("#venue-slug").fill("cineforo-vallarta")
    page.locator("#venue-capacity").fill("muchas")
    page.locator("#venue-error-capacity").wait_for(timeout=30_000)  # as it is typed
    page.locator("#save-venue").click()
    assert page.locator("#venue-name").input_value() == "Cineforo Vallarta"
    page.locator("#venue-capacity").fill("300")
    page.locator("#save-venue").click()
    card = page.locator(".venue-card[data-slug='cineforo-vallarta']")
    card.wait_for(timeout=30_000)
    for space in ("Sala 1", "Sala 2"):
        card.locator(".add-space").click()
        page.locator("#space-name").fill(space)
        page.locator("#save-space").click()
        card.locator(".space-bookings", has_text=space).wait_for(timeout=30_000)

    page.goto(app_url + "/organizar/eventos/muestra-filma-2026/programa")
    page.get_by_text("0 actividades").wait_for(timeout=60_000)
    _new_item(page, "Función inaugural", "2026-03-14", "19:00", "21:00", "Sala 1 · Cineforo Vallarta")
    page.get_by_text("Sin conflictos.").wait_for(timeout=30_000)
    page.locator("#save-item").click()
    page.get_by_text("1 actividad", exact=True).wait_for(timeout=30_000)
    _new_item(page, "Conversatorio", "2026-03-14", "20:00", "21:00", "Sala 1 · Cineforo Vallarta")
    page.locator("#conflicts").get_by_text("«Función inaugural» y «Conversatorio» ocupan Sala 1").wait_for(
        timeout=30_000
    )
    value = page.locator("#item-space option", has_text="Sala 2 · Cineforo Vallarta").get_attribute("value")
    page.locator("#item-space").select_option(value)
    page.get_by_text("Sin conflictos.").wait_for(timeout=30_000)
    page.locator("#save-item").click()
    page.get_by_text("2 actividades").wait_for(timeout=30_000)

    page.locator(".plan-title", has_text="Conversatorio").click()
    page.locator("#item-status").select_option("cancelled")
    page.locator("#save-item").click()
    page.locator(".plan-row", has_text="Conversatorio").get_by_text("Cancelado").wait_for(timeout=30_000)

    page.locator("#lang-switch").click()
    page.get_by_text("2 items").wait_for(timeout=30_000)
    page.locator(".plan-row", has_text="Conversatorio").get_by_text("Cancelled").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "organizer-programme-en.png"), full_page=True)
    page.locator("#lang-switch").click()
    page.get_by_text("2 actividades").wait_for(timeout=30_000)
    page.close()


def test_two_organizers_editing_the_same_item(app_url: str, signed_in) -> None:  # type: ignore[no-untyped-def]
    first, second = (signed_in("organizer", viewport={"width": 1280, "height": 1000}) for _ in range(2))
    for page in (first, second):
        page.goto(app_url + "/organizar/eventos/ariel-2025/programa")
        page.get_by_text("12 actividades").wait_for(timeout=60_000)
        page.locator(".plan-title", has_text="Alfombra roja").click()
        page.locator("#item-title").wait_for(timeout=30_000)
    first.locator("#item-title").fill("Alfombra roja y photocall")
    first.locator("#save-item").click()
    first.locator(".plan-title", has_text="Alfombra roja y photocall").wait_for(timeout=30_000)

    second.locator("#item-title").fill("Alfombra roja (prensa)")
    second.locator("#save-item").click()
    second.locator("#stale").wait_for(timeout=30_000)
    assert "Otra persona guardó esta actividad" in second.locator("#stale").inner_text()
    assert second.locator("#item-title").input_value() == "Alfombra roja y photocall"  # the current values
    second.screenshot(path=str(OUTPUT / "organizer-stale.png"))
    first.close()
    second.close()


def test_the_panel_lists_conflicts_with_a_link_to_each_side(app_url: str, signed_in) -> None:  # type: ignore[no-untyped-def]
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + "/organizar/eventos/ariel-2025/programa")
    page.get_by_text("12 actividades").wait_for(timeout=60_000)
    _new_item(page, "Prueba de luces", "2025-09-20", "20:30", "21:00", "Gran Salón Vallarta")
    page.locator("#save-item").click()
    page.locator("#save-anyway").click()
    page.get_by_text("13 actividades").wait_for(timeout=30_000)
    page.goto(app_url + "/organizar/eventos/ariel-2025")
    sides = page.locator(".conflict-side")
    sides.first.wait_for(timeout=60_000)
    assert sides.all_inner_texts() == ["Ceremonia de los 67 Premios Ariel", "Prueba de luces"]
    page.screenshot(path=str(OUTPUT / "organizer-panel.png"), full_page=True)
    sides.nth(1).click()
    page.locator("#item-title").wait_for(timeout=30_000)
    assert page.locator("#item-title").input_value() == "Prueba de luces"
    assert page.locator("#conflicts").is_visible()
    page.locator("#item-status").select_option("cancelled")  # leave the demo as it was for later tests
    page.locator("#save-item").click()
    page.get_by_text("13 actividades").wait_for(timeout=30_000)
    page.close()


def test_organizer_pages_have_no_serious_accessibility_findings(app_url: str, signed_in) -> None:  # type: ignore[no-untyped-def]
    from tests.e2e.test_public_programme import _axe

    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    for path, ready in (
        ("/organizar", ".org-event"),
        ("/organizar/eventos/ariel-2025/programa", ".plan-row"),
        ("/organizar/sedes", ".venue-card"),
        ("/organizar/eventos/ariel-2025", "#publishing"),
        ("/organizar/eventos/ariel-2025/ceremonia", "h1"),
        ("/organizar/eventos/ariel-2025/premios", ".award-category"),
        ("/organizar/eventos/ariel-2025/en-vivo", "#show-now"),
        ("/eventos/ariel-2025/nominaciones", "#category-jump"),
    ):
        page.goto(app_url + path)
        page.locator(ready).first.wait_for(timeout=60_000)
        findings = [v for v in _axe(page) if v["impact"] in ("serious", "critical")]
        assert findings == [], f"{path}: {findings}"
    page.goto(app_url + "/organizar/eventos/ariel-2025/programa")
    page.locator(".plan-title").first.click()
    page.locator("#item-title").wait_for(timeout=30_000)
    page.keyboard.press("Tab")  # the editor is reachable and usable with the keyboard
    page.wait_for_timeout(800)  # let the dialog's fade-in finish: half-transparent text is not what users read
    findings = [v for v in _axe(page) if v["impact"] in ("serious", "critical")]
    assert findings == [], f"editor: {findings}"
    page.close()


def test_an_item_opens_from_the_keyboard(app_url: str, signed_in) -> None:  # type: ignore[no-untyped-def]
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + "/organizar/eventos/ariel-2025/programa")
    page.locator(".plan-title").first.wait_for(timeout=60_000)
    page.locator(".plan-title").first.focus()
    page.keyboard.press("Enter")
    page.locator("#item-title").wait_for(timeout=30_000)
    assert page.locator("#item-title").input_value() == "Conferencia de prensa «Muestra FILMA 2025»"
    page.keyboard.press("Escape")
    page.locator("#view-timeline").click()
    page.locator(".timeline-block").first.focus()
    page.keyboard.press("Enter")
    page.locator("#item-title").wait_for(timeout=30_000)
    page.close()
