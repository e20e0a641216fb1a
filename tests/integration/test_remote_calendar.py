"""Fetching calendars from a real HTTP server on 127.0.0.1 started by the test (not a mock)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from logistics_app.integrations.remote_calendar import (
    FetchPolicy,
    FetchRefused,
    _is_public,
    fetch_calendar,
    normalize_url,
)
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


def test_a_trickling_calendar_is_cut_off_at_the_overall_deadline(server: str) -> None:
    began = time.monotonic()
    with pytest.raises(FetchRefused) as refused:
        fetch_calendar(f"{server}/trickle.ics", policy=replace(LOCAL, deadline=2))
    assert refused.value.message() == "El calendario no terminó de llegar en 2 segundos; se canceló la descarga."
    assert time.monotonic() - began < 4


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:4700::6810:84e5", True),
        ("127.0.0.1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("2002:7f00:1::", False),  # 6to4 of 127.0.0.1
        ("2002:c0a8:101::1", False),  # 6to4 of 192.168.1.1
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", False),  # Teredo of 127.0.0.1
        ("fe80::1", False),
    ],
)
def test_addresses_hiding_a_private_one_are_not_public(address: str, public: bool) -> None:
    assert _is_public(address) is public


def test_the_connection_goes_to_the_address_that_was_checked(
    served: tuple[str, Calendars], monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name resolves to a public address when checked and to 127.0.0.1 just
    after. The fetch connects to the checked address (unreachable here), never to 127.0.0.1."""
    server, calendars = served
    port = int(server.rsplit(":", 1)[1])
    answers = iter(["93.184.215.14", "127.0.0.1", "127.0.0.1", "127.0.0.1"])
    real = socket.getaddrinfo

    def rebinding(host: str, *args: object, **kwargs: object) -> list[tuple]:  # type: ignore[type-arg]
        if host != "calendario.example.mx":
            return real(host, *args, **kwargs)  # type: ignore[arg-type]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    before = len(calendars.requests)
    with pytest.raises(FetchRefused) as refused:
        fetch_calendar(
            f"http://calendario.example.mx:{port}/cal.ics", policy=FetchPolicy(allow_http=True, timeout=2, deadline=4)
        )
    assert refused.value.code in ("unreachable", "timeout")
    assert len(calendars.requests) == before  # the internal server was never asked


def test_webcal_addresses_are_fetched_as_https() -> None:
    assert (
        normalize_url(" webcal://cine.example.mx/cal/events/ariel.ics")
        == "https://cine.example.mx/cal/events/ariel.ics"
    )
    assert normalize_url("WEBCAL://x.mx/a.ics") == "https://x.mx/a.ics"
