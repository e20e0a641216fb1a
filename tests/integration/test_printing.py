"""Printed sheets as PDF, read by pdftotext (an independent reader): the day per space and per
agency, the whole programme and the run sheet, with the right local times and language."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from logistics_app.domain.printing import sheet_html
from logistics_app.integrations.pdf import to_pdf
from logistics_app.queries import print_sheets
from tests.conftest import unavailable

pytestmark = pytest.mark.integration
GALA = date(2025, 9, 20)


def _text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        unavailable("pdftotext not found (make test installs poppler-utils)")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_day_sheet_per_space_has_the_local_times(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as session:
        sheet = print_sheets.day_sheet(session=session, slug="ariel-2025", day=GALA, by="space")
    text = _text(to_pdf(sheet_html(sheet)), tmp_path)
    assert "Hoja del día por espacio" in text and "sábado 20 de septiembre de 2025" in text
    assert "America/Mexico_City" in text and "Página 1 /" in text
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert any(line.startswith("20:00–23:00 Ceremonia de los 67 Premios") for line in lines), text[:2000]
    assert any(line.startswith("13:00–15:30 Ensayo general") for line in lines)
    assert "Gran Salón Vallarta · Centro Internacional" in text
    pages = text.count("\f")
    assert pages == len(sheet.groups)  # a page per space


def test_the_day_sheet_per_agency_in_english_and_only_one_agency(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as session:
        every = print_sheets.day_sheet(session=session, slug="ariel-2025", day=GALA, by="agency", lang="en")
        headings = [g.heading for g in every.groups]
        canal = next(str(a) for a, name in _agencies(session) if name == "Canal 22")
        one = print_sheets.day_sheet(session=session, slug="ariel-2025", day=GALA, by="agency", lang="en", only=canal)
    assert headings == sorted(headings) and "Canal 22" in headings
    text = _text(to_pdf(sheet_html(one)), tmp_path)
    assert "Day sheet by agency" in text and "Saturday, September 20, 2025" in text
    assert [g.heading for g in one.groups] == ["Canal 22"] and "Ensayo general" in text


def _agencies(session: Session) -> list[tuple[int, str]]:
    from sqlmodel import select

    from logistics_app.models import Agency

    return [(a.id or 0, a.name) for a in session.exec(select(Agency))]


def test_the_programme_and_the_run_sheet(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as session:
        programme = print_sheets.programme_sheet(session=session, slug="ariel-2025")
        run = print_sheets.run_sheet(session=session, slug="ariel-2025")
    text = _text(to_pdf(sheet_html(programme)), tmp_path)
    assert "viernes 19 de septiembre de 2025" in text and "domingo 21 de septiembre de 2025" in text
    run_text = _text(to_pdf(sheet_html(run)), tmp_path)
    assert "Escaleta de la ceremonia" in run_text and "20:00–" in run_text


def test_nothing_in_a_sheet_is_markup_and_nothing_is_fetched() -> None:
    from logistics_app.domain.printing import Group, Row, Sheet

    sheet = Sheet(
        title="<script>x</script>",
        subtitle='<img src="http://127.0.0.1:9/x.png">',
        zone="",
        columns=("a", "b", "c", "d"),
        groups=[Group("<b>", [Row("10:00", '<link rel=stylesheet href="http://127.0.0.1:9/s.css">')])],
        empty="",
    )
    html = sheet_html(sheet)
    assert "<script>" not in html and "<img" not in html and "<link" not in html
    assert to_pdf(html).startswith(b"%PDF")
