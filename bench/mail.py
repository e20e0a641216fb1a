"""A publication that concerns 500 addresses (make bench): how long "Publicar" takes with its
notices queued in its own transaction, beside the same publication without notices (measured in
the same run); the queueing's share has a ceiling of 1 s (its ratio printed). Then how fast the
outbox hands them to a local SMTP server (aiosmtpd on this machine), in messages per second.

500 agencies, each with one contact, each leading one item; one publication moves all 500.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

from sqlmodel import select

from logistics_app.db import make_engine, session_scope
from logistics_app.domain.schedule import ItemInput
from logistics_app.infra.database import migrate
from logistics_app.integrations import smtp
from logistics_app.models import Agency, AgencyContact, AgencyKind, Event, EventKind, ItemKind, OutboxMessage
from logistics_app.services import delivery, outbox, releases
from logistics_app.services.schedule import create_items, item_input, update_item
from logistics_app.timeutil import now_utc
from tests.mailserver import smtp_server

N = 500
QUEUE_CEILING = 1.0
START = datetime(2025, 9, 20, 16, tzinfo=UTC)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'mail.db'}")
        migrate(engine)
        with session_scope(engine) as session:
            event = Event(
                slug="muestra",
                name="Muestra",
                kind=EventKind.FESTIVAL,
                start_date=date(2025, 9, 19),
                end_date=date(2025, 9, 21),
                mail_at_once=True,
            )
            session.add(event)
            agencies = [Agency(slug=f"agencia-{n}", name=f"Agencia {n}", kind=AgencyKind.SPONSOR) for n in range(N)]
            session.add_all(agencies)
            session.flush()
            session.add_all(
                AgencyContact(agency_id=a.id, name=f"Contacto {n}", email=f"c{n}@agencia.example.mx")  # type: ignore[arg-type]
                for n, a in enumerate(agencies)
            )
            inputs = [
                ItemInput(
                    title=f"Traslado {n}",
                    kind=ItemKind.TRANSPORT,
                    start=START + timedelta(minutes=n),
                    end=START + timedelta(minutes=n + 30),
                    lead_agency_id=a.id,
                )
                for n, a in enumerate(agencies)
            ]
            create_items(session=session, event=event, inputs=inputs)
        with session_scope(engine) as session:  # the first version, without notices
            releases.publish(session=session, slug="muestra", actor=None, notify=False)
        with session_scope(engine) as session:
            for item in session.exec(select(releases.ScheduleItem)).all():
                data = item_input(session=session, item=item)
                data.start, data.end = data.start + timedelta(minutes=15), data.end + timedelta(minutes=15)
                update_item(session=session, item_id=item.id, data=data)  # type: ignore[arg-type]

        engine.dispose()
        shutil.copyfile(Path(tmp) / "mail.db", Path(tmp) / "floor.db")
        floor_engine = make_engine(f"sqlite:///{Path(tmp) / 'floor.db'}")
        began = time.perf_counter()
        with session_scope(floor_engine) as session:  # the same publication without notices: a floor
            releases.publish(session=session, slug="muestra", actor=None, notify=False)
        floor = time.perf_counter() - began
        floor_engine.dispose()

        began = time.perf_counter()
        with session_scope(engine) as session:
            release = releases.publish(session=session, slug="muestra", actor=None)
            queued = outbox.count_for(session=session, release=release)
        queue = time.perf_counter() - began

        with smtp_server() as (server, url):
            began = time.perf_counter()
            report = delivery.deliver(
                send=partial(smtp.send, smtp.SmtpTarget.from_url(url)),
                engine=engine,
                now=now_utc() + timedelta(hours=1),
                limit=N,
            )
            send = time.perf_counter() - began
            arrived = len(server.received)
        with session_scope(engine) as session:
            left = len(session.exec(select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None))).all())  # type: ignore[union-attr]
        engine.dispose()
    print(f"mail: one publication moving {N} items, each led by its own agency (one contact each), SQLite")
    print(f"  publish alone:      {floor:6.2f} s  (no notices; a floor, same run)")
    print(
        f"  publish and queue:  {queue:6.2f} s  ({queued} messages; queueing {queue - floor:.2f} s, "
        f"{(queue - floor) / QUEUE_CEILING:.2f} of 1 s)"
    )
    print(
        f"  sent to local SMTP: {send:6.2f} s  ({report.sent} sent, {arrived} arrived, {left} left; "
        f"{report.sent / send:,.0f} messages/s, one connection each)"
    )


if __name__ == "__main__":
    main()
