"""Conditional GET for calendar feeds: ETag, Last-Modified, 304s and cache headers."""

from __future__ import annotations

from datetime import UTC
from email.utils import format_datetime, parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import Response

from logistics_app.queries.feeds import RenderedFeed

CALENDAR_TYPE = "text/calendar; charset=utf-8"
PUBLIC_MAX_AGE = 300


def _not_modified(request: Request, feed: RenderedFeed) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:  # takes precedence over If-Modified-Since (RFC 9110 13.2.2)
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or feed.etag.removeprefix("W/") in tags
    since = request.headers.get("if-modified-since")
    if since:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False  # an unparseable date gets the full answer
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return feed.last_modified.replace(microsecond=0) <= when
    return False


def calendar_response(request: Request, feed: RenderedFeed, *, attachment: bool = False) -> Response:
    disposition = "attachment" if attachment else "inline"
    headers = {
        "ETag": feed.etag,
        "Last-Modified": format_datetime(feed.last_modified.astimezone(UTC), usegmt=True),
        "Cache-Control": f"private, max-age={PUBLIC_MAX_AGE}" if feed.private else f"public, max-age={PUBLIC_MAX_AGE}",
        "Content-Disposition": f'{disposition}; filename="{feed.filename}"',
    }
    if feed.private:
        headers["X-Robots-Tag"] = "noindex, nofollow"
        headers["Referrer-Policy"] = "no-referrer"
    if _not_modified(request, feed):
        return Response(status_code=304, headers=headers)
    return Response(feed.body, media_type=CALENDAR_TYPE, headers=headers)
