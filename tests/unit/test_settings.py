"""Settings are read once and checked: a bad value stops the start, naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def _read(**env: str) -> subprocess.CompletedProcess[str]:
    script = "from logistics_app.settings import get_settings as g; s = g(); print(s.api_url, s.cors_origins)"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BACKEND_PORT", "ocho mil"),
        ("TRUSTED_PROXY_HOPS", "-1"),
        ("REDIS_URL", "localhost:6379"),
        ("IMPORT_MAX_BYTES", "0"),
    ],
)
def test_a_bad_value_stops_the_start_naming_the_variable(name: str, value: str) -> None:
    done = _read(**{name: value})
    assert done.returncode == 1 and f"Configuración inválida / invalid settings: {name}:" in done.stderr


def test_unset_addresses_follow_the_ports_and_lists_are_comma_separated() -> None:
    done = _read(BACKEND_PORT="8200", CORS_ORIGINS="https://cine.example.mx, https://prensa.example.mx")
    assert done.stdout.strip() == "http://localhost:8200 ('https://cine.example.mx', 'https://prensa.example.mx')"
