"""The backend's own HTTP routes: calendar feeds, the programme as JSON, the attendee's agenda."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, Router
from starlette.types import ASGIApp

from logistics_app import routes
from logistics_app.api.http import calendar_response
from logistics_app.api.middleware import VaryAcceptEncoding
from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.services import feeds, subscriptions
from logistics_app.services.health import check as check_health
from logistics_app.settings import get_settings

NOT_FOUND = {"error": "No encontrado / Not found"}


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "es"


def _engine(request: Request) -> Engine | None:
    return getattr(request.app.state, "engine", None)


def _feed(kind: str, param: str, *, attachment: bool = False) -> Callable[..., Any]:
    def endpoint(request: Request) -> Response:
        try:
            with session_scope(_engine(request)) as session:
                feed = feeds.serve(session, kind, request.path_params[param], lang=_lang(request))
        except NotFound:
            return Response(
                "No encontrado / Not found\n",
                status_code=404,
                media_type="text/plain; charset=utf-8",
                headers={"Cache-Control": "no-store"},
            )
        return calendar_response(request, feed, attachment=attachment)

    return endpoint


def schedule_json(request: Request) -> Response:
    try:
        with session_scope(_engine(request)) as session:
            body = feeds.schedule_json(session, request.path_params["slug"])
    except NotFound:
        return JSONResponse(NOT_FOUND, status_code=404)
    return JSONResponse(body, headers={"Cache-Control": "public, max-age=300"})


async def _uids(request: Request) -> list[str] | None:
    try:
        payload = json.loads(await request.body() or b"{}")
    except ValueError:
        return None
    uids = payload.get("uids") if isinstance(payload, dict) else None
    if not isinstance(uids, list) or not all(isinstance(u, str) and len(u) <= 64 for u in uids) or len(uids) > 2000:
        return None
    return uids


BAD_AGENDA = {
    "error": 'Envíe {"uids": [...]} con los identificadores de las actividades / '
    'Send {"uids": [...]} with the items\' identifiers'
}


async def create_agenda(request: Request) -> Response:
    uids = await _uids(request)
    if uids is None:
        return JSONResponse(BAD_AGENDA, status_code=400)
    with session_scope(_engine(request)) as session:
        token = subscriptions.issue_token(session=session, kind=feeds.FeedKind.SELECTION, uids=uids)
    return JSONResponse(
        {"token": token, **subscriptions.feed_urls(routes.private_feed_path(token))},
        status_code=201,
        headers={"Cache-Control": "no-store"},
    )


async def update_agenda(request: Request) -> Response:
    uids = await _uids(request)
    if uids is None:
        return JSONResponse(BAD_AGENDA, status_code=400)
    try:
        with session_scope(_engine(request)) as session:
            subscriptions.set_selection(session=session, token=request.path_params["token"], uids=uids)
    except NotFound:
        return JSONResponse(NOT_FOUND, status_code=404)
    return Response(status_code=204, headers={"Cache-Control": "no-store"})


async def health(request: Request) -> Response:
    """200 when the database (and Redis, when REDIS_URL is set) answer; 503 otherwise."""
    result = await run_in_threadpool(
        check_health,
        engine=_engine(request),
        redis_url=getattr(request.app.state, "redis_url", None) or get_settings().redis_url,
    )
    return JSONResponse(result.as_dict(), status_code=200 if result.ok else 503, headers={"Cache-Control": "no-store"})


def build_api(engine: Engine | None = None, redis_url: str | None = None) -> Starlette:
    """The app Reflex's backend is mounted into (rx.App(api_transformer=...))."""
    cal = Router(
        [
            Route(routes.EVENT_FEED.removeprefix("/cal"), _feed("event", "slug")),
            Route(routes.VENUE_FEED.removeprefix("/cal"), _feed("venue", "slug")),
            Route(routes.PRIVATE_FEED.removeprefix("/cal"), _feed("token", "token")),
            Route(routes.ITEM_FEED.removeprefix("/cal"), _feed("item", "uid", attachment=True)),
        ]
    )
    api = Router(
        [
            Route(routes.SCHEDULE_JSON.removeprefix("/api"), schedule_json),
            Route(routes.AGENDA.removeprefix("/api"), create_agenda, methods=["POST"]),
            Route(routes.AGENDA_TOKEN.removeprefix("/api"), update_agenda, methods=["PUT"]),
            Route(routes.HEALTH.removeprefix("/api"), health, methods=["GET", "HEAD"]),
        ]
    )
    app = Starlette(
        routes=[
            Mount("/cal", app=VaryAcceptEncoding(GZipMiddleware(cal, minimum_size=512))),
            Mount("/api", app=VaryAcceptEncoding(GZipMiddleware(api, minimum_size=512))),
        ]
    )
    # Tests pass their own database; the running app uses DATABASE_URL.
    app.state.engine = engine
    app.state.redis_url = redis_url
    return app


def mount_api(reflex_backend: ASGIApp) -> ASGIApp:
    """rx.App(api_transformer=...): our routes in front of Reflex's backend. Given as a function,
    not a Starlette app, so that Reflex adds its CORS middleware once, around everything."""
    app = build_api()
    app.mount("", reflex_backend)
    return app
