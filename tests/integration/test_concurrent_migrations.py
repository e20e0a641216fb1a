"""Two workers starting at once on an empty database: both come up, the schema is migrated once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from logistics_app.db import make_engine
from logistics_app.infra.database import table_names
from tests.integration.test_cli import ROOT

pytestmark = pytest.mark.integration
SCRIPT = "import sys; from logistics_app.db import make_engine; from logistics_app.infra.database import migrate; migrate(make_engine(sys.argv[1]))"


def _both_at_once(url: str) -> None:
    workers = [
        subprocess.Popen([sys.executable, "-c", SCRIPT, url], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(w.communicate(timeout=300)[1], w.returncode) for w in workers]
    results = [(code, err) for err, code in results]
    assert [code for code, _ in results] == [0, 0], [err[-800:] for _, err in results]
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
        assert len(versions) == 1
        assert "schedule_item" in table_names(engine)
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_two_workers_migrate_an_empty_postgres_database_once(empty_pg_url: str) -> None:
    _both_at_once(empty_pg_url)


def test_two_workers_migrate_an_empty_sqlite_file_once(tmp_path: Path) -> None:
    _both_at_once(f"sqlite:///{tmp_path / 'app.db'}")
