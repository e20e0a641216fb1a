from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.demo.loader import DEMO_SLUGS
from logistics_app.domain.feeds import PRODID, calendar_uid
from logistics_app.models import (
    Agency,
    Event,
    EventKind,
    FeedKind,
    FeedToken,
    ItemKind,
    ItemStatus,
    Person,
    PublishedItem,
    ScheduleItem,
    Venue,
    Visibility,
)
from logistics_app.queries import feeds
from logistics_app.services import subscriptions
from logistics_app.services.releases import publish
from logistics_app.services.schedule import ItemInput, create_item, item_input, update_item
from tests.factories import an_item
from tests.feedcheck import check_bytes, check_feed, check_icalendar, check_icaljs, check_vobject

pytestmark = pytest.mark.integration
NOW = datetime(2025, 9, 1, 12, tzinfo=UTC)


def _render(engine: Engine, kind: str, arg: str, now: datetime = NOW) -> bytes:
    """A feed's bytes by its address (kind: event, venue, token)."""
    with Session(engine) as session:
        return feeds.serve(session=session, kind=kind, arg=arg, now=now).body


def _item(session: Session, title: str) -> ScheduleItem:
    return session.exec(select(ScheduleItem).where(ScheduleItem.title == title)).one()


def _input(session: Session, item: ScheduleItem, **changes: Any) -> ItemInput:
    """The stored item's values with some changed."""
    return replace(item_input(session=session, item=item), **changes)


def test_every_demo_feed_passes_the_three_parsers(demo_engine: Engine, tmp_path: Path) -> None:
    paths = []
    for slug in DEMO_SLUGS:
        body = _render(demo_engine, "event", slug)
        check_bytes(body)
        check_icalendar(body)
        check_vobject(body)
        paths.append(tmp_path / f"{slug}.ics")
        paths[-1].write_bytes(body)
    for venue in ("cic-puerto-vallarta", "foro-aquiles-serdan", "plataforma-amacc"):
        body = _render(demo_engine, "venue", venue)
        check_feed(body, tmp_path, f"venue-{venue}.ics")
    reports = check_icaljs(paths)
    assert [len(r["events"]) for r in reports] == [6, 6, 21, 781]


def test_a_feed_of_2000_items_passes_the_parsers(sqlite_engine: Engine, tmp_path: Path) -> None:
    with session_scope(sqlite_engine) as session:
        event = Event(
            slug="festival",
            name="Festival, «grande»; 2000 funciones",
            kind=EventKind.FESTIVAL,
            start_date=NOW.date(),
            end_date=(NOW + timedelta(days=30)).date(),
        )
        venue = Venue(
            slug="cineteca",
            name="Cineteca; Sala 1",
            address="Av. Siempre Viva 742, Centro",
            city="Guadalajara",
            latitude=20.67,
            longitude=-103.35,
        )
        session.add_all([event, venue])
        session.flush()
        for i in range(2000):
            start = NOW + timedelta(minutes=20 * i)
            session.add(
                ScheduleItem(
                    event_id=event.id,
                    title=f"Función {i}: «Pedro Páramo», sesión especial con coloquio y más texto",  # type: ignore[arg-type]
                    kind=ItemKind.SCREENING,
                    start_utc=start,
                    end_utc=start + timedelta(minutes=90),
                    venue_id=venue.id,
                    description="Línea uno\nLínea dos; con comas, y acentos: áéíóú ñ " * 3,
                    status=ItemStatus.CANCELLED if i % 97 == 0 else ItemStatus.CONFIRMED,
                )
            )
        session.flush()
        publish(session=session, slug="festival", actor=None)
    cal = check_feed(_render(sqlite_engine, "event", "festival"), tmp_path)
    assert len(cal.walk("VEVENT")) == 2000


def test_identical_data_gives_identical_bytes(demo_engine: Engine) -> None:
    first = _render(demo_engine, "event", "ariel-2025")
    feeds.CACHE.clear()
    later = _render(demo_engine, "event", "ariel-2025", now=NOW + timedelta(hours=5))
    assert first == later
    assert b"DTSTAMP:20250709T120000Z" in first


def test_calendar_properties(demo_engine: Engine) -> None:
    lines = check_bytes(_render(demo_engine, "event", "ariel-2025"))
    for expected in (
        b"VERSION:2.0",
        f"PRODID:{PRODID}".encode(),
        b"METHOD:PUBLISH",
        b"NAME:67 Premios Ariel",
        b"X-WR-CALNAME:67 Premios Ariel",
        b"X-WR-TIMEZONE:America/Mexico_City",
        b"X-PUBLISHED-TTL:PT1H",
        b"REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        f"UID:{calendar_uid('event:ariel-2025')}".encode(),
        b"URL;VALUE=URI:http://localhost:3000/eventos/ariel-2025",
    ):
        assert expected in lines


def test_mexico_city_is_one_fixed_block_without_rdates(demo_engine: Engine) -> None:
    cal = check_icalendar(_render(demo_engine, "event", "ariel-2025"))
    [tz] = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "America/Mexico_City"
    blocks = tz.walk("STANDARD") + tz.walk("DAYLIGHT")
    assert len(blocks) == 1 and "RDATE" not in blocks[0]
    assert blocks[0]["TZOFFSETTO"].to_ical() == "-0600"


def test_public_feed_holds_only_public_items_with_address_and_geo(demo_engine: Engine) -> None:
    cal = check_icalendar(_render(demo_engine, "event", "ariel-2025"))
    titles = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert "Ensayo general" not in titles and "Montaje de escenario e iluminación" not in titles
    ceremony = next(e for e in cal.walk("VEVENT") if e["SUMMARY"] == "Ceremonia de los 67 Premios Ariel")
    assert ceremony.decoded("dtstart") == datetime(2025, 9, 21, 2, tzinfo=UTC)
    assert ceremony["LOCATION"] == (
        "Gran Salón Vallarta, Centro Internacional de Convenciones (CIC) de Puerto Vallarta, Puerto Vallarta, Jalisco"
    )
    tour = next(e for e in cal.walk("VEVENT") if "iguana" in e["SUMMARY"])
    assert (tour["GEO"].latitude, tour["GEO"].longitude) == (20.60889, -105.23611)


def test_rumbo_screenings_keep_their_venue_zone(demo_engine: Engine) -> None:
    cal = check_icalendar(_render(demo_engine, "event", "rumbo-al-ariel-2025"))
    zones = {tz["TZID"] for tz in cal.walk("VTIMEZONE")}
    assert {"America/Mexico_City", "America/Tijuana", "America/Hermosillo"} <= zones


def test_moving_the_gala_bumps_its_sequence_in_the_feed(demo: Engine) -> None:
    before = _render(demo, "event", "ariel-2025")
    with session_scope(demo) as session:
        gala = _item(session, "Ceremonia de los 67 Premios Ariel")
        update_item(
            session=session,
            item_id=gala.id,
            data=_input(
                session, gala, start=gala.start_utc + timedelta(minutes=30), end=gala.end_utc + timedelta(minutes=30)
            ),
            at=datetime(2025, 9, 10, 9, tzinfo=UTC),
        )
    assert _render(demo, "event", "ariel-2025") == before  # not published yet: the public feed waits
    _publish(demo)
    after = _render(demo, "event", "ariel-2025")
    assert before != after
    event = next(e for e in check_icalendar(after).walk("VEVENT") if e["SUMMARY"].startswith("Ceremonia de los"))
    assert (event["SEQUENCE"], event["DTSTART"].to_ical()) == (1, b"20250920T203000")
    assert event["LAST-MODIFIED"].to_ical() == b"20250910T090000Z"
    assert event["CREATED"].to_ical() == b"20250709T120000Z"


def test_cancelled_and_deleted_items_are_published_as_cancelled_for_a_week_then_leave(demo: Engine) -> None:
    with session_scope(demo) as session:
        gala = _item(session, "Alfombra roja")
        update_item(session=session, item_id=gala.id, data=_input(session, gala, status=ItemStatus.CANCELLED))
        session.delete(_item(session, "Recorrido por locaciones de «La noche de la iguana»"))
    _publish(demo)
    body = _render(demo, "event", "ariel-2025")
    cal = check_icalendar(body)
    carpet = next(e for e in cal.walk("VEVENT") if "Alfombra roja" in e["SUMMARY"])
    assert (str(carpet["SUMMARY"]), str(carpet["STATUS"])) == ("CANCELADO: Alfombra roja", "CANCELLED")
    # A deleted item is not dropped silently: calendars that have it learn it is cancelled.
    tour = next(e for e in cal.walk("VEVENT") if "iguana" in e["SUMMARY"])
    assert (str(tour["STATUS"]), tour["SEQUENCE"]) == ("CANCELLED", 1)
    a_week_later = _render(demo, "event", "ariel-2025", now=datetime(2025, 9, 28, 12, tzinfo=UTC))
    assert b"Alfombra roja" not in a_week_later and b"iguana" in a_week_later  # the tour was a day later
    assert b"iguana" not in _render(demo, "event", "ariel-2025", now=datetime(2025, 9, 29, 12, tzinfo=UTC))


def test_all_day_items_use_dates_with_an_exclusive_end(demo: Engine, tmp_path: Path) -> None:
    with session_scope(demo) as session:
        event = session.exec(select(Event).where(Event.slug == "ariel-2025")).one()
        start = datetime(2025, 9, 19, 6, tzinfo=UTC)  # local midnight
        create_item(
            session=session,
            event=event,
            data=an_item(
                title="Acreditación de prensa abierta",
                kind=ItemKind.PRESS_CONFERENCE,
                start=start,
                end=start + timedelta(days=2),
                all_day=True,
            ),
        )
    _publish(demo)
    body = _render(demo, "event", "ariel-2025")
    check_feed(body, tmp_path)
    assert b"DTSTART;VALUE=DATE:20250919\r\nDTEND;VALUE=DATE:20250921\r\n" in body


def _publish(engine: Engine, slug: str = "ariel-2025") -> None:
    with session_scope(engine) as session:
        publish(session=session, slug=slug, actor=None)


def _token(engine: Engine, kind: FeedKind, owner: int | None = None, uids: list[str] | None = None) -> str:
    with session_scope(engine) as session:
        return subscriptions.issue_token(session=session, kind=kind, owner_id=owner, uids=uids)


def test_an_agency_sees_what_it_leads_or_supports_but_not_others_internal_items(demo: Engine) -> None:
    with Session(demo) as session:
        amacc = session.exec(select(Agency).where(Agency.slug == "amacc")).one().id
        canal22 = session.exec(select(Agency).where(Agency.slug == "canal-22")).one().id
    canal = check_icalendar(_render(demo, "token", _token(demo, FeedKind.AGENCY, canal22)))
    titles = {str(e["SUMMARY"]) for e in canal.walk("VEVENT")}
    assert "Ensayo general" in titles  # agencies-only, Canal 22 supports it
    assert "Alfombra roja" in titles  # public programme of an event it works on
    assert "Montaje de escenario e iluminación" not in titles  # AMACC's internal item
    amacc_cal = check_icalendar(_render(demo, "token", _token(demo, FeedKind.AGENCY, amacc)))
    assert "Montaje de escenario e iluminación" in {str(e["SUMMARY"]) for e in amacc_cal.walk("VEVENT")}


def test_a_person_feed_holds_the_items_they_take_part_in(demo: Engine) -> None:
    with Session(demo) as session:
        karla = session.exec(select(Person).where(Person.name == "Karla Souza")).one().id
    cal = check_icalendar(_render(demo, "token", _token(demo, FeedKind.PERSON, karla)))
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == [
        "Alfombra roja",
        "Ceremonia de los 67 Premios Ariel",
        "Ensayo general",
    ]


def test_an_attendee_selection_holds_only_public_items(demo: Engine) -> None:
    with Session(demo) as session:
        carpet = _item(session, "Alfombra roja").uid
        rehearsal = _item(session, "Ensayo general").uid
    token = _token(demo, FeedKind.SELECTION, uids=[carpet, rehearsal])
    cal = check_icalendar(_render(demo, "token", token))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Alfombra roja"]


def test_tokens_are_stored_only_as_hashes_and_rotation_kills_the_old_one(demo: Engine) -> None:
    token = _token(demo, FeedKind.SELECTION, uids=[])
    assert len(token) >= 22  # at least 128 bits in URL-safe base64
    with Session(demo) as session:
        stored = session.exec(select(FeedToken)).all()
        assert all(token not in (row.token_hash, row.selection) for row in stored)
    with session_scope(demo) as session:
        fresh = subscriptions.rotate_token(session=session, token=token, kind=FeedKind.SELECTION)
    with Session(demo) as session, pytest.raises(feeds.NotFound):
        feeds.token_spec(session=session, token=token)
    with Session(demo) as session:
        assert feeds.token_spec(session=session, token=fresh).private


def test_a_private_event_has_no_public_feed(demo: Engine) -> None:
    with session_scope(demo) as session:
        event = session.exec(select(Event).where(Event.slug == "jalisco-lab-2025")).one()
        event.is_public = False
        session.add(event)
    with Session(demo) as session, pytest.raises(feeds.NotFound):
        feeds.event_spec(session=session, slug="jalisco-lab-2025")


def test_schedule_json_has_offsets_and_the_feed_uids(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        data = feeds.schedule_json(session=session, slug="ariel-2025", now=NOW)
    ceremony = next(i for i in data["items"] if i["title"] == "Ceremonia de los 67 Premios Ariel")
    assert (ceremony["start"], ceremony["end"]) == ("2025-09-20T20:00:00-06:00", "2025-09-20T23:00:00-06:00")
    assert (ceremony["kind"], ceremony["kind_label"]) == ("ceremony", "Ceremonia")
    body = _render(demo_engine, "event", "ariel-2025")
    assert all(f"UID:{i['uid']}".encode() in body for i in data["items"])


def test_visibility_is_respected_for_single_item_downloads(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        rehearsal = _item(session, "Ensayo general")
        assert rehearsal.visibility == Visibility.AGENCIES
        with pytest.raises(feeds.NotFound):
            feeds.item_spec(session=session, uid=rehearsal.uid)
        spec = feeds.item_spec(session=session, uid=_item(session, "Alfombra roja").uid)
        body = feeds.render(session=session, spec=spec, now=NOW).body
    assert body.count(b"BEGIN:VEVENT") == 1


def test_a_supporting_agency_never_sees_another_agencys_internal_item(demo: Engine) -> None:
    from logistics_app.models import ItemSupportingAgency

    with session_scope(demo) as session:
        canal22 = session.exec(select(Agency).where(Agency.slug == "canal-22")).one().id
        setup = _item(session, "Montaje de escenario e iluminación")  # AMACC's, internal
        session.add(ItemSupportingAgency(item_id=setup.id, agency_id=canal22))  # type: ignore[arg-type]
    body = _render(demo, "token", _token(demo, FeedKind.AGENCY, canal22))
    assert b"Montaje de escenario" not in body and b"Ensayo general" in body


def test_archived_events_leave_every_public_feed(demo: Engine) -> None:
    from logistics_app.services.catalog import set_archived

    with Session(demo) as session:
        carpet = _item(session, "Alfombra roja").uid
    with session_scope(demo) as session:
        set_archived(session=session, slug="ariel-2025", archived=True)
    with Session(demo) as session:
        for kind, arg in (("event", "ariel-2025"), ("item", carpet)):
            with pytest.raises(feeds.NotFound):
                feeds.serve(session=session, kind=kind, arg=arg, now=NOW)
        venue = feeds.render(
            session=session, spec=feeds.venue_spec(session=session, slug="cic-puerto-vallarta"), now=NOW
        ).body
    assert b"Alfombra roja" not in venue


def test_a_change_elsewhere_reuses_the_bytes_of_an_unchanged_feed(demo: Engine) -> None:
    feeds.CACHE.clear()
    renders = feeds.CACHE.renders
    first = _render(demo, "event", "jalisco-lab-2025")
    with session_scope(demo) as session:  # an Ariel edit moves the data version for every feed
        gala = _item(session, "Alfombra roja")
        update_item(session=session, item_id=gala.id, data=_input(session, gala, title="Alfombra roja (prensa)"))
    again = _render(demo, "event", "jalisco-lab-2025")
    assert again == first
    assert (feeds.CACHE.renders - renders, len(feeds.CACHE._bodies)) == (2, 1)  # read twice, built once


def test_an_agency_feed_url_cannot_be_rotated_as_an_attendee_agenda(demo: Engine) -> None:
    """Holding an agency's feed URL is no key to it: the attendee's "new link" refuses it."""
    with session_scope(demo) as session:
        amacc = session.exec(select(Agency).where(Agency.slug == "amacc")).one()
        token = subscriptions.issue_token(session=session, kind=FeedKind.AGENCY, owner_id=amacc.id)
    with pytest.raises(feeds.NotFound), session_scope(demo) as session:
        subscriptions.rotate_token(session=session, token=token, kind=FeedKind.SELECTION)
    with Session(demo) as session:
        assert feeds.token_spec(session=session, token=token).key.startswith(
            "token:"
        )  # still the agency's, still alive


def test_an_agenda_keeps_only_public_items_and_at_most_its_limit(demo: Engine) -> None:
    with Session(demo) as session:
        public = session.exec(select(PublishedItem.uid).where(PublishedItem.visibility == "public")).all()
        internal = session.exec(select(PublishedItem.uid).where(PublishedItem.visibility == "internal")).first()
    invented = [f"inventado-{n}" for n in range(300)]
    token = _token(demo, FeedKind.SELECTION, uids=[public[0], internal, *invented, public[1], "x" * 5000])
    with Session(demo) as session:
        row = session.exec(select(FeedToken).where(FeedToken.token_hash == subscriptions.hash_token(token))).one()
    assert row.selection.split() == [public[0], public[1]]
    assert (
        subscriptions.agenda_uids(session=Session(demo), uids=public * 3)[: subscriptions.MAX_AGENDA]
        == list(dict.fromkeys(public))[: subscriptions.MAX_AGENDA]
    )
