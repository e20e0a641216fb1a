from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, database_url: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, **extra_env}
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


def test_help_and_messages_are_in_english_when_asked_and_in_spanish_by_default(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    spanish, english = {"COLUMNS": "200", "LOGISTICS_LANG": ""}, {"COLUMNS": "200", "LOGISTICS_LANG": "en"}
    help_es = cli("import-ics", "--help", database_url=url, **spanish).stdout
    help_en = cli("import-ics", "--help", "--lang", "en", database_url=url, **spanish).stdout
    assert ("solo informa qué cambiaría; no guarda nada" in help_es, "saves nothing" in help_es) == (True, False)
    assert ("only reports what would change; saves nothing" in help_en, "no guarda" in help_en) == (True, False)
    # LOGISTICS_LANG does what --lang does, and --lang may come before the command.
    listing = cli("--help", database_url=url, **english).stdout
    assert "creates or migrates the database schema" in listing
    assert listing == cli("--lang", "en", "--help", database_url=url, **spanish).stdout

    assert cli("init-db", database_url=url, **spanish).stdout == "Base de datos al día.\n"
    assert cli("init-db", "--lang", "en", database_url=url, **spanish).stdout == "Database up to date.\n"
    missing = cli("conflicts", "no-existe", database_url=url, **english)
    assert (missing.returncode, missing.stderr) == (2, "There is no event “no-existe”.\n")
    wrong = cli("--lang", "en", "setup", "--shift-to", "next month", database_url=url, **spanish)
    assert wrong.returncode == 2 and "“next month” is neither a YYYY-MM-DD date nor +DAYS" in wrong.stderr


def test_export_ics_and_feed_tokens(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert cli("setup", database_url=url).returncode == 0
    out = tmp_path / "ariel.ics"
    exported = cli("export-ics", "ariel-2025", "-o", str(out), database_url=url)
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes().count(b"BEGIN:VEVENT") == 6
    agency = tmp_path / "canal22.ics"
    assert cli("export-ics", "ariel-2025", "--agency", "canal-22", "-o", str(agency), database_url=url).returncode == 0
    assert b"Ensayo general" in agency.read_bytes()
    assert "X-WR-CALNAME:Canal 22 · calendario compartido".encode() in agency.read_bytes()
    assert exported.stdout == f"Escrito {out} ({out.stat().st_size:,} bytes).\n"
    english = cli("export-ics", "ariel-2025", "--agency", "canal-22", "-o", "-", "--lang", "en", database_url=url)
    assert "X-WR-CALNAME:Canal 22 · shared calendar" in english.stdout
    assert cli("export-ics", "ariel-2025", "--venue", "no-existe", "-o", "-", database_url=url).returncode == 2

    first = cli("feed-token", "agency", "canal-22", database_url=url)
    assert first.returncode == 0 and "/cal/private/" in first.stdout
    again = cli("feed-token", "agency", "canal-22", database_url=url)
    assert again.returncode == 1 and "--rotate" in again.stderr
    rotated = cli("feed-token", "agency", "canal-22", "--rotate", database_url=url)
    assert rotated.returncode == 0 and rotated.stdout != first.stdout
    personal = cli("feed-token", "agency", "canal-22", "--label", "Outlook de Ana", database_url=url)
    assert personal.returncode == 0 and "/cal/private/" in personal.stdout  # beside the rotated one
    assert cli("feed-token", "person", "9999", database_url=url).returncode == 2


def test_import_ics_reports_or_rejects_in_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert cli("setup", database_url=url).returncode == 0
    corpus = ROOT / "tests" / "fixtures" / "ics"
    dry = cli("import-ics", str(corpus / "ric_hpr.ics"), "--event", "ariel-2025", "--dry-run", database_url=url)
    assert (dry.returncode, dry.stdout.strip()) == (
        0,
        "Prueba (no se guardó nada): 0 nuevas, 0 cambiadas, 0 canceladas, 0 sin cambios.",
    )
    broken = cli("import-ics", str(corpus / "ni_ms_timezones.ics"), "--event", "ariel-2025", database_url=url)
    assert broken.returncode == 2
    assert broken.stderr.count("\n") == 1 and "Línea 152" in broken.stderr and "Traceback" not in broken.stderr
    missing = cli("import-ics", str(tmp_path / "no.ics"), "--event", "ariel-2025", database_url=url)
    assert missing.returncode == 2 and "No se pudo leer" in missing.stderr


def test_setup_moves_the_demo_so_that_the_ceremony_is_ahead(tmp_path: Path) -> None:
    from datetime import date, timedelta

    from logistics_app.timeutil import DEFAULT_ZONE, now_utc, to_local

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    wrong = cli("setup", "--shift-to", "el mes que entra", database_url=url)
    assert wrong.returncode == 2 and "«el mes que entra» no es una fecha AAAA-MM-DD ni +DÍAS" in wrong.stderr
    assert cli("setup", "--shift-to", "+28", database_url=url).returncode == 0
    ariel = next(r for r in json.loads(cli("events", "--json", database_url=url).stdout) if r["slug"] == "ariel-2025")
    ceremony = date.fromisoformat(ariel["start_date"]) + timedelta(days=1)
    today = to_local(now_utc(), DEFAULT_ZONE).date()
    assert ceremony.weekday() == 5 and 28 <= (ceremony - today).days < 35


def test_setup_refuses_to_start_when_redis_is_set_but_does_not_answer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    done = cli("setup", database_url=url, REDIS_URL="redis://127.0.0.1:1/0")
    assert done.returncode == 2
    assert "REDIS_URL está definido pero Redis no responde" in done.stderr


def test_page_state_goes_to_redis_when_set_and_never_to_files() -> None:
    """rxconfig hands REDIS_URL to Reflex (which reads it as redis_url); without it, memory."""
    script = 'import rxconfig; c = rxconfig.config; print(c.redis_url, str(getattr(c.state_manager_mode, "value", c.state_manager_mode)))'
    for redis_url, expected in (("redis://127.0.0.1:6379/5", "redis://127.0.0.1:6379/5 redis"), ("", "None memory")):
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "REDIS_URL": redis_url},
            capture_output=True,
            text=True,
        )
        assert done.stdout.strip() == expected, done.stderr
