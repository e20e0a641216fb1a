"""The schedule as a spreadsheet: exported (.xlsx and CSV, read with openpyxl and csv), imported
from a planner's own sheet with its own column names (the sample workbook), checked row by row,
and exported again with the same rows; a sheet exported and imported again changes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.domain.sheet import COLUMNS, guess_mapping, read_table
from logistics_app.models import Event, ScheduleItem
from logistics_app.queries import schedule_sheet
from logistics_app.queries.planning import PlanFilters
from logistics_app.services import sheet_import

pytestmark = pytest.mark.integration
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "programa-ariel-planeacion.xlsx"


def _xlsx_rows(raw: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(raw), read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return _items(session)


def _items(session: Session) -> int:
    ariel = select(Event.id).where(Event.slug == "ariel-2025").scalar_subquery()
    return len(session.exec(select(ScheduleItem.id).where(ScheduleItem.event_id == ariel)).all())


def test_the_export_is_the_schedule_in_the_events_zone(demo: Engine) -> None:
    with Session(demo) as session:
        raw = schedule_sheet.export(session=session, slug="ariel-2025", fmt="xlsx")
        text = schedule_sheet.export(session=session, slug="ariel-2025", fmt="csv", lang="en")
        total = _items(session)
    rows = _xlsx_rows(raw)
    assert rows[0][:5] == ["Fecha", "Inicio", "Fecha de fin", "Fin", "Título"]
    gala = next(r for r in rows if r[4] == "Ceremonia de los 67 Premios Ariel")
    assert gala[:4] == ["2025-09-20", "20:00", "", "23:00"]
    assert gala[8] == "Centro Internacional de Convenciones de Puerto Vallarta" or gala[9] == "Gran Salón Vallarta"
    rehearsal = next(r for r in rows if r[4] == "Ensayo general")
    assert "Karla Souza (conduce)" in rehearsal[12]
    english = list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))
    assert english[0][:2] == ["Date", "Start"] and len(english) == len(rows)
    assert len(rows) - 1 == total


def test_a_sheet_exported_and_imported_again_changes_nothing(demo: Engine) -> None:
    with Session(demo) as session:
        for fmt, name in (("xlsx", "p.xlsx"), ("csv", "p.csv")):
            table = read_table(schedule_sheet.export(session=session, slug="ariel-2025", fmt=fmt), name)
            mapping = guess_mapping(table.headers)
            assert set(mapping) == set(COLUMNS)
            plan = sheet_import.plan(session=session, slug="ariel-2025", table=table, mapping=mapping)
            assert (plan.problems, plan.new, plan.changed) == ([], [], []), plan.problems[:3]
            assert plan.unchanged == len(table.rows)


def test_the_sample_workbook_imports_and_exports_with_the_same_rows(demo: Engine) -> None:
    table = read_table(SAMPLE.read_bytes(), SAMPLE.name)
    mapping = guess_mapping(table.headers)
    assert {"date", "start", "end", "title", "kind", "venue", "space", "lead_agency", "supporting", "people"} <= set(
        mapping
    )
    before = _count(demo)
    with session_scope(demo) as session:
        plan = sheet_import.plan(session=session, slug="ariel-2025", table=table, mapping=mapping)
        assert plan.problems == [] and plan.conflicts == [], (plan.problems, [c.message("es") for c in plan.conflicts])
        sheet_import.apply(session=session, slug="ariel-2025", table=table, mapping=mapping)
    assert _count(demo) == before + len(table.rows)
    with Session(demo) as session:
        exported = _xlsx_rows(schedule_sheet.export(session=session, slug="ariel-2025", fmt="xlsx"))
    by_title = {r[4]: r for r in exported[1:]}
    for day, start, end, title, _kind, _venue, space, *_ in table.rows:
        row = by_title[title]
        d, m, y = day.split("/")
        assert (row[0], row[1].lstrip("0"), row[3].lstrip("0"), row[9]) == (f"{y}-{m}-{d}", start, end, space), row
    teardown = by_title["Desmontaje de escenografía"]
    assert (teardown[2], teardown[3]) == ("2025-09-21", "02:00")  # past midnight, as the planner wrote it
    assert "Karla Souza (conduce)" in by_title["Revisión de guion de la ceremonia"][12]
    assert by_title["Conferencia de prensa de ganadores"][11] == "Canal 22; Filma Jalisco"


def test_errors_are_named_by_row_and_column_and_nothing_is_written(demo: Engine) -> None:
    table = read_table(
        (
            "Día,Hora inicio,Hora fin,Actividad,Sala,Participantes\n"
            "2025-09-20,10:00,11:00,Bien,Sala de prensa,\n"
            "31/02/2025,10:00,11:00,Fecha imposible,,\n"
            "2025-09-20,diez,11:00,Hora mala,Sala inexistente,Nadie Conocido (presenta)\n"
        ).encode(),
        "plan.csv",
    )
    mapping = guess_mapping(table.headers)
    before = _count(demo)
    with Session(demo) as session:
        plan = sheet_import.plan(session=session, slug="ariel-2025", table=table, mapping=mapping)
    found = {(p.row, p.column) for p in plan.problems}
    assert found == {(3, "Día"), (4, "Hora inicio"), (4, "Sala"), (4, "Participantes")}, plan.problems
    with pytest.raises(sheet_import.SheetRefused), session_scope(demo) as session:
        sheet_import.apply(session=session, slug="ariel-2025", table=table, mapping=mapping)
    assert _count(demo) == before


def test_conflicts_are_reported_for_the_whole_sheet_before_saving(demo: Engine) -> None:
    table = read_table(
        (
            "Fecha,Inicio,Fin,Título,Espacio\n"
            "2025-09-20,14:00,15:00,Prueba de sonido,Gran Salón Vallarta\n"  # the rehearsal is there
            "2025-09-21,09:00,10:00,Uno,Sala de prensa\n"
            "2025-09-21,09:30,10:30,Otro,Sala de prensa\n"  # two rows of the sheet clash
        ).encode(),
        "plan.csv",
    )
    mapping = guess_mapping(table.headers)
    with Session(demo) as session:
        plan = sheet_import.plan(session=session, slug="ariel-2025", table=table, mapping=mapping)
    messages = [c.message("es") for c in plan.conflicts]
    assert any("Ensayo general" in m and "Prueba de sonido" in m for m in messages), messages
    assert any("«Uno» y «Otro»" in m for m in messages), messages
    with pytest.raises(sheet_import.SheetRefused), session_scope(demo) as session:
        sheet_import.apply(session=session, slug="ariel-2025", table=table, mapping=mapping)
    with session_scope(demo) as session:
        sheet_import.apply(session=session, slug="ariel-2025", table=table, mapping=mapping, confirmed=True)


def test_a_formula_in_a_title_stays_text(demo: Engine) -> None:
    with session_scope(demo) as session:
        item = session.exec(select(ScheduleItem).where(ScheduleItem.title == "Ensayo general")).one()
        item.title = '=HYPERLINK("http://x.example","clic")'
    with Session(demo) as session:
        raw = schedule_sheet.export(
            session=session, slug="ariel-2025", fmt="xlsx", filters=PlanFilters(text="HYPERLINK")
        )
        text = schedule_sheet.export(session=session, slug="ariel-2025", fmt="csv").decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(raw)).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if str(c.value).startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)
    assert "'=HYPERLINK" in text


def test_hostile_sheets_are_refused_or_trimmed_never_a_crash() -> None:
    from logistics_app.domain.sheet import MAX_COLUMNS, UnreadableSheet, to_xlsx

    wide = read_table(("a," * 5000 + "b\n1,2\n").encode(), "wide.csv")
    assert len(wide.headers) == MAX_COLUMNS
    with pytest.raises(UnreadableSheet):
        read_table(b"PK\x03\x04 not a workbook", "roto.xlsx")
    with pytest.raises(UnreadableSheet):
        read_table(b"\n\n", "vacia.csv")
    raw = to_xlsx(["Título"], [["Campana\x0b de prueba"]], title="Programa")
    assert _xlsx_rows(raw)[1][0] == "Campana de prueba"
