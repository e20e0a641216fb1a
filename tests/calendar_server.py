"""A real HTTP server on 127.0.0.1 serving calendars, errors, loops and huge bodies (tests only)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//socio//ES\r\nBEGIN:VEVENT\r\nUID:a\r\n"
    b"DTSTAMP:20250801T000000Z\r\nDTSTART:20250905T180000Z\r\nSUMMARY:Funcion\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)


class Calendars:
    """What the server answers: /cal.ics follows `version`; other paths serve what is put in `files`."""

    def __init__(self) -> None:
        self.version = "v1"
        self.files: dict[str, bytes] = {}
        self.requests: list[tuple[str, str]] = []  # (path, If-None-Match sent)


def _handler(calendars: Calendars) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep the test output quiet
            pass

        def do_GET(self) -> None:
            calendars.requests.append((self.path, self.headers.get("If-None-Match", "")))
            if self.path in calendars.files:
                body = calendars.files[self.path]
                return self._calendar(body, f'"{hashlib.sha256(body).hexdigest()[:16]}"')
            routes = {
                "/cal.ics": lambda: self._calendar(
                    CALENDAR.replace(b"Funcion", f"Funcion {calendars.version}".encode()), f'"{calendars.version}"'
                ),
                "/dated.ics": self._dated,
                "/broken.ics": lambda: self._status(500),
                "/loop.ics": self._loop,
                "/page.html": self._html,
                "/huge.ics": self._huge,
                "/trickle.ics": self._trickle,
            }
            routes.get(self.path, lambda: self._status(404))()

        def _status(self, code: int) -> None:
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _calendar(self, body: bytes, etag: str) -> None:
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _dated(self) -> None:  # validated by Last-Modified alone, as some servers do
            stamp = "Fri, 05 Sep 2025 18:00:00 GMT"
            if self.headers.get("If-Modified-Since") == stamp:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Last-Modified", stamp)
            self.send_header("Content-Length", str(len(CALENDAR)))
            self.end_headers()
            self.wfile.write(CALENDAR)

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

        def _trickle(self) -> None:  # a calendar that never finishes: a byte every 0.2 s for a minute
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.end_headers()
            try:
                for _ in range(300):
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@contextmanager
def calendar_server() -> Iterator[tuple[str, Calendars]]:
    """The server's base URL (http://127.0.0.1:<port>) and what it serves."""
    calendars = Calendars()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(calendars))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", calendars
    finally:
        httpd.shutdown()
        httpd.server_close()
