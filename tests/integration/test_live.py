"""The ceremony's public live view over HTTP: the SSE stream gives a viewer the current winners at
once and each reveal within a second, through a real server; winners.json answers pollers with an
ETag; nothing is kept for an event that does not exist or that nobody watches."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy.engine import Engine
from sqlmodel import select

from logistics_app.api import live
from logistics_app.api.routes import build_api
from logistics_app.db import session_scope
from logistics_app.models import AwardCategory, Nomination, key_of
from logistics_app.services import winners
from tests.factories import an_organizer

pytestmark = pytest.mark.integration
SLUG = "ariel-2025"


@pytest.fixture
def server(demo: Engine) -> Iterator[tuple[str, Any]]:
    """The backend's routes on a real local server (streams need one), and its app."""
    app = build_api(demo)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    port = running.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", app
    running.should_exit = True
    thread.join(timeout=10)


def _seal_first(engine: Engine, category_name: str) -> tuple[int, str, Any]:
    with session_scope(engine) as session:
        category = session.exec(select(AwardCategory).where(AwardCategory.name == category_name)).first()
        assert category is not None
        nomination = session.exec(select(Nomination).where(Nomination.category_id == category.id)).first()
        assert nomination is not None
        tally = an_organizer(session, "escrutinio@amacc.mx", can_tally=True)
        winners.seal(session=session, actor=tally, slug=SLUG, nomination_id=key_of(nomination))
        return key_of(category), nomination.work_title, tally


def _documents(response: httpx.Response) -> Iterator[dict[str, Any]]:
    for line in response.iter_lines():
        if line.startswith("data: "):
            yield json.loads(line.removeprefix("data: "))


def test_a_viewer_gets_the_winners_now_and_each_reveal_as_it_happens(server: tuple[str, Any], demo: Engine) -> None:
    url, app = server
    category_id, title, tally = _seal_first(demo, "Mejor Película")
    with httpx.stream("GET", f"{url}/api/events/{SLUG}/live", timeout=10) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        documents = _documents(response)
        first = next(documents)
        assert first["revealed"] == 0 and all(c["winner"] == "" for c in first["categories"])
        assert title not in json.dumps(first)  # sealed: nowhere before its reveal
        names = [c["name"] for c in first["categories"]]
        assert names[0] == "Mejor Película" and len(names) == 25
        revealed_at = time.monotonic()
        with session_scope(demo) as session:
            winners.reveal_category(session=session, actor=tally, slug=SLUG, category_id=category_id)
        second = next(documents)
        waited = time.monotonic() - revealed_at
        assert waited < 1.5  # the loop looks every POLL_SECONDS (0.25 s); margin for a busy machine
        [won] = [c for c in second["categories"] if c["winner"]]
        assert (won["name"], won["title"], second["revealed"]) == ("Mejor Película", title, 1)
        with session_scope(demo) as session:  # taken back: the viewers hear it too
            winners.retract_category(session=session, actor=tally, slug=SLUG, category_id=category_id)
        assert next(documents)["revealed"] == 0
        assert app.state.live.count == 1
    deadline = time.monotonic() + 5  # the viewer left: nothing is kept for the event
    while app.state.live.viewers and time.monotonic() < deadline:
        time.sleep(0.05)
    assert app.state.live.viewers == {} and app.state.live.latest == {}


def test_an_unknown_event_is_a_404_and_keeps_nothing(server: tuple[str, Any]) -> None:
    url, app = server
    for slug in ("no-existe", "x" * 200):
        with httpx.stream("GET", f"{url}/api/events/{slug}/live", timeout=10) as response:
            assert response.status_code == 404
    for slug in ("no-existe", "otro-que-no"):
        assert httpx.get(f"{url}/api/events/{slug}/winners.json", timeout=10).status_code == 404
    hub = getattr(app.state, "live", None)
    assert hub is None or (hub.viewers == {} and hub.latest == {} and hub.polled == {} and hub.rendering == {})


def test_too_many_viewers_are_told_to_come_back(server: tuple[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    url, _ = server
    monkeypatch.setattr(live, "MAX_VIEWERS", 1)
    with httpx.stream("GET", f"{url}/api/events/{SLUG}/live", timeout=10) as first:
        documents = _documents(first)  # kept: dropping the reader would close the stream
        next(documents)
        refused = httpx.get(f"{url}/api/events/{SLUG}/live", timeout=10)
        assert refused.status_code == 503 and refused.headers["retry-after"] == "5"


def test_winners_json_answers_pollers_with_an_etag(server: tuple[str, Any], demo: Engine) -> None:
    url, _ = server
    address = f"{url}/api/events/{SLUG}/winners.json"
    before = httpx.get(address, timeout=10)
    assert before.status_code == 200 and before.json()["revealed"] == 0
    etag = before.headers["etag"]
    assert httpx.get(address, headers={"If-None-Match": etag}, timeout=10).status_code == 304
    category_id, title, tally = _seal_first(demo, "Mejor Dirección")
    assert httpx.get(address, headers={"If-None-Match": etag}, timeout=10).status_code == 304  # sealed: no change
    schedule = f"{url}/api/events/{SLUG}/schedule.json"
    assert httpx.get(schedule, timeout=10).json()["winners"] == []
    with session_scope(demo) as session:
        winners.reveal_category(session=session, actor=tally, slug=SLUG, category_id=category_id)
    after = httpx.get(address, headers={"If-None-Match": etag}, timeout=10)
    assert after.status_code == 200 and after.headers["etag"] != etag
    assert [c["title"] for c in after.json()["categories"] if c["winner"]] == [title]
    # The programme's JSON follows too.
    assert [w["title"] for w in httpx.get(schedule, timeout=10).json()["winners"]] == [title]


def test_pollers_cost_one_rendering_per_change(
    server: tuple[str, Any], demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hundred polls of winners.json render the document once per data version; while viewers
    watch the live stream, polls are answered from the viewers' copy (no rendering at all)."""
    url, _ = server
    renders: list[str] = []
    real = live._render

    def counted(engine: Engine | None, slug: str) -> tuple[int, bytes]:
        renders.append(slug)
        return real(engine, slug)

    monkeypatch.setattr(live, "_render", counted)
    address = f"{url}/api/events/{SLUG}/winners.json"
    with httpx.Client(timeout=10) as client:
        tags = {client.get(address).headers["etag"] for _ in range(100)}
        assert (len(tags), renders) == (1, [SLUG])
        category_id, title, tally = _seal_first(demo, "Mejor Actriz")  # the data version moves
        with session_scope(demo) as session:
            winners.reveal_category(session=session, actor=tally, slug=SLUG, category_id=category_id)
        polled = [client.get(address).json() for _ in range(50)]
        assert len(renders) == 2 and all(title in json.dumps(p) for p in polled)
        with httpx.stream("GET", f"{url}/api/events/{SLUG}/live", timeout=10) as response:
            next(_documents(response))
            watched = len(renders)
            for _ in range(50):
                assert client.get(address).json()["revealed"] == 1
            assert len(renders) == watched


def test_the_public_feed_names_the_winners_on_the_ceremony_once_revealed(demo: Engine) -> None:
    from icalendar import Calendar

    from logistics_app.queries import feeds

    def ceremony_description() -> str:
        with session_scope(demo) as session:
            body = feeds.serve(session=session, kind="event", arg=SLUG).body
        events = [e for e in Calendar.from_ical(body).walk("VEVENT") if "Ceremonia" in str(e.get("SUMMARY"))]
        assert events, "the public feed carries the ceremony"
        return str(events[0].get("DESCRIPTION"))

    category_id, title, tally = _seal_first(demo, "Mejor Película")
    assert title not in ceremony_description() and "Ganadores" not in ceremony_description()
    with session_scope(demo) as session:
        winners.reveal_category(session=session, actor=tally, slug=SLUG, category_id=category_id)
    assert f"Ganadores:\nMejor Película: {title}" in ceremony_description()


def test_a_first_rendering_older_than_the_loops_last_look_is_caught_up(
    demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A viewer's first document rendered before a reveal, finished after the loop had already
    seen it: the loop renders the event again (the viewer and the pollers get the winner)."""
    category_id, title, tally = _seal_first(demo, "Mejor Película")
    stale = live._render(demo, SLUG)  # begun before the reveal
    with session_scope(demo) as session:
        winners.reveal_category(session=session, actor=tally, slug=SLUG, category_id=category_id)
    real, calls = live._render, []

    def first_one_stale(engine: Engine | None, slug: str) -> tuple[int, bytes]:
        calls.append(slug)
        return stale if len(calls) == 1 else real(engine, slug)

    monkeypatch.setattr(live, "_render", first_one_stale)
    monkeypatch.setattr(live, "POLL_SECONDS", 0.05)

    async def scenario() -> None:
        hub = live.LiveHub(demo)
        hub.version = live._version(demo)  # the loop's last look: after the reveal
        queue = await hub.join(SLUG)
        assert json.loads(await queue.get())["revealed"] == 0
        caught_up = json.loads(await asyncio.wait_for(queue.get(), 5))
        assert caught_up["revealed"] == 1 and title in json.dumps(caught_up)
        polled, _ = await hub.polled_document(SLUG)
        assert json.loads(polled)["revealed"] == 1
        hub.leave(SLUG, queue)
        assert hub.latest == {} and hub.rendered == {}
        assert hub.task is not None
        await asyncio.wait_for(hub.task, 5)  # nobody watches: the loop ends

    asyncio.run(scenario())
