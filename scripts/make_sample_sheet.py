"""Writes samples/programa-ariel-planeacion.xlsx: a planner's own sheet for the Ariel week, with
the column names planners use (not the app's), days written day first, times without a leading
zero and one item past midnight. Invented activities (see docs/DATA.md for the real facts)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

ROOT = Path(__file__).resolve().parent.parent
HEADERS = [
    "Día",
    "Hora inicio",
    "Hora fin",
    "Actividad",
    "Tipo",
    "Sede",
    "Sala",
    "Responsable",
    "Apoyo",
    "Participantes",
    "Notas",
]
ROWS = [
    [
        "19/09/2025",
        "13:00",
        "15:00",
        "Acreditación de prensa (primer día)",
        "Recepción",
        "CIC Puerto Vallarta",
        "Sala de prensa",
        "AMACC",
        "Canal 22",
        "",
        "Ejemplo inventado",
    ],
    [
        "19/09/2025",
        "18:30",
        "19:30",
        "Junta de producción con la televisora",
        "Reunión",
        "CIC Puerto Vallarta",
        "Camerinos",
        "AMACC",
        "Canal 22",
        "",
        "Ejemplo inventado",
    ],
    [
        "19/09/2025",
        "9:00",
        "12:00",
        "Acreditación de prensa (segundo día)",
        "Recepción",
        "CIC Puerto Vallarta",
        "Sala de prensa",
        "AMACC",
        "",
        "",
        "Ejemplo inventado",
    ],
    [
        "19/09/2025",
        "16:00",
        "17:00",
        "Revisión de guion de la ceremonia",
        "Reunión",
        "CIC Puerto Vallarta",
        "Camerinos",
        "AMACC",
        "",
        "Karla Souza (conduce)",
        "Ejemplo inventado",
    ],
    [
        "20/09/2025",
        "10:00",
        "11:30",
        "Prueba de cámaras en la explanada",
        "Montaje",
        "CIC Puerto Vallarta",
        "Explanada (alfombra roja)",
        "Canal 22",
        "AMACC",
        "",
        "Ejemplo inventado",
    ],
    [
        "20/09/2025",
        "11:30",
        "12:30",
        "Sesión informativa para medios",
        "Conferencia de prensa",
        "CIC Puerto Vallarta",
        "Sala de prensa",
        "AMACC",
        "Sectur Jalisco",
        "",
        "Ejemplo inventado",
    ],
    [
        "20/09/2025",
        "23:30",
        "2:00",
        "Desmontaje de escenografía",
        "Montaje",
        "CIC Puerto Vallarta",
        "Gran Salón Vallarta",
        "AMACC",
        "",
        "",
        "Ejemplo inventado: termina pasada la medianoche",
    ],
    [
        "21/09/2025",
        "9:00",
        "10:30",
        "Conferencia de prensa de ganadores",
        "Conferencia de prensa",
        "CIC Puerto Vallarta",
        "Sala de prensa",
        "AMACC",
        "Filma Jalisco; Canal 22",
        "",
        "Ejemplo inventado",
    ],
]


def main() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Semana Ariel"
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    book.properties.created = book.properties.modified = datetime(2025, 8, 1)  # noqa: DTZ001 (openpyxl: naive)
    out = ROOT / "samples" / "programa-ariel-planeacion.xlsx"
    book.save(out)
    print(out)


if __name__ == "__main__":
    main()
