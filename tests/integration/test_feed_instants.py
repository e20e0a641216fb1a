"""Calendar truth: six independent readers give every event of every feed the instant the database
holds (icalendar by zone name, icalendar with the file's VTIMEZONEs, vobject, ical.js as in
Thunderbird, node-ical, ical), and the same data gives the same bytes in any process."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from logistics_app.db import session_scope
from logistics_app.domain.feeds import FeedEntry, FeedMeta, build_calendar, serialize, written_span
from logistics_app.models import Agency, FeedKind, ItemParticipant, PublishedItem, Venue, Visibility
from logistics_app.queries import feeds
from logistics_app.services import subscriptions
from logistics_app.timeutil import MEXICAN_ZONES
from tests.instants import Instants, all_readings

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 9, 1, tzinfo=UTC)


def _expected(entries: list[FeedEntry]) -> Instants:
    def when(value: date | datetime) -> int | str:
        return int(value.timestamp()) if isinstance(value, datetime) else value.isoformat()

    return {e.uid: (when(written_span(e)[0]), when(written_span(e)[1])) for e in entries}


def demo_feeds(session: Session, *, agenda: bool = True) -> dict[str, feeds.FeedSpec]:
    """Every feed of the demo: events, venues, agencies, people, single items, and (it writes a
    token) an attendee's agenda."""
    specs = {
        f"event {slug}": feeds.event_spec(session=session, slug=slug) for slug in session.exec(select(feeds.Event.slug))
    }
    public = select(PublishedItem).where(PublishedItem.visibility == Visibility.PUBLIC)
    venues = session.exec(select(Venue.slug).where(col(Venue.id).in_(public.with_only_columns(PublishedItem.venue_id))))
    specs |= {f"venue {slug}": feeds.venue_spec(session=session, slug=slug) for slug in venues}
    specs |= {
        f"agency {slug}": feeds.owner_spec(session=session, kind=FeedKind.AGENCY, agency_slug=slug)
        for slug in session.exec(select(Agency.slug))
    }
    people = session.exec(select(ItemParticipant.person_id).distinct())
    specs |= {f"person {pid}": feeds.owner_spec(session=session, kind=FeedKind.PERSON, person_id=pid) for pid in people}
    uids = list(session.exec(public.with_only_columns(PublishedItem.uid).order_by(PublishedItem.start_utc)))
    # The oldest (a Rumbo screening dated 2015 by mistake) and every 25th: single items and an agenda.
    sample = uids[::25]
    specs |= {f"item {uid}": feeds.item_spec(session=session, uid=uid) for uid in sample}
    if agenda:
        token = subscriptions.issue_token(session=session, kind=FeedKind.SELECTION, uids=sample)
        specs["agenda"] = feeds.token_spec(session=session, token=token)
    return specs


def _compare(files: dict[Path, bytes], expected: dict[Path, Instants]) -> None:
    readings = all_readings(files)
    wrong = {}
    for path, by_parser in readings.items():
        for parser, reading in by_parser.items():
            differs = {
                uid: (reading.get(uid), want) for uid, want in expected[path].items() if reading.get(uid) != want
            }
            if differs or set(reading) != set(expected[path]):
                wrong[f"{path.name} / {parser}"] = (len(differs), list(differs.items())[:3])
    assert wrong == {}


def test_every_demo_feed_reads_the_same_instants_in_every_parser(demo: Engine, tmp_path: Path) -> None:
    files: dict[Path, bytes] = {}
    expected: dict[Path, Instants] = {}
    with session_scope(demo) as session:
        specs = demo_feeds(session)
        assert len(specs) > 100
        for number, (name, spec) in enumerate(sorted(specs.items())):
            entries = feeds.entries_of(session=session, spec=spec, now=NOW)
            path = tmp_path / f"{number:03d}-{name.replace(' ', '-')[:40]}.ics"
            files[path] = feeds.render(session=session, spec=spec, now=NOW).body
            expected[path] = _expected(entries)
    rumbo = next(p for p in files if p.name.endswith("event-rumbo-al-ariel-2025.ics"))
    assert len(expected[rumbo]) == 781 and b"RDATE" not in files[rumbo]
    _compare(files, expected)


def _generated_entries() -> list[FeedEntry]:
    """2010-2030 in Mexico's zones: random times, and the hours around every clock change."""
    rng = random.Random(2030)
    stamp = datetime(2024, 1, 1, tzinfo=UTC)
    entries = []

    def add(start: datetime, minutes: int, zone: str, all_day: bool = False) -> None:
        n = len(entries)
        entries.append(
            FeedEntry(
                f"gen-{n:05d}",
                f"Actividad {n}",
                start,
                start + timedelta(minutes=minutes),
                zone,
                "confirmed",
                0,
                stamp,
                stamp,
                all_day=all_day,
            )
        )

    first = datetime(2010, 1, 1, tzinfo=UTC)
    for _ in range(1500):
        start = first + timedelta(minutes=5 * rng.randrange(21 * 365 * 288))
        add(start, rng.choice((30, 90, 150, 24 * 60 + 30)), rng.choice(MEXICAN_ZONES))
    # Around the clock changes of the zones that had or have them: every 30 min across each change.
    for zone in ("America/Mexico_City", "America/Tijuana", "America/Chihuahua", "America/Ciudad_Juarez"):
        for year in (2010, 2016, 2022, 2023, 2029):
            for month, day in ((3, 8), (3, 14), (4, 1), (4, 7), (10, 25), (10, 31), (11, 1), (11, 7)):
                base = datetime(year, month, day, 6, tzinfo=UTC)
                for half_hour in range(12):
                    add(base + timedelta(minutes=30 * half_hour), 60, zone)
    for n in range(40):  # all-day items
        add(datetime(2011 + n % 19, 1 + n % 12, 1 + n % 28, 6, tzinfo=UTC), 24 * 60, MEXICAN_ZONES[n % 12], True)
    return entries


def test_a_feed_spanning_2010_to_2030_in_mexicos_zones_reads_the_same_everywhere(tmp_path: Path) -> None:
    entries = _generated_entries()
    meta = FeedMeta("generated", "Generado", "", "", "America/Mexico_City")
    body = serialize(build_calendar(meta, entries, fallback_stamp=NOW))
    assert b"RDATE" not in body
    path = tmp_path / "generated.ics"
    _compare({path: body}, {path: _expected(entries)})


RENDER = """
import hashlib, json, sys
from datetime import UTC, datetime
from logistics_app.db import make_engine, session_scope
from logistics_app.queries import feeds
from tests.integration.test_feed_instants import demo_feeds
engine = make_engine(sys.argv[1])
with session_scope(engine) as session:
    out = {name: hashlib.sha256(feeds.render(session=session, spec=spec, now=datetime(2025, 9, 1, tzinfo=UTC)).body).hexdigest()
           for name, spec in demo_feeds(session, agenda=False).items()}
print(json.dumps(out, sort_keys=True))
"""


def test_the_same_data_gives_the_same_bytes_in_any_process(demo_engine: Engine) -> None:
    url = demo_engine.url.render_as_string(hide_password=False)
    runs = []
    for seed in ("1", "4242"):
        done = subprocess.run(
            [sys.executable, "-c", RENDER, url],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        runs.append(json.loads(done.stdout))
    assert len(runs[0]) > 100 and runs[0] == runs[1]
