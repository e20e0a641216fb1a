"""A clone holds everything the app and its tests read: nothing points outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from logistics_app.settings import get_settings

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
CHECKED = ["logistics_app", "tests", "bench", "scripts", "Makefile", "rxconfig.py", ".ci"]
# A folder beside the checkout ("../shared"), or a path climbing out of the repository's root.
OUTSIDE = re.compile(
    r"\.\./shared|[\"']shared[\"']\s*[/)]|/\s*[\"']shared[\"']|\bROOT\.parent\b|parents\[\d\]\.parent\b"
)
TEXT = {".py", ".sh", ".mjs", ".js", ".json", ".toml", ".cfg", ".ini", ""}


def _files() -> list[Path]:
    found: list[Path] = []
    for name in CHECKED:
        path = ROOT / name
        paths = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        found += [p for p in paths if "node_modules" not in p.parts and p.suffix in TEXT and p != Path(__file__)]
    return found


def test_nothing_reads_a_path_outside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files()
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), start=1)
        if OUTSIDE.search(line)
    ]
    assert offenders == []


def test_the_demo_dataset_ships_with_the_app_with_its_licence_and_source() -> None:
    dataset = get_settings().rumbo_dataset.resolve()
    assert dataset.is_relative_to(ROOT)
    assert sorted(p.name for p in dataset.iterdir()) == ["LICENSE", "SOURCE.md", "data.js"]
    assert "Apache License" in (dataset / "LICENSE").read_text()
    assert "fd88e81d659bf20e971acdcaa5f96a8371670ec8" in (dataset / "SOURCE.md").read_text()


def test_every_calendar_fixture_names_its_source_and_licence() -> None:
    fixtures = ROOT / "tests" / "fixtures" / "ics"
    sources = (fixtures / "SOURCES.md").read_text()
    prefixes = {p.name.split("_", 1)[0] for p in fixtures.glob("*.ics")}
    rows = {row.split("|")[1].strip(" `*_") for row in sources.splitlines() if row.startswith("| `")}
    assert prefixes <= rows
    for licence in re.findall(r"\(licen[cs]e: ([^)]+)\)", sources):
        assert (fixtures / "licenses" / licence.strip()).is_file(), licence
