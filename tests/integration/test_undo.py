"""Undo and bulk changes: an edit, a deletion (with its deliverables, people and run of show),
a bulk shift of ten items, a bulk deletion and a sheet import each come back in one transaction;
an undo never overwrites a later change; conflicts of a bulk change are reported for the set."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import ValidationFailed
from logistics_app.domain.forms import form_of_item
from logistics_app.models import (
    Agency,
    ChangeRecord,
    Deliverable,
    Event,
    ItemParticipant,
    ItemSupportingAgency,
    RunSegment,
    ScheduleItem,
    SegmentPresenter,
    key_of,
)
from logistics_app.services import bulk, planning, undo
from logistics_app.services.planning import NeedsConfirmation
from logistics_app.services.schedule import item_input

pytestmark = pytest.mark.integration
SLUG = "ariel-2025"
GALA = "Ceremonia de los 67 Premios Ariel"


def _item(session: Session, title: str) -> ScheduleItem:
    return session.exec(select(ScheduleItem).where(ScheduleItem.title == title)).one()


def _undo_latest(engine: Engine) -> str:
    with session_scope(engine) as session:
        entry = undo.latest_for(session=session, slug=SLUG, user_id=None)
        assert entry is not None
        return undo.undo(session=session, slug=SLUG, entry_id=key_of(entry), user_id=None)


def test_an_edit_is_undone_once_and_never_over_a_later_change(demo: Engine) -> None:
    with session_scope(demo) as session:
        item = _item(session, "Ensayo general")
        form = {**form_of_item(item_input(session=session, item=item), "America/Mexico_City"), "title": "Ensayo"}
        planning.save_form(session=session, slug=SLUG, form=form, item_id=item.id, confirmed=True)
        item_id = key_of(item)
    assert _undo_latest(demo).startswith("Cambios en «Ensayo»")
    with Session(demo) as session:
        assert session.get(ScheduleItem, item_id).title == "Ensayo general"  # type: ignore[union-attr]
        entries = undo.recent(session=session, slug=SLUG)
    assert entries == []  # undone: no longer offered
    with session_scope(demo) as session:
        item = session.get(ScheduleItem, item_id)
        form = {**form_of_item(item_input(session=session, item=item), "America/Mexico_City"), "title": "Uno"}  # type: ignore[arg-type]
        planning.save_form(session=session, slug=SLUG, form=form, item_id=item_id, confirmed=True)
        form["title"] = "Dos"
        planning.save_form(session=session, slug=SLUG, form=form, item_id=item_id, confirmed=True)
        first = undo.recent(session=session, slug=SLUG)[-1]
    with pytest.raises(undo.UndoRefused) as refused, session_scope(demo) as session:
        undo.undo(session=session, slug=SLUG, entry_id=int(first["id"]), user_id=None)
    assert refused.value.message("es") == "No se puede deshacer: «Dos» cambió después."


def test_a_deletion_comes_back_with_everything_it_took(demo: Engine) -> None:
    with session_scope(demo) as session:
        agency = session.exec(select(Agency)).first()
        gala = _item(session, GALA)
        session.add(Deliverable(item_id=key_of(gala), agency_id=key_of(agency), title="Señal en vivo"))
        segment = RunSegment(ceremony_id=key_of(gala), position=1, kind="opening", title="Apertura", minutes=6)
        session.add(segment)
        session.flush()
        host = session.exec(select(ItemParticipant.person_id).where(ItemParticipant.item_id == gala.id)).first()
        session.add(SegmentPresenter(segment_id=key_of(segment), person_id=host))
    with Session(demo) as session:
        gala = _item(session, GALA)
        gala_id, uid, sequence = key_of(gala), gala.uid, gala.sequence
        people = set(session.exec(select(ItemParticipant.person_id).where(ItemParticipant.item_id == gala_id)))
        support = set(
            session.exec(select(ItemSupportingAgency.agency_id).where(ItemSupportingAgency.item_id == gala_id))
        )
        deliverables = len(session.exec(select(Deliverable.id).where(Deliverable.item_id == gala_id)).all())
        segments = session.exec(select(RunSegment.id).where(RunSegment.ceremony_id == gala_id)).all()
        presenters = len(
            session.exec(
                select(SegmentPresenter.segment_id).where(col(SegmentPresenter.segment_id).in_(segments))
            ).all()
        )
    assert people and deliverables and segments and presenters
    with session_scope(demo) as session:
        assert planning.delete(session=session, slug=SLUG, item_id=gala_id, expected_version=None, user_id=None) == GALA
    with Session(demo) as session:
        assert session.get(ScheduleItem, gala_id) is None
        assert not session.exec(select(RunSegment.id).where(RunSegment.ceremony_id == gala_id)).all()
    assert _undo_latest(demo) == f"Eliminar «{GALA}»"
    with Session(demo) as session:
        back = session.get(ScheduleItem, gala_id)
        assert back is not None and back.uid == uid and back.sequence == sequence + 1
        assert set(session.exec(select(ItemParticipant.person_id).where(ItemParticipant.item_id == gala_id))) == people
        assert (
            set(session.exec(select(ItemSupportingAgency.agency_id).where(ItemSupportingAgency.item_id == gala_id)))
            == support
        )
        assert len(session.exec(select(Deliverable.id).where(Deliverable.item_id == gala_id)).all()) == deliverables
        assert session.exec(select(RunSegment.id).where(RunSegment.ceremony_id == gala_id)).all() == segments
        assert (
            len(
                session.exec(
                    select(SegmentPresenter.segment_id).where(col(SegmentPresenter.segment_id).in_(segments))
                ).all()
            )
            == presenters
        )
        assert (
            session.exec(
                select(ChangeRecord.field).where(ChangeRecord.item_uid == uid).order_by(col(ChangeRecord.id).desc())
            ).first()
            == "restored"
        )


def test_ten_items_shift_by_thirty_minutes_and_come_back(demo: Engine) -> None:
    with Session(demo) as session:
        ariel = session.exec(select(Event.id).where(Event.slug == SLUG)).one()
        items = session.exec(
            select(ScheduleItem).where(ScheduleItem.event_id == ariel).order_by(col(ScheduleItem.start_utc)).limit(10)
        ).all()
        ids = [key_of(i) for i in items]
        before = {key_of(i): (i.start_utc, i.end_utc) for i in items}
    change = bulk.change_from({"minutes": "30"})
    with session_scope(demo) as session:
        count, _ = bulk.preview(session=session, slug=SLUG, ids=ids, change=change)
        assert count == len(ids) == 10
        bulk.apply(session=session, slug=SLUG, ids=ids, change=change, user_id=None, confirmed=True)
    with Session(demo) as session:
        for item in session.exec(select(ScheduleItem).where(col(ScheduleItem.id).in_(ids))):
            start, end = before[key_of(item)]
            assert (item.start_utc, item.end_utc) == (start + timedelta(minutes=30), end + timedelta(minutes=30))
    assert _undo_latest(demo).startswith("Cambio de")
    with Session(demo) as session:
        assert {
            key_of(i): (i.start_utc, i.end_utc)
            for i in session.exec(select(ScheduleItem).where(col(ScheduleItem.id).in_(ids)))
        } == before


def test_a_bulk_change_is_all_or_nothing_and_reports_the_sets_conflicts(demo: Engine) -> None:
    with Session(demo) as session:
        rehearsal, gala = _item(session, "Ensayo general"), _item(session, GALA)
        ids = [key_of(rehearsal)]
        gala_span = (gala.start_utc, gala.end_utc)
    with pytest.raises(ValidationFailed), session_scope(demo) as session:
        bulk.apply(
            session=session, slug=SLUG, ids=ids, change=bulk.BulkChange(minutes=15, lead_agency="999999"), user_id=None
        )
    with pytest.raises(ValidationFailed):
        bulk.change_from({"minutes": "media hora"})
    # Moved onto the ceremony (same hall, same host): conflicts first, saved only when confirmed.
    hours = int((gala_span[0] - rehearsal.start_utc).total_seconds() // 60)
    change = bulk.BulkChange(minutes=hours)
    with pytest.raises(NeedsConfirmation) as found, session_scope(demo) as session:
        bulk.apply(session=session, slug=SLUG, ids=ids, change=change, user_id=None)
    messages = [c.message("es") for c in found.value.conflicts]
    assert any("ocupan Gran Salón Vallarta" in m for m in messages) and any(
        "Karla Souza está en" in m for m in messages
    )
    with Session(demo) as session:
        assert _item(session, "Ensayo general").start_utc == rehearsal.start_utc


def test_a_bulk_deletion_and_an_import_are_undone(demo: Engine) -> None:
    with Session(demo) as session:
        ids = [
            key_of(i)
            for i in session.exec(select(ScheduleItem).where(col(ScheduleItem.title).startswith("Taller de Guionismo")))
        ]
        total = len(session.exec(select(ScheduleItem.id)).all())
    assert len(ids) == 20
    with session_scope(demo) as session:
        bulk.apply(
            session=session,
            slug="taller-guionismo-cdmx-2025",
            ids=ids,
            change=bulk.BulkChange(delete=True),
            user_id=None,
        )
    with Session(demo) as session:
        assert len(session.exec(select(ScheduleItem.id)).all()) == total - 20
    with session_scope(demo) as session:
        entry = undo.latest_for(session=session, slug="taller-guionismo-cdmx-2025", user_id=None)
        undo.undo(session=session, slug="taller-guionismo-cdmx-2025", entry_id=key_of(entry), user_id=None)  # type: ignore[arg-type]
    with Session(demo) as session:
        assert len(session.exec(select(ScheduleItem.id)).all()) == total
        assert session.exec(select(Agency.id)).first() is not None


def test_a_deliverable_is_edited_and_its_deletion_undone(demo: Engine) -> None:
    from logistics_app.services import deliverables
    from tests.factories import an_organizer

    with session_scope(demo) as session:
        org = an_organizer(session, "planea@amacc.mx")
        gala = _item(session, GALA)
        canal = session.exec(select(Agency).where(Agency.slug == "canal-22")).one()
        form = {
            "item": str(gala.id),
            "agency": canal.slug,
            "title": "Señal en vivo",
            "due_day": "2025-09-20",
            "due_time": "18:00",
        }
        made = deliverables.assign(session=session, actor=org, slug=SLUG, form=form)
        made_id = key_of(made)
    with session_scope(demo) as session:
        shown = deliverables.form_of(session=session, slug=SLUG, deliverable_id=made_id)
        assert (shown["title"], shown["due_time"], shown["agency"]) == ("Señal en vivo", "18:00", "canal-22")
        deliverables.assign(
            session=session,
            actor=org,
            slug=SLUG,
            form={**shown, "title": "Señal y respaldo", "quantity": "2"},
            deliverable_id=made_id,
        )
    with session_scope(demo) as session:
        assert deliverables.remove(session=session, actor=org, slug=SLUG, deliverable_id=made_id) == "Señal y respaldo"
    with Session(demo) as session:
        assert session.get(Deliverable, made_id) is None
    with session_scope(demo) as session:
        entry = undo.latest_for(session=session, slug=SLUG, user_id=org.user_id)
        assert entry is not None
        undo.undo(session=session, slug=SLUG, entry_id=key_of(entry), user_id=org.user_id)
    with Session(demo) as session:
        back = session.get(Deliverable, made_id)
        assert back is not None and (back.title, back.quantity) == ("Señal y respaldo", 2)


def test_a_deleted_nomination_comes_back_with_its_people(demo: Engine) -> None:
    from logistics_app.models import Nomination, NominationPerson
    from logistics_app.services import awards

    with Session(demo) as session:
        nomination = session.exec(
            select(Nomination).where(col(Nomination.id).in_(select(NominationPerson.nomination_id)))
        ).first()
        assert nomination is not None
        nomination_id = key_of(nomination)
        people = set(
            session.exec(select(NominationPerson.person_id).where(NominationPerson.nomination_id == nomination_id))
        )
    with session_scope(demo) as session:
        assert (
            awards.delete_nomination(session=session, slug=SLUG, nomination_id=nomination_id) == nomination.work_title
        )
    assert _undo_latest(demo) == f"Eliminar «{nomination.work_title}»"
    with Session(demo) as session:
        assert session.get(Nomination, nomination_id) is not None
        back = set(
            session.exec(select(NominationPerson.person_id).where(NominationPerson.nomination_id == nomination_id))
        )
        assert back == people


def test_undoing_a_new_item_never_takes_what_was_attached_to_it_since(demo: Engine) -> None:
    with session_scope(demo) as session:
        rehearsal = _item(session, "Ensayo general")
        form = {**form_of_item(item_input(session=session, item=rehearsal), "America/Mexico_City"), "title": "Nueva"}
        form["start"], form["end"] = "06:00", "07:00"
        made = planning.save_form(session=session, slug=SLUG, form=form, confirmed=True)
        agency = session.exec(select(Agency)).first()
        session.add(Deliverable(item_id=key_of(made), agency_id=key_of(agency), title="Café"))
        made_id = key_of(made)
    with pytest.raises(undo.UndoRefused):
        _undo_latest(demo)
    with Session(demo) as session:
        assert session.get(ScheduleItem, made_id) is not None
        assert session.exec(select(Deliverable.id).where(Deliverable.item_id == made_id)).first() is not None
