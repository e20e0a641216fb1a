"""Fetching calendars from a real HTTP server on 127.0.0.1 started by the test (not a mock)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from logistics_app.integrations.remote_calendar import FetchPolicy, FetchRefused, fetch_calendar
from tests.integration.test_cli import cli

pytestmark = pytest.mark.integration
CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//socio//ES\r\nBEGIN:VEVENT\r\nUID:a\r\n"
    b"DTSTAMP:20250801T000000Z\r\nDTSTART:20250905T180000Z\r\nSUMMARY:Funcion\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)
STATE = {"version": "v1"}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass

    def do_GET(self) -> None:
        routes = {
            "/cal.ics": self._calendar,
            "/missing.ics": lambda: self._status(404),
            "/broken.ics": lambda: self._status(500),
            "/loop.ics": self._loop,
            "/page.html": self._html,
            "/huge.ics": self._huge,
        }
        routes.get(self.path, lambda: self._status(404))()

    def _status(self, code: int) -> None:
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _calendar(self) -> None:
        etag = f'"{STATE["version"]}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        body = CALENDAR.replace(b"Funcion", f"Funcion {STATE['version']}".encode())
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _loop(self) -> None:
        self.send_response(302)
        self.send_header("Location", "/loop.ics")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _html(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "6")
        self.end_headers()
        self.wfile.write(b"<html>")

    def _huge(self) -> None:  # 50 MB without a Content-Length: the limit must stop the download
        self.send_response(200)
        self.send_header("Content-Type", "text/calendar")
        self.end_headers()
        try:
            for _ in range(50):
                self.wfile.write(b"X" * (1024 * 1024))
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = FetchPolicy(allow_http=True, allowed_hosts=("127.0.0.1",), timeout=10)


def test_200_then_304_then_a_changed_calendar(server: str) -> None:
    first = fetch_calendar(f"{server}/cal.ics", policy=LOCAL)
    assert b"Funcion v1" in first.body and first.etag == '"v1"'
    again = fetch_calendar(f"{server}/cal.ics", policy=LOCAL, etag=first.etag)
    assert again.not_modified and again.body == b""
    STATE["version"] = "v2"
    changed = fetch_calendar(f"{server}/cal.ics", policy=LOCAL, etag=first.etag)
    assert not changed.not_modified and b"Funcion v2" in changed.body


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
