"""Changes reach people: "Publicar" queues one digest per address concerned, in the same
transaction; delivery through a real SMTP server (aiosmtpd) brings each message once, read back
with Python's `email` package, its calendar parts read by icalendar and by ical.js with the same
METHOD, UID and SEQUENCE as the feeds. A refusing or hanging-up server never loses a message."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from email.message import EmailMessage
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app import jobs
from logistics_app.db import session_scope
from logistics_app.domain.errors import ValidationFailed
from logistics_app.integrations import smtp
from logistics_app.models import (
    AgencyContact,
    Event,
    FeedKind,
    MessageStatus,
    OutboxMessage,
    ScheduleItem,
    ScheduleRelease,
    Visibility,
    key_of,
)
from logistics_app.queries import feeds
from logistics_app.services import accounts, delivery, outbox, releases
from logistics_app.services.schedule import create_item, delete_item, item_input, update_item
from logistics_app.settings import get_settings
from logistics_app.timeutil import now_utc
from tests.factories import GALA, a_venue, an_agency, an_event, an_item, an_organizer
from tests.feedcheck import JS, NODE
from tests.mailserver import smtp_server

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
WINDOW = timedelta(minutes=get_settings().mail_merge_minutes, seconds=30)
SECTUR, CANAL = {"a@sectur.example.mx", "c@sectur.example.mx"}, {"b@canal22.example.mx"}


def _world(engine: Engine, *, at_once: bool = True) -> dict[str, Any]:
    """Sectur (a contact and a coordinator) and Canal 22 (a contact); Sectur leads a public item
    Canal 22 supports, and an internal one it also "supports"; Canal 22 leads a third."""
    with session_scope(engine) as session:
        event = an_event(session, "muestra", timezone="America/Mexico_City", mail_at_once=at_once)
        venue = a_venue(session, "teatro", timezone="America/Mexico_City")
        sectur, canal = an_agency(session, "sectur"), an_agency(session, "canal-22", name="Canal 22")
        session.add(AgencyContact(agency_id=key_of(sectur), name="Enlace Sectur", email="A@sectur.example.mx"))
        session.add(AgencyContact(agency_id=key_of(canal), name="Transmisión", email="b@canal22.example.mx"))
        session.add(AgencyContact(agency_id=key_of(canal), name="Sin correo", email=""))
        accounts.create_user(
            session=session,
            email="c@sectur.example.mx",
            name="Coordinación Sectur",
            password="Vallarta-2025!",
            role="coordinator",
            agency_slug="sectur",
        )
        org = an_organizer(session)

        def item(title: str, lead: int, support: tuple[int, ...] = (), **more: Any) -> str:
            data = an_item(title=title, venue_id=key_of(venue), lead_agency_id=lead, supporting_agency_ids=support)
            for name, value in more.items():
                setattr(data, name, value)
            return create_item(session=session, event=event, data=data).uid

        uids = {
            "traslado": item("Traslado de nominados", key_of(sectur), (key_of(canal),)),
            "interno": item(
                "Junta interna de Sectur", key_of(sectur), (key_of(canal),), visibility=Visibility.INTERNAL
            ),
            "senal": item(
                "Prueba de señal", key_of(canal), start=GALA + timedelta(hours=2), end=GALA + timedelta(hours=3)
            ),
        }
        return {"org": org, "uids": uids, "sectur": key_of(sectur), "canal": key_of(canal)}


def _publish(engine: Engine, world: dict[str, Any]) -> int:
    return releases.publish_event(slug="muestra", actor=world["org"], engine=engine)


def _deliver(engine: Engine, url: str, minutes: int = 0) -> delivery.Delivery:
    """A delivery `minutes` after the merge window of the publications just made has passed."""
    return delivery.deliver(
        send=partial(smtp.send, smtp.SmtpTarget.from_url(url)),
        engine=engine,
        now=now_utc() + WINDOW + timedelta(minutes=minutes),
    )


def _calendars(mail: EmailMessage) -> list[tuple[str, bytes]]:
    """Each text/calendar part: its method parameter and its bytes."""
    return [
        (str(part.get_param("method")), str(part.get_content()).encode())
        for part in mail.walk()
        if part.get_content_type() == "text/calendar"
    ]


def _feed_sequences(engine: Engine, agency_slug: str) -> dict[str, int]:
    """Each item's SEQUENCE in the agency's private feed."""
    with Session(engine) as session:
        spec = feeds.owner_spec(session=session, kind=FeedKind.AGENCY, agency_slug=agency_slug)
        body = feeds.render(session=session, spec=spec, now=GALA - timedelta(days=1)).body
    return {str(e["UID"]): int(e["SEQUENCE"]) for e in Calendar.from_ical(body).walk("VEVENT")}


def _ical_js(tmp_path: Path, parts: list[bytes]) -> list[dict[str, Any]]:
    paths = []
    for number, body in enumerate(parts):
        path = tmp_path / f"part-{number}.ics"
        path.write_bytes(body)
        paths.append(str(path))
    done = subprocess.run(
        [str(NODE), str(JS / "itip.mjs"), *paths],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TZ": "UTC"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_a_publication_reaches_each_address_of_each_agency_concerned_once(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    world = _world(sqlite_engine)
    assert _publish(sqlite_engine, world) == 1
    with Session(sqlite_engine) as session:
        queued = session.exec(select(OutboxMessage)).all()
    assert {m.recipient for m in queued} == SECTUR | CANAL  # lower-case, the address without e-mail left out
    assert {m.status for m in queued} == {MessageStatus.QUEUED}

    with smtp_server() as (server, url):
        report = _deliver(sqlite_engine, url)
        assert (report.sent, report.retrying, report.failed) == (3, 0, 0)
        assert _deliver(sqlite_engine, url).sent == 0  # nothing twice
    assert sorted(r.envelope_to[0] for r in server.received) == sorted(SECTUR | CANAL)

    canal = server.to("b@canal22.example.mx")[0]
    text = canal.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = canal.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert canal["Subject"] == "Muestra: 2 cambios en su programa"
    assert "Traslado de nominados" in text and "Prueba de señal" in text and "Traslado de nominados" in html
    # Sectur's internal meeting never reaches Canal 22, in any part.
    assert "Junta interna" not in canal.as_string() and world["uids"]["interno"] not in canal.as_string()
    sectur_mail = server.to("a@sectur.example.mx")[0]
    assert "Junta interna de Sectur" in sectur_mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    parts = _calendars(canal)
    assert [method for method, _ in parts] == ["REQUEST", "REQUEST"]
    feed = _feed_sequences(sqlite_engine, "canal-22")
    for method, body in parts:
        cal = Calendar.from_ical(body)
        (vevent,) = cal.walk("VEVENT")
        assert str(cal["METHOD"]) == method
        assert int(vevent["SEQUENCE"]) == feed[str(vevent["UID"])]
    readings = _ical_js(tmp_path, [body for _, body in parts])
    uids = [str(Calendar.from_ical(body).walk("VEVENT")[0]["UID"]) for _, body in parts]
    assert [(r["method"], r["events"][0]["uid"], r["events"][0]["sequence"]) for r in readings] == [
        ("REQUEST", uid, feed[uid]) for uid in uids
    ]
    assert {r["events"][0]["attendee"] for r in readings} == {"mailto:b@canal22.example.mx"}


def test_a_moved_item_is_an_update_and_a_deleted_one_a_cancellation(sqlite_engine: Engine, tmp_path: Path) -> None:
    world = _world(sqlite_engine)
    _publish(sqlite_engine, world)
    with smtp_server() as (_, url):
        _deliver(sqlite_engine, url)
    with session_scope(sqlite_engine) as session:
        moved = session.exec(select(ScheduleItem).where(ScheduleItem.uid == world["uids"]["traslado"])).one()
        data = item_input(session=session, item=moved)
        data.start, data.end = data.start + timedelta(minutes=30), data.end + timedelta(minutes=30)
        update_item(session=session, item_id=key_of(moved), data=data)
        gone = session.exec(select(ScheduleItem).where(ScheduleItem.uid == world["uids"]["senal"])).one()
        delete_item(session=session, item_id=key_of(gone))
    assert _publish(sqlite_engine, world) == 2
    with smtp_server() as (server, url):
        assert _deliver(sqlite_engine, url).sent == 3
    canal = server.to("b@canal22.example.mx")
    assert len(canal) == 1
    text = canal[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Cambió de horario: Traslado de nominados" in text and "→" in text
    assert "Cancelada: Prueba de señal" in text
    parts = dict(_calendars(canal[0]))
    feed = _feed_sequences(sqlite_engine, "canal-22")
    cancel = Calendar.from_ical(parts["CANCEL"])
    assert str(cancel["METHOD"]) == "CANCEL"
    (vevent,) = cancel.walk("VEVENT")
    assert (str(vevent["UID"]), str(vevent["STATUS"])) == (world["uids"]["senal"], "CANCELLED")
    assert int(vevent["SEQUENCE"]) == feed[world["uids"]["senal"]] >= 1
    request = Calendar.from_ical(parts["REQUEST"]).walk("VEVENT")[0]
    assert int(request["SEQUENCE"]) == feed[world["uids"]["traslado"]] >= 1
    assert [r["method"] for r in _ical_js(tmp_path, [parts["REQUEST"], parts["CANCEL"]])] == ["REQUEST", "CANCEL"]
    # Sectur's addresses hear only of the moved item: one invitation, inline.
    sectur = server.to("a@sectur.example.mx")[0]
    assert [m for m, _ in _calendars(sectur)] == ["REQUEST"] and "Prueba de señal" not in sectur.as_string()


def test_a_publication_that_rolls_back_leaves_no_message(sqlite_engine: Engine) -> None:
    world = _world(sqlite_engine)
    with pytest.raises(RuntimeError), session_scope(sqlite_engine) as session:
        releases.publish(session=session, slug="muestra", actor=world["org"])
        assert session.exec(select(OutboxMessage)).all() != []
        raise RuntimeError("the publication fails after the messages were written")
    with Session(sqlite_engine) as session:
        assert session.exec(select(OutboxMessage)).all() == []
        assert session.exec(select(ScheduleRelease)).all() == []


def test_notices_wait_for_review_unless_the_event_sends_at_once(sqlite_engine: Engine) -> None:
    world = _world(sqlite_engine, at_once=False)
    _publish(sqlite_engine, world)
    with smtp_server() as (server, url):
        assert _deliver(sqlite_engine, url, minutes=60).sent == 0
        with Session(sqlite_engine) as session:
            shown = outbox.outbox(session=session, slug="muestra", lang="en")
            first = outbox.preview(session=session, slug="muestra", message_id=int(shown[0]["id"]))
        assert {r["status_label"] for r in shown} == {"Held for review"}
        assert first["to"].endswith(f"<{shown[0]['recipient']}>") and first["calendars"][0]["method"] == "REQUEST"
        assert "BEGIN:VCALENDAR" in first["calendars"][0]["ics"] and first["text"].startswith("Hola")
        with session_scope(sqlite_engine) as session:
            assert outbox.send_held(session=session, slug="muestra") == 3
            assert outbox.send_held(session=session, slug="muestra") == 0
        assert _deliver(sqlite_engine, url).sent == 3
        # From now on the event sends at once.
        with session_scope(sqlite_engine) as session:
            outbox.set_mail_at_once(session=session, slug="muestra", at_once=True)
            item = session.exec(select(ScheduleItem).where(ScheduleItem.uid == world["uids"]["senal"])).one()
            delete_item(session=session, item_id=key_of(item))
        _publish(sqlite_engine, world)
        assert _deliver(sqlite_engine, url).sent == 1  # Canal 22's one address
    assert len(server.received) == 4


def _move(engine: Engine, uid: str, minutes: int) -> None:
    with session_scope(engine) as session:
        item = session.exec(select(ScheduleItem).where(ScheduleItem.uid == uid)).one()
        data = item_input(session=session, item=item)
        data.start, data.end = data.start + timedelta(minutes=minutes), data.end + timedelta(minutes=minutes)
        update_item(session=session, item_id=key_of(item), data=data)


@pytest.mark.parametrize("at_once", [True, False])
def test_publications_close_together_make_one_message(sqlite_engine: Engine, at_once: bool) -> None:
    world = _world(sqlite_engine, at_once=at_once)
    _publish(sqlite_engine, world)
    with session_scope(sqlite_engine) as session:
        outbox.send_held(session=session, slug="muestra")
    with smtp_server() as (server, url):
        assert _deliver(sqlite_engine, url).sent == 3
        server.received.clear()
        _move(sqlite_engine, world["uids"]["traslado"], 30)
        _publish(sqlite_engine, world)
        if at_once:  # the merge window has not passed: nothing goes yet
            assert (
                delivery.deliver(send=partial(smtp.send, smtp.SmtpTarget.from_url(url)), engine=sqlite_engine).sent == 0
            )
        _move(sqlite_engine, world["uids"]["traslado"], 15)
        with session_scope(sqlite_engine) as session:  # new, then gone before anyone was told
            extra = create_item(
                session=session,
                event=session.exec(select(Event).where(Event.slug == "muestra")).one(),
                data=an_item(title="Ensayo de último minuto", lead_agency_id=world["canal"]),
            )
        _publish(sqlite_engine, world)
        with session_scope(sqlite_engine) as session:
            delete_item(session=session, item_id=key_of(extra))
        assert _publish(sqlite_engine, world) == 4
        with session_scope(sqlite_engine) as session:
            outbox.send_held(session=session, slug="muestra")
        assert _deliver(sqlite_engine, url).sent == 3
    assert sorted(r.envelope_to[0] for r in server.received) == sorted(SECTUR | CANAL)
    text = server.to("b@canal22.example.mx")[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    moves = [line for line in text.splitlines() if "Traslado de nominados" in line]
    assert len(moves) == 1 and "20:00–21:00 → " in moves[0] and moves[0].endswith("20:45–21:45)")
    assert "último minuto" not in text


@pytest.mark.parametrize("mode", ["refuse", "drop"])
def test_a_refusing_or_hanging_up_server_loses_nothing(sqlite_engine: Engine, mode: str) -> None:
    world = _world(sqlite_engine)
    _publish(sqlite_engine, world)
    with smtp_server() as (server, url):
        server.mode = mode
        report = _deliver(sqlite_engine, url)
        assert (report.sent, report.retrying) == (0, 3)
        with Session(sqlite_engine) as session:
            rows = session.exec(select(OutboxMessage)).all()
        assert {(r.status, r.attempts) for r in rows} == {(MessageStatus.QUEUED, 1)}
        if mode == "refuse":
            assert {r.last_error for r in rows} == {"451 4.3.0 Try again later (test server)"}
        assert all(r.last_error for r in rows)
        assert _deliver(sqlite_engine, url).sent == 0  # not due yet: it waits before trying again
        server.mode = "accept"
        assert _deliver(sqlite_engine, url, minutes=2).sent == 3
        assert _deliver(sqlite_engine, url, minutes=60).sent == 0
    assert sorted(r.envelope_to[0] for r in server.received) == sorted(SECTUR | CANAL)


def test_after_the_last_attempt_a_message_is_failed_until_an_organizer_retries_it(sqlite_engine: Engine) -> None:
    world = _world(sqlite_engine)
    _publish(sqlite_engine, world)
    with smtp_server() as (server, url):
        server.mode = "refuse"
        for attempt in range(delivery.MAX_ATTEMPTS):
            _deliver(sqlite_engine, url, minutes=60 * attempt)
        with Session(sqlite_engine) as session:
            rows = outbox.outbox(session=session, slug="muestra")
        assert {(r["status"], r["status_label"], r["attempts"]) for r in rows} == {
            ("failed", "Falló", str(delivery.MAX_ATTEMPTS))
        }
        assert _deliver(sqlite_engine, url, minutes=60 * 24).sent == 0
        server.mode = "accept"
        with session_scope(sqlite_engine) as session:
            for row in rows:
                outbox.retry(session=session, slug="muestra", message_id=int(row["id"]))
        assert _deliver(sqlite_engine, url).sent == 3
    assert len(server.received) == 3


@pytest.mark.parametrize("command", [["outbox", "muestra", "--send"], ["worker"]], ids=["outbox-send", "worker"])
def test_a_worker_killed_in_the_middle_of_a_batch_sends_the_rest_once(tmp_path: Path, command: list[str]) -> None:
    """`outbox --send`, or the job queue's worker, killed with SIGKILL while the server is slow; a
    worker started again sends what was left, the dead worker's last claim goes out once it has
    expired, and everybody gets their message. Twice only for a message the server accepted in the
    instant before the kill, before the worker could record it (SMTP gives no way to close that
    window): at most one per claim the dead worker held, with the same Message-ID both times."""
    from logistics_app.db import make_engine
    from logistics_app.infra.database import migrate

    url = f"sqlite:///{tmp_path / 'mail.db'}"
    engine = make_engine(url)
    migrate(engine)
    world = _world(engine, at_once=False)  # held: `outbox --send` sends them now
    with session_scope(engine) as session:  # more recipients, so the batch takes a while
        for number in range(12):
            session.add(
                AgencyContact(
                    agency_id=world["canal"], name=f"Contacto {number}", email=f"c{number}@canal22.example.mx"
                )
            )
    _publish(engine, world)
    if command == ["worker"]:
        with session_scope(engine) as session:
            outbox.send_held(session=session, slug="muestra")
    with smtp_server() as (server, smtp_url):
        server.delay = 0.4
        env = {**os.environ, "DATABASE_URL": url, "SMTP_URL": smtp_url}

        def start() -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                [sys.executable, "-m", "logistics_app.cli", *command],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        worker = start()
        deadline = time.monotonic() + 60
        while len(server.received) < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)  # the third is marked sent; the fourth is in the server's hands
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
        first = len(server.received)
        assert 3 <= first < 15
        server.delay = 0.0
        again = start()  # sends every message still queued; the dead worker's claim is not yet stale
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (
                _count(engine, MessageStatus.QUEUED) == 0
                and len(server.received) + _count(engine, MessageStatus.SENDING) == 15
            ):
                time.sleep(0.1)
            assert _count(engine, MessageStatus.QUEUED) == 0
            # The dead worker's claims: one, or one per worker thread of the job queue's worker.
            assert _count(engine, MessageStatus.SENDING) <= jobs.WORKERS
        finally:
            again.terminate()
            again.wait(timeout=30)
        _deliver(engine, smtp_url, minutes=int(delivery.STALE_CLAIM.total_seconds() // 60) + 1)
        time.sleep(0.5)
    counts: dict[str, int] = {}
    for received in server.received:
        counts[received.envelope_to[0]] = counts.get(received.envelope_to[0], 0) + 1
    assert len(counts) == 15, counts
    twice = [address for address, number in counts.items() if number > 1]
    assert set(counts.values()) <= {1, 2} and len(twice) <= (jobs.WORKERS if command == ["worker"] else 1), counts
    for address in twice:
        assert len({m["Message-ID"] for m in server.to(address)}) == 1
    with Session(engine) as session:
        assert {r.status for r in session.exec(select(OutboxMessage))} == {MessageStatus.SENT}
    engine.dispose()


def _count(engine: Engine, status: MessageStatus) -> int:
    with Session(engine) as session:
        return len(session.exec(select(OutboxMessage.id).where(OutboxMessage.status == status)).all())


def test_the_cli_publishes_lists_and_sends_the_outbox(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    from logistics_app.db import make_engine
    from logistics_app.infra.database import migrate

    engine = make_engine(url)
    migrate(engine)
    _world(engine, at_once=False)

    def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "logistics_app.cli", *args],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url, "SMTP_URL": "", **env},
            capture_output=True,
            text=True,
            timeout=120,
        )

    published = cli("publish", "muestra")
    assert (published.returncode, published.stdout) == (
        0,
        "Publicada la versión 1; 3 mensajes en la bandeja de salida.\n",
    )
    assert cli("publish", "muestra").stdout == "No hay cambios que publicar.\n"
    assert cli("publish", "no-existe").returncode == 2
    listing = cli("outbox", "muestra", "--json")
    assert [row["status"] for row in json.loads(listing.stdout)] == ["held"] * 3
    no_smtp = cli("outbox", "muestra", "--send")
    assert (no_smtp.returncode, no_smtp.stderr) == (
        2,
        "SMTP_URL no está definido: los mensajes esperan en la bandeja de salida.\n",
    )
    with smtp_server() as (server, smtp_url):
        sent = cli("outbox", "muestra", "--send", "--lang", "en", SMTP_URL=smtp_url)
        assert sent.stdout.startswith("Sent: 3; to retry: 0; failed: 0.\n"), sent.stderr
        test = cli("send-test-mail", "prueba@example.mx", SMTP_URL=smtp_url)
        assert test.stdout == "Mensaje de prueba enviado a prueba@example.mx.\n"
        server.mode = "refuse"
        refused = cli("send-test-mail", "prueba@example.mx", SMTP_URL=smtp_url)
        assert refused.returncode == 1 and "451 4.3.0" in refused.stderr
    assert len(server.received) == 4
    engine.dispose()


def test_mail_settings_are_checked() -> None:
    assert smtp.SmtpTarget.from_url("smtp://u%40x:p%3Aw@mail.example.mx") == smtp.SmtpTarget(
        "smtp", "mail.example.mx", 587, "u@x", "p:w"
    )
    assert smtp.SmtpTarget.from_url("smtps://mail.example.mx", user="u", password="p").port == 465
    with pytest.raises(ValueError):
        smtp.SmtpTarget.from_url("http://mail.example.mx")
    bad = subprocess.run(
        [sys.executable, "-m", "logistics_app.cli", "events"],
        cwd=ROOT,
        env={**os.environ, "SMTP_URL": "mail.example.mx"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode != 0 and "SMTP_URL" in bad.stderr


def test_one_click_unsubscribe_stops_the_notices_and_organizers_see_who(sqlite_engine: Engine) -> None:
    from urllib.parse import urlsplit

    from logistics_app.api.routes import build_api
    from tests.integration.test_feeds_http import AsgiClient

    world = _world(sqlite_engine)
    _publish(sqlite_engine, world)
    with smtp_server() as (server, url):
        _deliver(sqlite_engine, url)
    mail = server.to("b@canal22.example.mx")[0]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = "".join(str(mail["List-Unsubscribe"]).split()).strip("<>")  # folded when long
    assert link in mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert link in mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    path = urlsplit(link).path

    client = AsgiClient(build_api(sqlite_engine))
    assert client.get(path).status_code == 200  # a link checker opening it changes nothing
    assert client.head(path).status_code == 200
    with Session(sqlite_engine) as session:
        assert outbox.opted_out(session=session, slug="muestra") == []
    answer = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200 and "b@canal22.example.mx" in answer.text
    assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200  # twice is fine
    assert client.post("/api/mail/unsubscribe/no-existe").status_code == 404
    with Session(sqlite_engine) as session:
        assert outbox.opted_out(session=session, slug="muestra") == ["b@canal22.example.mx"]

    _move(sqlite_engine, world["uids"]["traslado"], 30)  # Sectur leads it, Canal 22 supports it
    _publish(sqlite_engine, world)
    with Session(sqlite_engine) as session:
        second = session.exec(select(OutboxMessage).where(OutboxMessage.release_no == 2)).all()
    assert sorted(m.recipient for m in second) == sorted(SECTUR)


def test_a_person_with_an_email_hears_of_their_own_items_only(sqlite_engine: Engine) -> None:
    from logistics_app.models import ParticipantRole
    from tests.factories import a_person

    world = _world(sqlite_engine)
    with session_scope(sqlite_engine) as session:
        karla = key_of(a_person(session, "Karla Souza", email="Karla@Example.MX"))
        a_person(session, "Sin correo")
        item = session.exec(select(ScheduleItem).where(ScheduleItem.uid == world["uids"]["interno"])).one()
        data = item_input(session=session, item=item)
        data.participants = ((karla, ParticipantRole.PRESENTER),)
        update_item(session=session, item_id=key_of(item), data=data)
    _publish(sqlite_engine, world)
    with smtp_server() as (server, url):
        assert _deliver(sqlite_engine, url).sent == 4
    (mail,) = server.to("karla@example.mx")
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("Hola, Karla Souza:") and "Cambió lo siguiente de sus actividades" in text
    # Her own item, internal as it is, and nothing else of the event.
    assert "Junta interna de Sectur" in text and "Traslado" not in text and "Prueba de señal" not in text
    assert [p.get_param("method") for p in mail.walk() if p.get_content_type() == "text/calendar"] == ["REQUEST"]


def test_the_organizers_note_goes_before_the_held_notices(sqlite_engine: Engine) -> None:
    world = _world(sqlite_engine, at_once=False)
    _publish(sqlite_engine, world)
    with session_scope(sqlite_engine) as session, pytest.raises(ValidationFailed):
        outbox.set_note(session=session, slug="muestra", note="x" * (outbox.MAX_NOTE + 1))
    note = "Buenas tardes: el traslado cambió por el cierre del malecón.\n\nGracias <3"
    with session_scope(sqlite_engine) as session:
        assert outbox.set_note(session=session, slug="muestra", note=f"  {note} ") == 3
    with Session(sqlite_engine) as session:
        assert outbox.held_note(session=session, slug="muestra") == note
    with session_scope(sqlite_engine) as session:
        outbox.send_held(session=session, slug="muestra")
    with smtp_server() as (server, url):
        _deliver(sqlite_engine, url)
    mail = server.to("b@canal22.example.mx")[0]
    text = mail.get_body(("plain",)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert text.startswith(note + "\n\nHola, Transmisión:")
    html_body = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<p>Gracias &lt;3</p>" in html_body and html_body.index("malecón") < html_body.index("Hola")
    with session_scope(sqlite_engine) as session:  # only held notices take a note
        assert outbox.set_note(session=session, slug="muestra", note="tarde") == 0


def test_each_recipient_reads_the_notice_in_their_language(sqlite_engine: Engine) -> None:
    world = _world(sqlite_engine)
    with session_scope(sqlite_engine) as session:
        contact = session.exec(select(AgencyContact).where(AgencyContact.email == "b@canal22.example.mx")).one()
        contact.lang = "en"
    _publish(sqlite_engine, world)  # published by an organizer whose page is in Spanish
    with smtp_server() as (server, url):
        _deliver(sqlite_engine, url)
    english = server.to("b@canal22.example.mx")[0]
    text = english.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert english["Subject"] == "Muestra: 2 changes to your schedule"
    assert text.startswith("Hello Transmisión,") and "New: Prueba de señal (Saturday, September 20, 2025" in text
    assert "Stop these notices" in text
    spanish = server.to("a@sectur.example.mx")[0]
    assert spanish["Subject"] == "Muestra: 2 cambios en su programa"
    (part,) = [p for p in english.walk() if p.get_content_type() == "text/calendar"][:1]
    assert "CATEGORIES:Meeting" in str(part.get_content()).replace("\r\n ", "")


def test_signing_in_keeps_the_accounts_language_for_its_mail(sqlite_engine: Engine) -> None:
    from logistics_app.models import User
    from tests.factories import PASSWORD

    with session_scope(sqlite_engine) as session:
        from tests.factories import an_organizer

        an_organizer(session, email="ana@amacc.mx")
        assert accounts.sign_in(session=session, email="ana@amacc.mx", password=PASSWORD, lang="en").refused is None
    with Session(sqlite_engine) as session:
        assert session.exec(select(User.lang).where(User.email == "ana@amacc.mx")).one() == "en"


def test_a_message_that_cannot_be_sent_is_failed_not_stuck(sqlite_engine: Engine) -> None:
    world = _world(sqlite_engine)
    _publish(sqlite_engine, world)

    def broken(mail: EmailMessage) -> None:
        raise UnicodeEncodeError("ascii", "ñ", 0, 1, "the server's password is not ASCII")

    report = delivery.deliver(send=broken, engine=sqlite_engine, now=now_utc() + WINDOW)
    assert (report.sent, report.retrying) == (0, 3)
    with Session(sqlite_engine) as session:
        rows = session.exec(select(OutboxMessage)).all()
    assert {(r.status, r.attempts) for r in rows} == {(MessageStatus.QUEUED, 1)}
    assert all(r.last_error.startswith("UnicodeEncodeError") for r in rows)


def test_a_disabled_coordinator_gets_no_notices(sqlite_engine: Engine) -> None:
    from logistics_app.models import User
    from tests.factories import an_organizer

    world = _world(sqlite_engine)
    with session_scope(sqlite_engine) as session:
        boss = an_organizer(session, email="jefa@amacc.mx")
        coordinator = session.exec(select(User).where(User.email == "c@sectur.example.mx")).one()
        accounts.set_access(
            session=session,
            actor=boss,
            user_id=key_of(coordinator),
            role="coordinator",
            agency_slug="sectur",
            active=False,
        )
    _publish(sqlite_engine, world)
    with Session(sqlite_engine) as session:
        assert sorted(m.recipient for m in session.exec(select(OutboxMessage))) == sorted(
            (SECTUR | CANAL) - {"c@sectur.example.mx"}
        )
