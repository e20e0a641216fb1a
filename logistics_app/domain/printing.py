"""Printed sheets (a day per space or per agency, the whole programme, the run sheet) as HTML
with a print stylesheet: A4, black on white, each group on its own page, the event, the zone and
the page number in the margins. integrations.pdf turns it into a PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Row:
    time: str  # "20:00–23:00"
    title: str
    place: str = ""
    who: str = ""  # lead agency, people
    note: str = ""  # status when not confirmed, minutes of a segment ...
    struck: bool = False  # cancelled


@dataclass
class Group:
    heading: str
    rows: list[Row] = field(default_factory=list)
    columns: tuple[str, str, str, str] | None = None  # this group's own headings (else the sheet's)


@dataclass
class Sheet:
    title: str  # "Hoja del día por espacio"
    subtitle: str  # the event and the day
    zone: str  # "Horas de America/Mexico_City (UTC−06:00)"
    columns: tuple[str, str, str, str]  # time, item, place, who
    groups: list[Group]
    empty: str  # what a sheet with no rows says
    lang: str = "es"
    footer: str = ""  # "Página" in the sheet's language
    show_place: bool = True  # a sheet per space says the place once, in each page's heading


CSS = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-left { content: string(event); font-size: 8pt; color: #444; }
  @bottom-right { content: "%(page)s " counter(page) " / " counter(pages); font-size: 8pt; color: #444; } }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #000; }
h1 { font-size: 16pt; margin: 0 0 2pt 0; string-set: event content(); }
p.sub { margin: 0 0 8pt 0; color: #222; }
section + section { break-before: page; }
h2 { font-size: 12.5pt; margin: 6pt 0 4pt 0; border-bottom: 1.2pt solid #000; padding-bottom: 2pt; }
table { width: 100%%; border-collapse: collapse; }
th { text-align: left; font-size: 8.5pt; border-bottom: 0.8pt solid #000; padding: 2pt 4pt; }
td { vertical-align: top; padding: 3pt 4pt; border-bottom: 0.4pt solid #999; }
td.time { white-space: nowrap; font-weight: bold; width: 24mm; }
td.item { width: 42%%; } td.place { width: 24%%; font-size: 9pt; } td.who { font-size: 9pt; }
tr { break-inside: avoid; }
.struck td { text-decoration: line-through; color: #555; }
.note { font-size: 8.5pt; color: #333; }
p.empty { color: #444; font-style: italic; }
"""


def sheet_html(sheet: Sheet) -> str:
    """The sheet as a standalone HTML page (its language, the print stylesheet inlined)."""
    e = escape
    parts = [
        f'<!doctype html><html lang="{e(sheet.lang)}"><head><meta charset="utf-8">',
        f"<title>{e(sheet.title)} · {e(sheet.subtitle)}</title>",
        f"<style>{CSS % {'page': e(sheet.footer)}}</style></head><body>",
    ]
    groups = sheet.groups or [Group("", [])]
    for group in groups:
        parts.append("<section>")
        parts.append(f"<h1>{e(sheet.title)}</h1><p class=sub>{e(sheet.subtitle)} · {e(sheet.zone)}</p>")
        if group.heading:
            parts.append(f"<h2>{e(group.heading)}</h2>")
        if not group.rows:
            parts.append(f"<p class=empty>{e(sheet.empty)}</p></section>")
            continue
        named = group.columns or sheet.columns
        columns = named if sheet.show_place else (*named[:2], named[3])
        head = "".join(f"<th>{e(c)}</th>" for c in columns)
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
        for row in group.rows:
            note = f'<div class="note">{e(row.note)}</div>' if row.note else ""
            place = f"<td class=place>{e(row.place)}</td>" if sheet.show_place else ""
            parts.append(
                f'<tr{" class=struck" if row.struck else ""}><td class="time">{e(row.time)}</td>'
                f"<td class=item>{e(row.title)}{note}</td>{place}<td class=who>{e(row.who)}</td></tr>"
            )
        parts.append("</tbody></table></section>")
    parts.append("</body></html>")
    return "".join(parts)
