"""The feeds through the real Reflex backend (granian, Reflex's CORS, our mounted routes)."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import OUTPUT

pytestmark = pytest.mark.e2e


def test_feeds_are_served_by_the_reflex_backend(backend_url: str) -> None:
    with httpx.Client(base_url=backend_url, timeout=30) as client:
        feed = client.get("/cal/events/ariel-2025.ics")
        assert feed.status_code == 200 and feed.headers["content-type"] == "text/calendar; charset=utf-8"
        again = client.get("/cal/events/ariel-2025.ics", headers={"If-None-Match": feed.headers["etag"]})
        assert again.status_code == 304
        head = client.head("/cal/events/ariel-2025.ics")
        assert (head.status_code, head.content) == (200, b"")
        assert client.get("/api/events/ariel-2025/schedule.json").json()["event"]["slug"] == "ariel-2025"


def test_cors_allows_only_the_configured_origins(backend_url: str) -> None:
    with httpx.Client(base_url=backend_url, timeout=30) as client:
        stranger = client.get("/cal/events/ariel-2025.ics", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in stranger.headers
        own = client.get("/cal/events/ariel-2025.ics", headers={"Origin": "http://localhost:3000"})
        assert own.headers["access-control-allow-origin"] == "http://localhost:3000"


def test_private_tokens_are_never_logged(backend_url: str) -> None:
    secret = "NoDebeAparecerEnLosRegistros0123456789"
    with httpx.Client(base_url=backend_url, timeout=30) as client:
        assert client.get(f"/cal/private/{secret}.ics").status_code == 404
        created = client.post("/api/agenda", json={"uids": []}).json()
        assert client.get(httpx.URL(created["https"]).path).status_code == 200
    log = (OUTPUT / "backend.log").read_text()
    assert secret not in log and created["token"] not in log


def test_the_running_backend_reports_its_health(backend_url: str) -> None:
    response = httpx.get(backend_url + "/api/health", timeout=30)
    body = response.json()
    assert (response.status_code, body["status"], body["database"]) == (200, "ok", "ok")
    assert body["redis"] in ("ok", "not configured")  # "ok" when REDIS_URL is set for the run
