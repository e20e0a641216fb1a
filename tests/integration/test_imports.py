from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from logistics_app.db import session_scope
from logistics_app.domain.ics_import import ImportRejected
from logistics_app.models import Event, EventKind, ScheduleItem
from logistics_app.services import feeds
from logistics_app.services.imports import import_ics
from logistics_app.services.releases import publish

pytestmark = pytest.mark.integration


def _event(engine: Engine, slug: str = "muestra-filma-2025") -> None:
    with session_scope(engine) as session:
        session.add(
            Event(
                slug=slug,
                name="Muestra FILMA",
                kind=EventKind.FESTIVAL,
                start_date=date(2025, 9, 1),
                end_date=date(2025, 9, 30),
            )
        )


def _calendar(*events: tuple[str, int, str, str]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//socio//ES"]
    for uid, sequence, start, status in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20250801T000000Z",
            f"SEQUENCE:{sequence}",
            f"SUMMARY:Función {uid}",
            f"DTSTART;TZID=America/Mexico_City:{start}",
            "DURATION:PT2H",
            f"STATUS:{status}",
            "END:VEVENT",
        ]
    lines += [
        "BEGIN:VEVENT",
        "UID:serie",
        "DTSTAMP:20250801T000000Z",
        "SUMMARY:Taller semanal",
        "DTSTART;TZID=America/Mexico_City:20250902T170000",
        "DTEND;TZID=America/Mexico_City:20250902T200000",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()


def _import(engine: Engine, raw: bytes, **options: object):  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return import_ics(session=session, slug="muestra-filma-2025", raw=raw, **options)  # type: ignore[arg-type]


def test_importing_again_updates_instead_of_duplicating(sqlite_engine: Engine) -> None:
    _event(sqlite_engine)
    first = _import(
        sqlite_engine, _calendar(("a", 0, "20250905T180000", "CONFIRMED"), ("b", 0, "20250906T180000", "CONFIRMED"))
    )
    assert (len(first.added), first.summary()) == (5, "5 nuevas, 0 cambiadas, 0 canceladas, 0 sin cambios.")
    again = _import(
        sqlite_engine, _calendar(("a", 0, "20250905T180000", "CONFIRMED"), ("b", 0, "20250906T180000", "CONFIRMED"))
    )
    assert (len(again.added), len(again.unchanged)) == (0, 5)
    moved = _import(
        sqlite_engine, _calendar(("a", 1, "20250905T190000", "CONFIRMED"), ("b", 1, "20250906T180000", "CANCELLED"))
    )
    assert (moved.changed, moved.cancelled) == (["Función a"], ["Función b"])
    older = _import(
        sqlite_engine, _calendar(("a", 0, "20250905T120000", "CONFIRMED"), ("b", 1, "20250906T180000", "CANCELLED"))
    )
    assert older.changed == [] and "Función a" in older.unchanged  # an older SEQUENCE changes nothing
    with Session(sqlite_engine) as session:
        items = {i.source_key: i for i in session.exec(select(ScheduleItem)).all()}
    assert len(items) == 5
    assert items["a"].start_utc == datetime(2025, 9, 6, 1, tzinfo=UTC) and items["a"].sequence == 1
    assert items["b"].status == "cancelled"
    assert sorted(k for k in items if k.startswith("serie#")) == [
        "serie#20250902T230000Z",
        "serie#20250909T230000Z",
        "serie#20250916T230000Z",
    ]


def test_a_dry_run_and_a_broken_file_store_nothing(sqlite_engine: Engine) -> None:
    _event(sqlite_engine)
    report = _import(sqlite_engine, _calendar(("a", 0, "20250905T180000", "CONFIRMED")), dry_run=True)
    assert len(report.added) == 4 and report.dry_run
    broken = _calendar(("a", 0, "20250905T180000", "CONFIRMED")).replace(b"20250905T180000", "mañana".encode())
    with pytest.raises(ImportRejected) as refused:
        _import(sqlite_engine, broken)
    assert refused.value.message().startswith("Línea ")
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(ScheduleItem)).one() == 0


def test_an_exported_feed_comes_back_with_the_same_uids_and_instants(
    demo_engine: Engine, sqlite_engine: Engine
) -> None:
    with Session(demo_engine) as session:
        exported = feeds.render(
            session, feeds.event_spec(session, "ariel-2025"), now=datetime(2025, 9, 1, tzinfo=UTC)
        ).body
    with session_scope(sqlite_engine) as session:
        session.add(
            Event(
                slug="muestra-filma-2025",
                name="Copia del Ariel",
                kind=EventKind.AWARDS_CEREMONY,
                start_date=date(2025, 9, 19),
                end_date=date(2025, 9, 21),
                is_public=True,
            )
        )
    report = _import(sqlite_engine, exported, visibility="public")
    assert len(report.added) == 6
    with session_scope(sqlite_engine) as session:
        publish(session=session, slug="muestra-filma-2025", actor=None)
    with Session(sqlite_engine) as session:
        again = feeds.render(
            session, feeds.event_spec(session, "muestra-filma-2025"), now=datetime(2025, 9, 1, tzinfo=UTC)
        ).body

    def instants(body: bytes) -> set[tuple[str, str, str, str]]:
        return {
            (str(e["UID"]), e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat(), str(e["SUMMARY"]))
            for e in Calendar.from_ical(body).walk("VEVENT")
        }

    assert instants(again) == instants(exported)
