"""Nominations as a spreadsheet: reading what Excel writes, writing what Excel opens safely.

One row per nomination: a nominated work, or one or more people nominated for a work (their names
in `personas`, separated by ";"). Every problem is reported with its row and column; nothing is
half-read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from logistics_app.domain.text import decode
from logistics_app.i18n import t

COLUMNS = ("categoria", "titulo", "anio", "direccion", "produccion", "personas", "notas")
REQUIRED = ("categoria", "titulo")
LIMITS = {"categoria": 200, "titulo": 300, "direccion": 300, "produccion": 500, "personas": 500, "notas": 2000}
# A cell that starts with one of these is a formula to Excel or LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    row: int  # the spreadsheet's row number (the header is row 1)
    column: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "es") -> str:
        where = (
            t("csv.where", lang, row=self.row, column=self.column)
            if self.column
            else t("csv.where_row", lang, row=self.row)
        )
        return f"{where}: {t(f'csv.{self.code}', lang, **self.params)}"


@dataclass(frozen=True)
class NominationRow:
    row: int
    category: str
    title: str
    year: int | None
    director: str
    producer: str
    people: tuple[str, ...]
    notes: str

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """What makes two rows the same nomination: category, work and people (case-insensitive)."""
        return (self.category.casefold(), self.title.casefold(), tuple(sorted(p.casefold() for p in self.people)))


class CsvRejected(Exception):
    """The file cannot be imported; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems

    def report(self, lang: str = "es") -> list[str]:
        return [p.message(lang) for p in self.problems]


def _text(raw: bytes) -> str:
    """The file as text (see `decode`); bytes even Windows-1252 cannot read are refused, naming their line."""
    try:
        return decode(raw)
    except UnicodeDecodeError:
        # Bytes undefined even in Windows-1252: name the first line that has one.
        line = raw[: _first_bad_byte(raw)].count(b"\n") + 1
        raise CsvRejected([Problem(line, "", "encoding")]) from None


def _first_bad_byte(raw: bytes) -> int:
    for index, byte in enumerate(raw):
        if byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D):
            return index
    return 0


def _split_people(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(name.split()) for name in cell.split(";") if name.strip()))


def read_rows(raw: bytes) -> list[NominationRow]:
    """Every row checked; CsvRejected lists all the problems of the file at once."""
    if raw.startswith(b"PK\x03\x04"):
        raise CsvRejected([Problem(1, "", "xlsx")])
    text = _text(raw)
    if not text.strip():
        raise CsvRejected([Problem(1, "", "empty")])
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().casefold() for h in next(reader)]
    except csv.Error:
        raise CsvRejected([Problem(1, "", "unreadable")]) from None
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    if missing or unknown:
        header_problems = [Problem(1, c, "missing_column") for c in missing]
        header_problems += [Problem(1, h, "unknown_column", {"columns": ", ".join(COLUMNS)}) for h in unknown]
        raise CsvRejected(header_problems)
    rows: list[NominationRow] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str, tuple[str, ...]], int] = {}
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                problems.append(Problem(number, "", "too_many_cells", {"expected": len(header), "got": len(cells)}))
                continue
            values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header) if name}
            row_problems = _check(number, values)
            problems += row_problems
            if row_problems:
                continue
            year = values.get("anio", "")
            row = NominationRow(
                row=number,
                category=" ".join(values["categoria"].split()),
                title=" ".join(values["titulo"].split()),
                year=int(year) if year else None,
                director=values.get("direccion", ""),
                producer=values.get("produccion", ""),
                people=_split_people(values.get("personas", "")),
                notes=values.get("notas", ""),
            )
            if row.key in seen:
                problems.append(Problem(number, "titulo", "duplicate_row", {"other": seen[row.key]}))
                continue
            seen[row.key] = number
            rows.append(row)
    except csv.Error as error:
        problems.append(Problem(reader.line_num, "", "unreadable_row", {"reason": str(error)}))
    if problems:
        raise CsvRejected(problems)
    if not rows:
        raise CsvRejected([Problem(2, "", "no_rows")])
    return rows


def _check(number: int, values: dict[str, str]) -> list[Problem]:
    problems = [Problem(number, name, "required") for name in REQUIRED if not values.get(name)]
    for name, limit in LIMITS.items():
        if len(values.get(name, "")) > limit:
            problems.append(Problem(number, name, "too_long", {"max": limit}))
    year = values.get("anio", "")
    if year and not (year.isdigit() and 1890 <= int(year) <= 2100):
        problems.append(Problem(number, "anio", "bad_year", {"value": year}))
    return problems


def safe_cell(value: object) -> str:
    """A cell Excel shows as text: a leading = + - @ (a formula) is escaped with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_rows(rows: list[dict[str, object]], columns: tuple[str, ...], *, for_excel: bool = True) -> bytes:
    """UTF-8 with a BOM (Excel then reads the accents right), CRLF, every cell made safe for Excel
    (for_excel=False keeps cells as they are, for files that only this app reads back)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [safe_cell(row.get(name, "")) if for_excel else str(row.get(name, "") or "") for name in columns]
        )
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
