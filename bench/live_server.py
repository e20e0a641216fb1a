"""The ceiling of the live bench (bench/live.py), served by granian like production.

`ceiling`: the least an SSE fan-out can cost in Starlette: every viewer waits on one shared
asyncio.Event; POST /fire hands them all the same bytes at once (no database, no rendering)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

_state: dict[str, object] = {"event": None, "document": b"", "first": os.environ.get("BENCH_FIRST", "").encode()}


def _event() -> asyncio.Event:
    if _state["event"] is None:
        _state["event"] = asyncio.Event()
    event = _state["event"]
    assert isinstance(event, asyncio.Event)
    return event


async def _stream(request: Request) -> Response:
    async def events() -> AsyncIterator[bytes]:
        yield b"retry: 2000\n\n"
        yield b"data: " + bytes(_state["first"]) + b"\n\n"  # type: ignore[arg-type]
        fired = _event()
        await fired.wait()
        yield b"data: " + bytes(_state["document"]) + b"\n\n"  # type: ignore[arg-type]
        await asyncio.sleep(3600)

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


async def _fire(request: Request) -> Response:
    _state["document"] = await request.body()
    _event().set()
    return Response(status_code=204)


ceiling = Starlette(routes=[Route("/live", _stream), Route("/fire", _fire, methods=["POST"])])
