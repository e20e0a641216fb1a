"""Nominee logistics: each nominated person's flights, hotel, pick-ups, rehearsal call, red-carpet
slot and seat. Saving turns them into schedule items of the person (internal, shared with their
feed before publishing) and a pick-up deliverable for the transport agency."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, select

from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.forms import parse_local
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.text import to_int
from logistics_app.i18n import t
from logistics_app.models import (
    Agency,
    AwardCategory,
    Deliverable,
    Event,
    ItemKind,
    ItemParticipant,
    Nomination,
    NominationPerson,
    NomineeLogistics,
    ParticipantRole,
    Person,
    ScheduleItem,
    Visibility,
    key_of,
)
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.rundown import ceremony_of
from logistics_app.services.schedule import create_item, delete_item, item_input, update_item
from logistics_app.timeutil import to_local

TIMES = ("arrival", "departure", "rehearsal", "red_carpet")
AIRPORT = re.compile(r"^[A-Z]{3}$")
# How long each generated item lasts.
LENGTHS = {
    "arrival": timedelta(minutes=30),
    "pickup": timedelta(minutes=45),
    "departure": timedelta(minutes=30),
    "rehearsal": timedelta(hours=1),
    "red_carpet": timedelta(minutes=15),
}


def nominated_people(*, session: Session, event: Event) -> list[Person]:
    return list(
        session.exec(
            select(Person)
            .join(NominationPerson, col(NominationPerson.person_id) == Person.id)
            .join(Nomination, col(Nomination.id) == NominationPerson.nomination_id)
            .join(AwardCategory, col(AwardCategory.id) == Nomination.category_id)
            .where(AwardCategory.event_id == event.id)
            .distinct()
            .order_by(col(Person.name))
        )
    )


def _local(row: NomineeLogistics, name: str, zone: str) -> tuple[str, str]:
    value = getattr(row, f"{name}_at")
    if value is None:
        return "", ""
    local = to_local(value, zone)
    return local.date().isoformat(), local.strftime("%H:%M")


def form_of(row: NomineeLogistics | None, zone: str) -> dict[str, str]:
    if row is None:
        return {"arrival_airport": "PVR", "departure_airport": "PVR"}
    out = {
        "arrival_flight": row.arrival_flight,
        "arrival_airport": row.arrival_airport,
        "departure_flight": row.departure_flight,
        "departure_airport": row.departure_airport,
        "hotel": row.hotel,
        "transport_agency": str(row.transport_agency_id or ""),
        "seat": row.seat,
    }
    for name in TIMES:
        out[f"{name}_day"], out[f"{name}_time"] = _local(row, name, zone)
    return out


def overview(*, session: Session, slug: str) -> list[dict[str, Any]]:
    """Every nominated person of the event with their logistics as the form shows them."""
    event = event_by_slug(session=session, slug=slug)
    rows = {r.person_id: r for r in session.exec(select(NomineeLogistics).where(NomineeLogistics.event_id == event.id))}
    return [
        {"id": str(p.id), "name": p.name, "form": form_of(rows.get(key_of(p)), event.timezone), "done": p.id in rows}
        for p in nominated_people(session=session, event=event)
    ]


def _check(form: dict[str, str], zone: str, session: Session) -> tuple[dict[str, Any], list[FieldError]]:
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name in TIMES:
        day, clock = form.get(f"{name}_day", "").strip(), form.get(f"{name}_time", "").strip()
        if not day and not clock:
            values[f"{name}_at"] = None
            continue
        at, problems = parse_local(day, clock, zone, day_field=f"{name}_day", time_field=f"{name}_time")
        values[f"{name}_at"] = at
        errors += problems
    for name in ("arrival_airport", "departure_airport"):
        code = form.get(name, "PVR").strip().upper() or "PVR"
        if not AIRPORT.match(code):
            errors.append(FieldError(name, "bad_airport", {"value": code}))
        values[name] = code
    for name, limit in (("arrival_flight", 20), ("departure_flight", 20), ("hotel", 200), ("seat", 20)):
        value = " ".join(form.get(name, "").split())
        if len(value) > limit:
            errors.append(FieldError(name, "too_long", {"max": limit}))
        values[name] = value
    agency_id = to_int(form.get("transport_agency"))
    if agency_id is not None and session.get(Agency, agency_id) is None:
        errors.append(FieldError("transport_agency", "not_found", {"what": form.get("transport_agency", "")}))
    values["transport_agency_id"] = agency_id
    if values.get("arrival_at") and values.get("departure_at") and values["departure_at"] <= values["arrival_at"]:
        errors.append(FieldError("departure_time", "departure_before_arrival"))
    return values, errors


def save(*, session: Session, slug: str, person_id: int, form: dict[str, str], lang: str = "es") -> NomineeLogistics:
    """Stores the person's logistics and brings their schedule items in line (one transaction)."""
    event = event_by_slug(session=session, slug=slug)
    person = session.get(Person, person_id)
    if person is None or person.id not in {p.id for p in nominated_people(session=session, event=event)}:
        raise NotFound(str(person_id))
    values, errors = _check(form, event.timezone, session)
    if errors:
        raise ValidationFailed(errors)
    row = session.exec(
        select(NomineeLogistics).where(NomineeLogistics.event_id == event.id, NomineeLogistics.person_id == person_id)
    ).first()
    if row is None:
        row = NomineeLogistics(event_id=key_of(event), person_id=person_id)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    _sync_items(session, event, person, row, lang)
    return row


def _plans(event: Event, person: Person, row: NomineeLogistics, lang: str) -> dict[str, dict[str, Any] | None]:
    seat = t("nominee.seat", lang, seat=row.seat) if row.seat else ""
    plans: dict[str, dict[str, Any] | None] = dict.fromkeys(
        ("arrival", "pickup", "departure", "rehearsal", "red_carpet")
    )
    if row.arrival_at:
        flight = f" {row.arrival_flight}" if row.arrival_flight else ""
        plans["arrival"] = {
            "title": t("nominee.arrival", lang, name=person.name, flight=flight, airport=row.arrival_airport),
            "kind": ItemKind.TRANSPORT,
            "start": row.arrival_at,
        }
        plans["pickup"] = {
            "title": t(
                "nominee.pickup", lang, name=person.name, airport=row.arrival_airport, hotel=row.hotel or "hotel"
            ),
            "kind": ItemKind.TRANSPORT,
            "start": row.arrival_at + LENGTHS["arrival"],
            "agency": row.transport_agency_id,
        }
    if row.departure_at:
        flight = f" {row.departure_flight}" if row.departure_flight else ""
        plans["departure"] = {
            "title": t("nominee.departure", lang, name=person.name, flight=flight, airport=row.departure_airport),
            "kind": ItemKind.TRANSPORT,
            "start": row.departure_at,
        }
    if row.rehearsal_at:
        plans["rehearsal"] = {
            "title": t("nominee.rehearsal", lang, name=person.name),
            "kind": ItemKind.REHEARSAL,
            "start": row.rehearsal_at,
            "description": seat,
        }
    if row.red_carpet_at:
        plans["red_carpet"] = {
            "title": t("nominee.red_carpet", lang, name=person.name),
            "kind": ItemKind.RED_CARPET,
            "start": row.red_carpet_at,
            "description": seat,
        }
    return plans


def _sync_items(session: Session, event: Event, person: Person, row: NomineeLogistics, lang: str) -> None:
    for what, plan in _plans(event, person, row, lang).items():
        key = f"nominee:{person.id}:{what}"
        item = session.exec(
            select(ScheduleItem).where(ScheduleItem.event_id == event.id, ScheduleItem.source_key == key)
        ).first()
        if plan is None:
            if item is not None:
                delete_item(session=session, item_id=key_of(item))
            continue
        data = ItemInput(
            title=plan["title"][:300],
            kind=plan["kind"],
            start=plan["start"],
            end=plan["start"] + LENGTHS[what],
            visibility=Visibility.INTERNAL,
            lead_agency_id=plan.get("agency"),
            participants=((key_of(person), ParticipantRole.NOMINEE.value),),
            description=plan.get("description", ""),
            share_before_publish=True,  # the person's own feed has it at once; the public never does
        )
        if item is None:
            item = create_item(session=session, event=event, data=data)
            item.source_key = key
        else:
            current = item_input(session=session, item=item)
            data.notes = current.notes
            update_item(session=session, item_id=key_of(item), data=data)
        if what == "pickup":
            _pickup_deliverable(session, item, row, person, lang)
    _join_ceremony(session, event, person)
    session.flush()


def _pickup_deliverable(session: Session, item: ScheduleItem, row: NomineeLogistics, person: Person, lang: str) -> None:
    """The transport agency owes this pick-up: one deliverable on the pick-up item."""
    existing = session.exec(select(Deliverable).where(Deliverable.item_id == item.id)).first()
    if row.transport_agency_id is None:
        if existing is not None:
            session.delete(existing)
        return
    title = t("nominee.pickup_deliverable", lang, name=person.name, flight=row.arrival_flight or "—")[:300]
    if existing is None:
        session.add(Deliverable(item_id=key_of(item), agency_id=row.transport_agency_id, title=title, quantity=1))
    else:
        existing.agency_id, existing.title = row.transport_agency_id, title


def _join_ceremony(session: Session, event: Event, person: Person) -> None:
    """The nominee takes part in the ceremony, so it is in their feed with the rest of the day."""
    try:
        ceremony = ceremony_of(session=session, event=event)
    except NotFound:
        return
    link = session.get(ItemParticipant, (ceremony.id, person.id))
    if link is None:
        session.add(ItemParticipant(item_id=key_of(ceremony), person_id=key_of(person), role=ParticipantRole.NOMINEE))
