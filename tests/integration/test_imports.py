from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from logistics_app.db import session_scope
from logistics_app.domain.ics_import import ImportRejected
from logistics_app.models import Event, EventKind, ScheduleItem, Space
from logistics_app.queries import feeds
from logistics_app.queries.conflicts import event_conflicts
from logistics_app.services.imports import run_import
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
    return run_import(slug="muestra-filma-2025", raw=raw, engine=engine, **options)  # type: ignore[arg-type]


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
            session=session,
            spec=feeds.event_spec(session=session, slug="ariel-2025"),
            now=datetime(2025, 9, 1, tzinfo=UTC),
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
            session=session,
            spec=feeds.event_spec(session=session, slug="muestra-filma-2025"),
            now=datetime(2025, 9, 1, tzinfo=UTC),
        ).body

    def instants(body: bytes) -> set[tuple[str, str, str, str]]:
        return {
            (str(e["UID"]), e.decoded("DTSTART").isoformat(), e.decoded("DTEND").isoformat(), str(e["SUMMARY"]))
            for e in Calendar.from_ical(body).walk("VEVENT")
        }

    assert instants(again) == instants(exported)


def _raw(*events: list[str]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//socio//ES"]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def test_events_without_uid_import_and_import_again_without_duplicates(sqlite_engine: Engine) -> None:
    _event(sqlite_engine)
    raw = _raw(
        ["SUMMARY:Ensayo", "DTSTART:20250905T160000Z", "DTEND:20250905T180000Z"],
        ["SUMMARY:Prensa", "DTSTART:20250905T190000Z", "DTEND:20250905T200000Z"],
    )
    dry = _import(sqlite_engine, raw, dry_run=True)
    real = _import(sqlite_engine, raw)
    assert (dry.added, dry.warnings) == (real.added, real.warnings) and len(real.added) == 2
    again = _import(sqlite_engine, raw)
    assert (again.added, len(again.unchanged)) == ([], 2)
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(ScheduleItem)).one() == 2


def _item(engine: Engine, title: str) -> ScheduleItem:
    with Session(engine) as session:
        return session.exec(select(ScheduleItem).where(ScheduleItem.title == title)).one()


def test_location_names_our_space_so_its_clashes_are_seen(demo: Engine) -> None:
    raw = _raw(
        # The ceremony's room, written as a partner would: no accents, other case.
        [
            "UID:visita-1",
            "SUMMARY:Visita de patrocinadores",
            "DTSTART:20250921T030000Z",
            "DURATION:PT1H",
            "LOCATION:gran salon vallarta, centro internacional de convenciones (CIC) de puerto vallarta",
            "CATEGORIES:Recorrido",
        ],
        [
            "UID:visita-2",
            "SUMMARY:Comida con la prensa",
            "DTSTART:20250920T190000Z",
            "DURATION:PT1H",
            "LOCATION:Restaurante La Palapa\\, Puerto Vallarta",
        ],
    )
    report = run_import(slug="ariel-2025", raw=raw, engine=demo)
    assert len(report.added) == 2
    visit, lunch = _item(demo, "Visita de patrocinadores"), _item(demo, "Comida con la prensa")
    with Session(demo) as session:
        salon = session.exec(select(Space).where(Space.name == "Gran Salón Vallarta")).one()
        clashes = event_conflicts(session=session, slug="ariel-2025")
    assert (visit.space_id, visit.venue_id, visit.kind, visit.location_text) == (salon.id, salon.venue_id, "tour", "")
    assert (lunch.venue_id, lunch.location_text) == (None, "Restaurante La Palapa, Puerto Vallarta")
    assert any(visit.id in c.item_ids and c.kind == "space" for c in clashes)


def test_an_export_imported_into_another_event_comes_back_whole(demo: Engine) -> None:
    """Export, import into another event of the same installation, export again: instants,
    titles, places, zones and kinds come back; importing the same export twice adds nothing."""
    now = datetime(2025, 9, 1, tzinfo=UTC)
    with session_scope(demo) as session:
        exported = feeds.render(
            session=session, spec=feeds.event_spec(session=session, slug="ariel-2025"), now=now
        ).body
        session.add(
            Event(
                slug="ariel-copia",
                name="Copia",
                kind=EventKind.AWARDS_CEREMONY,
                start_date=date(2025, 9, 19),
                end_date=date(2025, 9, 21),
            )
        )
    first = run_import(slug="ariel-copia", raw=exported, engine=demo, visibility="public")
    second = run_import(slug="ariel-copia", raw=exported, engine=demo, visibility="public")
    assert (len(first.added), second.added, len(second.unchanged)) == (6, [], 6)
    with session_scope(demo) as session:
        publish(session=session, slug="ariel-copia", actor=None)
        again = feeds.render(session=session, spec=feeds.event_spec(session=session, slug="ariel-copia"), now=now).body

    def seen(body: bytes) -> list[tuple[str, ...]]:
        return sorted(
            (
                e.decoded("DTSTART").isoformat(),
                e.decoded("DTEND").isoformat(),
                str(e["DTSTART"].params.get("TZID", "")),
                str(e["SUMMARY"]),
                str(e.get("LOCATION", "")),
                str(e["CATEGORIES"].cats[0]),
            )
            for e in Calendar.from_ical(body).walk("VEVENT")
        )

    assert seen(again) == seen(exported)


def test_mutated_calendars_never_break_the_import_service(sqlite_engine: Engine) -> None:
    """The importer's fuzz cases once more through the service and the database (a dry run each)."""
    import random

    from tests.unit.test_import_fuzz import FIXTURES, _mutate

    _event(sqlite_engine)
    rng = random.Random(7)
    bases = [p.read_bytes() for p in sorted(FIXTURES.glob("*.ics"))]
    outcomes = []
    for _ in range(300):
        raw = _mutate(rng.choice(bases), rng)
        try:
            _import(sqlite_engine, raw, dry_run=True)
            outcomes.append("imported")
        except ImportRejected:
            outcomes.append("refused")
    assert {"imported", "refused"} <= set(outcomes)
    with Session(sqlite_engine) as session:
        assert session.exec(select(func.count()).select_from(ScheduleItem)).one() == 0
