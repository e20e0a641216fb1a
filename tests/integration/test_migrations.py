from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from logistics_app.db import make_engine
from logistics_app.infra.database import migrate, table_names
from logistics_app.models import Event, EventKind, ItemKind, ScheduleItem

pytestmark = pytest.mark.integration

TABLES = [
    "agency",
    "agency_contact",
    "alembic_version",
    "app_user",
    "award_category",
    "busy_block",
    "calendar_subscription",
    "change_record",
    "crew_capacity",
    "data_version",
    "deliverable",
    "event",
    "feed_state",
    "feed_token",
    "invitation",
    "item_participant",
    "item_supporting_agency",
    "login_session",
    "login_throttle",
    "mail_opt_out",
    "nomination",
    "nomination_person",
    "nominee_logistics",
    "outbox_message",
    "password_reset",
    "person",
    "published_item",
    "reveal_record",
    "run_segment",
    "schedule_item",
    "schedule_release",
    "sealed_winner",
    "segment_presenter",
    "space",
    "undo_entry",
    "venue",
    "work",
]


def _event(slug: str = "ariel-2025") -> Event:
    return Event(
        slug=slug,
        name="Ariel",
        kind=EventKind.AWARDS_CEREMONY,
        start_date=date(2025, 9, 20),
        end_date=date(2025, 9, 20),
    )


def _constraints_hold(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(_event())
        session.commit()
        session.add(_event())
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()
        session.rollback()
        event_id = session.exec(sa.select(Event.id)).scalar_one()  # type: ignore[call-overload]
        start = datetime(2025, 9, 21, 2, tzinfo=UTC)
        session.add(
            ScheduleItem(event_id=event_id, title="Al revés", kind=ItemKind.CEREMONY, start_utc=start, end_utc=start)
        )
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()
        session.rollback()
        session.add(
            ScheduleItem(
                event_id=999, title="Huérfano", kind=ItemKind.CEREMONY, start_utc=start, end_utc=start.replace(hour=5)
            )
        )
        with pytest.raises(sa.exc.IntegrityError):
            session.commit()


def test_migrations_build_the_schema_from_empty_on_sqlite(sqlite_engine: Engine) -> None:
    assert table_names(sqlite_engine) == TABLES
    migrate(sqlite_engine)  # a second run changes nothing
    assert table_names(sqlite_engine) == TABLES
    _constraints_hold(sqlite_engine)


@pytest.mark.postgres
def test_migrations_build_the_schema_from_empty_on_postgres(empty_pg_url: str) -> None:
    engine = make_engine(empty_pg_url)
    try:
        assert table_names(engine) == []
        migrate(engine)
        assert table_names(engine) == TABLES
        _constraints_hold(engine)
    finally:
        engine.dispose()


def test_datetimes_come_back_aware_utc(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session:
        session.add(_event())
        session.commit()
        start = datetime(2025, 9, 21, 2, tzinfo=UTC)
        session.add(
            ScheduleItem(
                event_id=1, title="Ceremonia", kind=ItemKind.CEREMONY, start_utc=start, end_utc=start.replace(hour=5)
            )
        )
        session.commit()
    with Session(sqlite_engine) as session:
        item = session.exec(sa.select(ScheduleItem)).scalar_one()  # type: ignore[call-overload]
        assert item.start_utc == start and item.start_utc.tzinfo is UTC


def test_the_migrations_match_the_models(sqlite_engine: Engine) -> None:
    """What Reflex checks at start-up: no difference between the migrated schema and the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with sqlite_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []


def test_upgrading_a_database_with_data_keeps_every_row(tmp_path: Path) -> None:
    """Altering tables on SQLite copies them; the items that point at them must survive."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate(engine, "0003")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO event (id, slug, name, kind, timezone, start_date, end_date, city, state, description,"
            " notes, is_public, created_at, updated_at) VALUES (1, 'ariel-2025', 'Ariel', 'awards_ceremony',"
            " 'America/Mexico_City', '2025-09-20', '2025-09-20', '', '', '', '', 1, '2025-07-09 12:00:00',"
            " '2025-07-09 12:00:00')"
        )
        conn.exec_driver_sql(
            "INSERT INTO schedule_item (id, uid, event_id, title, kind, start_utc, end_utc, all_day, status,"
            " visibility, description, notes, work_title, sequence, created_at, updated_at) VALUES (1, 'u-1', 1,"
            " 'Ceremonia', 'ceremony', '2025-09-21 02:00:00', '2025-09-21 05:00:00', 0, 'confirmed', 'public',"
            " '', '', '', 3, '2025-07-09 12:00:00', '2025-07-09 12:00:00')"
        )
    migrate(engine)
    with Session(engine) as session:
        item = session.exec(sa.select(ScheduleItem)).scalar_one()  # type: ignore[call-overload]
        assert (item.uid, item.sequence, item.version) == ("u-1", 3, 1)
        event = session.exec(sa.select(Event)).scalar_one()  # type: ignore[call-overload]
        assert event.archived is False
    engine.dispose()
