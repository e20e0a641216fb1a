"""Excel in and out in the browser: the organizer exports the schedule (read back with openpyxl),
imports the sample workbook with its own column names (mapped by themselves, previewed, then
imported) and exports again: the sample's rows are there, at the times the planner wrote."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "programa-ariel-planeacion.xlsx"


def _export(page: Any) -> list[list[str]]:
    with page.expect_download(timeout=60_000) as download:
        page.locator("#export-xlsx").click()
    raw = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename == "ariel-2025-programa.xlsx"
    sheet = load_workbook(io.BytesIO(raw), read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def test_export_import_the_sample_and_export_again(app_url: str, signed_in: Any) -> None:
    page = signed_in("organizer", viewport={"width": 1366, "height": 1000})
    page.goto(app_url + "/organizar/eventos/ariel-2025/programa")
    count = page.get_by_text(re.compile(r"^\d+ actividades$"))
    count.wait_for(timeout=60_000)
    total = int(count.inner_text().split()[0])
    before = _export(page)
    assert before[0][:5] == ["Fecha", "Inicio", "Fecha de fin", "Fin", "Título"] and len(before) == total + 1

    page.goto(app_url + "/organizar/eventos/ariel-2025/importar")
    page.locator("#sheet-file input[type=file]").set_input_files(str(SAMPLE))
    summary = page.locator("#sheet-summary")
    summary.wait_for(timeout=60_000)
    assert summary.inner_text().startswith("8 nuevas, 0 con cambios"), summary.inner_text()
    assert page.locator("#map-title option:checked").inner_text() == "Actividad"
    assert page.locator("#map-space option:checked").inner_text() == "Sala"
    page.screenshot(path=str(OUTPUT / "sheet-import-preview.png"), full_page=True)
    page.locator("#import-sheet").click()
    page.get_by_text("Hoja importada: 8 actividades nuevas").wait_for(timeout=60_000)

    page.goto(app_url + "/organizar/eventos/ariel-2025/programa")
    page.get_by_text(f"{total + 8} actividades").wait_for(timeout=60_000)
    after = {row[4]: row for row in _export(page)[1:]}
    sample = load_workbook(io.BytesIO(SAMPLE.read_bytes())).worksheets[0]
    for day, start, end, title, *_rest in list(sample.iter_rows(values_only=True))[1:]:
        d, m, y = str(day).split("/")
        row = after[str(title)]
        assert (row[0], row[1].lstrip("0"), row[3].lstrip("0")) == (f"{y}-{m}-{d}", start, end), row


def test_the_day_sheet_pdf_downloads_with_the_right_times(app_url: str, signed_in: Any, tmp_path: Path) -> None:
    import shutil
    import subprocess

    from tests.conftest import unavailable

    if shutil.which("pdftotext") is None:
        unavailable("pdftotext not found (make test installs poppler-utils)")
    page = signed_in("organizer", viewport={"width": 1366, "height": 1000})
    page.goto(app_url + "/organizar/eventos/ariel-2025/programa?dia=2025-09-20")
    page.locator("#print-menu").wait_for(timeout=60_000)
    page.locator("#print-menu").click()
    with page.expect_download(timeout=60_000) as download:
        page.locator("#pdf-space").click()
    assert download.value.suggested_filename == "ariel-2025-hoja-por-espacio.pdf"
    path = tmp_path / "hoja.pdf"
    path.write_bytes(Path(download.value.path()).read_bytes())
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "sábado 20 de septiembre de 2025" in text and "America/Mexico_City" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith("13:00–15:30 Ensayo general") for line in lines), text[:1500]
    assert "viernes 19" not in text  # that day only
