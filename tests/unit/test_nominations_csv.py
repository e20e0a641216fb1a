"""Nominations CSV: what Excel writes is read, every problem is named by row and column, and what
we write cannot run as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from logistics_app.domain.nominations_csv import CsvRejected, read_rows, safe_cell, write_rows

pytestmark = pytest.mark.unit
HEADER = "categoria,titulo,anio,direccion,produccion,personas,notas"


def _problems(raw: bytes) -> list[str]:
    with pytest.raises(CsvRejected) as rejected:
        read_rows(raw)
    return rejected.value.report()


def _semicolons(text: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(csv.reader(io.StringIO(text)))
    return out.getvalue()


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: text.encode("cp1252"),
        lambda text: _semicolons(text).encode("cp1252"),  # Excel with ";" as its list separator
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252", "windows-1252 with semicolons"],
)
def test_the_encodings_excel_writes_are_read_alike(encode) -> None:  # type: ignore[no-untyped-def]
    text = f"{HEADER}\r\nDirección,Sujo,2024,,,Astrid Rondero; Fernanda Valadez,Nominación conjunta\r\n"
    [row] = read_rows(encode(text))
    assert (row.category, row.title, row.year, row.people) == (
        "Dirección",
        "Sujo",
        2024,
        ("Astrid Rondero", "Fernanda Valadez"),
    )


def test_every_problem_is_named_by_row_and_column() -> None:
    raw = (
        f"{HEADER}\n"
        "Actriz,,,,,Luisa Huertas,\n"
        "Actriz,No nos moverán,19xx,,,Luisa Huertas,\n"
        "Actor,La cocina,,,,Raúl Briones,\n"
        "Actor,La cocina,,,,raúl briones,\n"
    ).encode()
    assert _problems(raw) == [
        "Fila 2, columna «titulo»: está vacía y es obligatoria.",
        "Fila 3, columna «anio»: «19xx» no es un año (por ejemplo 2024).",
        "Fila 5, columna «titulo»: repite la nominación de la fila 4.",
    ]


def test_files_that_are_not_the_expected_csv_are_refused_clearly() -> None:
    assert _problems(b"nombre,fecha\nAriel,2025\n") == [
        "Fila 1, columna «categoria»: falta esta columna en el encabezado.",
        "Fila 1, columna «titulo»: falta esta columna en el encabezado.",
        "Fila 1, columna «nombre»: columna desconocida; las columnas son: "
        "categoria, titulo, anio, direccion, produccion, personas, notas.",
        "Fila 1, columna «fecha»: columna desconocida; las columnas son: "
        "categoria, titulo, anio, direccion, produccion, personas, notas.",
    ]
    assert _problems(b"PK\x03\x04 binary") == [
        "Fila 1: es un libro de Excel (.xlsx); use «Guardar como» → «CSV UTF-8 (delimitado por comas)»."
    ]
    assert _problems(f"{HEADER}\nActor,La cocina\x81\n".encode("latin-1")) == [
        "Fila 2: el archivo no está en UTF-8 ni en Windows-1252; guárdelo como «CSV UTF-8»."
    ]
    assert _problems(b"") == ["Fila 1: el archivo está vacío."]
    assert _problems(f"{HEADER}\n".encode()) == ["Fila 2: no hay nominaciones debajo del encabezado."]


def test_cells_that_excel_would_run_are_written_as_text() -> None:
    assert [safe_cell(v) for v in ('=HYPERLINK("x")', "+52 33", "-1", "@SUM(A1)", "Sujo", 2024, None)] == [
        '\'=HYPERLINK("x")',
        "'+52 33",
        "'-1",
        "'@SUM(A1)",
        "Sujo",
        "2024",
        "",
    ]
    body = write_rows([{"categoria": "Actor", "titulo": "=1+1"}], ("categoria", "titulo"))
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body[3:].decode())))
    assert rows == [["categoria", "titulo"], ["Actor", "'=1+1"]]
