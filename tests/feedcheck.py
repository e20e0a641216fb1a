"""Checks a calendar feed as calendar apps would: raw bytes, icalendar, vobject and ical.js."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import vobject
from icalendar import Calendar

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "tests" / "js"
NODE = ROOT / ".venv" / "bin" / "node"
EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.]+")


def check_bytes(body: bytes) -> list[bytes]:
    assert body.endswith(b"\r\n"), "the feed must end with CRLF"
    lines = body.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines), "bare LF or CR inside a line"
    too_long = [line for line in lines if len(line) > 75]
    assert too_long == [], f"lines over 75 octets: {too_long[:3]}"
    body.decode("utf-8")  # raises if it is not UTF-8
    assert not any(line.startswith(b"ATTENDEE") for line in lines)
    assert EMAIL.search(body) is None, "no e-mail address may appear in a feed"
    assert b"555 " not in body, "no phone number may appear in a feed"
    return lines


def check_icalendar(body: bytes) -> Calendar:
    cal = Calendar.from_ical(body)
    for component in cal.walk():
        assert component.errors == [], f"{component.name}: {component.errors}"
    assert cal.get_missing_tzids() == set()
    for event in cal.walk("VEVENT"):
        start = event.decoded("dtstart")
        assert not hasattr(start, "hour") or start.tzinfo is not None, f"floating time in {event['uid']}"
    return cal


def check_vobject(body: bytes) -> None:
    parsed = vobject.readOne(body.decode("utf-8"), validate=True)
    for event in getattr(parsed, "vevent_list", []):
        event.validate(raiseException=True)


def check_icaljs(paths: list[Path]) -> list[dict]:  # type: ignore[type-arg]
    assert (JS / "node_modules" / "ical.js").exists(), "run `make test` (it installs ical.js into tests/js)"
    result = subprocess.run(
        [str(NODE), str(JS / "check-ics.mjs"), *map(str, paths)], capture_output=True, text=True, timeout=120
    )
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    failures = [r for r in reports if not r["ok"]]
    assert result.returncode == 0 and failures == [], failures or result.stderr
    return reports


def check_feed(body: bytes, tmp_path: Path, name: str = "feed.ics") -> Calendar:
    """All three parsers and the byte checks; returns icalendar's reading."""
    check_bytes(body)
    cal = check_icalendar(body)
    check_vobject(body)
    path = tmp_path / name
    path.write_bytes(body)
    report = check_icaljs([path])[0]
    assert len(report["events"]) == len(cal.walk("VEVENT"))
    return cal
