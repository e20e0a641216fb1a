"""Importing a partner's calendar of 5,000 events into the demo's Rumbo al Ariel (make bench).

The calendar is what real exports look like: times with a TZID in five Mexican zones and no
VTIMEZONE, a LOCATION on each (most name a demo venue, some a place of their own), and weekly
series among single events. Figures: the first import, the same file again (nothing changes),
and, measured in the same run, the time icalendar alone takes to parse the file (a floor no
import can beat), with each figure's ratio to its ceiling (3 s first, 1 s again).
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar
from sqlalchemy.engine import Engine

from logistics_app.db import make_engine, session_scope
from logistics_app.demo.loader import seed_demo
from logistics_app.infra.database import migrate
from logistics_app.services import imports
from logistics_app.services.imports import ImportReport
from logistics_app.settings import get_settings

N = 5_000
FIRST_CEILING, AGAIN_CEILING = 3.0, 1.0
ZONES = ("America/Mexico_City", "America/Tijuana", "America/Hermosillo", "America/Cancun", "America/Mazatlan")
PLACES = (
    "Cineteca Nacional",
    "Teatro Vallarta",
    "Cine Tonalá",
    "gran salon vallarta, centro internacional de convenciones (cic) de puerto vallarta",
)


def calendar(first: date = date(2025, 8, 1), days: int = 50) -> bytes:
    rng = random.Random(5)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//socio//Exportación//ES"]
    count = 0
    while count < N:
        start = datetime.combine(first + timedelta(days=rng.randrange(days)), datetime.min.time())
        start += timedelta(minutes=15 * rng.randrange(40, 90))
        zone, stamp = rng.choice(ZONES), "%Y%m%dT%H%M%S"
        place = rng.choice(PLACES) if rng.random() < 0.7 else f"Foro {rng.randrange(300)}\\, Ciudad de México"
        lines += [
            "BEGIN:VEVENT",
            f"UID:socio-{count}@example.mx",
            "DTSTAMP:20250701T000000Z",
            f"SUMMARY:Función {count}",
            f"DTSTART;TZID={zone}:{start.strftime(stamp)}",
            f"DTEND;TZID={zone}:{(start + timedelta(minutes=90)).strftime(stamp)}",
            f"LOCATION:{place}",
        ]
        if count % 50 == 0:
            lines.append("RRULE:FREQ=WEEKLY;COUNT=4")
            count += 4
        else:
            count += 1
        lines.append("END:VEVENT")
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def main() -> None:
    raw = calendar()
    began = time.perf_counter()
    Calendar.from_ical(raw.decode())
    parse = time.perf_counter() - began
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.db"
        engine = make_engine(f"sqlite:///{demo}")
        migrate(engine)
        with session_scope(engine) as session:
            seed_demo(session=session, dataset=get_settings().rumbo_dataset)
        engine.dispose()
        shutil.copyfile(demo, Path(tmp) / "bench.db")
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        first, report = _timed(engine, raw, cold=True)
        second, again = _timed(engine, raw, cold=True)
        reused, _ = _timed(engine, raw, cold=False)
        engine.dispose()
    print(f"import: a partner's calendar of {N:,} events ({len(raw) / 1e6:.1f} MB; TZIDs, LOCATIONs, series)")
    print("  into the demo's Rumbo al Ariel (781 items), SQLite")
    print(f"  icalendar parse alone:  {parse:6.2f} s  (a floor, same run)")
    print(
        f"  first import:           {first:6.2f} s  ({len(report.added):,} added; {first / FIRST_CEILING:.2f} of 3 s)"
    )
    print(
        f"  same file again:        {second:6.2f} s  "
        f"({len(again.unchanged):,} unchanged; {second / AGAIN_CEILING:.2f} of 1 s)"
    )
    print(f"  again after a preview:  {reused:6.2f} s  (the preview's reading reused)")


def _timed(engine: Engine, raw: bytes, *, cold: bool) -> tuple[float, ImportReport]:
    if cold:
        imports._LAST_READ.clear()
    began = time.perf_counter()
    with session_scope(engine) as session:
        report = imports.import_ics(session=session, slug="rumbo-al-ariel-2025", raw=raw)
    return time.perf_counter() - began, report


if __name__ == "__main__":
    main()
