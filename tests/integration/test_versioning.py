from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from logistics_app.db import session_scope
from logistics_app.models import Event, EventKind, current_version

pytestmark = pytest.mark.integration


def test_each_writing_transaction_bumps_the_data_version_once(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session:
        start = current_version(session)
    with session_scope(sqlite_engine) as session:
        for slug in ("a", "b"):
            session.add(
                Event(
                    slug=slug, name=slug, kind=EventKind.LAUNCH, start_date=date(2025, 1, 1), end_date=date(2025, 1, 1)
                )
            )
            session.flush()
    with Session(sqlite_engine) as session:
        assert current_version(session) == start + 1
    with session_scope(sqlite_engine) as session:
        pass  # reading only
    with pytest.raises(RuntimeError), session_scope(sqlite_engine) as session:
        session.add(
            Event(slug="c", name="c", kind=EventKind.LAUNCH, start_date=date(2025, 1, 1), end_date=date(2025, 1, 1))
        )
        session.flush()
        raise RuntimeError("rolled back")
    with session_scope(sqlite_engine) as session:
        event = session.get(Event, 1)
        assert event is not None
        event.name = "renamed"
    with Session(sqlite_engine) as session:
        assert current_version(session) == start + 2
