"""Every event's start and end as independent calendar parsers read them.

Times are UTC epoch seconds, all-day dates "YYYY-MM-DD". Readers: icalendar (its own zone lookup by
TZID), icalendar with the file's VTIMEZONEs (dateutil), vobject (the file's VTIMEZONEs), and, in
node, ical.js (Thunderbird's parser), node-ical and ical.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import vobject
from icalendar import Calendar

from tests.feedcheck import JS, NODE

Instants = dict[str, tuple[int | str, int | str]]


def _when(value: date | datetime) -> int | str:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return int(value.timestamp())
    return value.isoformat()


def icalendar_by_name(body: bytes) -> Instants:
    cal = Calendar.from_ical(body)
    return {str(e["uid"]): (_when(e.decoded("dtstart")), _when(e.decoded("dtend"))) for e in cal.walk("VEVENT")}


def icalendar_by_vtimezone(body: bytes) -> Instants:
    cal = Calendar.from_ical(body)
    zones = {str(tz["tzid"]): tz.to_tz(lookup_tzid=False) for tz in cal.walk("VTIMEZONE")}

    def read(prop: Any) -> int | str:
        value = prop.dt
        if isinstance(value, datetime) and "TZID" in prop.params:
            value = value.replace(tzinfo=zones[prop.params["TZID"]])
        return _when(value)

    return {str(e["uid"]): (read(e["dtstart"]), read(e["dtend"])) for e in cal.walk("VEVENT")}


def vobject_reading(body: bytes) -> Instants:
    # vobject keeps every VTIMEZONE it has read in a process-wide map by TZID, and the first one
    # wins: read each file as a fresh client would (each feed describes only the years it needs).
    getattr(vobject.icalendar, "__tzidMap").clear()
    parsed = vobject.readOne(body.decode("utf-8"))
    return {
        str(e.uid.value): (_when(e.dtstart.value), _when(e.dtend.value)) for e in getattr(parsed, "vevent_list", [])
    }


def node_readings(paths: list[Path]) -> dict[Path, dict[str, Instants]]:
    """ical.js, node-ical and ical, one node process for all files."""
    result = subprocess.run(
        [str(NODE), str(JS / "instants.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "TZ": "UTC"},
    )
    readings: dict[Path, dict[str, Instants]] = {}
    for line in result.stdout.splitlines():
        report = json.loads(line)
        assert report["errors"] == {}, report["errors"]
        readings[Path(report["path"])] = {
            parser: {uid: (pair[0], pair[1]) for uid, pair in events.items()}
            for parser, events in report["parsers"].items()
        }
    assert result.returncode == 0 and len(readings) == len(paths), result.stderr[-3000:]
    return readings


def all_readings(files: dict[Path, bytes]) -> dict[Path, dict[str, Instants]]:
    """For each file (written out here), each parser's reading."""
    for path, body in files.items():
        path.write_bytes(body)
    node = node_readings(list(files))
    return {
        path: {
            "icalendar": icalendar_by_name(body),
            "icalendar+VTIMEZONE": icalendar_by_vtimezone(body),
            "vobject": vobject_reading(body),
            **node[path],
        }
        for path, body in files.items()
    }
