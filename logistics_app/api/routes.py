"""The backend's own HTTP routes: calendar feeds, the programme as JSON, the attendee's agenda."""

from __future__ import annotations

import contextlib
import html
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route, Router
from starlette.types import ASGIApp

from logistics_app import routes
from logistics_app.api import live
from logistics_app.api.http import calendar_response
from logistics_app.api.limits import RateLimit, bounded_body, client_address
from logistics_app.api.middleware import RejectNul, SecurityHeaders, VaryAcceptEncoding
from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.infra.health import check as check_health
from logistics_app.models import FeedKind
from logistics_app.queries import feeds
from logistics_app.services import outbox, subscriptions
from logistics_app.settings import get_settings

NOT_FOUND = {"error": "No encontrado / Not found"}


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "es"


def _engine(request: Request) -> Engine | None:
    return getattr(request.app.state, "engine", None)


UNAVAILABLE = "Servicio no disponible por un momento; intente de nuevo / Service briefly unavailable; try again\n"


def _unavailable() -> Response:
    """The database does not answer: a clear 503 that calendar apps retry later."""
    return Response(
        UNAVAILABLE,
        status_code=503,
        media_type="text/plain; charset=utf-8",
        headers={"Cache-Control": "no-store", "Retry-After": "60"},
    )


def _feed(kind: str, param: str, *, attachment: bool = False) -> Callable[..., Any]:
    def endpoint(request: Request) -> Response:
        try:
            with session_scope(_engine(request)) as session:
                feed = feeds.serve(session=session, kind=kind, arg=request.path_params[param], lang=_lang(request))
        except NotFound:
            return Response(
                "No encontrado / Not found\n",
                status_code=404,
                media_type="text/plain; charset=utf-8",
                headers={"Cache-Control": "no-store"},
            )
        except OperationalError:
            return _unavailable()
        if kind == "token":
            # "Last used" on the agency's links: best effort, never a reason to fail the feed.
            with contextlib.suppress(OperationalError):
                subscriptions.note_use(engine=_engine(request), token=request.path_params[param])
        return calendar_response(request, feed, attachment=attachment)

    return endpoint


def schedule_json(request: Request) -> Response:
    try:
        with session_scope(_engine(request)) as session:
            body = feeds.schedule_json(session=session, slug=request.path_params["slug"])
    except NotFound:
        return JSONResponse(NOT_FOUND, status_code=404)
    except OperationalError:
        return _unavailable()
    return JSONResponse(body, headers={"Cache-Control": "public, max-age=300"})


# Anonymous writes: a new agenda now and then, its changes more often (per client address).
NEW_AGENDAS_PER_MINUTE, AGENDA_CHANGES_PER_MINUTE = 10, 60


async def _uids(request: Request, limit: str) -> list[str] | Response:
    """The UIDs the anonymous caller sent, or the answer that refuses them (too many requests from
    that address under the `limit`, too much data, not the JSON expected)."""
    if (refused := _too_many(limit, request)) is not None:
        return refused
    raw = await bounded_body(request)
    if raw is None:
        return JSONResponse(TOO_BIG, status_code=413)
    try:
        payload = json.loads(raw or b"{}")
    except (ValueError, RecursionError):  # not JSON, or nested deeper than anyone writes
        return JSONResponse(BAD_AGENDA, status_code=400)
    uids = payload.get("uids") if isinstance(payload, dict) else None
    if not isinstance(uids, list) or not all(isinstance(u, str) and len(u) <= 64 for u in uids) or len(uids) > 2000:
        return JSONResponse(BAD_AGENDA, status_code=400)
    return uids


def _too_many(name: str, request: Request) -> Response | None:
    wait = request.app.state.limits[name].allow(client_address(request))
    if wait <= 0:
        return None
    return JSONResponse(SLOW_DOWN, status_code=429, headers={"Retry-After": str(max(1, round(wait)))})


BAD_AGENDA = {
    "error": 'Envíe {"uids": [...]} con los identificadores de las actividades / '
    'Send {"uids": [...]} with the items\' identifiers'
}
TOO_BIG = {"error": "Demasiados datos / Too much data"}
SLOW_DOWN = {"error": "Demasiadas solicitudes; espere un momento / Too many requests; wait a moment"}


async def create_agenda(request: Request) -> Response:
    uids = await _uids(request, "new_agenda")
    if isinstance(uids, Response):
        return uids
    try:
        token = await run_in_threadpool(_issue_agenda, _engine(request), uids)
    except OperationalError:
        return _unavailable()
    return JSONResponse(
        {"token": token, **subscriptions.feed_urls(routes.private_feed_path(token))},
        status_code=201,
        headers={"Cache-Control": "no-store"},
    )


async def update_agenda(request: Request) -> Response:
    uids = await _uids(request, "agenda_change")
    if isinstance(uids, Response):
        return uids
    try:
        await run_in_threadpool(_set_agenda, _engine(request), request.path_params["token"], uids)
    except NotFound:
        return JSONResponse(NOT_FOUND, status_code=404)
    except OperationalError:
        return _unavailable()
    return Response(status_code=204, headers={"Cache-Control": "no-store"})


def _issue_agenda(engine: Engine | None, uids: list[str]) -> str:
    with session_scope(engine) as session:
        return subscriptions.issue_token(session=session, kind=FeedKind.SELECTION, uids=uids)


def _set_agenda(engine: Engine | None, token: str, uids: list[str]) -> None:
    with session_scope(engine) as session:
        subscriptions.set_selection(session=session, token=token, uids=uids)


async def health(request: Request) -> Response:
    """200 when the database (and Redis, when REDIS_URL is set) answer; 503 otherwise."""
    result = await run_in_threadpool(
        check_health,
        engine=_engine(request),
        redis_url=getattr(request.app.state, "redis_url", None) or get_settings().redis_url,
    )
    return JSONResponse(result.as_dict(), status_code=200 if result.ok else 503, headers={"Cache-Control": "no-store"})


_PAGE = (
    '<!doctype html><html lang="es"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>'
    '<body style="font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5">'
    "{body}</body></html>"
)


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        _PAGE.format(title=html.escape(title), body=body), status_code=status, headers={"Cache-Control": "no-store"}
    )


async def unsubscribe(request: Request) -> Response:
    """A notice's one-click unsubscribe (RFC 8058): POST (the mail program's button, or the form
    below) stops the address's publication notices; GET only shows that form, since link checkers
    open every link of a message."""
    token = request.path_params["token"]
    if request.method != "POST":  # GET and HEAD (link checkers, previews) change nothing
        body = (
            "<h1>¿Dejar de recibir los avisos de cambios? / Stop the change notices?</h1>"
            '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">'
            '<button type="submit">Sí, darme de baja / Yes, unsubscribe me</button></form>'
        )
        return _page("Darse de baja / Unsubscribe", body)
    try:
        address = await run_in_threadpool(_unsubscribe, _engine(request), token)
    except NotFound:
        return _page("No encontrado / Not found", "<p>Este enlace no existe. / This link does not exist.</p>", 404)
    except OperationalError:
        return _unavailable()
    done = html.escape(address)
    return _page(
        "Listo / Done",
        f"<p>{done} ya no recibirá avisos de cambios del programa. / {done} will get no more change notices.</p>",
    )


def _unsubscribe(engine: Engine | None, token: str) -> str:
    with session_scope(engine) as session:
        return outbox.unsubscribe(session=session, token=token)


def build_api(engine: Engine | None = None, redis_url: str | None = None) -> Starlette:
    """The app Reflex's backend is mounted into (rx.App(api_transformer=...))."""
    cal = Router(
        [
            Route(routes.EVENT_FEED.removeprefix(routes.CAL_PREFIX), _feed("event", "slug")),
            Route(routes.VENUE_FEED.removeprefix(routes.CAL_PREFIX), _feed("venue", "slug")),
            Route(routes.PRIVATE_FEED.removeprefix(routes.CAL_PREFIX), _feed("token", "token")),
            Route(routes.ITEM_FEED.removeprefix(routes.CAL_PREFIX), _feed("item", "uid", attachment=True)),
        ]
    )
    api = Router(
        [
            Route(routes.SCHEDULE_JSON.removeprefix(routes.API_PREFIX), schedule_json),
            Route(routes.LIVE.removeprefix(routes.API_PREFIX), live.live_stream),
            Route(routes.WINNERS_JSON.removeprefix(routes.API_PREFIX), live.winners_json),
            Route(routes.AGENDA.removeprefix(routes.API_PREFIX), create_agenda, methods=["POST"]),
            Route(routes.AGENDA_TOKEN.removeprefix(routes.API_PREFIX), update_agenda, methods=["PUT"]),
            Route(routes.HEALTH.removeprefix(routes.API_PREFIX), health, methods=["GET", "HEAD"]),
            Route(routes.MAIL_UNSUBSCRIBE.removeprefix(routes.API_PREFIX), unsubscribe, methods=["GET", "POST"]),
        ]
    )
    app = Starlette(
        routes=[
            Mount(routes.CAL_PREFIX, app=RejectNul(VaryAcceptEncoding(GZipMiddleware(cal, minimum_size=512)))),
            Mount(routes.API_PREFIX, app=RejectNul(VaryAcceptEncoding(GZipMiddleware(api, minimum_size=512)))),
        ]
    )
    # Tests pass their own database; the running app uses DATABASE_URL.
    app.state.engine = engine
    app.state.redis_url = redis_url
    app.state.limits = {
        "new_agenda": RateLimit(per_minute=NEW_AGENDAS_PER_MINUTE),
        "agenda_change": RateLimit(per_minute=AGENDA_CHANGES_PER_MINUTE),
    }
    return app


def mount_api(reflex_backend: ASGIApp) -> ASGIApp:
    """rx.App(api_transformer=...): our routes in front of Reflex's backend. Given as a function,
    not a Starlette app, so that Reflex adds its CORS middleware once, around everything."""
    app = build_api()
    app.mount("", reflex_backend)
    return SecurityHeaders(app, api_url=get_settings().api_url)
