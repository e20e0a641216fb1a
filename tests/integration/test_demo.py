from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from logistics_app.db import session_scope
from logistics_app.demo.loader import CEREMONY_DAY, DEMO_SLUGS, seed_demo, weeks_to
from logistics_app.models import AwardCategory, Event, Nomination, ScheduleItem, Venue
from logistics_app.queries.events import event_card, list_events, venue_page
from logistics_app.timeutil import to_local
from tests.conftest import DATASET

pytestmark = pytest.mark.integration


def test_the_four_demo_events_are_loaded(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        assert sorted(session.exec(select(Event.slug))) == sorted(DEMO_SLUGS)


def test_the_ariel_ceremony_is_at_eight_pm_in_puerto_vallarta(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        item = session.exec(select(ScheduleItem).where(ScheduleItem.title == "Ceremonia de los 67 Premios Ariel")).one()
        assert item.start_utc == datetime(2025, 9, 21, 2, 0, tzinfo=UTC)
        venue = session.get(Venue, item.venue_id)
        assert venue is not None and venue.slug == "cic-puerto-vallarta"
        assert "Hecho" in item.notes


def test_rumbo_al_ariel_holds_the_real_circuit(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        event = session.exec(select(Event).where(Event.slug == "rumbo-al-ariel-2025")).one()
        kinds = dict(
            session.exec(
                select(ScheduleItem.kind, func.count())
                .where(ScheduleItem.event_id == event.id)
                .group_by(ScheduleItem.kind)
            ).all()
        )
        assert kinds == {"screening": 772, "broadcast": 9}
        # A screening in Hermosillo at 18:00 local is 01:00 UTC the next day (UTC-7).
        hermosillo = session.exec(select(Venue).where(Venue.timezone == "America/Hermosillo")).one()
        starts = session.exec(select(ScheduleItem.start_utc).where(ScheduleItem.venue_id == hermosillo.id)).all()
        assert starts and all(s.tzinfo is UTC for s in starts)


def test_ariel_has_25_categories_with_their_films(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        event = session.exec(select(Event).where(Event.slug == "ariel-2025")).one()
        categories = session.exec(
            select(AwardCategory).where(AwardCategory.event_id == event.id).order_by(AwardCategory.position)
        ).all()
        assert len(categories) == 25
        assert categories[0].name == "Mejor Película"
        best = session.exec(select(Nomination.work_title).where(Nomination.category_id == categories[0].id)).all()
        assert sorted(best) == ["La cocina", "No nos moverán", "Pedro Páramo", "Sujo", "Un actor malo"]
        actress = session.exec(select(Nomination).where(Nomination.nominee_names == "Luisa Huertas")).one()
        assert actress.work_title == "No nos moverán"


def test_seeding_twice_keeps_what_is_there(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        first = seed_demo(session=session, dataset=DATASET)
    with session_scope(sqlite_engine) as session:
        second = seed_demo(session=session, dataset=DATASET)
        count = session.exec(select(func.count()).select_from(ScheduleItem)).one()
    assert sorted(first.created) == sorted(DEMO_SLUGS)
    assert second.created == [] and sorted(second.skipped) == sorted(DEMO_SLUGS)
    assert count == first.items == 820


def test_home_lists_events_with_dates_city_and_venue(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        cards = {c.slug: c for c in list_events(session=session)}
    ariel = cards["ariel-2025"]
    assert (ariel.name, ariel.dates, ariel.city) == (
        "67 Premios Ariel",
        "19 sep 2025 – 21 sep 2025",
        "Puerto Vallarta, Jalisco",
    )
    assert ariel.venue == "Centro Internacional de Convenciones (CIC) de Puerto Vallarta"


def test_event_header_counts_public_items(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        card, description = event_card(session=session, slug="ariel-2025", lang="en")
    assert (card.items, card.items_label, card.kind_label) == (6, "6 items", "Awards ceremony")
    assert description.startswith("La 67 entrega de los Premios Ariel")


def test_venue_page_lists_its_public_items_across_events(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        page = venue_page(session=session, slug="cic-puerto-vallarta")
    assert [i.title for i in page.items] == ["Alfombra roja", "Ceremonia de los 67 Premios Ariel"]
    assert page.capacity == "5,000" and page.spaces[0] == "Camerinos"
    assert page.map_url.startswith("https://www.openstreetmap.org/search?query=Centro%20Internacional")


def test_an_event_ending_today_in_mexico_is_not_past_at_7_pm(demo_engine: Engine) -> None:
    from logistics_app.queries.events import split_upcoming

    with Session(demo_engine) as session:
        cards = list_events(session=session)
    evening = datetime(2025, 9, 22, 1, tzinfo=UTC)  # 21 September, 19:00 in Puerto Vallarta; 22nd in UTC
    upcoming, _ = split_upcoming(cards, evening)
    assert "ariel-2025" in [c.slug for c in upcoming]


def _local_starts(session: Session, slug: str) -> list[tuple[str, datetime]]:
    event = session.exec(select(Event).where(Event.slug == slug)).one()
    items = session.exec(select(ScheduleItem).where(ScheduleItem.event_id == event.id).order_by(ScheduleItem.id)).all()
    zones = {v.id: v.timezone for v in session.exec(select(Venue))}
    return [(i.title, to_local(i.start_utc, zones.get(i.venue_id, event.timezone))) for i in items]


def test_a_shifted_demo_puts_the_ceremony_on_the_first_saturday_from_the_date(
    demo_engine: Engine, sqlite_engine: Engine
) -> None:
    with session_scope(sqlite_engine) as session:
        report = seed_demo(session=session, dataset=DATASET, shift_to=date(2027, 1, 1))  # a Friday
    assert sorted(report.created) == sorted(DEMO_SLUGS)
    with Session(sqlite_engine) as moved, Session(demo_engine) as real:
        ceremony = moved.exec(
            select(ScheduleItem).where(ScheduleItem.title == "Ceremonia de los 67 Premios Ariel")
        ).one()
        assert to_local(ceremony.start_utc, "America/Mexico_City") == datetime(
            2027, 1, 2, 20, 0, tzinfo=ZoneInfo("America/Mexico_City")
        )
        for slug in DEMO_SLUGS:
            before, after = _local_starts(real, slug), _local_starts(moved, slug)
            # The same items, each moved by the same whole weeks, on the same weekday at the same local time.
            assert [title for title, _ in after] == [title for title, _ in before]
            shifts = {
                a.replace(tzinfo=None) - b.replace(tzinfo=None) for (_, a), (_, b) in zip(after, before, strict=True)
            }
            assert shifts == {timedelta(weeks=67)}, slug
            event = moved.exec(select(Event).where(Event.slug == slug)).one()
            assert "fechas movidas 67 semanas después" in event.notes
        ariel = moved.exec(select(Event).where(Event.slug == "ariel-2025")).one()
        assert (ariel.start_date, ariel.end_date) == (date(2027, 1, 1), date(2027, 1, 3))


def test_the_shift_lands_on_the_ceremony_weekday_on_or_after_any_day() -> None:
    for offset in range(-20, 400, 3):
        target = date(2026, 12, 2) + timedelta(days=offset)
        day = CEREMONY_DAY + timedelta(weeks=weeks_to(target))
        assert day.weekday() == CEREMONY_DAY.weekday() and target <= day < target + timedelta(days=7)


def test_the_home_page_shows_recent_events_when_none_is_ahead(demo_engine: Engine) -> None:
    from logistics_app.queries.events import split_upcoming

    with Session(demo_engine) as session:
        cards = list_events(session=session)
    upcoming, past = split_upcoming(cards, datetime(2026, 12, 2, tzinfo=UTC))
    assert upcoming == [] and past[0].slug == "taller-guionismo-cdmx-2025"  # the most recent first
