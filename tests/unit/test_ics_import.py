"""Real calendars from other programs: each is read with the right count and instants, or refused
with a message naming the line (the corpus in tests/fixtures/ics/, see its SOURCES.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from logistics_app.domain.ics_import import ImportRejected, read_calendar

pytestmark = pytest.mark.unit
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "ics"
ZONE = "America/Mexico_City"
WIDE = {"zone": ZONE, "first": date(1990, 1, 1), "last": date(2039, 12, 31)}

# file: (occurrences, first start in UTC) or the refusal's message
EXPECTED: dict[str, tuple[int, str] | str] = {
    "ic_bom.ics": "El calendario no tiene eventos (VEVENT) que importar.",
    "ic_categories_commas.ics": (1, "2014-02-04T14:00:00+00:00"),
    "ic_google_ack.ics": (1, "2024-10-04T18:15:00+00:00"),
    "ic_google_alarm.ics": (1, "2024-10-04T18:15:00+00:00"),
    "ic_thunderbird_alarm.ics": (1, "2024-10-23T14:00:00+00:00"),
    "ij_google_birthday.ics": "Línea 12: el valor «20131210Z» de RDATE no es una fecha ni una hora válida.",
    "ij_tz_ny.ics": "El calendario no tiene eventos (VEVENT) que importar.",
    "ni_exchange_moved.ics": (51, "2026-02-19T06:00:00+00:00"),
    "ni_google_kiev.ics": (4, "2016-08-25T11:00:00+00:00"),
    # A quote swallowed the value: TZID="W. Europe Standard Time:20200609T090000".
    "ni_ms_timezones.ics": "Línea 152: la zona horaria «W. Europe Standard Time:20200609T090000» no se reconoce",
    "ni_office2012_owa.ics": (90, "2020-10-28T02:30:00+00:00"),  # "(GMT+10:00) Canberra, ...": Sydney
    "ni_windows_quoted_tz.ics": (8, "2015-07-06T16:00:00+00:00"),  # "(UTC-05:00) Eastern Time": New York
    "ric_cancel.ics": (3, "2020-01-28T21:00:00+00:00"),
    "ric_discourse.ics": (4, "2019-01-17T17:00:25+00:00"),
    "ric_fablab.ics": (291, "2018-06-09T05:00:00+00:00"),
    "ric_germany_holidays.ics": (34, "2019-01-01T06:00:00+00:00"),
    "ric_hpr.ics": (12, "2013-08-03T19:00:00+00:00"),
    "ric_machbar.ics": (6836, "2019-02-28T19:00:00+00:00"),
    "vo_ms_tzid.ics": (1, "2008-05-30T05:00:00+00:00"),  # a custom VTIMEZONE (Canberra, +10)
    "vo_radicale-0816.ics": (1, "2016-06-16T08:00:00+00:00"),
    "vo_timezones.ics": "Línea 1: El archivo no es un calendario iCalendar (.ics)",
    "vo_tzid_8bit.ics": (1, "2008-05-30T09:00:00+00:00"),  # an 8-bit TZID (Екатеринбург, +6)
}


def test_the_corpus_is_all_here() -> None:
    if not CORPUS.exists():
        pytest.fail(f"the corpus is missing at {CORPUS}")
    assert sorted(p.name for p in CORPUS.glob("*.ics")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_real_calendar_is_read_or_refused_clearly(name: str) -> None:
    raw = (CORPUS / name).read_bytes()
    expected = EXPECTED[name]
    if isinstance(expected, str):
        with pytest.raises(ImportRejected) as refused:
            read_calendar(raw, **WIDE)  # type: ignore[arg-type]
        assert refused.value.message().startswith(expected)
        return
    result = read_calendar(raw, **WIDE)  # type: ignore[arg-type]
    assert (len(result.items), result.items[0].start.isoformat()) == expected
    assert all(i.end > i.start and i.start.tzinfo is UTC for i in result.items)


def test_cancelled_occurrences_and_moved_ones_keep_their_keys() -> None:
    items = read_calendar((CORPUS / "ric_cancel.ics").read_bytes(), **WIDE).items  # type: ignore[arg-type]
    assert len({i.key for i in items}) == len(items)
    assert any(i.cancelled for i in items)


def _calendar(*lines: str, newline: str = "\r\n") -> bytes:
    return newline.join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//prueba//ES", *lines, "END:VCALENDAR", ""]).encode(
        "utf-8"
    )


def test_latin1_files_bare_lf_duration_and_floating_times_in_the_calendar_zone() -> None:
    raw = _calendar(
        "X-WR-TIMEZONE:America/Tijuana",
        "BEGIN:VEVENT",
        "UID:a",
        "DTSTAMP:20250101T000000Z",
        "SUMMARY:Función en Tijuana",
        "DTSTART:20250905T180000",
        "DURATION:PT2H",
        "END:VEVENT",
        newline="\n",
    ).replace("Función".encode(), "Función".encode("cp1252"))
    [item] = read_calendar(raw, zone=ZONE, first=date(2025, 9, 1), last=date(2025, 9, 30)).items
    assert item.title == "Función en Tijuana"
    assert (item.start, item.end) == (datetime(2025, 9, 6, 1, tzinfo=UTC), datetime(2025, 9, 6, 3, tzinfo=UTC))


def test_all_day_and_events_without_an_end() -> None:
    raw = _calendar(
        "BEGIN:VEVENT",
        "UID:b",
        "DTSTAMP:20250101T000000Z",
        "SUMMARY:Entrega de acreditaciones",
        "DTSTART;VALUE=DATE:20250919",
        "DTEND;VALUE=DATE:20250921",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:c",
        "DTSTAMP:20250101T000000Z",
        "SUMMARY:Cierre",
        "DTSTART:20250927T235900Z",
        "END:VEVENT",
    )
    items = {i.uid: i for i in read_calendar(raw, zone=ZONE, first=date(2025, 9, 1), last=date(2025, 9, 30)).items}
    assert items["b"].all_day and items["b"].start == datetime(2025, 9, 19, 6, tzinfo=UTC)
    assert items["b"].end == datetime(2025, 9, 21, 6, tzinfo=UTC)
    assert items["c"].end > items["c"].start


def test_text_that_is_not_a_calendar_is_refused() -> None:
    with pytest.raises(ImportRejected) as refused:
        read_calendar(b"Nombre,Fecha\nAriel,2025-09-20\n", zone=ZONE, first=date(2025, 1, 1), last=date(2025, 12, 31))
    assert refused.value.message("en").startswith("Line 1: The file is not an iCalendar")


def test_a_moved_occurrence_keeps_the_key_of_the_time_it_replaced() -> None:
    raw = _calendar(
        "BEGIN:VEVENT",
        "UID:s",
        "DTSTAMP:20250101T000000Z",
        "SUMMARY:Taller",
        "DTSTART;TZID=America/Mexico_City:20250902T170000",
        "DURATION:PT3H",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:s",
        "DTSTAMP:20250101T000000Z",
        "SUMMARY:Taller (movido)",
        "RECURRENCE-ID;TZID=America/Mexico_City:20250909T170000",
        "DTSTART;TZID=America/Mexico_City:20250910T170000",
        "DURATION:PT3H",
        "END:VEVENT",
    )
    items = read_calendar(raw, zone=ZONE, first=date(2025, 9, 1), last=date(2025, 9, 30)).items
    moved = next(i for i in items if i.title == "Taller (movido)")
    assert moved.key == "s#20250909T230000Z" and moved.start == datetime(2025, 9, 10, 23, tzinfo=UTC)
    assert len({i.key for i in items}) == 3


def test_outlook_windows_zone_names_are_read_as_their_iana_zones() -> None:
    raw = _calendar(
        "BEGIN:VEVENT",
        "UID:w",
        "DTSTAMP:20250101T000000Z",
        "SUMMARY:Junta con Sectur",
        "DTSTART;TZID=Central Standard Time (Mexico):20251013T100000",
        "DTEND;TZID=Central Standard Time (Mexico):20251013T120000",
        "END:VEVENT",
    )
    [item] = read_calendar(raw, zone="America/Tijuana", first=date(2025, 10, 1), last=date(2025, 10, 31)).items
    assert (item.start, item.end) == (datetime(2025, 10, 13, 16, tzinfo=UTC), datetime(2025, 10, 13, 18, tzinfo=UTC))
