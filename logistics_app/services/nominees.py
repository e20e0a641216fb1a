"""Nominee logistics: each nominated person's flights, hotel, pick-ups, rehearsal call, red-carpet
slot and seat. Saving turns them into schedule items of the person (internal, shared with their
feed before publishing) and a pick-up deliverable for the transport agency."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.forms import parse_local
from logistics_app.domain.mail import single_address
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.text import to_int
from logistics_app.i18n import normalize_lang, t
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


def form_of(row: NomineeLogistics | None, zone: str, email: str = "", lang: str = "es") -> dict[str, str]:
    if row is None:
        return {"arrival_airport": "PVR", "departure_airport": "PVR", "email": email, "lang": lang}
    out = {
        "email": email,
        "lang": lang,
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
        {
            "id": str(p.id),
            "name": p.name,
            "form": form_of(rows.get(key_of(p)), event.timezone, p.email, p.lang),
            "done": p.id in rows,
        }
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
    typed = form.get("email", "").strip()
    email = single_address(typed) if typed else ""
    if email is None:
        errors.append(FieldError("email", "bad_email"))
    values["email"] = email or ""
    values["lang"] = normalize_lang(form.get("lang"))
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
    person.email, person.lang = values.pop("email"), values.pop("lang")
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    _sync_items(session, event, person, row, lang)
    return row


def _item(what: str, person: Person, title: str, kind: ItemKind, start: datetime, **more: Any) -> ItemInput:
    """One of the person's items (internal, in their own feed at once), lasting LENGTHS[what]."""
    return ItemInput(
        title=title[:300],
        kind=kind,
        start=start,
        end=start + LENGTHS[what],
        visibility=Visibility.INTERNAL,
        participants=((key_of(person), ParticipantRole.NOMINEE),),
        share_before_publish=True,  # the person's own feed has it at once; the public never does
        **more,
    )


def _flight(what: str, person: Person, row: NomineeLogistics, lang: str) -> ItemInput | None:
    """The arrival or the departure flight, when its time is known."""
    at, flight, airport = (getattr(row, f"{what}_{name}") for name in ("at", "flight", "airport"))
    if at is None:
        return None
    title = t(f"nominee.{what}", lang, name=person.name, flight=f" {flight}" if flight else "", airport=airport)
    return _item(what, person, title, ItemKind.TRANSPORT, at)


def _call(what: str, kind: ItemKind, person: Person, row: NomineeLogistics, lang: str) -> ItemInput | None:
    """The rehearsal call or the red-carpet slot, when its time is known, with the person's seat."""
    at = getattr(row, f"{what}_at")
    if at is None:
        return None
    seat = t("nominee.seat", lang, seat=row.seat) if row.seat else ""
    return _item(what, person, t(f"nominee.{what}", lang, name=person.name), kind, at, description=seat)


def _plans(person: Person, row: NomineeLogistics, lang: str) -> dict[str, ItemInput | None]:
    """The person's items, by what each is (None: not planned, or no longer)."""
    pickup = None
    if row.arrival_at:
        title = t("nominee.pickup", lang, name=person.name, airport=row.arrival_airport, hotel=row.hotel or "hotel")
        start = row.arrival_at + LENGTHS["arrival"]
        pickup = _item("pickup", person, title, ItemKind.TRANSPORT, start, lead_agency_id=row.transport_agency_id)
    return {
        "arrival": _flight("arrival", person, row, lang),
        "pickup": pickup,
        "departure": _flight("departure", person, row, lang),
        "rehearsal": _call("rehearsal", ItemKind.REHEARSAL, person, row, lang),
        "red_carpet": _call("red_carpet", ItemKind.RED_CARPET, person, row, lang),
    }


def _sync_items(session: Session, event: Event, person: Person, row: NomineeLogistics, lang: str) -> None:
    for what, data in _plans(person, row, lang).items():
        key = f"nominee:{person.id}:{what}"
        item = session.exec(
            select(ScheduleItem).where(ScheduleItem.event_id == event.id, ScheduleItem.source_key == key)
        ).first()
        if data is None:
            if item is not None:
                delete_item(session=session, item_id=key_of(item))
            continue
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
