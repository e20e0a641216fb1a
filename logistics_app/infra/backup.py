"""One event as a JSON document, and back: the schedule (working and published, with UIDs,
times and sequence numbers as they are), releases, venues and spaces, agencies, people, works,
categories and nominations, deliverables, the run of show and nominee logistics.

Sealed winners stay out (an export must not reveal them); revealed winners travel with their
nominations. Ids are the file's own: rows refer to each other by them and get new ids on import.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, TypeVar, get_args

from sqlalchemy import ColumnElement
from sqlmodel import Session, SQLModel, col, select

from logistics_app.domain.errors import FieldError, ValidationFailed
from logistics_app.models import (
    Agency,
    AwardCategory,
    Deliverable,
    Event,
    ItemParticipant,
    ItemSupportingAgency,
    Nomination,
    NominationPerson,
    NomineeLogistics,
    Person,
    PublishedItem,
    RunSegment,
    ScheduleItem,
    ScheduleRelease,
    SegmentPresenter,
    Space,
    Venue,
    Work,
    key_of,
    new_uid,
    table_of,
)
from logistics_app.services.lookups import event_by_slug
from logistics_app.timeutil import as_utc

FORMAT = "logistics_app.event"
VERSION = 1
# What an import matches with rows already here (by slug or name) instead of creating it again.
_Shared = TypeVar("_Shared", Agency, Venue, Work, Person)


def _plain(row: SQLModel) -> dict[str, Any]:
    out = {}
    for name in [c.key for c in table_of(type(row)).columns]:
        value = getattr(row, name)
        if isinstance(value, datetime):
            out[name] = as_utc(value).isoformat()
        elif isinstance(value, date):
            out[name] = value.isoformat()
        else:
            out[name] = value.value if hasattr(value, "value") else value
    return out


def _rows(session: Session, model: type[SQLModel], where: ColumnElement[bool]) -> list[dict[str, Any]]:
    order = list(table_of(model).primary_key.columns)
    return [_plain(r) for r in session.exec(select(model).where(where).order_by(*order))]


def export_event(*, session: Session, slug: str) -> dict[str, Any]:
    event = event_by_slug(session=session, slug=slug)
    items = session.exec(select(ScheduleItem.id).where(ScheduleItem.event_id == event.id)).all()
    published = _rows(session, PublishedItem, col(PublishedItem.event_id) == event.id)
    categories = session.exec(select(AwardCategory.id).where(AwardCategory.event_id == event.id)).all()
    nominations = session.exec(select(Nomination.id).where(col(Nomination.category_id).in_(categories))).all()
    segments = session.exec(select(RunSegment.id).where(col(RunSegment.ceremony_id).in_(items))).all()
    working = _rows(session, ScheduleItem, col(ScheduleItem.id).in_(items))
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "event": _plain(event),
        "items": working,
        "published_items": published,
        "participants": _rows(session, ItemParticipant, col(ItemParticipant.item_id).in_(items)),
        "supporting": _rows(session, ItemSupportingAgency, col(ItemSupportingAgency.item_id).in_(items)),
        "releases": _rows(session, ScheduleRelease, col(ScheduleRelease.event_id) == event.id),
        "categories": _rows(session, AwardCategory, col(AwardCategory.id).in_(categories)),
        "nominations": _rows(session, Nomination, col(Nomination.id).in_(nominations)),
        "nomination_people": _rows(session, NominationPerson, col(NominationPerson.nomination_id).in_(nominations)),
        "deliverables": _rows(session, Deliverable, col(Deliverable.item_id).in_(items)),
        "segments": _rows(session, RunSegment, col(RunSegment.id).in_(segments)),
        "presenters": _rows(session, SegmentPresenter, col(SegmentPresenter.segment_id).in_(segments)),
        "nominee_logistics": _rows(session, NomineeLogistics, col(NomineeLogistics.event_id) == event.id),
    }
    for row in doc["releases"] + doc["deliverables"]:  # accounts are not part of an event
        row.pop("published_by", None)
        row.pop("updated_by", None)
    venue_ids = {event.main_venue_id} | {r["venue_id"] for r in working + published}
    space_ids = {r["space_id"] for r in working + published}
    agency_ids = (
        {r["lead_agency_id"] for r in working + published}
        | {r["agency_id"] for r in doc["supporting"] + doc["deliverables"]}
        | {r["transport_agency_id"] for r in doc["nominee_logistics"]}
    )
    person_ids = {r["person_id"] for r in doc["participants"] + doc["nomination_people"] + doc["presenters"]}
    person_ids |= {r["person_id"] for r in doc["nominee_logistics"]}
    work_ids = {r["work_id"] for r in working + published + doc["nominations"]}
    spaces = _rows(session, Space, col(Space.id).in_(space_ids - {None}))
    venue_ids |= {s["venue_id"] for s in spaces}
    people = _rows(session, Person, col(Person.id).in_(person_ids - {None}))
    agency_ids |= {p["agency_id"] for p in people}
    doc.update(
        venues=_rows(session, Venue, col(Venue.id).in_(venue_ids - {None})),
        spaces=spaces,
        agencies=_rows(session, Agency, col(Agency.id).in_(agency_ids - {None})),
        people=people,
        works=_rows(session, Work, col(Work.id).in_(work_ids - {None})),
    )
    return doc


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)


def _values(model: type[SQLModel], row: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The row as the model's constructor takes it (ISO strings back to dates and times)."""
    fields = model.model_fields
    out = {}
    for name, value in {**row, **changes}.items():
        if name not in fields:
            continue
        kinds = get_args(fields[name].annotation) or (fields[name].annotation,)
        if isinstance(value, str) and datetime in kinds:
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and date in kinds:
            value = date.fromisoformat(value)
        out[name] = value
    return out


def _reserved_id(session: Session, row: dict[str, Any], refs: dict[str, Any]) -> int:
    placeholder = ScheduleItem(**_values(ScheduleItem, row, id=None, uid=new_uid(), source_key=None, **refs))
    session.add(placeholder)
    session.flush()
    reserved = key_of(placeholder)
    session.delete(placeholder)
    session.flush()
    return reserved


def import_event(*, session: Session, doc: dict[str, Any]) -> Event:
    """Creates the event from a document made by export_event, in one transaction. Venues, agencies
    and works already here are matched by slug, people by name; nothing already stored changes."""
    if doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise ValidationFailed([FieldError("file", "not_a_backup")])
    session.info["no_change_log"] = True  # restored data is nobody's change
    slug = doc["event"]["slug"]
    if session.exec(select(Event.id).where(Event.slug == slug)).first() is not None:
        raise ValidationFailed([FieldError("file", "duplicate_slug", {"slug": slug})])

    def by_key(model: type[_Shared], rows: list[dict[str, Any]], key: str, **fk: dict[int, int]) -> dict[int, int]:
        mapping = {}
        for row in rows:
            found = session.exec(select(model).where(getattr(model, key) == row[key])).first()
            if found is None:
                changes = {name: ids.get(row[name]) for name, ids in fk.items()}
                found = model(**_values(model, row, id=None, **changes))
                session.add(found)
                session.flush()
            mapping[row["id"]] = key_of(found)
        return mapping

    agencies = by_key(Agency, doc["agencies"], "slug")
    venues = by_key(Venue, doc["venues"], "slug")
    works = by_key(Work, doc["works"], "slug")
    people = by_key(Person, doc["people"], "name", agency_id=agencies)
    spaces: dict[int, int] = {}
    for row in doc["spaces"]:
        found = session.exec(
            select(Space).where(Space.venue_id == venues[row["venue_id"]], Space.name == row["name"])
        ).first()
        if found is None:
            found = Space(**_values(Space, row, id=None, venue_id=venues[row["venue_id"]]))
            session.add(found)
            session.flush()
        spaces[row["id"]] = key_of(found)
    event = Event(**_values(Event, doc["event"], id=None, main_venue_id=venues.get(doc["event"]["main_venue_id"])))
    session.add(event)
    session.flush()

    def item_refs(row: dict[str, Any]) -> dict[str, Any]:
        return {
            "event_id": event.id,
            "venue_id": venues.get(row["venue_id"]),
            "space_id": spaces.get(row["space_id"]),
            "lead_agency_id": agencies.get(row["lead_agency_id"]),
            "work_id": works.get(row["work_id"]),
        }

    items: dict[int, int] = {}
    for row in doc["items"]:
        item = ScheduleItem(**_values(ScheduleItem, row, id=None, **item_refs(row)))
        session.add(item)
        session.flush()
        items[row["id"]] = key_of(item)
    for row in doc["published_items"]:
        # The published copy keeps its item's id; one whose item was deleted needs an id no item
        # will ever take: it is reserved from the working schedule's own sequence.
        item_id = items.get(row["id"]) or _reserved_id(session, row, item_refs(row))
        session.add(PublishedItem(**_values(PublishedItem, row, id=item_id, **item_refs(row))))
    session.flush()
    for row in doc["participants"]:
        session.add(
            ItemParticipant(
                **_values(ItemParticipant, row, item_id=items[row["item_id"]], person_id=people[row["person_id"]])
            )
        )
    for row in doc["supporting"]:
        session.add(ItemSupportingAgency(item_id=items[row["item_id"]], agency_id=agencies[row["agency_id"]]))
    for row in doc["releases"]:
        session.add(ScheduleRelease(**_values(ScheduleRelease, row, id=None, event_id=event.id)))
    categories: dict[int, int] = {}
    for row in doc["categories"]:
        category = AwardCategory(**_values(AwardCategory, row, id=None, event_id=event.id))
        session.add(category)
        session.flush()
        categories[row["id"]] = key_of(category)
    nominations: dict[int, int] = {}
    for row in doc["nominations"]:
        nomination = Nomination(
            **_values(
                Nomination, row, id=None, category_id=categories[row["category_id"]], work_id=works.get(row["work_id"])
            )
        )
        session.add(nomination)
        session.flush()
        nominations[row["id"]] = key_of(nomination)
    for row in doc["nomination_people"]:
        session.add(
            NominationPerson(nomination_id=nominations[row["nomination_id"]], person_id=people[row["person_id"]])
        )
    for row in doc["deliverables"]:
        session.add(
            Deliverable(
                **_values(
                    Deliverable, row, id=None, item_id=items[row["item_id"]], agency_id=agencies[row["agency_id"]]
                )
            )
        )
    segments: dict[int, int] = {}
    for row in doc["segments"]:
        segment = RunSegment(
            **_values(
                RunSegment,
                row,
                id=None,
                ceremony_id=items[row["ceremony_id"]],
                category_id=categories.get(row["category_id"]),
                item_id=items.get(row["item_id"]),
            )
        )
        session.add(segment)
        session.flush()
        segments[row["id"]] = key_of(segment)
    for row in doc["presenters"]:
        session.add(SegmentPresenter(segment_id=segments[row["segment_id"]], person_id=people[row["person_id"]]))
    for row in doc["nominee_logistics"]:
        session.add(
            NomineeLogistics(
                **_values(
                    NomineeLogistics,
                    row,
                    id=None,
                    event_id=event.id,
                    person_id=people[row["person_id"]],
                    transport_agency_id=agencies.get(row["transport_agency_id"]),
                )
            )
        )
    session.flush()
    return event
