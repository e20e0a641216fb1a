"""The schedule as a spreadsheet (.xlsx or CSV): the columns the app writes and reads, reading a
planner's own sheet whatever its column names, and writing cells Excel shows as text.

A row is one item: its day and times in the event's zone, what it is, where, who leads and
supports it, who takes part ("Nombre (papel); Nombre"), and its UID, so that a sheet exported,
edited and imported again changes the same items instead of adding new ones."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from logistics_app.domain.nominations_csv import FORMULA_STARTS, safe_cell
from logistics_app.domain.text import decode, fold

# The sheet's columns, in order; each with the header the app writes in each language.
COLUMNS = (
    "date",
    "start",
    "end_date",
    "end",
    "title",
    "kind",
    "status",
    "visibility",
    "venue",
    "space",
    "lead_agency",
    "supporting",
    "people",
    "description",
    "notes",
    "uid",
)
REQUIRED = ("date", "start", "end", "title")
MAX_ROWS = 5000
MAX_COLUMNS = 60  # a planner's sheet has a few dozen at most; more are read as not there
MAX_BYTES = 5 * 1024 * 1024
# Other names planners give these columns (compared without accents or case).
ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("fecha", "dia", "day", "date", "fecha de inicio", "start date"),
    "start": ("inicio", "hora de inicio", "hora inicio", "start", "start time", "desde", "from"),
    "end_date": ("fecha de fin", "fecha fin", "end date"),
    "end": ("fin", "hora de fin", "hora fin", "termino", "end", "end time", "hasta", "to"),
    "title": ("titulo", "actividad", "nombre", "evento", "title", "activity", "session", "sesion"),
    "kind": ("tipo", "kind", "type"),
    "status": ("estado", "estatus", "status"),
    "visibility": ("visibilidad", "visibility", "publico"),
    "venue": ("sede", "lugar", "venue", "place", "location", "ubicacion"),
    "space": ("espacio", "sala", "salon", "space", "room"),
    "lead_agency": ("agencia responsable", "responsable", "agencia", "lead agency", "agency", "lead"),
    "supporting": ("agencias de apoyo", "apoyo", "apoyan", "supporting agencies", "supporting"),
    "people": ("personas", "participantes", "people", "participants", "presenters", "presentan"),
    "description": ("descripcion", "descripcion publica", "description", "public description"),
    "notes": ("notas", "notas internas", "notes", "internal notes", "observaciones"),
    "uid": ("uid", "id", "identificador"),
}


@dataclass
class Table:
    """A sheet as read: its header cells and its rows of text (the header is row 1)."""

    headers: list[str]
    rows: list[list[str]]


class UnreadableSheet(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Which column (by position) holds each field, from the header names: the app's own headers
    in either language, or the names planners usually give them."""
    names = [fold(h).strip() for h in headers]
    mapping: dict[str, int] = {}
    for name in COLUMNS:
        for alias in ALIASES[name]:
            if alias in names and names.index(alias) not in mapping.values():
                mapping[name] = names.index(alias)
                break
    return mapping


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def read_table(raw: bytes, filename: str) -> Table:
    """An .xlsx (its first sheet) or a CSV (UTF-8, with or without BOM; comma, semicolon or tab)."""
    if len(raw) > MAX_BYTES:
        raise UnreadableSheet("too_big")
    if filename.lower().endswith(".xlsx") or raw[:2] == b"PK":
        try:
            book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as error:  # a zip that is not a workbook, a damaged file
            raise UnreadableSheet("not_a_sheet") from error
        try:
            sheet = book.worksheets[0]
            cells = [
                [_cell_text(v) for v in row]
                for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS * 2, max_col=MAX_COLUMNS)
            ]
        except Exception as error:  # a damaged part of the workbook
            raise UnreadableSheet("not_a_sheet") from error
        finally:
            book.close()
    else:
        try:
            text = decode(raw)
        except UnicodeDecodeError as error:
            raise UnreadableSheet("not_utf8") from error
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        try:
            cells = [
                [_unescape(_cell_text(v)) for v in row[:MAX_COLUMNS]] for row in csv.reader(io.StringIO(text), dialect)
            ]
        except csv.Error as error:  # a field larger than csv's limit, a stray NUL
            raise UnreadableSheet("not_a_sheet") from error
    cells = [row for row in cells if any(c.strip() for c in row)]
    if not cells:
        raise UnreadableSheet("empty")
    if len(cells) > MAX_ROWS + 1:
        raise UnreadableSheet("too_many_rows")
    width = max(len(row) for row in cells)
    padded = [row + [""] * (width - len(row)) for row in cells]
    return Table(headers=padded[0], rows=padded[1:])


def _unescape(text: str) -> str:
    """A cell this app (or Excel) escaped with an apostrophe so that it is not a formula."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text


def parse_day(text: str) -> date | None:
    """2025-09-20, 20/09/2025 (day first, as in Mexico) or 20-09-2025."""
    text = text.strip()[:10] if len(text.strip()) > 10 and text.strip()[4] == "-" else text.strip()
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text, form).date()  # noqa: DTZ007 (a day, no time: no zone)
        except ValueError:
            continue
    return None


def parse_clock(text: str) -> time | None:
    """20:00, 8:00, 20.00, or the time part of a date-time cell."""
    text = text.strip()
    if " " in text:
        text = text.rsplit(" ", 1)[-1]
    text = text.replace(".", ":")
    for form in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.strptime(text, form).time()  # noqa: DTZ007 (a wall-clock time: no zone)
        except ValueError:
            continue
    return None


def split_list(text: str) -> list[str]:
    """A cell listing several names: "Canal 22; Filma Jalisco" (semicolons, or line breaks)."""
    return [part.strip() for part in text.replace("\n", ";").split(";") if part.strip()]


def split_person(text: str) -> tuple[str, str]:
    """ "Karla Souza (presenta)" as the name and the role's word ("" when there is none)."""
    name, _, rest = text.partition("(")
    return name.strip(), rest.rstrip(")").strip()


def to_xlsx(headers: list[str], rows: list[list[str]], *, title: str) -> bytes:
    """A workbook with the header in bold, frozen, filterable; every cell text (never a formula)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31] or "Programa"
    sheet.append(headers)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])  # control characters xlsx cannot hold
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # openpyxl took it for a formula: it is text
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    widths = {"title": 40, "description": 40, "notes": 30, "people": 36, "supporting": 24, "venue": 28, "uid": 20}
    for index, name in enumerate(COLUMNS):
        sheet.column_dimensions[sheet.cell(row=1, column=index + 1).column_letter].width = widths.get(name, 14)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(headers: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with a BOM, CRLF, every cell safe for Excel (a leading = + - @ is escaped)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([[safe_cell(cell) for cell in row] for row in rows])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
