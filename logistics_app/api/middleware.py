"""ASGI middleware for the backend's own routes."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class _HeadersMiddleware:
    """Changes the headers of every HTTP answer (`change`) as it starts."""

    def __init__(self, app: ASGIApp):
        self.app = app

    def change(self, headers: MutableHeaders) -> None:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_changed(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.change(MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_changed)


class VaryAcceptEncoding(_HeadersMiddleware):
    """Every answer says it varies by Accept-Encoding, the 304s too (GZip adds it only to what it
    compresses), and names each header once."""

    def change(self, headers: MutableHeaders) -> None:
        names = [n.strip() for value in headers.getlist("vary") for n in value.split(",") if n.strip()]
        unique = {n.lower(): n for n in reversed([*names, "Accept-Encoding"])}
        headers["Vary"] = ", ".join(reversed(unique.values()))


def content_security_policy(api_url: str) -> str:
    """What pages may load and talk to. Reflex's pages carry inline scripts (React Router's
    hydration data, the colour-mode script) and run rx.call_script through eval, so scripts are
    limited to this site with those two allowances; everything else is closed: no plugins, no
    framing by other sites, no foreign base URL or form target, connections only to this site and
    its backend."""
    backend = urlsplit(api_url)
    sockets = f"{'wss' if backend.scheme == 'https' else 'ws'}://{backend.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src 'self' {backend.scheme}://{backend.netloc} {sockets}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeaders(_HeadersMiddleware):
    """Headers every answer carries (pages, feeds, JSON), unless the answer set its own."""

    def __init__(self, app: ASGIApp, *, api_url: str):
        super().__init__(app)
        self.headers = {
            "content-security-policy": content_security_policy(api_url),
            "x-content-type-options": "nosniff",
            "x-frame-options": "DENY",
            "referrer-policy": "strict-origin-when-cross-origin",
            "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
            "cross-origin-opener-policy": "same-origin",
        }

    def change(self, headers: MutableHeaders) -> None:
        for name, value in self.headers.items():
            if name not in headers:
                headers[name] = value


class RejectNul:
    """A NUL character in the path names nothing here (and PostgreSQL would refuse it): 404."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and ("\x00" in scope.get("path", "") or b"%00" in scope.get("raw_path", b"")):
            response = PlainTextResponse("No encontrado / Not found\n", status_code=404)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
