"""An organizer imports a partner's calendar file, sees the report, and subscribes a venue to its
calendar: the venue's busy times appear on the timeline and as conflicts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.calendar_server import Calendars, calendar_server
from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e
EVENT = "jalisco-lab-2025"


def _ics(*events: tuple[str, str, str, str], extra: str = "") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"]
    for uid, summary, start, end in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20250901T000000Z",
            f"SUMMARY:{summary}",
            f"DTSTART;TZID=Central Standard Time (Mexico):{start}",
            f"DTEND;TZID=Central Standard Time (Mexico):{end}",
            *([extra] if extra and uid.endswith("3") else []),
            "END:VEVENT",
        ]
    return "\r\n".join([*lines, "END:VCALENDAR", ""]).encode()


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Calendars]]:
    with calendar_server() as running:
        yield running


def test_import_a_file_see_the_report_then_import_it(app_url: str, signed_in, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    partner = tmp_path / "netflix-talleres.ics"
    partner.write_bytes(
        _ics(
            ("nf-1", "Mentoría de guion (Netflix)", "20251013T100000", "20251013T120000"),
            ("nf-2", "Revisión de proyectos", "20251014T160000", "20251014T180000"),
            ("nf-3", "Sesión suspendida", "20251015T100000", "20251015T110000"),
            extra="STATUS:CANCELLED",
        )
    )
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(f"{app_url}/organizar/eventos/{EVENT}/programa")
    page.locator("#import-calendar").click()
    page.get_by_role("heading", name="Importar calendario").wait_for(timeout=60_000)

    page.locator("#ics-file input[type=file]").set_input_files(str(partner))
    summary = page.locator("#import-summary")
    summary.wait_for(timeout=30_000)
    assert summary.inner_text() == "3 nuevas, 0 cambiadas, 0 canceladas, 0 sin cambios."
    page.get_by_text("Esto cambiaría (aún no se guardó nada)").wait_for()
    page.screenshot(path=str(OUTPUT / "import-preview.png"))

    page.locator("#confirm-import").click()
    page.get_by_text("Importación terminada").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "import-done.png"))

    # The same calendar exported again changes nothing: the UIDs find the items it made.
    again = tmp_path / "netflix-talleres (2).ics"
    again.write_bytes(partner.read_bytes())
    page.locator("#ics-file input[type=file]").set_input_files(str(again))
    page.get_by_text("0 nuevas, 0 cambiadas, 0 canceladas, 3 sin cambios.").wait_for(timeout=30_000)

    page.goto(f"{app_url}/organizar/eventos/{EVENT}/programa?q=Mentoría")
    row = page.locator(".plan-row", has_text="Mentoría de guion (Netflix)")
    row.wait_for(timeout=30_000)
    assert "10:00" in row.inner_text()  # Outlook's "Central Standard Time (Mexico)" read as Mexico City time


def test_a_url_the_server_refuses_shows_the_http_status(app_url: str, signed_in, served) -> None:  # type: ignore[no-untyped-def]
    base, _ = served
    page = signed_in("organizer", viewport={"width": 1280, "height": 900})
    page.goto(f"{app_url}/organizar/eventos/{EVENT}/importar")
    page.get_by_role("heading", name="Importar calendario").wait_for(timeout=60_000)
    page.locator("#import-url").fill(f"{base}/no-existe.ics")
    page.locator("#fetch-url").click()
    error = page.locator("#import-error")
    error.wait_for(timeout=30_000)
    assert error.inner_text() == "El servidor respondió con el error HTTP 404."


def test_subscribe_a_venue_and_see_its_busy_times_on_the_timeline(app_url: str, signed_in, served) -> None:  # type: ignore[no-untyped-def]
    base, calendars = served
    calendars.files["/ccd.ics"] = _ics(
        ("ccd-1", "Montaje de un congreso", "20251011T070000", "20251011T103000"),
        ("ccd-2", "Mantenimiento del auditorio", "20251012T090000", "20251012T130000"),
    )
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(f"{app_url}/organizar/sedes")
    card = page.locator(".venue-card[data-slug='ciudad-creativa-digital']")
    card.wait_for(timeout=60_000)
    card.locator(".busy-add").click()
    card.locator("#calendar-url-venue").fill(f"{base}/ccd.ics")
    card.locator(".busy-save").click()
    card.get_by_text("· 2 horarios ocupados").wait_for(timeout=30_000)
    card.scroll_into_view_if_needed()
    card.screenshot(path=str(OUTPUT / "venue-calendar.png"))
    assert calendars.requests[-1][0] == "/ccd.ics"

    # "Actualizar ahora" asks again with the ETag; the server answers 304.
    card.locator(".busy-refresh").click()
    page.get_by_text("El calendario no ha cambiado (2 horarios ocupados).").wait_for(timeout=30_000)
    assert calendars.requests[-1][1] != ""

    page.goto(f"{app_url}/organizar/eventos/{EVENT}/programa?vista=linea&dia=2025-10-11")
    busy = page.locator(".timeline-busy", has_text="Montaje de un congreso")
    busy.wait_for(timeout=30_000)
    assert "07:00–10:30" in busy.inner_text()
    page.screenshot(path=str(OUTPUT / "timeline-busy.png"))

    page.goto(f"{app_url}/organizar/eventos/{EVENT}")
    page.get_by_text("coincide con un horario ocupado de").first.wait_for(timeout=30_000)
