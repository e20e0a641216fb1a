"""A venue subscribed to its own calendar, refreshed against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from logistics_app.db import session_scope
from logistics_app.domain.conflicts import ConflictKind
from logistics_app.domain.errors import ValidationFailed
from logistics_app.integrations.remote_calendar import FetchPolicy
from logistics_app.models import Agency, AgencyKind, BusyBlock, Event, EventKind, ItemKind, ScheduleItem, Venue
from logistics_app.queries.conflicts import event_conflicts, preview_conflicts
from logistics_app.services import external_calendars as ext
from tests.calendar_server import Calendars, calendar_server
from tests.integration.test_cli import cli

pytestmark = pytest.mark.integration
LOCAL = FetchPolicy(allow_http=True, allowed_hosts=("127.0.0.1",), timeout=10)
NOW = datetime(2025, 8, 20, 12, tzinfo=UTC)


def busy_calendar(*blocks: tuple[str, str, str]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Cineforo//ES", "X-WR-TIMEZONE:America/Mexico_City"]
    for uid, start, end in blocks:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            "DTSTAMP:20250801T000000Z",
            f"SUMMARY:Evento privado {uid}",
            f"DTSTART:{start}",
            f"DTEND:{end}",
            "END:VEVENT",
        ]
    return "\r\n".join([*lines, "END:VCALENDAR", ""]).encode()


@pytest.fixture
def served() -> Iterator[tuple[str, Calendars]]:
    with calendar_server() as running:
        yield running


@pytest.fixture
def engine(sqlite_engine: Engine) -> Engine:
    with session_scope(sqlite_engine) as session:
        venue = Venue(slug="cineforo", name="Cineforo Universidad", city="Guadalajara")
        agency = Agency(slug="filma", name="Filma Jalisco", kind=AgencyKind.FILM_COMMISSION)
        event = Event(
            slug="muestra",
            name="Muestra",
            kind=EventKind.FESTIVAL,
            start_date=date(2025, 9, 1),
            end_date=date(2025, 9, 30),
        )
        session.add_all([venue, agency, event])
        session.flush()
        session.add(
            ScheduleItem(
                event_id=event.id,  # type: ignore[arg-type]
                title="Función de clausura",
                kind=ItemKind.SCREENING,
                start_utc=datetime(2025, 9, 6, 1, tzinfo=UTC),  # 19:00 in Guadalajara
                end_utc=datetime(2025, 9, 6, 3, tzinfo=UTC),
                venue_id=venue.id,
            )
        )
    return sqlite_engine


def _subscribe(engine: Engine, url: str, kind: str = "venue", slug: str = "cineforo") -> int:
    with session_scope(engine) as session:
        return ext.subscribe(session=session, kind=kind, slug=slug, url=url, policy=LOCAL).id  # type: ignore[return-value]


def _blocks(engine: Engine) -> list[tuple[str, datetime]]:
    with session_scope(engine) as session:
        return [(b.title, b.start_utc) for b in session.exec(select(BusyBlock).order_by(BusyBlock.start_utc))]


def test_refreshes_use_etags_and_keep_the_last_good_copy_on_errors(
    engine: Engine, served: tuple[str, Calendars]
) -> None:
    base, calendars = served
    calendars.files["/cineforo.ics"] = busy_calendar(("boda", "20250905T180000", "20250905T230000"))
    sub = _subscribe(engine, f"{base}/cineforo.ics")

    first = ext.refresh(sub, engine=engine, policy=LOCAL, now=NOW)
    assert (first.outcome, first.blocks) == ("changed", 1)
    assert _blocks(engine) == [("Evento privado boda", datetime(2025, 9, 6, 0, tzinfo=UTC))]

    again = ext.refresh(sub, engine=engine, policy=LOCAL, now=NOW)
    assert (again.outcome, again.blocks) == ("not_modified", 1)
    assert calendars.requests[-1][1] != ""  # the ETag went back as If-None-Match

    calendars.files["/cineforo.ics"] = busy_calendar(
        ("boda", "20250905T170000", "20250905T230000"), ("posada", "20250910T090000", "20250910T120000")
    )
    changed = ext.refresh(sub, engine=engine, policy=LOCAL, now=NOW)
    assert (changed.outcome, changed.blocks) == ("changed", 2)
    assert [start for _, start in _blocks(engine)] == [
        datetime(2025, 9, 5, 23, tzinfo=UTC),
        datetime(2025, 9, 10, 15, tzinfo=UTC),
    ]

    failures = {
        "/missing.ics": "El servidor respondió con el error HTTP 404.",
        "/broken.ics": "El servidor respondió con el error HTTP 500.",
        "/loop.ics": "El servidor redirigió más de 5 veces.",
        "/huge.ics": "El calendario pasa de 10 MB.",
    }
    for path, message in failures.items():
        _subscribe_keeping_blocks(engine, sub, f"{base}{path}")
        failed = ext.refresh(sub, engine=engine, policy=LOCAL, now=NOW)
        assert (failed.outcome, failed.blocks, failed.error) == ("failed", 2, message)
        with session_scope(engine) as session:
            assert (
                ext.describe(
                    ext.subscription_of(session=session, kind="venue", slug="cineforo"), 2, "America/Mexico_City"
                )["error"]
                == message
            )
    assert len(_blocks(engine)) == 2


def _subscribe_keeping_blocks(engine: Engine, sub: int, url: str) -> None:
    """Points the subscription at another URL as if the partner's server had started failing."""
    from logistics_app.models import CalendarSubscription

    with session_scope(engine) as session:
        row = session.get(CalendarSubscription, sub)
        assert row is not None
        row.url = url


def test_a_file_that_is_not_a_calendar_is_reported_with_its_line(engine: Engine, served: tuple[str, Calendars]) -> None:
    base, calendars = served
    calendars.files["/roto.ics"] = b"Nombre,Fecha\r\nBoda,2025-09-05\r\n"
    sub = _subscribe(engine, f"{base}/roto.ics")
    failed = ext.refresh(sub, engine=engine, policy=LOCAL, now=NOW)
    assert failed.error.startswith("Línea 1: El archivo no es un calendario iCalendar")
    assert _blocks(engine) == []


def test_busy_times_show_as_conflicts_of_the_venue_and_of_the_agency(
    engine: Engine, served: tuple[str, Calendars]
) -> None:
    base, calendars = served
    calendars.files["/cineforo.ics"] = busy_calendar(("boda", "20250905T180000", "20250905T230000"))
    calendars.files["/filma.ics"] = busy_calendar(("junta", "20250910T090000", "20250910T120000"))
    ext.refresh(_subscribe(engine, f"{base}/cineforo.ics"), engine=engine, policy=LOCAL, now=NOW)
    ext.refresh(_subscribe(engine, f"{base}/filma.ics", "agency", "filma"), engine=engine, policy=LOCAL, now=NOW)
    with session_scope(engine) as session:
        [conflict] = event_conflicts(session=session, slug="muestra")
        assert conflict.kind == ConflictKind.BUSY
        assert conflict.message() == (
            "«Función de clausura» coincide con un horario ocupado de Cineforo Universidad en su calendario "
            "externo: «Evento privado boda» (viernes 5 de septiembre de 2025, 19:00–21:00)."
        )
        event = session.exec(select(Event)).one()
        agency = session.exec(select(Agency)).one()
        start = datetime(2025, 9, 10, 16, tzinfo=UTC)
        led = preview_conflicts(
            session=session,
            event=event,
            title="Junta",
            start=start,
            end=start + timedelta(hours=1),
            space_id=None,
            agency_ids=(agency.id,),  # type: ignore[arg-type]
        )
        assert [c.kind for c in led] == [ConflictKind.BUSY]
        free = preview_conflicts(
            session=session,
            event=event,
            title="Junta",
            start=start + timedelta(hours=2),
            end=start + timedelta(hours=3),
            space_id=None,
            agency_ids=(agency.id,),  # type: ignore[arg-type]
        )
        assert free == []


def test_only_due_subscriptions_are_claimed_and_each_by_one_worker(
    engine: Engine, served: tuple[str, Calendars]
) -> None:
    base, calendars = served
    calendars.files["/cineforo.ics"] = busy_calendar(("boda", "20250905T180000", "20250905T230000"))
    sub = _subscribe(engine, f"{base}/cineforo.ics")
    later = datetime.now(UTC) + timedelta(seconds=1)
    assert ext.claim_due(engine=engine, now=later) == [sub]
    assert ext.claim_due(engine=engine, now=later) == []  # the other worker finds it taken
    [done] = ext.refresh_due(engine=engine, policy=LOCAL, now=later + timedelta(minutes=6))
    assert (done.subscription_id, done.outcome) == (sub, "changed")
    assert ext.refresh_due(engine=engine, policy=LOCAL, now=later + timedelta(minutes=7)) == []


def test_a_bad_address_is_refused_when_subscribing(engine: Engine) -> None:
    with pytest.raises(ValidationFailed) as refused, session_scope(engine) as session:
        ext.subscribe(session=session, kind="venue", slug="cineforo", url="ftp://ejemplo.mx/cal.ics", policy=LOCAL)
    assert refused.value.messages() == {
        "url": "La dirección del calendario no sirve: «ftp://ejemplo.mx/cal.ics» no es una dirección http(s) válida."
    }
    with session_scope(engine) as session:
        assert ext.subscription_of(session=session, kind="venue", slug="cineforo") is None


def test_the_cli_refreshes_what_is_due_and_fails_when_a_calendar_fails(
    engine: Engine, served: tuple[str, Calendars]
) -> None:
    base, calendars = served
    calendars.files["/cineforo.ics"] = busy_calendar(("boda", "20250905T180000", "20250905T230000"))
    sub = _subscribe(engine, f"{base}/cineforo.ics")
    local = {"IMPORT_ALLOW_HTTP": "1", "IMPORT_ALLOWED_HOSTS": "127.0.0.1"}
    done = cli("refresh-calendars", database_url=str(engine.url), **local)
    assert (done.returncode, done.stdout.splitlines()) == (0, [f"{sub}: changed (1)", "Calendarios consultados: 1."])
    assert cli("refresh-calendars", database_url=str(engine.url), **local).stdout == "Calendarios consultados: 0.\n"
    _subscribe(engine, f"{base}/missing.ics")
    failed = cli("refresh-calendars", database_url=str(engine.url), **local)
    assert (failed.returncode, failed.stdout.splitlines()[0]) == (
        1,
        f"{sub}: failed (0) El servidor respondió con el error HTTP 404.",
    )
