"""Fetching calendars from a real HTTP server on 127.0.0.1 started by the test (not a mock)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from logistics_app.integrations.remote_calendar import FetchPolicy, FetchRefused, fetch_calendar
from tests.calendar_server import Calendars, calendar_server
from tests.integration.test_cli import cli

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Calendars]]:
    with calendar_server() as running:
        yield running


@pytest.fixture(scope="module")
def server(served: tuple[str, Calendars]) -> str:
    return served[0]


LOCAL = FetchPolicy(allow_http=True, allowed_hosts=("127.0.0.1",), timeout=10)


def test_200_then_304_then_a_changed_calendar(served: tuple[str, Calendars]) -> None:
    server, calendars = served
    calendars.version = "v1"
    first = fetch_calendar(f"{server}/cal.ics", policy=LOCAL)
    assert b"Funcion v1" in first.body and first.etag == '"v1"'
    again = fetch_calendar(f"{server}/cal.ics", policy=LOCAL, etag=first.etag)
    assert again.not_modified and again.body == b""
    calendars.version = "v2"
    changed = fetch_calendar(f"{server}/cal.ics", policy=LOCAL, etag=first.etag)
    assert not changed.not_modified and b"Funcion v2" in changed.body


def test_a_server_with_only_last_modified_answers_304(server: str) -> None:
    first = fetch_calendar(f"{server}/dated.ics", policy=LOCAL)
    assert (first.etag, first.last_modified) == ("", "Fri, 05 Sep 2025 18:00:00 GMT")
    again = fetch_calendar(f"{server}/dated.ics", policy=LOCAL, last_modified=first.last_modified)
    assert again.not_modified


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing.ics", "El servidor respondió con el error HTTP 404."),
        ("/broken.ics", "El servidor respondió con el error HTTP 500."),
        ("/loop.ics", "El servidor redirigió más de 5 veces."),
        ("/page.html", "El servidor no envió un calendario (tipo «text/html»)."),
        ("/huge.ics", "El calendario pasa de 10 MB."),
    ],
)
def test_server_errors_are_messages(server: str, path: str, message: str) -> None:
    with pytest.raises(FetchRefused) as refused:
        fetch_calendar(f"{server}{path}", policy=LOCAL)
    assert refused.value.message() == message


def test_private_and_plain_http_addresses_are_refused_by_default(server: str) -> None:
    with pytest.raises(FetchRefused) as plain:
        fetch_calendar(f"{server}/cal.ics", policy=FetchPolicy())
    assert plain.value.message() == "Solo se aceptan direcciones https."
    with pytest.raises(FetchRefused) as private:
        fetch_calendar(f"{server}/cal.ics", policy=FetchPolicy(allow_http=True))
    assert private.value.message("en").startswith("“127.0.0.1” is a private or local address")
    with pytest.raises(FetchRefused):
        fetch_calendar("https://10.0.0.1/cal.ics", policy=FetchPolicy())
    with pytest.raises(FetchRefused):
        fetch_calendar("file:///etc/passwd", policy=FetchPolicy())


def test_the_cli_imports_from_a_url_within_the_configured_limits(server: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert cli("setup", database_url=url).returncode == 0
    refused = cli("import-ics", f"{server}/cal.ics", "--event", "rumbo-al-ariel-2025", database_url=url)
    assert (refused.returncode, refused.stderr.strip()) == (2, f"{server}/cal.ics: Solo se aceptan direcciones https.")
    allowed = cli(
        "import-ics",
        f"{server}/cal.ics",
        "--event",
        "rumbo-al-ariel-2025",
        database_url=url,
        IMPORT_ALLOW_HTTP="1",
        IMPORT_ALLOWED_HOSTS="127.0.0.1",
    )
    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.strip() == "Importado: 1 nuevas, 0 cambiadas, 0 canceladas, 0 sin cambios."
    missing = cli(
        "import-ics",
        f"{server}/missing.ics",
        "--event",
        "rumbo-al-ariel-2025",
        database_url=url,
        IMPORT_ALLOW_HTTP="1",
        IMPORT_ALLOWED_HOSTS="127.0.0.1",
    )
    assert (missing.returncode, missing.stderr.strip().rsplit(": ", 1)[1]) == (
        2,
        "El servidor respondió con el error HTTP 404.",
    )
