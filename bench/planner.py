"""The planner at scale (make bench): an event with 2,000 items over five days in twenty rooms.

Prints the time to open the timeline of its busiest day (the query and the layout the page shows)
and the programme's first page, and the time to shift 500 items by 30 minutes in one transaction
(their conflicts checked as a set, the undo entry written) and to undo it; each beside a ceiling
measured in the same run: reading those same rows with one plain SELECT, the least any of these can
cost (its ratio printed)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from logistics_app.db import make_engine, session_scope
from logistics_app.domain.schedule import ItemInput
from logistics_app.infra.database import migrate
from logistics_app.models import Event, EventKind, ItemKind, ItemStatus, ScheduleItem, Space, Venue, Visibility
from logistics_app.queries import planning as views
from logistics_app.services import bulk, undo
from logistics_app.services.schedule import create_items

ITEMS, ROOMS, DAYS, SHIFTED = 2000, 20, 5, 500
FIRST = date(2026, 3, 9)


def _timed(work: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'planner.db'}")
        migrate(engine)
        with session_scope(engine) as session:
            venue = Venue(slug="sede", name="Sede", timezone="America/Mexico_City")
            session.add(venue)
            session.flush()
            rooms = [Space(venue_id=venue.id, name=f"Sala {n + 1:02d}", allows_parallel=False) for n in range(ROOMS)]  # type: ignore[arg-type]
            session.add_all(rooms)
            event = Event(
                slug="grande",
                name="Festival grande",
                kind=EventKind.FESTIVAL,
                start_date=FIRST,
                end_date=FIRST + timedelta(days=DAYS - 1),
                timezone="America/Mexico_City",
                main_venue_id=venue.id,
            )
            session.add(event)
            session.flush()
            inputs = []
            for n in range(ITEMS):
                day, slot = divmod(n, ITEMS // DAYS)
                room, hour = divmod(slot, ITEMS // DAYS // ROOMS)
                start = datetime(2026, 3, 9, 14, tzinfo=UTC) + timedelta(days=day, minutes=40 * hour)
                inputs.append(
                    ItemInput(
                        title=f"Sesión {n}",
                        kind=ItemKind.SCREENING,
                        start=start,
                        end=start + timedelta(minutes=30),
                        venue_id=venue.id,
                        space_id=rooms[room].id,
                        status=ItemStatus.CONFIRMED,
                        visibility=Visibility.PUBLIC,
                    )
                )
            create_items(session=session, event=event, inputs=inputs)
        day = FIRST.isoformat()

        def open_timeline() -> None:
            with Session(engine) as session:
                views.timeline(session=session, slug="grande", day=day)

        def open_list() -> None:
            with Session(engine) as session:
                views.plan_list(session=session, slug="grande", filters=views.PlanFilters())

        def plain_select() -> None:
            with Session(engine) as session:
                session.exec(select(ScheduleItem, Space).join(Space)).all()

        ceiling = _timed(plain_select)
        timeline, listing = _timed(open_timeline), _timed(open_list)
        with Session(engine) as session:
            ids = [
                i
                for i in session.exec(select(ScheduleItem.id).order_by(col(ScheduleItem.id)).limit(SHIFTED)).all()
                if i
            ]
        began = time.perf_counter()
        with session_scope(engine) as session:
            entry = bulk.apply(
                session=session,
                slug="grande",
                ids=ids,
                change=bulk.BulkChange(minutes=30),
                user_id=None,
                confirmed=True,
            )
            entry_id = entry.id
        shifted = time.perf_counter() - began
        began = time.perf_counter()
        with session_scope(engine) as session:
            undo.undo(session=session, slug="grande", entry_id=entry_id or 0, user_id=None)
        undone = time.perf_counter() - began
        print(f"planner: {ITEMS} items, {ROOMS} rooms, {DAYS} days (SQLite)")
        rows = [
            (f"ceiling: one SELECT of the {ITEMS} items with their rooms", ceiling),
            (f"open the timeline of a day ({ITEMS // DAYS} items)", timeline),
            (f"open the programme's first page (of {ITEMS})", listing),
            (f"shift {SHIFTED} items by 30 min (conflicts, undo entry)", shifted),
            ("undo that shift", undone),
        ]
        for label, seconds in rows:
            print(f"  {label:<58} {seconds * 1000:8.1f} ms  ({seconds / ceiling:5.1f}x the ceiling)")


if __name__ == "__main__":
    main()
