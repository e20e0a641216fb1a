"""Fetching a calendar from a URL safely: https only (unless allowed), at most 5 redirects, a size
limit, a per-read timeout and an overall deadline, a Content-Type check, and never a private,
loopback or link-local address (nor one of those hidden in a NAT64, 6to4 or Teredo address)
unless the configuration's allow-list names the host. The name is resolved once and the
connection goes to the address that was checked, so a DNS answer that changes in between
(rebinding) cannot reach an internal server."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from logistics_app.domain.errors import Refusal
from logistics_app.settings import get_settings

CALENDAR_TYPES = ("text/calendar", "application/ics", "text/x-vcalendar", "application/octet-stream", "text/plain")
# IPv6 forms that carry an IPv4 address inside: the IPv4 address decides.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


@dataclass(frozen=True)
class FetchPolicy:
    allow_http: bool = False
    allowed_hosts: tuple[str, ...] = ()
    max_bytes: int = 10 * 1024 * 1024
    timeout: float = 15.0  # for each read
    deadline: float = 60.0  # for the whole download, redirects included
    max_redirects: int = 5


def configured_policy() -> FetchPolicy:
    """The limits the deployment's settings (IMPORT_*) ask for."""
    settings = get_settings()
    return FetchPolicy(
        allow_http=settings.import_allow_http,
        allowed_hosts=settings.import_allowed_hosts,
        max_bytes=settings.import_max_bytes,
        deadline=settings.import_deadline_seconds,
    )


@dataclass(frozen=True)
class Fetched:
    body: bytes
    etag: str
    last_modified: str
    not_modified: bool = False


class FetchRefused(Refusal):
    """The calendar could not (or must not) be fetched; the message says why."""

    prefix = "fetch"


def normalize_url(url: str) -> str:
    """webcal:// (what calendar apps' subscribe links use) is https."""
    url = url.strip()
    if url[:9].lower() == "webcal://":
        return "https://" + url[9:]
    return url


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and any(ip in net for net in _NAT64):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not embedded.is_global:
            return False
    return ip.is_global


def check_url(url: str, policy: FetchPolicy) -> str:
    """Refuses a URL the policy does not allow (scheme, private address) before anything is sent;
    returns the address to connect to."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise FetchRefused("bad_url", url=url[:200])
    if parts.scheme == "http" and not policy.allow_http:
        raise FetchRefused("https_only")
    host = parts.hostname
    try:
        infos = socket.getaddrinfo(
            host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError):
        raise FetchRefused("unknown_host", host=host) from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if host not in policy.allowed_hosts and not all(_is_public(a) for a in addresses):
        raise FetchRefused("private_address", host=host)
    return addresses[0]


def _pinned(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL with the checked address in place of the name, the Host header, and the TLS name."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    literal = f"[{address}]" if ":" in address else address
    netloc = literal + (f":{parts.port}" if parts.port else "")
    headers = {"Host": host + (f":{parts.port}" if parts.port else "")}
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return urlunsplit(parts._replace(netloc=netloc)), headers, extensions


def fetch_calendar(
    url: str,
    *,
    policy: FetchPolicy,
    etag: str = "",
    last_modified: str = "",
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """The calendar's bytes, or not_modified when the server says it has not changed."""
    url = normalize_url(url)
    headers = {"Accept": "text/calendar, */*;q=0.5", "User-Agent": "logistics_app (calendar import)"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + policy.deadline
    timeout = httpx.Timeout(min(policy.timeout, policy.deadline))
    with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport) as client:
        for _ in range(policy.max_redirects + 1):
            if time.monotonic() > deadline:
                raise FetchRefused("deadline", seconds=int(policy.deadline))
            address = check_url(url, policy)
            target, host, tls = _pinned(url, address)
            try:
                request = client.build_request("GET", target, headers={**headers, **host}, extensions=tls)
                response = client.send(request, stream=True)
                try:
                    if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                        url = normalize_url(urljoin(url, response.headers.get("location", "")))
                        continue
                    return _read(response, policy, deadline)
                finally:
                    response.close()
            except httpx.TimeoutException:
                raise FetchRefused("timeout", seconds=int(policy.timeout)) from None
            except httpx.TransportError as error:
                raise FetchRefused("unreachable", reason=type(error).__name__) from None
    raise FetchRefused("too_many_redirects", limit=policy.max_redirects)


def _read(response: httpx.Response, policy: FetchPolicy, deadline: float) -> Fetched:
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
        # A server that trickles (a byte now and then, each within the read timeout) is cut off too.
        if time.monotonic() > deadline:
            raise FetchRefused("deadline", seconds=int(policy.deadline))
        chunks.append(chunk)
    return Fetched(b"".join(chunks), **validators)
