"""URL constants and builders: the one place that knows the site's paths."""

from __future__ import annotations

from urllib.parse import urlencode

HOME = "/"
EVENT = "/eventos/[slug]"


def event_url(slug: str, *, day: str | None = None) -> str:
    query = f"?{urlencode({'dia': day})}" if day else ""
    return f"/eventos/{slug}{query}"


def slug_from_path(path: str) -> str:
    """The last path segment of /eventos/<slug>."""
    return path.rstrip("/").rsplit("/", 1)[-1]
