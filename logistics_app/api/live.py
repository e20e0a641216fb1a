"""The ceremony's public live view: each category's winner as it is revealed, pushed to thousands
of viewers at once.

A light channel instead of a Reflex state per anonymous visitor: Server-Sent Events from the
backend. Each process reads the data version four times a second (one tiny query, however many people
watch); when it moved, it renders each watched event's document once (in a thread) and hands the
same bytes to every viewer's queue. A viewer that connects, or reconnects (browsers do by
themselves), gets the current document first, so it never misses a reveal. `winners.json` is the
same document for those who poll (ETag: a poll that finds nothing new is a 304 without a body),
served from the viewers' copy while anyone watches, otherwise rendered once per data version.

Nothing here is keyed by what a stranger can invent: a document is kept only for an event that
exists and only while someone watches it (or, for pollers, among the last few events polled); the
number of open streams is capped per process."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections import OrderedDict
from collections.abc import AsyncIterator

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.models.versioning import current_version
from logistics_app.queries.works import live_winners

POLL_SECONDS = 0.25  # how often a process looks for a change (a reveal reaches viewers within this)
HEARTBEAT_SECONDS = 15  # a comment line now and then, so that proxies keep an idle stream open
MAX_VIEWERS = 10_000  # open streams per process; more are told to come back (503, Retry-After)
QUEUE = 4  # documents waiting for a slow viewer; older ones are dropped (the newest says it all)
POLLED = 32  # events whose winners.json is kept for pollers when nobody watches them live
NOT_FOUND = {"error": "No encontrado / Not found"}


def render(engine: Engine | None, slug: str) -> bytes:
    """The event's live document as compact JSON (NotFound for no public event of that name)."""
    return _render(engine, slug)[1]


def _render(engine: Engine | None, slug: str) -> tuple[int, bytes]:
    """The document and the data version it is at least as new as (read first)."""
    with session_scope(engine) as session:
        version = current_version(session)
        document = live_winners(session=session, event_slug=slug)
    document["version"] = version
    return version, json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _version(engine: Engine | None) -> int:
    with session_scope(engine) as session:
        return current_version(session)


def _offer(queue: asyncio.Queue[bytes], document: bytes) -> None:
    """Gives a viewer the newest document; a viewer too slow to take them loses the older ones."""
    while queue.full():
        queue.get_nowait()
    queue.put_nowait(document)


class LiveHub:
    """The viewers of each event in this process, and the one loop that tells them of changes."""

    def __init__(self, engine: Engine | None) -> None:
        self.engine = engine
        self.viewers: dict[str, set[asyncio.Queue[bytes]]] = {}
        self.latest: dict[str, bytes] = {}  # each watched event's document
        self.rendered: dict[str, int] = {}  # the data version each of those is at least as new as
        self.rendering: dict[tuple[str, int | None], asyncio.Future[tuple[int, bytes]]] = {}  # under way
        self.polled: OrderedDict[str, tuple[int, bytes, str]] = OrderedDict()  # slug -> version, document, ETag
        self.version: int | None = None
        self.task: asyncio.Task[None] | None = None

    @property
    def count(self) -> int:
        return sum(len(queues) for queues in self.viewers.values())

    async def join(self, slug: str) -> asyncio.Queue[bytes]:
        """A new viewer's queue, holding the current document (NotFound: no such public event)."""
        if slug not in self.latest:
            version, document = await self._render_once(slug, None)
            if slug not in self.latest:  # (or another viewer's rendering was first)
                self.latest[slug], self.rendered[slug] = document, version
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=QUEUE)
        queue.put_nowait(self.latest[slug])
        self.viewers.setdefault(slug, set()).add(queue)
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self._watch())
        return queue

    async def _render_once(self, slug: str, seen: int | None) -> tuple[int, bytes]:
        """The event's document and its version: a crowd arriving at once waits for one rendering,
        not one each (`seen`: the version the caller read first; a rendering started after it)."""
        key = (slug, seen)
        pending = self.rendering.get(key)
        if pending is None:
            pending = self.rendering[key] = asyncio.ensure_future(run_in_threadpool(_render, self.engine, slug))
            pending.add_done_callback(lambda _: self.rendering.pop(key, None))
        return await asyncio.shield(pending)

    async def polled_document(self, slug: str) -> tuple[bytes, str]:
        """winners.json's document and ETag: the viewers' copy while anyone watches and it is as new
        as the watch loop's last look (a quarter of a second at most), otherwise one rendering per data
        version (NotFound: no such event)."""
        watched = self.latest.get(slug)
        if (
            watched is not None
            and slug in self.viewers
            and self.task is not None
            and not self.task.done()
            and self.version is not None
            and self.rendered.get(slug, -1) >= self.version
        ):
            return watched, _etag(watched)
        version = await run_in_threadpool(_version, self.engine)
        kept = self.polled.get(slug)
        if kept is None or kept[0] < version:
            rendered, document = await self._render_once(slug, version)
            kept = self.polled[slug] = (rendered, document, _etag(document))
            while len(self.polled) > POLLED:
                self.polled.popitem(last=False)
        self.polled.move_to_end(slug)
        return kept[1], kept[2]

    def leave(self, slug: str, queue: asyncio.Queue[bytes]) -> None:
        queues = self.viewers.get(slug)
        if queues is None:
            return
        queues.discard(queue)
        if not queues:
            del self.viewers[slug]
            self.latest.pop(slug, None)
            self.rendered.pop(slug, None)

    async def _watch(self) -> None:
        """While anyone watches: each watched event's document older than the data version is
        rendered again, once for all its viewers (a change, or a viewer's first rendering that
        started before it)."""
        while self.viewers:
            await asyncio.sleep(POLL_SECONDS)
            try:
                version = await run_in_threadpool(_version, self.engine)
            except OperationalError:  # the database is away for a moment: viewers keep what they have
                continue
            self.version = version
            for slug in [s for s in self.viewers if self.rendered.get(s, -1) < version]:
                try:
                    rendered, document = await run_in_threadpool(_render, self.engine, slug)
                except OperationalError:
                    continue
                except NotFound:  # gone, or no longer public: its viewers keep what they had, pollers get 404
                    self.latest.pop(slug, None)
                    self.rendered[slug] = version
                    continue
                if slug not in self.viewers:  # everybody left meanwhile: nothing is kept
                    continue
                self.rendered[slug] = rendered
                if _changed(self.latest.get(slug), document):
                    self.latest[slug] = document
                    for queue in list(self.viewers.get(slug, ())):
                        _offer(queue, document)


def _changed(before: bytes | None, after: bytes) -> bool:
    """Whether viewers must hear of it: any change but the version number itself."""
    if before is None:
        return True
    old, new = json.loads(before), json.loads(after)
    old.pop("version", None)
    new.pop("version", None)
    return bool(old != new)


_TAGS: OrderedDict[bytes, str] = OrderedDict()  # the last few documents' tags (viewers' copies)


def _etag(document: bytes) -> str:
    """The document's tag, the same from every process (no hash(): it changes with
    PYTHONHASHSEED); the version number is left out, so a change elsewhere keeps the tag."""
    tag = _TAGS.get(document)
    if tag is None:
        parsed = json.loads(document)
        parsed.pop("version", None)
        tag = _TAGS[document] = '"' + hashlib.sha256(json.dumps(parsed, sort_keys=True).encode()).hexdigest()[:20] + '"'
        while len(_TAGS) > POLLED:
            _TAGS.popitem(last=False)
    return tag


def _hub(request: Request) -> LiveHub:
    hub: LiveHub | None = getattr(request.app.state, "live", None)
    if hub is None:
        hub = request.app.state.live = LiveHub(getattr(request.app.state, "engine", None))
    return hub


async def live_stream(request: Request) -> Response:
    """GET /api/events/<slug>/live: the event's live document now and after every change (SSE)."""
    hub = _hub(request)
    if hub.count >= MAX_VIEWERS:
        return JSONResponse(
            {"error": "Demasiadas conexiones; reintente / Too many connections; retry"},
            status_code=503,
            headers={"Retry-After": "5", "Cache-Control": "no-store"},
        )
    slug = request.path_params["slug"]
    try:
        queue = await hub.join(slug)
    except NotFound:
        return JSONResponse(NOT_FOUND, status_code=404, headers={"Cache-Control": "no-store"})
    except OperationalError:
        return JSONResponse({"error": "No disponible / Unavailable"}, status_code=503, headers={"Retry-After": "5"})

    async def events() -> AsyncIterator[bytes]:
        try:
            yield b"retry: 2000\n\n"  # a dropped connection is tried again after two seconds
            while True:
                try:
                    document = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    yield b": ok\n\n"
                    continue
                yield b"data: " + document + b"\n\n"
        finally:
            hub.leave(slug, queue)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


async def winners_json(request: Request) -> Response:
    """GET /api/events/<slug>/winners.json: the same document, for polling (ETag; 304 when the
    poller has it already) and for sharing the list of winners."""
    try:
        document, etag = await _hub(request).polled_document(request.path_params["slug"])
    except NotFound:
        return JSONResponse(NOT_FOUND, status_code=404)
    except OperationalError:
        return JSONResponse({"error": "No disponible / Unavailable"}, status_code=503, headers={"Retry-After": "5"})
    headers = {"ETag": etag, "Cache-Control": "public, max-age=1"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(document, media_type="application/json", headers=headers)
