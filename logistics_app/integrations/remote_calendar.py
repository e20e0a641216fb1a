"""Fetching a calendar from a URL safely: https only (unless allowed), at most 5 redirects, a size
limit, a timeout, a Content-Type check, and never a private, loopback or link-local address unless
the configuration's allow-list names the host."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from logistics_app.i18n import t
from logistics_app.settings import get_settings

CALENDAR_TYPES = ("text/calendar", "application/ics", "text/x-vcalendar", "application/octet-stream", "text/plain")


@dataclass(frozen=True)
class FetchPolicy:
    allow_http: bool = False
    allowed_hosts: tuple[str, ...] = ()
    max_bytes: int = 10 * 1024 * 1024
    timeout: float = 15.0
    max_redirects: int = 5


def configured_policy() -> FetchPolicy:
    """The limits the deployment's settings (IMPORT_*) ask for."""
    settings = get_settings()
    return FetchPolicy(
        allow_http=settings.import_allow_http,
        allowed_hosts=settings.import_allowed_hosts,
        max_bytes=settings.import_max_bytes,
    )


@dataclass(frozen=True)
class Fetched:
    body: bytes
    etag: str
    last_modified: str
    not_modified: bool = False


class FetchRefused(Exception):
    """The calendar could not (or must not) be fetched; the message says why."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params

    def message(self, lang: str = "es") -> str:
        return t(f"fetch.{self.code}", lang, **self.params)


def check_url(url: str, policy: FetchPolicy) -> None:
    """Refuses a URL the policy does not allow (scheme, private address) before anything is sent."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise FetchRefused("bad_url", url=url[:200])
    if parts.scheme == "http" and not policy.allow_http:
        raise FetchRefused("https_only")
    host = parts.hostname
    if host in policy.allowed_hosts:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, parts.port or 443)}
    except socket.gaierror:
        raise FetchRefused("unknown_host", host=host) from None
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise FetchRefused("private_address", host=host)


def fetch_calendar(
    url: str,
    *,
    policy: FetchPolicy,
    etag: str = "",
    last_modified: str = "",
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """The calendar's bytes, or not_modified when the server says it has not changed."""
    headers = {"Accept": "text/calendar, */*;q=0.5", "User-Agent": "logistics_app (calendar import)"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    with httpx.Client(timeout=policy.timeout, follow_redirects=False, transport=transport) as client:
        for _ in range(policy.max_redirects + 1):
            check_url(url, policy)
            try:
                with client.stream("GET", url, headers=headers) as response:
                    if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                        url = urljoin(url, response.headers.get("location", ""))
                        continue
                    return _read(response, policy)
            except httpx.TimeoutException:
                raise FetchRefused("timeout", seconds=int(policy.timeout)) from None
            except httpx.TransportError as error:
                raise FetchRefused("unreachable", reason=type(error).__name__) from None
    raise FetchRefused("too_many_redirects", limit=policy.max_redirects)


def _read(response: httpx.Response, policy: FetchPolicy) -> Fetched:
    validators = {"etag": response.headers.get("etag", ""), "last_modified": response.headers.get("last-modified", "")}
    if response.status_code == 304:
        return Fetched(b"", not_modified=True, **validators)
    if response.status_code >= 400:
        raise FetchRefused("http_status", status=response.status_code)
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind and kind not in CALENDAR_TYPES:
        raise FetchRefused("not_calendar_type", kind=kind)
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchRefused("too_big", megabytes=policy.max_bytes // (1024 * 1024))
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchRefused("too_big", megabytes=policy.max_bytes // (1024 * 1024))
        chunks.append(chunk)
    return Fetched(b"".join(chunks), **validators)
