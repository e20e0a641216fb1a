"""Fuzzing the importer: 10,000 calendars mutated from the real-world fixtures (a seeded mutator:
the same inputs on every run) each end as an import or a clean refusal, never a traceback.

FUZZ_CASES and FUZZ_SEED change the budget and the inputs (for a longer run by hand).
"""

from __future__ import annotations

import os
import random
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from logistics_app.domain.ics_import import ImportedCalendar, ImportRejected, read_calendar

pytestmark = pytest.mark.unit
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ics"
CASES = int(os.environ.get("FUZZ_CASES", "10000"))
SEED = int(os.environ.get("FUZZ_SEED", "20261202"))

# Lines an attacker or a broken exporter might put anywhere.
NASTY = [
    b"DTSTART;TZID=Nowhere/Land:20250920T200000",
    b'DTSTART;TZID="(UTC-06:00) Guadalajara, Mexico City, Monterrey":20250920T200000',
    b"DTSTART;TZID=Central Standard Time (Mexico):20250920T200000",
    b"DTEND:19700101T000000Z",
    b"DTSTART:99999999T999999",
    b"DTSTART;VALUE=DATE:20250230",
    b"DURATION:-P1D",
    b"DURATION:PT99999999H",
    b"RRULE:FREQ=MINUTELY",
    b"RRULE:FREQ=SECONDLY;COUNT=1000000",
    b"RRULE:FREQ=YEARLY;BYMONTH=13",
    b"RRULE:FREQ=DAILY;UNTIL=20250101",
    b"RRULE:",
    b"RDATE:20250920T200000Z,nonsense",
    b"EXDATE;TZID=America/Mexico_City:20250921T200000",
    b"RECURRENCE-ID:20250920T200000Z",
    b"SEQUENCE:-1",
    b"SEQUENCE:NaN",
    b"UID:",
    b"STATUS:CANCELLED",
    b"CATEGORIES:Proyecci\xc3\xb3n,,",
    b"LOCATION:" + b"\xff\xfe" * 20,
    b"SUMMARY:" + b"A" * 5000,
    b"BEGIN:VEVENT",
    b"END:VEVENT",
    b"BEGIN:VALARM",
    b"END:VCALENDAR",
    b"X-WR-TIMEZONE:Mars/Olympus_Mons",
    b"X-WR-TIMEZONE:America/Tijuana",
    b" folded continuation with no line before",
    b"\x00\x01\x02",
]


def _mutate(raw: bytes, rng: random.Random) -> bytes:
    lines = raw.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        at = rng.randrange(len(lines) or 1)
        if choice == 0 and lines:
            del lines[at]
        elif choice == 1 and lines:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif choice == 2:
            lines.insert(at, rng.choice(NASTY))
        elif choice == 3 and lines:
            line = bytearray(lines[at])
            for _ in range(rng.randint(1, 3)):
                if line:
                    line[rng.randrange(len(line))] = rng.randrange(256)
            lines[at] = bytes(line)
        elif choice == 4 and len(lines) > 1:
            lines = lines[: rng.randrange(1, len(lines))]
        elif choice == 5 and len(lines) > 2:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(at, b"DTSTART:" + str(rng.randrange(10**15)).encode())
    return b"\n".join(lines)


def test_ten_thousand_mutated_calendars_import_or_are_refused_cleanly() -> None:
    rng = random.Random(SEED)
    bases = [p.read_bytes() for p in sorted(FIXTURES.glob("*.ics"))]
    crashes: list[tuple[int, str]] = []
    outcomes = {"imported": 0, "refused": 0}
    began = time.monotonic()
    for case in range(CASES):
        raw = _mutate(rng.choice(bases), rng)
        first = date(2010, 1, 1) + timedelta(days=rng.randrange(16 * 365))
        try:
            result = read_calendar(raw, zone="America/Mexico_City", first=first, last=first + timedelta(days=90))
        except ImportRejected as refused:
            message = refused.message()
            assert "\n" not in message and message.strip(), (case, message)
            outcomes["refused"] += 1
            continue
        except Exception as error:  # the finding: a traceback instead of a refusal
            crashes.append((case, f"{type(error).__name__}: {error}"[:200]))
            continue
        assert isinstance(result, ImportedCalendar)
        assert all(i.end > i.start and i.start.tzinfo is not None for i in result.items), case
        outcomes["imported"] += 1
    elapsed = time.monotonic() - began
    print(f"fuzz: {CASES} calendars (seed {SEED}) in {elapsed:.0f} s: {outcomes}, {len(crashes)} crashes")
    assert crashes == []
    assert outcomes["imported"] > CASES // 10 and outcomes["refused"] > CASES // 10
