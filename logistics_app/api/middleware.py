"""ASGI middleware for the backend's own routes."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class VaryAcceptEncoding:
    """Every answer says it varies by Accept-Encoding, the 304s too (GZip adds it only to what it
    compresses), and names each header once."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_vary(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                names = [n.strip() for value in headers.getlist("vary") for n in value.split(",") if n.strip()]
                unique = {n.lower(): n for n in reversed([*names, "Accept-Encoding"])}
                headers["Vary"] = ", ".join(reversed(unique.values()))
            await send(message)

        await self.app(scope, receive, send_with_vary)
