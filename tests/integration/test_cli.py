from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "logistics_app.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _demo_round(database_url: str) -> None:
    setup = cli("setup", database_url=database_url)
    assert setup.returncode == 0, setup.stderr
    assert "Creados: ariel-2025, jalisco-lab-2025, taller-guionismo-cdmx-2025, rumbo-al-ariel-2025" in setup.stdout
    assert "proyección duplicada" in setup.stderr
    again = cli("setup", database_url=database_url)
    assert "La base ya tiene eventos; se conservan." in again.stdout

    events = cli("events", "--json", database_url=database_url)
    rows = json.loads(events.stdout)
    assert {r["slug"]: r["items"] for r in rows} == {
        "rumbo-al-ariel-2025": 781,
        "taller-guionismo-cdmx-2025": 21,
        "ariel-2025": 6,
        "jalisco-lab-2025": 6,
    }

    clean = cli("conflicts", "ariel-2025", database_url=database_url)
    assert (clean.returncode, clean.stdout.strip()) == (0, "0 conflicto(s).")
    # The real dataset's screening dated 2015 falls outside the circuit: a warning, exit code 1.
    rumbo = cli("conflicts", "rumbo-al-ariel-2025", "--json", "--lang", "en", database_url=database_url)
    assert rumbo.returncode == 1
    assert [(c["type"], c["severity"]) for c in json.loads(rumbo.stdout)] == [("outside_event", "warning")]

    missing = cli("conflicts", "no-existe", database_url=database_url)
    assert (missing.returncode, missing.stderr.strip()) == (2, "No existe el evento «no-existe».")


def test_cli_sets_up_lists_and_checks_the_demo_on_sqlite(tmp_path: Path) -> None:
    _demo_round(f"sqlite:///{tmp_path / 'cli.db'}")


@pytest.mark.postgres
def test_cli_sets_up_lists_and_checks_the_demo_on_postgres(empty_pg_url: str) -> None:
    _demo_round(empty_pg_url)


def test_help_documents_every_command() -> None:
    out = cli("--help", database_url="sqlite://").stdout
    for command in ("init-db", "seed-demo", "setup", "events", "conflicts"):
        assert command in out
