"""Limits on what anonymous callers can make the backend do: requests per client address, and
the size of what they send."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from starlette.requests import Request

from logistics_app.settings import get_settings

MAX_BODY = 64 * 1024  # an agenda's UIDs fit many times over


def client_address(request: Request) -> str:
    """The caller's address; behind TRUSTED_PROXY_HOPS proxies, read back that far in
    X-Forwarded-For (any other value of that header is the caller's own invention)."""
    hops = get_settings().trusted_proxy_hops
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return request.client.host if request.client else ""


class RateLimit:
    """At most `per_minute` requests per address, refilled continuously (a token bucket). Kept in
    this worker's memory for the `remembered` most recent addresses only: a caller inventing
    addresses evicts old buckets instead of growing the table."""

    def __init__(self, per_minute: int, *, remembered: int = 10_000):
        self.rate, self.capacity, self.remembered = per_minute / 60.0, float(per_minute), remembered
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, address: str, now: float | None = None) -> float:
        """0 when the request may go ahead, else the seconds to wait."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, then = self._buckets.pop(address, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[address] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self._buckets) > self.remembered:
                self._buckets.popitem(last=False)
            return wait

    def __len__(self) -> int:
        return len(self._buckets)


async def bounded_body(request: Request, limit: int = MAX_BODY) -> bytes | None:
    """The request's body, read in chunks and abandoned past `limit` (None then)."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
