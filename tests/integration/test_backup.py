"""export-event / import-event: the Ariel demo restored into an empty database gives the same feed,
byte for byte (same UIDs, times and sequence numbers), on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import make_engine, session_scope
from logistics_app.domain.errors import ValidationFailed
from logistics_app.infra import backup
from logistics_app.infra.database import migrate
from logistics_app.models import Event, FeedKind, Person, ScheduleItem
from logistics_app.queries import feeds
from logistics_app.services import releases, subscriptions
from logistics_app.services.schedule import delete_item, item_input, update_item

pytestmark = pytest.mark.integration
NOW = datetime(2025, 9, 1, tzinfo=UTC)


def _feeds(engine: Engine) -> dict[str, bytes]:
    feeds.CACHE.clear()
    with session_scope(engine) as session:
        karla = session.exec(select(Person.id).where(Person.name == "Karla Souza")).one()
        token = subscriptions.issue_token(session=session, kind=FeedKind.PERSON, owner_id=karla)
    with Session(engine) as session:
        return {
            "public": feeds.render(
                session=session, spec=feeds.event_spec(session=session, slug="ariel-2025"), now=NOW
            ).body,
            "person": feeds.render(session=session, spec=feeds.token_spec(session=session, token=token), now=NOW).body,
            "json": json.dumps(
                feeds.schedule_json(session=session, slug="ariel-2025", now=NOW), sort_keys=True
            ).encode(),
        }


def _round_trip(source: Engine, target: Engine) -> None:
    # A moved and published item (sequence 1) and a deleted one (published as cancelled) travel too.
    with session_scope(source) as session:
        gala = session.exec(select(ScheduleItem).where(ScheduleItem.title.startswith("Ceremonia de los"))).one()  # type: ignore[attr-defined]
        data = item_input(session=session, item=gala)
        data.start, data.end = data.start + timedelta(minutes=30), data.end + timedelta(minutes=30)
        update_item(session=session, item_id=gala.id, data=data)  # type: ignore[arg-type]
        tour = session.exec(select(ScheduleItem).where(ScheduleItem.title.startswith("Recorrido"))).one()  # type: ignore[attr-defined]
        delete_item(session=session, item_id=tour.id)  # type: ignore[arg-type]
        releases.publish(session=session, slug="ariel-2025", actor=None)
    with session_scope(source) as session:
        text = backup.dumps(backup.export_event(session=session, slug="ariel-2025"))
    before = _feeds(source)
    with session_scope(target) as session:
        backup.import_event(session=session, doc=json.loads(text))
    after = _feeds(target)
    assert after == before
    assert b"SEQUENCE:1" in after["public"] and b"STATUS:CANCELLED" in after["public"]
    with session_scope(target) as session:  # exporting the restored event gives the same document, ids aside
        again = backup.export_event(session=session, slug="ariel-2025")
    assert _without_ids(again) == _without_ids(json.loads(text))


def _without_ids(doc: dict) -> list:  # type: ignore[type-arg]
    items = sorted((i["uid"], i["start_utc"], i["sequence"], i["title"]) for i in doc["items"])
    published = sorted((i["uid"], i["start_utc"], i["sequence"], i["status"]) for i in doc["published_items"])
    return [items, published, len(doc["nominations"]), len(doc["categories"]), doc["event"]["name"]]


def test_the_ariel_round_trip_is_byte_identical_on_sqlite(demo: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    migrate(target)
    _round_trip(demo, target)


@pytest.mark.postgres
def test_the_ariel_round_trip_is_byte_identical_on_postgres(demo: Engine, empty_pg_url: str) -> None:
    target = make_engine(empty_pg_url)
    migrate(target)
    try:
        _round_trip(demo, target)
    finally:
        target.dispose()


def test_a_backup_is_refused_over_an_existing_event_and_a_foreign_file(demo: Engine) -> None:
    with session_scope(demo) as session:
        doc = backup.export_event(session=session, slug="ariel-2025")
    for bad, message in (
        (doc, "Ya existe un registro con el identificador «ariel-2025»; elija otro."),
        ({"format": "otra cosa"}, "El archivo no es un respaldo de evento de esta aplicación (export-event)."),
    ):
        with pytest.raises(ValidationFailed) as refused, session_scope(demo) as session:
            backup.import_event(session=session, doc=bad)
        assert refused.value.messages() == {"file": message}
    with session_scope(demo) as session:
        assert len(session.exec(select(Event).where(Event.slug == "ariel-2025")).all()) == 1


def test_the_cli_backs_up_and_restores_an_event(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.integration.test_cli import cli

    source, target = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert cli("setup", database_url=source).returncode == 0
    saved = cli("export-event", "jalisco-lab-2025", "-o", str(tmp_path / "lab.json"), database_url=source)
    assert saved.returncode == 0, saved.stderr
    assert cli("init-db", database_url=target).returncode == 0
    restored = cli("import-event", str(tmp_path / "lab.json"), database_url=target)
    assert (restored.returncode, restored.stdout.strip()) == (0, "Evento restaurado: jalisco-lab-2025.")
    again = cli("import-event", str(tmp_path / "lab.json"), database_url=target)
    assert (again.returncode, again.stderr.strip()) == (
        2,
        f"{tmp_path / 'lab.json'}: Ya existe un registro con el identificador «jalisco-lab-2025»; elija otro.",
    )
    (tmp_path / "roto.json").write_text("{no es json", encoding="utf-8")
    broken = cli("import-event", str(tmp_path / "roto.json"), database_url=target)
    assert (broken.returncode, "Traceback" in broken.stderr) == (2, False)
