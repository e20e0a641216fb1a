"""The importer never invents or loses anything without a word: each case as a small calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar.timezone import tzp as icalendar_tzp

from logistics_app.domain.ics_import import ImportRejected, kind_from_categories, read_calendar
from logistics_app.models import ItemKind

pytestmark = pytest.mark.unit
SEPTEMBER = {"zone": "America/Mexico_City", "first": date(2025, 9, 19), "last": date(2025, 9, 21)}


def calendar(*events: list[str], head: tuple[str, ...] = ()) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//prueba//ES", *head]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def refusal(raw: bytes, lang: str = "es") -> str:
    with pytest.raises(ImportRejected) as refused:
        read_calendar(raw, **SEPTEMBER)  # type: ignore[arg-type]
    message = refused.value.message(lang)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_events_without_uid_get_a_stable_key_from_their_content() -> None:
    raw = calendar(
        ["SUMMARY:Ensayo", "DTSTART:20250920T160000Z", "DTEND:20250920T180000Z"],
        ["SUMMARY:Rueda de prensa", "DTSTART:20250920T190000Z", "DTEND:20250920T200000Z"],
    )
    first = read_calendar(raw, **SEPTEMBER)  # type: ignore[arg-type]
    again = read_calendar(raw, **SEPTEMBER)  # type: ignore[arg-type]
    assert [i.key for i in first.items] == [i.key for i in again.items]
    assert len({i.key for i in first.items}) == 2 and all(i.key.startswith("sin-uid:") for i in first.items)
    assert [w.code for w in first.warnings] == ["import.no_uid"]


def test_identical_events_without_uid_are_imported_once_and_said() -> None:
    same = ["SUMMARY:Ensayo", "DTSTART:20250920T160000Z", "DTEND:20250920T180000Z"]
    result = read_calendar(calendar(same, same), **SEPTEMBER)  # type: ignore[arg-type]
    assert len(result.items) == 1
    assert "«Ensayo»: 2 eventos idénticos sin UID; se importó uno." in [w.message() for w in result.warnings]


def test_a_uid_given_twice_keeps_its_newest_sequence() -> None:
    old = ["UID:x", "SEQUENCE:1", "SUMMARY:Ensayo", "DTSTART:20250920T160000Z", "DTEND:20250920T180000Z"]
    new = ["UID:x", "SEQUENCE:2", "SUMMARY:Ensayo", "DTSTART:20250920T170000Z", "DTEND:20250920T190000Z"]
    result = read_calendar(calendar(new, old), **SEPTEMBER)  # type: ignore[arg-type]
    assert [(i.sequence, i.start) for i in result.items] == [(2, datetime(2025, 9, 20, 17, tzinfo=UTC))]


def test_an_unknown_time_zone_is_refused_naming_the_line_and_the_value() -> None:
    raw = calendar(["UID:a", "SUMMARY:Gala", "DTSTART;TZID=Hora de Vallarta:20250920T200000", "DURATION:PT3H"])
    assert refusal(raw) == (
        "Línea 7: la zona horaria «Hora de Vallarta» no se reconoce: no es un nombre IANA ni de Windows y el "
        "archivo no la describe con un VTIMEZONE."
    )
    assert refusal(raw, "en").startswith("Line 7: the time zone “Hora de Vallarta” is not known")


def test_an_end_before_the_start_is_refused_not_swapped() -> None:
    raw = calendar(["UID:a", "SUMMARY:Gala", "DTSTART:20250920T200000Z", "DTEND:20250920T180000Z"])
    assert refusal(raw) == "Línea 8: el evento «Gala» termina (20250920T180000Z) antes de empezar (20250920T200000Z)."


def test_a_start_that_cannot_be_read_is_refused_with_its_value() -> None:
    raw = calendar(["UID:a", "SUMMARY:Gala", "DTSTART:2025-09-20 20:00", "DURATION:PT3H"])
    assert refusal(raw) == "Línea 7: el valor «2025-09-20 20:00» de DTSTART no es una fecha ni una hora válida."
    missing = calendar(["UID:a", "SUMMARY:Gala", "DURATION:PT3H"])
    assert refusal(missing) == "Línea 4: el evento «Gala» no tiene fecha de inicio (DTSTART)."


def test_a_file_cut_short_is_one_sentence_with_its_line() -> None:
    whole = calendar(["UID:a", "SUMMARY:Gala", "DTSTART:20250920T200000Z", "DURATION:PT3H"])
    cut = whole[: whole.index(b"DURATION")]
    assert refusal(cut) == ("Línea 7: el archivo termina sin cerrar VEVENT (abierto en la línea 4); parece incompleto.")
    crossed = whole.replace(b"END:VEVENT", b"END:VTODO")
    assert refusal(crossed) == "Línea 9: hay un END:VTODO donde se esperaba END:VEVENT; el archivo está mal formado."


STALE_MEXICO = [
    "BEGIN:VTIMEZONE",
    "TZID:Central Standard Time (Mexico)",
    "BEGIN:STANDARD",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0600",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:-0600",
    "TZOFFSETTO:-0500",
    "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
]


@pytest.mark.parametrize("tzid", ["Central Standard Time (Mexico)", '"Central Standard Time (Mexico)"'])
def test_a_windows_zone_follows_todays_rules_over_a_stale_vtimezone(tzid: str) -> None:
    """Outlook's VTIMEZONE still says Mexico has daylight saving; since October 2022 it has not."""
    event = ["UID:a", "SUMMARY:Gala", f"DTSTART;TZID={tzid}:20250920T200000", f"DTEND;TZID={tzid}:20250920T230000"]
    result = read_calendar(calendar(event, head=tuple(STALE_MEXICO)), **SEPTEMBER)  # type: ignore[arg-type]
    assert result.items[0].start == datetime(2025, 9, 21, 2, tzinfo=UTC)  # 20:00 at UTC−6, not UTC−5
    assert [w.message() for w in result.warnings] == [
        "«Central Standard Time (Mexico)» es una zona de Windows; se leyó como America/Mexico_City con las reglas "
        "vigentes, no con las del VTIMEZONE del archivo (las de Outlook antiguo pueden estar desactualizadas)."
    ]


def test_every_date_of_a_series_inside_the_event_is_kept_and_the_rest_counted() -> None:
    weekly = ["UID:s", "SUMMARY:Taller", "DTSTART:20250913T170000Z", "DURATION:PT2H", "RRULE:FREQ=WEEKLY;COUNT=4"]
    three_days = read_calendar(calendar(weekly), **SEPTEMBER)  # type: ignore[arg-type]
    assert [i.start.day for i in three_days.items] == [20]
    assert [w.message() for w in three_days.warnings] == [
        "3 fechas del calendario caen fuera del evento (2025-09-19 a 2025-09-21) y no se importaron."
    ]
    month = read_calendar(calendar(weekly), zone="America/Mexico_City", first=date(2025, 9, 1), last=date(2025, 10, 31))
    assert [i.start.day for i in month.items] == [13, 20, 27, 4] and month.warnings == []
    assert len({i.key for i in month.items}) == 4


def test_a_single_event_outside_the_dates_is_counted_too() -> None:
    raw = calendar(["UID:a", "SUMMARY:Antes", "DTSTART:20250801T170000Z", "DURATION:PT1H"])
    result = read_calendar(raw, **SEPTEMBER)  # type: ignore[arg-type]
    assert result.items == [] and result.outside == 1


def test_location_and_categories_are_kept() -> None:
    raw = calendar(
        [
            "UID:a",
            "SUMMARY:Pedro Páramo",
            "DTSTART:20250920T170000Z",
            "DURATION:PT2H",
            "LOCATION:Sala 1\\, Cineteca",
            "CATEGORIES:Proyección,Cine",
        ]
    )
    item = read_calendar(raw, **SEPTEMBER).items[0]  # type: ignore[arg-type]
    assert (item.location, item.categories) == ("Sala 1, Cineteca", ("Proyección", "Cine"))


@pytest.mark.parametrize(
    ("categories", "kind"),
    [
        (("Proyección",), ItemKind.SCREENING),
        (("SCREENING",), ItemKind.SCREENING),
        (("Cine", "CEREMONIA"), ItemKind.CEREMONY),
        (("Reunión",), ItemKind.MEETING),
        (("Sin relación",), None),
    ],
)
def test_categories_name_a_kind_in_either_language(categories: tuple[str, ...], kind: str | None) -> None:
    assert kind_from_categories(categories, [str(k) for k in ItemKind]) == kind


def _custom_zone(offset: str) -> tuple[str, ...]:
    return (
        "BEGIN:VTIMEZONE",
        "TZID:Hora del Festival",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        "END:STANDARD",
        "END:VTIMEZONE",
    )


def test_a_zone_only_a_calendar_describes_is_read_from_that_calendar_alone() -> None:
    event = ["UID:a", "SUMMARY:Gala", "DTSTART;TZID=Hora del Festival:20250920T200000", "DURATION:PT1H"]
    west = read_calendar(calendar(event, head=_custom_zone("-0700")), **SEPTEMBER)  # type: ignore[arg-type]
    east = read_calendar(calendar(event, head=_custom_zone("-0500")), **SEPTEMBER)  # type: ignore[arg-type]
    # The second calendar's "Hora del Festival" is not the first one's, and neither stays behind.
    assert (west.items[0].start.hour, east.items[0].start.hour) == (3, 1)
    assert "Hora del Festival" not in icalendar_tzp._TZP__tz_cache


def test_a_rule_every_second_is_refused_before_it_is_followed() -> None:
    for rule in (
        "RRULE:FREQ=SECONDLY",
        "RRULE:FREQ=SECONDLY;COUNT=1000000",
        "RRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYMINUTE=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59;BYSECOND=0,30",
    ):
        event = ["UID:a", "SUMMARY:Bucle", "DTSTART:20250101T000000Z", "DURATION:PT1S", rule]
        month = {"zone": "America/Mexico_City", "first": date(2025, 9, 1), "last": date(2025, 10, 31)}
        with pytest.raises(ImportRejected) as refused:
            read_calendar(calendar(event), **month)  # type: ignore[arg-type]
        assert refused.value.message() == "El calendario tiene más de 20000 repeticiones en las fechas del evento."
