"""Publishing: the public sees the last release; a release with a moved item bumps its SEQUENCE in
every feed and says so in the changelog; every change is in the history with who made it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import Forbidden
from logistics_app.models import Agency, Event, FeedKind, ItemStatus, Person, ScheduleItem, ScheduleRelease
from logistics_app.queries import feeds, portal
from logistics_app.queries.programme import ProgrammeQuery, programme
from logistics_app.services import accounts, releases, subscriptions
from logistics_app.services.schedule import delete_item, item_input, update_item

pytestmark = pytest.mark.integration
GALA = "Ceremonia de los 67 Premios Ariel"
NOW = datetime(2025, 9, 1, tzinfo=UTC)
PASSWORD = "Vallarta-2025!"


def _feed_event(engine: Engine, spec: feeds.FeedSpec | None, key: str = "", uid: str = "") -> dict[str, object]:
    with Session(engine) as session:
        if spec is None:
            spec = feeds.token_spec(session=session, token=key)
        body = feeds.render(session=session, spec=spec, now=NOW).body
    event = next(e for e in Calendar.from_ical(body).walk("VEVENT") if str(e["UID"]) == uid)
    return {"sequence": event["SEQUENCE"], "start": event.decoded("DTSTART")}


def _setup(engine: Engine) -> dict[str, object]:
    with session_scope(engine) as session:
        org = accounts.create_user(
            session=session, email="o@amacc.mx", name="Ana Org", password=PASSWORD, role="organizer"
        )
        viewer = accounts.create_user(
            session=session, email="v@amacc.mx", name="Prensa", password=PASSWORD, role="viewer"
        )
        coord = accounts.create_user(
            session=session,
            email="c@sectur.mx",
            name="Sectur",
            password=PASSWORD,
            role="coordinator",
            agency_slug="sectur-jalisco",
        )
        sectur = session.exec(select(Agency.id).where(Agency.slug == "sectur-jalisco")).one()
        karla = session.exec(select(Person.id).where(Person.name == "Karla Souza")).one()
        gala = session.exec(select(ScheduleItem).where(ScheduleItem.title == GALA)).one()
        return {
            "org": accounts.principal_of(org),
            "viewer": accounts.principal_of(viewer),
            "coord": accounts.principal_of(coord),
            "sectur": sectur,
            "gala": gala,
            "agency_token": subscriptions.issue_token(session=session, kind=FeedKind.AGENCY, owner_id=sectur),
            "person_token": subscriptions.issue_token(session=session, kind=FeedKind.PERSON, owner_id=karla),
        }


def _move(engine: Engine, item: ScheduleItem, minutes: int, actor_id: int, *, share: bool = False) -> None:
    with session_scope(engine, actor_id=actor_id) as session:
        data = item_input(session=session, item=session.get(ScheduleItem, item.id))  # type: ignore[arg-type]
        data.start, data.end = data.start + timedelta(minutes=minutes), data.end + timedelta(minutes=minutes)
        data.share_before_publish = share
        update_item(session=session, item_id=item.id, data=data)  # type: ignore[arg-type]


def _all_feeds(engine: Engine, world: dict[str, object]) -> list[dict[str, object]]:
    uid = world["gala"].uid  # type: ignore[attr-defined]
    with Session(engine) as session:
        public = feeds.event_spec(session=session, slug="ariel-2025")
    return [
        _feed_event(engine, public, uid=uid),
        _feed_event(engine, None, key=world["agency_token"], uid=uid),  # type: ignore[arg-type]
        _feed_event(engine, None, key=world["person_token"], uid=uid),  # type: ignore[arg-type]
    ]


def test_publishing_a_moved_item_bumps_its_sequence_in_every_feed_and_the_changelog(demo: Engine) -> None:
    world = _setup(demo)
    gala: ScheduleItem = world["gala"]  # type: ignore[assignment]
    before = _all_feeds(demo, world)
    assert {f["sequence"] for f in before} == {0}
    _move(demo, gala, 30, world["org"].user_id)  # type: ignore[attr-defined]

    # Not published: no feed, page or JSON shows the move.
    assert _all_feeds(demo, world) == before
    with Session(demo) as session:
        page = programme(session=session, slug="ariel-2025", query=ProgrammeQuery(show_past=True), now=NOW)
        row = next(r for r in page.items if r.uid == gala.uid)
        assert row.time.startswith("20:00")
        json_item = next(
            i for i in feeds.schedule_json(session=session, slug="ariel-2025", now=NOW)["items"] if i["uid"] == gala.uid
        )
        assert json_item["start"] == "2025-09-20T20:00:00-06:00"

    with session_scope(demo, actor_id=world["org"].user_id) as session:  # type: ignore[attr-defined]
        [change] = releases.pending_rows(session=session, slug="ariel-2025")
        release = releases.publish(session=session, slug="ariel-2025", actor=world["org"])  # type: ignore[arg-type]
    assert release.number == 2  # the demo is version 1
    assert (change["kind"], change["title"], change["label"]) == ("moved", GALA, "Cambió de horario")
    assert change["before"] == "sábado 20 de septiembre de 2025, 20:00–23:00"
    assert change["after"] == "sábado 20 de septiembre de 2025, 20:30–23:30"
    after = _all_feeds(demo, world)
    assert {f["sequence"] for f in after} == {1}
    assert {f["start"] for f in after} == {datetime(2025, 9, 21, 2, 30, tzinfo=UTC)}

    with Session(demo) as session:
        [latest] = releases.releases(session=session, slug="ariel-2025", limit=1)
        assert (latest["title"], latest["who"], [c["kind"] for c in latest["changes"]]) == (
            "Versión 2",
            "Ana Org",
            ["moved"],
        )
        history = releases.history(session=session, slug="ariel-2025")
        assert sorted((h["who"], h["item"], h["field"]) for h in history[:2]) == [
            ("Ana Org", GALA, "fin"),
            ("Ana Org", GALA, "inicio"),
        ]


def test_an_item_shared_before_publishing_reaches_agencies_and_people_not_the_public(demo: Engine) -> None:
    world = _setup(demo)
    _move(demo, world["gala"], 15, world["org"].user_id, share=True)  # type: ignore[arg-type,attr-defined]
    public, agency, person = _all_feeds(demo, world)
    assert public["sequence"] == 0
    assert agency["sequence"] == person["sequence"] == 1


def test_new_deleted_and_moved_place_items_are_in_the_changelog_and_only_organizers_publish(demo: Engine) -> None:
    world = _setup(demo)
    with session_scope(demo) as session:
        tour = session.exec(select(ScheduleItem).where(ScheduleItem.title.startswith("Recorrido"))).one()  # type: ignore[attr-defined]
        delete_item(session=session, item_id=tour.id)  # type: ignore[arg-type]
    with pytest.raises(Forbidden), session_scope(demo) as session:
        releases.publish(session=session, slug="ariel-2025", actor=world["viewer"])  # type: ignore[arg-type]
    with session_scope(demo) as session:
        assert [c["kind"] for c in releases.pending_rows(session=session, slug="ariel-2025")] == ["cancelled"]
        releases.publish(session=session, slug="ariel-2025", actor=world["org"])  # type: ignore[arg-type]
    with pytest.raises(releases.NothingToPublish), session_scope(demo) as session:
        releases.publish(session=session, slug="ariel-2025", actor=world["org"])  # type: ignore[arg-type]


def test_a_coordinator_sees_what_changed_since_the_last_visit_once(demo: Engine) -> None:
    world = _setup(demo)
    coord = world["coord"]
    NOW = datetime.now(UTC)
    with session_scope(demo) as session:  # a first visit records the time
        portal.changes_since_last_visit(
            session=session,
            agency_id=world["sectur"],
            user_id=coord.user_id,
            now=NOW,  # type: ignore[arg-type,attr-defined]
        )
    _move(demo, world["gala"], 30, world["org"].user_id)  # type: ignore[arg-type,attr-defined]
    with session_scope(demo) as session:
        releases.publish(session=session, slug="ariel-2025", actor=world["org"], now=NOW + timedelta(days=1))  # type: ignore[arg-type]
    with session_scope(demo) as session:
        changes = portal.changes_since_last_visit(
            session=session,
            agency_id=world["sectur"],
            user_id=coord.user_id,
            now=NOW + timedelta(days=2),  # type: ignore[arg-type,attr-defined]
        )
    assert [(c["kind"], c["title"], c["release"]) for c in changes] == [("moved", GALA, "Versión 2")]
    with session_scope(demo) as session:
        assert (
            portal.changes_since_last_visit(
                session=session,
                agency_id=world["sectur"],
                user_id=coord.user_id,
                now=NOW + timedelta(days=3),  # type: ignore[arg-type,attr-defined]
            )
            == []
        )


def test_two_organizers_publishing_at_once_are_told_instead_of_an_error(demo: Engine) -> None:
    """The second of two simultaneous publications is refused in words (nothing half-written)."""
    import threading

    from logistics_app.services.releases import PublishedMeanwhile, publish_event

    with session_scope(demo) as session:
        item = session.exec(select(ScheduleItem).where(ScheduleItem.title == "Alfombra roja")).one()
        item.start_utc, item.end_utc = item.start_utc + timedelta(hours=1), item.end_utc + timedelta(hours=1)
    outcome: list[object] = []
    first = Session(demo)
    try:
        releases.publish(session=first, slug="ariel-2025", actor=None)  # version 2, not yet committed
        second = threading.Thread(
            target=lambda: outcome.append(_attempt(lambda: publish_event(slug="ariel-2025", actor=None, engine=demo)))
        )
        second.start()
        second.join(timeout=2)  # it reads version 1 as the last and waits to write version 2
        first.commit()
    finally:
        first.close()
    second.join(timeout=60)
    assert len(outcome) == 1 and isinstance(outcome[0], PublishedMeanwhile)
    with Session(demo) as session:
        ariel = session.exec(select(Event.id).where(Event.slug == "ariel-2025")).one()
        numbers = session.exec(
            select(ScheduleRelease.number).where(ScheduleRelease.event_id == ariel).order_by(ScheduleRelease.number)
        ).all()
    assert list(numbers) == [1, 2]


def _attempt(call):  # type: ignore[no-untyped-def]
    try:
        return call()
    except Exception as error:  # the test looks at what came out
        return error


def test_the_history_and_the_portal_read_as_people_write(demo: Engine) -> None:
    """Times in the event's zone, statuses in the reader's language, places by name; the portal
    names the event and tells an item moved twice once (from where it was to where it is)."""
    world = _setup(demo)
    coord, org = world["coord"], world["org"]
    start = datetime.now(UTC)
    with session_scope(demo) as session:
        portal.changes_since_last_visit(
            session=session,
            agency_id=world["sectur"],
            user_id=coord.user_id,  # type: ignore[attr-defined]
            now=start,
        )
    for day, minutes in ((1, 30), (2, 30)):
        _move(demo, world["gala"], minutes, org.user_id)  # type: ignore[arg-type,attr-defined]
        with session_scope(demo) as session:
            releases.publish(session=session, slug="ariel-2025", actor=org, now=start + timedelta(days=day))  # type: ignore[arg-type]
    with session_scope(demo, actor_id=org.user_id) as session:  # type: ignore[attr-defined]
        gala = session.get(ScheduleItem, world["gala"].id)  # type: ignore[attr-defined]
        data = item_input(session=session, item=gala)  # type: ignore[arg-type]
        data.status = ItemStatus.TENTATIVE
        update_item(session=session, item_id=gala.id, data=data)  # type: ignore[arg-type,union-attr]
    with session_scope(demo) as session:
        changes = portal.changes_since_last_visit(
            session=session,
            agency_id=world["sectur"],
            user_id=coord.user_id,  # type: ignore[attr-defined]
            now=start + timedelta(days=3),
        )
    assert [(c["kind"], c["title"], c["event"]) for c in changes] == [("moved", GALA, "67 Premios Ariel")]
    assert changes[0]["before"] == "sábado 20 de septiembre de 2025, 20:00–23:00"
    assert changes[0]["after"] == "sábado 20 de septiembre de 2025, 21:00–00:00"
    with Session(demo) as session:
        rows = releases.history(session=session, slug="ariel-2025", lang="en")
    status = next(r for r in rows if r["field"] == "status")
    assert (status["before"], status["after"]) == ("Confirmed", "Tentative")
    start_row = next(r for r in rows if r["field"] == "start")
    assert start_row["after"].endswith("2025, 21:00") and "+00:00" not in start_row["before"]


def test_an_item_added_and_cancelled_before_publishing_is_not_called_new() -> None:
    from logistics_app.domain.changelog import ChangeKind, Snapshot, changelog

    added = Snapshot(
        "u1", "Brindis", datetime(2025, 9, 20, 2, tzinfo=UTC), datetime(2025, 9, 20, 3, tzinfo=UTC), "", True
    )
    assert [c.kind for c in changelog([], [added])] == [ChangeKind.CANCELLED]
