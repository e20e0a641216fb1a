"""Organizers keep the directory: agencies with their contacts, and people, created, edited,
archived and merged (a duplicate's items, contacts and links move to the one kept)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import ValidationFailed
from logistics_app.models import (
    Agency,
    AgencyContact,
    FeedKind,
    ItemParticipant,
    ItemSupportingAgency,
    ParticipantRole,
    Person,
    ScheduleItem,
    key_of,
)
from logistics_app.queries.planning import form_options
from logistics_app.services import directory, subscriptions
from logistics_app.services.schedule import item_input, update_item
from tests.factories import an_event, an_item

pytestmark = pytest.mark.integration


def test_an_agency_is_created_edited_and_refused_when_wrong(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        agency = directory.save_agency(
            session=session,
            form={"name": "  Transportes  Bahía ", "acronym": "TB", "kind": "sponsor", "website": "https://tb.mx"},
        )
        assert (agency.slug, agency.name, agency.kind) == ("tb", "Transportes Bahía", "sponsor")
        agency_id = key_of(agency)
    with pytest.raises(ValidationFailed) as refused, session_scope(sqlite_engine) as session:
        directory.save_agency(
            session=session, form={"name": "transportes bahía", "kind": "nada", "website": "javascript:alert(1)"}
        )
    assert set(refused.value.messages("es")) == {"name", "kind", "website"}
    assert "Ya existe" in refused.value.messages("es")["name"]
    with session_scope(sqlite_engine) as session:
        directory.save_agency(
            session=session, form={"name": "Transportes Bahía SA", "kind": "sponsor"}, agency_id=agency_id
        )
        second = directory.save_agency(session=session, form={"name": "TB", "kind": "press"})
        assert second.slug == "tb-2"  # its own slug; the first one's links stay as they are
    with Session(sqlite_engine) as session:
        assert session.get(Agency, agency_id).name == "Transportes Bahía SA"  # type: ignore[union-attr]


def test_contacts_keep_their_language_and_a_bad_address_is_refused(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        agency_id = key_of(
            directory.save_agency(session=session, form={"name": "Filma Jalisco", "kind": "film_commission"})
        )
        contact = directory.save_contact(
            session=session,
            agency_id=agency_id,
            form={"name": "Ana", "role": "Enlace", "email": "Ana@Filma.MX", "lang": "en", "phone": "33 1234 5678"},
        )
        contact_id = key_of(contact)
    with pytest.raises(ValidationFailed) as refused, session_scope(sqlite_engine) as session:
        directory.save_contact(
            session=session,
            agency_id=agency_id,
            form={"name": "Ana", "email": "ana@filma.mx, b@x.mx"},
            contact_id=contact_id,
        )
    assert set(refused.value.messages("es")) == {"email"}
    with Session(sqlite_engine) as session:
        stored = session.get(AgencyContact, contact_id)
        assert stored is not None and (stored.email, stored.lang) == ("ana@filma.mx", "en")
    with session_scope(sqlite_engine) as session:
        directory.remove_contact(session=session, agency_id=agency_id, contact_id=contact_id)
    with Session(sqlite_engine) as session:
        assert session.get(AgencyContact, contact_id) is None


def test_archived_agencies_and_people_leave_the_pickers_and_keep_their_items(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        event = an_event(session, "muestra")
        agency = directory.save_agency(session=session, form={"name": "Canal 22", "kind": "press"})
        person = directory.save_person(session=session, form={"name": "Karla Souza", "agency": str(agency.id)})
        ids = (key_of(agency), key_of(person))
    with session_scope(sqlite_engine) as session:
        directory.set_archived(session=session, model=Agency, row_id=ids[0], archived=True)
        directory.set_archived(session=session, model=Person, row_id=ids[1], archived=True)
    with Session(sqlite_engine) as session:
        options = form_options(session=session, event=event, lang="es")
        assert str(ids[0]) not in {o["value"] for o in options["agency"]}
        assert str(ids[1]) not in {o["value"] for o in options["person"]}
        assert session.get(Person, ids[1]).agency_id == ids[0]  # type: ignore[union-attr]


def test_merging_a_duplicate_person_moves_their_items_and_links(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        event = an_event(session, "muestra")
        keep = directory.save_person(session=session, form={"name": "Karla Souza"})
        drop = directory.save_person(session=session, form={"name": "Karla Souza Martínez", "email": "k@example.mx"})
        both, only_drop = an_item(title="Ensayo"), an_item(title="Alfombra roja")
        from logistics_app.services.schedule import create_item

        first = create_item(session=session, event=event, data=both)
        second = create_item(session=session, event=event, data=only_drop)
        for item, people in ((first, (keep, drop)), (second, (drop,))):
            data = item_input(session=session, item=item)
            data.participants = tuple((key_of(p), ParticipantRole.PRESENTER) for p in people)
            update_item(session=session, item_id=key_of(item), data=data)
        token = subscriptions.make_person_link(
            session=session, person_id=key_of(drop), label="Outlook", created_by=None
        )
        keep_id, drop_id = key_of(keep), key_of(drop)
    with session_scope(sqlite_engine) as session:
        directory.merge(session=session, model=Person, keep_id=keep_id, drop_id=drop_id)
    with Session(sqlite_engine) as session:
        assert session.get(Person, drop_id) is None
        rows = session.exec(select(ItemParticipant.item_id, ItemParticipant.person_id)).all()
        titles = {session.get(ScheduleItem, item_id).title for item_id, person in rows if person == keep_id}  # type: ignore[union-attr]
        assert titles == {"Ensayo", "Alfombra roja"} and len(rows) == 2
        assert subscriptions.active_token(session=session, token=token, kind=FeedKind.PERSON).person_id == keep_id
    with pytest.raises(ValidationFailed), session_scope(sqlite_engine) as session:
        directory.merge(session=session, model=Person, keep_id=keep_id, drop_id=keep_id)


def test_merging_a_duplicate_agency_moves_items_contacts_and_support(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        event = an_event(session, "muestra")
        keep = directory.save_agency(session=session, form={"name": "Secretaría de Turismo", "kind": "government"})
        drop = directory.save_agency(session=session, form={"name": "SECTUR Jalisco", "kind": "government"})
        directory.save_contact(session=session, agency_id=key_of(drop), form={"name": "Enlace", "email": "e@sectur.mx"})
        from logistics_app.services.schedule import create_item

        led = create_item(
            session=session, event=event, data=an_item(title="Rueda de prensa", lead_agency_id=key_of(drop))
        )
        data = item_input(session=session, item=led)
        data.supporting_agency_ids = (key_of(keep), key_of(drop))
        update_item(session=session, item_id=key_of(led), data=data)
        keep_id, drop_id, item_id = key_of(keep), key_of(drop), key_of(led)
    with session_scope(sqlite_engine) as session:
        directory.merge(session=session, model=Agency, keep_id=keep_id, drop_id=drop_id)
    with Session(sqlite_engine) as session:
        assert session.get(Agency, drop_id) is None
        assert session.get(ScheduleItem, item_id).lead_agency_id == keep_id  # type: ignore[union-attr]
        assert session.exec(select(ItemSupportingAgency.agency_id)).all() == [keep_id]
        assert [c.agency_id for c in session.exec(select(AgencyContact))] == [keep_id]
