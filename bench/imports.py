"""Importing a generated calendar of 5,000 events into an empty event (make bench)."""

from __future__ import annotations

import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar
from icalendar import Event as VEvent

from logistics_app.db import make_engine, session_scope
from logistics_app.models import Event, EventKind
from logistics_app.services.database import migrate
from logistics_app.services.imports import import_ics

N = 5_000


def calendar() -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//bench//ES")
    cal.add("version", "2.0")
    origin = datetime(2026, 3, 1, 15, tzinfo=UTC)
    for i in range(N):
        event = VEvent()
        event.add("uid", f"bench-{i}@example.mx")
        event.add("dtstamp", origin)
        event.add("summary", f"Función {i}")
        event.add("dtstart", origin + timedelta(minutes=7 * i))
        event.add("dtend", origin + timedelta(minutes=7 * i + 90))
        cal.add_component(event)
    return cal.to_ical()


def main() -> None:
    raw = calendar()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        migrate(engine)
        with session_scope(engine) as session:
            session.add(
                Event(
                    slug="festival",
                    name="Festival",
                    kind=EventKind.FESTIVAL,
                    start_date=date(2026, 3, 1),
                    end_date=date(2026, 3, 31),
                )
            )
        began = time.perf_counter()
        with session_scope(engine) as session:
            report = import_ics(session=session, slug="festival", raw=raw)
        first = time.perf_counter() - began
        began = time.perf_counter()
        with session_scope(engine) as session:
            again = import_ics(session=session, slug="festival", raw=raw)
        second = time.perf_counter() - began
        engine.dispose()
    print(f"import: a calendar of {N:,} events ({len(raw) / 1e6:.1f} MB) into an empty event, SQLite")
    print(f"  first import:  {first:6.2f} s  ({len(report.added):,} added)")
    print(f"  same again:    {second:6.2f} s  ({len(again.unchanged):,} unchanged)")


if __name__ == "__main__":
    main()
