from __future__ import annotations

import asyncio
import gzip
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.api.routes import build_api
from logistics_app.db import session_scope
from logistics_app.models import Agency, FeedKind, Nomination, ScheduleItem
from logistics_app.queries import feeds
from logistics_app.services import subscriptions, winners
from logistics_app.services.releases import publish
from logistics_app.services.schedule import item_input, update_item
from tests.factories import an_organizer

pytestmark = pytest.mark.integration
ARIEL = "/cal/events/ariel-2025.ics"


class AsgiClient:
    """Synchronous calls into the ASGI app through httpx's ASGI transport (no server needed)."""

    def __init__(self, app: object):
        self.app = app

    def request(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        async def call() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)  # type: ignore[arg-type]
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost:8000") as client:
                return await client.request(method, url, **kwargs)  # type: ignore[arg-type]

        # Its own thread and loop: Playwright's sync API may hold this thread's loop.
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(asyncio.run, call()).result()

    def get(self, url: str, **kwargs: object) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def head(self, url: str, **kwargs: object) -> httpx.Response:
        return self.request("HEAD", url, **kwargs)

    def post(self, url: str, **kwargs: object) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: object) -> httpx.Response:
        return self.request("PUT", url, **kwargs)


@pytest.fixture
def client(demo: Engine) -> Iterator[AsgiClient]:
    yield AsgiClient(build_api(demo))


def test_public_feed_headers(client: AsgiClient) -> None:
    response = client.get(ARIEL)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["content-disposition"] == 'inline; filename="ariel-2025.ics"'
    assert response.headers["cache-control"] == "public, max-age=300"
    assert parsedate_to_datetime(response.headers["last-modified"]) >= datetime(2025, 7, 9, 12, tzinfo=UTC)
    assert response.headers["etag"].startswith('W/"')
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_if_none_match_answers_304_and_takes_precedence(client: AsgiClient) -> None:
    etag = client.get(ARIEL).headers["etag"]
    assert client.get(ARIEL, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(ARIEL, headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
    future = format_datetime(datetime(2030, 1, 1, tzinfo=UTC), usegmt=True)
    # A stale ETag wins over a fresh date: full answer.
    assert client.get(ARIEL, headers={"If-None-Match": '"stale"', "If-Modified-Since": future}).status_code == 200
    not_modified = client.get(ARIEL, headers={"If-None-Match": etag})
    assert not_modified.content == b"" and not_modified.headers["etag"] == etag


def test_if_modified_since(client: AsgiClient, demo: Engine) -> None:
    stamp = client.get(ARIEL).headers["last-modified"]
    earlier = format_datetime(parsedate_to_datetime(stamp) - timedelta(seconds=1), usegmt=True)
    assert client.get(ARIEL, headers={"If-Modified-Since": stamp}).status_code == 304
    assert client.get(ARIEL, headers={"If-Modified-Since": earlier}).status_code == 200
    assert client.get(ARIEL, headers={"If-Modified-Since": "ayer por la tarde"}).status_code == 200
    # Hiding an item changes no item's own stamp, but the feed's Last-Modified must move.
    with session_scope(demo) as session:
        item = session.exec(select(ScheduleItem).where(ScheduleItem.title == "Alfombra roja")).one()
        item.visibility = "internal"
        session.add(item)
        session.flush()
        publish(session=session, slug="ariel-2025", actor=None)
    refreshed = client.get(ARIEL, headers={"If-Modified-Since": stamp})
    assert refreshed.status_code == 200 and b"Alfombra roja" not in refreshed.content


def test_head_and_gzip(client: AsgiClient) -> None:
    head = client.head(ARIEL)
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["etag"] == client.get(ARIEL).headers["etag"]
    raw = client.get("/cal/events/rumbo-al-ariel-2025.ics", headers={"Accept-Encoding": "gzip"})
    assert raw.headers["content-encoding"] == "gzip"
    assert raw.content.startswith(b"BEGIN:VCALENDAR")  # httpx decoded it
    plain = client.get("/cal/events/rumbo-al-ariel-2025.ics", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == raw.content
    assert len(gzip.compress(plain.content)) < len(plain.content) / 3


def test_an_edit_is_in_the_next_response(client: AsgiClient, demo: Engine) -> None:
    first = client.get(ARIEL)
    _moved(client, demo, 1, "Alfombra roja", "ariel-2025")
    second = client.get(ARIEL, headers={"If-None-Match": first.headers["etag"]})
    assert second.status_code == 200
    assert second.headers["etag"] != first.headers["etag"]
    assert b"SEQUENCE:1" in second.content


def test_unknown_items_and_events_are_404(client: AsgiClient) -> None:
    assert client.get("/cal/events/no-existe.ics").status_code == 404
    assert client.get("/cal/venues/no-existe.ics").status_code == 404
    assert client.get("/api/events/no-existe/schedule.json").status_code == 404


def test_private_feeds(client: AsgiClient, demo: Engine) -> None:
    with session_scope(demo) as session:
        amacc = session.exec(select(Agency).where(Agency.slug == "amacc")).one()
        token = subscriptions.issue_token(session=session, kind=FeedKind.AGENCY, owner_id=amacc.id)
    response = client.get(f"/cal/private/{token}.ics")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, max-age=300"
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert b"Montaje de escenario" in response.content
    altered = token[:-1] + ("y" if token.endswith("x") else "x")  # one character off, never the token itself
    assert client.get(f"/cal/private/{altered}.ics").status_code == 404
    assert client.get("/cal/private/.ics").status_code == 404
    with session_scope(demo) as session:
        fresh = subscriptions.rotate_token(session=session, token=token, kind=FeedKind.AGENCY)
    assert client.get(f"/cal/private/{token}.ics").status_code == 404
    assert client.get(f"/cal/private/{fresh}.ics").status_code == 200


def test_mi_agenda_follows_the_selection(client: AsgiClient, demo: Engine) -> None:
    with Session(demo) as session:
        uids = {i.title: i.uid for i in session.exec(select(ScheduleItem)).all()}
    created = client.post("/api/agenda", json={"uids": [uids["Alfombra roja"]]})
    assert created.status_code == 201
    body = created.json()
    assert body["webcal"].startswith("webcal://localhost:8000/cal/private/")
    assert body["google"].startswith("https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2F")
    path = body["https"].removeprefix("http://localhost:8000")
    assert client.get(path).content.count(b"BEGIN:VEVENT") == 1
    assert (
        client.put(
            f"/api/agenda/{body['token']}",
            json={"uids": [uids["Alfombra roja"], uids["Ceremonia de los 67 Premios Ariel"]]},
        ).status_code
        == 204
    )
    assert client.get(path).content.count(b"BEGIN:VEVENT") == 2
    assert client.put("/api/agenda/no-existe", json={"uids": []}).status_code == 404
    assert client.post("/api/agenda", content=b"no es json").status_code == 400
    assert client.post("/api/agenda", json={"uids": "todo"}).json()["error"].startswith("Envíe")


def test_single_item_download_and_json(client: AsgiClient, demo: Engine) -> None:
    with Session(demo) as session:
        carpet = session.exec(select(ScheduleItem).where(ScheduleItem.title == "Alfombra roja")).one().uid
        rehearsal = session.exec(select(ScheduleItem).where(ScheduleItem.title == "Ensayo general")).one().uid
    single = client.get(f"/cal/items/{carpet}.ics")
    assert single.headers["content-disposition"] == 'attachment; filename="alfombra-roja.ics"'
    assert single.content.count(b"BEGIN:VEVENT") == 1
    assert client.get(f"/cal/items/{rehearsal}.ics").status_code == 404
    data = client.get("/api/events/ariel-2025/schedule.json").json()
    assert [i["title"] for i in data["items"]][:2] == ["Conferencia de prensa «Muestra FILMA 2025»", "Alfombra roja"]
    assert data["items"][0]["start"] == "2025-09-19T11:00:00-06:00"


def _moved(client: AsgiClient, demo: Engine, hours: int, title: str, slug: str) -> None:
    with session_scope(demo) as session:
        item = session.exec(select(ScheduleItem).where(ScheduleItem.title == title)).first()
        assert item is not None
        data = item_input(session=session, item=item)
        data.start, data.end = item.start_utc + timedelta(hours=hours), item.end_utc + timedelta(hours=hours)
        update_item(session=session, item_id=item.id, data=data)  # type: ignore[arg-type]
        publish(session=session, slug=slug, actor=None)


def test_last_modified_moves_only_when_the_feeds_own_bytes_do(client: AsgiClient, demo: Engine) -> None:
    first = client.get(ARIEL)
    validators = (first.headers["etag"], first.headers["last-modified"])
    # An attendee's new agenda, a sealed winner and an edit published in another event change
    # nothing in the Ariel feed: neither its ETag nor its Last-Modified move.
    assert client.post("/api/agenda", json={"uids": []}).status_code == 201
    with session_scope(demo) as session:
        nomination = session.exec(select(Nomination)).first()
        assert nomination is not None
        tally = an_organizer(session, "escrutinio@amacc.mx", can_tally=True)
        winners.seal(session=session, actor=tally, slug="ariel-2025", nomination_id=nomination.id)  # type: ignore[arg-type]
    _moved(client, demo, 1, "Taller de Guionismo: sesión 1 de 20", "taller-guionismo-cdmx-2025")
    again = client.get(ARIEL)
    assert (again.headers["etag"], again.headers["last-modified"]) == validators
    since = client.get(ARIEL, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304
    # A restart (an empty cache, as in another worker) answers the same validators.
    feeds.CACHE.clear()
    restarted = client.get(ARIEL)
    assert (restarted.headers["etag"], restarted.headers["last-modified"]) == validators
    # Its own item moved: both move.
    _moved(client, demo, 1, "Alfombra roja", "ariel-2025")
    changed = client.get(ARIEL)
    assert changed.headers["etag"] != validators[0]
    assert parsedate_to_datetime(changed.headers["last-modified"]) > parsedate_to_datetime(validators[1])
    assert client.get(ARIEL, headers={"If-Modified-Since": first.headers["last-modified"]}).status_code == 200


def test_vary_names_each_header_once_and_304s_keep_accept_encoding(client: AsgiClient) -> None:
    full = client.get(ARIEL, headers={"Accept-Encoding": "gzip"})
    assert full.headers["vary"] == "Accept-Encoding"
    again = client.get(ARIEL, headers={"Accept-Encoding": "gzip", "If-None-Match": full.headers["etag"]})
    assert (again.status_code, again.headers["vary"]) == (304, "Accept-Encoding")


def test_anonymous_agenda_writes_are_limited(client: AsgiClient) -> None:
    huge = client.post("/api/agenda", content=b'{"uids": ["' + b"x" * 200_000 + b'"]}')
    assert huge.status_code == 413
    deep = client.post("/api/agenda", content=b"[" * 30_000 + b"]" * 30_000)  # under the size limit
    assert deep.status_code == 400
    answers = [client.post("/api/agenda", json={"uids": []}).status_code for _ in range(12)]
    assert answers[:8] == [201] * 8 and answers[-1] == 429  # 10 a minute (two went above)
    slow = client.post("/api/agenda", json={"uids": []})
    assert slow.status_code == 429 and int(slow.headers["retry-after"]) >= 1


def test_a_nul_byte_in_an_address_is_not_found(client: AsgiClient) -> None:
    assert client.get("/cal/events/ariel%00-2025.ics").status_code == 404
    assert client.get("/api/events/%00/schedule.json").status_code == 404


def test_feeds_answer_503_when_the_database_is_down() -> None:
    from logistics_app.db import make_engine

    down = AsgiClient(build_api(make_engine("postgresql+psycopg://nadie@127.0.0.1:1/ninguna")))
    for path in (ARIEL, "/api/events/ariel-2025/schedule.json"):
        answer = down.get(path)
        assert (answer.status_code, answer.headers["retry-after"]) == (503, "60")
        assert answer.text.startswith("Servicio no disponible por un momento")


def test_every_answer_carries_the_security_headers(demo: Engine) -> None:
    from logistics_app.api.middleware import SecurityHeaders

    guarded = AsgiClient(SecurityHeaders(build_api(demo), api_url="https://cine.example.mx"))
    for path in (ARIEL, "/api/events/ariel-2025/schedule.json", "/cal/events/no-existe.ics"):
        headers = guarded.get(path).headers
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "connect-src 'self' https://cine.example.mx wss://cine.example.mx" in headers["content-security-policy"]


def test_unknown_feed_addresses_leave_nothing_in_the_cache(client: AsgiClient) -> None:
    client.get(ARIEL)
    before = feeds.CACHE.sizes()
    for n in range(200):
        assert client.get(f"/cal/private/token-inventado-{n}.ics").status_code == 404
        assert client.get(f"/cal/events/no-existe-{n}.ics").status_code == 404
    assert feeds.CACHE.sizes() == before


def test_an_agenda_with_nul_characters_is_stored_without_them(client: AsgiClient) -> None:
    created = client.post("/api/agenda", json={"uids": ["a\x00b", "\x00"]})
    assert created.status_code == 201
