"""Deliverables: organizers assign them to agencies on items; coordinators confirm, finish or block
them, for their own agency only. Crew capacity per agency, role and day, and the shortfalls."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from logistics_app.domain.access import Action, Principal, require
from logistics_app.domain.crew import CrewNeed, crew_shortfalls
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.text import to_int
from logistics_app.domain.validation import check_choice
from logistics_app.i18n import clock, long_date, long_datetime, t
from logistics_app.models import (
    Agency,
    CrewCapacity,
    CrewRole,
    Deliverable,
    DeliverableStatus,
    Event,
    ScheduleItem,
    key_of,
    not_null,
)
from logistics_app.services import reminders
from logistics_app.services.lookups import by_id, event_by_slug
from logistics_app.services.undo import Recorder
from logistics_app.timeutil import localize, now_utc, to_local


def _count(value: str, field: str, errors: list[FieldError]) -> int | None:
    if not value.strip():
        return None
    number = to_int(value)
    if number is None or number < 0:
        errors.append(FieldError(field, "bad_count"))
        return None
    return number


def assign(
    *, session: Session, actor: Principal, slug: str, form: dict[str, str], deliverable_id: int | None = None
) -> Deliverable:
    """A new deliverable from the organizer's form (item, agency, title, quantity, crew, due date),
    or, with `deliverable_id`, the same form editing one of the event's (its status and notes, the
    agency's, stay as they are)."""
    require(actor, Action.ASSIGN_DELIVERABLES)
    event = event_by_slug(session=session, slug=slug)
    existing = _of_event(session, event, deliverable_id) if deliverable_id is not None else None
    errors: list[FieldError] = []
    item = session.get(ScheduleItem, to_int(form.get("item", "")) or -1)
    if item is None or item.event_id != event.id:
        errors.append(FieldError("item", "required"))
    agency = session.exec(select(Agency).where(Agency.slug == form.get("agency", ""))).first()
    if agency is None:
        errors.append(FieldError("agency", "required"))
    title = form.get("title", "").strip()
    if not title:
        errors.append(FieldError("title", "required"))
    elif len(title) > 300:
        errors.append(FieldError("title", "too_long", {"max": 300}))
    quantity = _count(form.get("quantity", ""), "quantity", errors)
    crew_count = _count(form.get("crew_count", ""), "crew_count", errors)
    role = form.get("crew_role", "")
    if role:
        check_choice(errors, "crew_role", role, CrewRole)
    if bool(role) != bool(crew_count):
        errors.append(FieldError("crew_count", "crew_pair"))
    due = None
    if form.get("due_day", "").strip():
        try:
            day = date.fromisoformat(form["due_day"].strip())
            hour = time.fromisoformat(form.get("due_time", "").strip() or "23:59")
            due = localize(datetime.combine(day, hour), event.timezone)
        except ValueError:
            errors.append(FieldError("due_day", "bad_date"))
    if errors or item is None or agency is None:  # a missing item or agency is among the errors
        raise ValidationFailed(errors)
    deliverable = existing or Deliverable(item_id=key_of(item), agency_id=key_of(agency), title=title)
    deliverable.item_id, deliverable.agency_id, deliverable.title = key_of(item), key_of(agency), title
    deliverable.quantity, deliverable.due_at = quantity, due
    deliverable.crew_role, deliverable.crew_count = (CrewRole(role), crew_count) if role else (None, None)
    deliverable.updated_by, deliverable.updated_at = actor.user_id, now_utc()
    if existing is not None:
        deliverable.version += 1
    session.add(deliverable)
    session.flush()
    return deliverable


def _of_event(session: Session, event: Event, deliverable_id: int) -> Deliverable:
    found = session.exec(
        select(Deliverable)
        .join(ScheduleItem, col(ScheduleItem.id) == Deliverable.item_id)
        .where(Deliverable.id == deliverable_id, ScheduleItem.event_id == event.id)
    ).first()
    if found is None:
        raise NotFound(f"deliverable {deliverable_id}")
    return found


def form_of(*, session: Session, slug: str, deliverable_id: int) -> dict[str, str]:
    """One of the event's deliverables as the organizer's form shows it (due time in the event's zone)."""
    event = event_by_slug(session=session, slug=slug)
    d = _of_event(session, event, deliverable_id)
    agency = session.get(Agency, d.agency_id)
    due = to_local(d.due_at, event.timezone) if d.due_at else None
    return {
        "item": str(d.item_id),
        "agency": agency.slug if agency else "",
        "title": d.title,
        "quantity": "" if d.quantity is None else str(d.quantity),
        "crew_role": str(d.crew_role or ""),
        "crew_count": "" if d.crew_count is None else str(d.crew_count),
        "due_day": due.date().isoformat() if due else "",
        "due_time": due.strftime("%H:%M") if due else "",
    }


def remove(*, session: Session, actor: Principal, slug: str, deliverable_id: int, lang: str = "es") -> str:
    """Deletes one of the event's deliverables, kept to be undone; returns its title."""
    require(actor, Action.ASSIGN_DELIVERABLES)
    event = event_by_slug(session=session, slug=slug)
    d = _of_event(session, event, deliverable_id)
    recorder = Recorder(session, event, actor.user_id, t("undo.label.delete", lang, title=d.title))
    recorder.before_delete(Deliverable, [key_of(d)])
    session.delete(d)
    session.flush()
    recorder.save()
    return d.title


def update(
    *,
    session: Session,
    actor: Principal,
    deliverable_id: int,
    status: str,
    notes: str,
    blocked_reason: str = "",
    expected_version: int | None = None,
) -> Deliverable:
    """A coordinator (of its agency) or an organizer sets the status and notes."""
    deliverable = by_id(session=session, model=Deliverable, key=deliverable_id, for_update=True)
    require(actor, Action.UPDATE_DELIVERABLE, agency_id=deliverable.agency_id)
    errors: list[FieldError] = []
    check_choice(errors, "status", status, DeliverableStatus)
    if status == DeliverableStatus.BLOCKED and not blocked_reason.strip():
        errors.append(FieldError("blocked_reason", "blocked_needs_reason"))
    if expected_version is not None and expected_version != deliverable.version:
        errors.append(FieldError("status", "stale"))
    if errors:
        raise ValidationFailed(errors)
    newly_blocked = status == DeliverableStatus.BLOCKED and deliverable.status != DeliverableStatus.BLOCKED
    deliverable.status = DeliverableStatus(status)
    deliverable.blocked_reason = blocked_reason.strip()[:500] if status == DeliverableStatus.BLOCKED else ""
    deliverable.notes = notes.strip()[:4000]
    deliverable.version += 1
    deliverable.updated_by, deliverable.updated_at = actor.user_id, now_utc()
    session.flush()
    if newly_blocked:  # the organizers hear of it at once, in this same transaction
        reminders.queue_blocked_alert(session=session, deliverable=deliverable)
    return deliverable


def _row(d: Deliverable, item: ScheduleItem, event: Event, agency: Agency, lang: str) -> dict[str, str]:
    start = to_local(item.start_utc, event.timezone)
    return {
        "id": str(d.id),
        "version": str(d.version),
        "title": d.title,
        "quantity": "" if d.quantity is None else str(d.quantity),
        "crew": t("crew.count", lang, count=d.crew_count, role=t(f"crew.role.{d.crew_role}", lang))
        if d.crew_role
        else "",
        "due": long_datetime(to_local(d.due_at, event.timezone), lang) if d.due_at else "",
        "status": str(d.status),
        "status_label": t(f"deliverable.status.{d.status}", lang),
        "blocked_reason": d.blocked_reason,
        "notes": d.notes,
        "item": item.title,
        "when": f"{long_date(start.date(), lang)}, {clock(start, lang)}",
        "event": event.name,
        "agency": agency.name,
    }


def _rows(session: Session, where: ColumnElement[bool], lang: str) -> list[dict[str, str]]:
    rows = session.exec(
        select(Deliverable, ScheduleItem, Event, Agency)
        .join(ScheduleItem, col(ScheduleItem.id) == Deliverable.item_id)
        .join(Event, col(Event.id) == ScheduleItem.event_id)
        .join(Agency, col(Agency.id) == Deliverable.agency_id)
        .where(where)
        .order_by(col(ScheduleItem.start_utc), col(Deliverable.id))
    ).all()
    return [_row(d, item, event, agency, lang) for d, item, event, agency in rows]


def of_agency(*, session: Session, agency_id: int, lang: str = "es") -> list[dict[str, str]]:
    """The agency's deliverables (and nobody else's), by the time of their items."""
    return _rows(session, col(Deliverable.agency_id) == agency_id, lang)


def of_event(*, session: Session, slug: str, lang: str = "es") -> list[dict[str, str]]:
    event = event_by_slug(session=session, slug=slug)
    return _rows(session, col(ScheduleItem.event_id) == event.id, lang)


def progress(*, session: Session, slug: str, lang: str = "es") -> list[dict[str, str]]:
    """Per agency: how many of its deliverables in the event are pending, confirmed, done, blocked."""
    counts: dict[str, dict[str, int]] = {}
    for row in of_event(session=session, slug=slug, lang=lang):
        agency = counts.setdefault(row["agency"], {s.value: 0 for s in DeliverableStatus})
        agency[row["status"]] += 1
    return [
        {
            "agency": name,
            **{status: str(n) for status, n in statuses.items()},
            "summary": t("deliverable.progress", lang, done=statuses["done"], total=sum(statuses.values())),
        }
        for name, statuses in sorted(counts.items())
    ]


def choices(*, session: Session, slug: str, lang: str = "es") -> dict[str, list[dict[str, str]]]:
    """The items of the event and the agencies, for the assignment form; crew roles too."""
    event = event_by_slug(session=session, slug=slug)
    items = session.exec(
        select(ScheduleItem).where(ScheduleItem.event_id == event.id).order_by(col(ScheduleItem.start_utc))
    ).all()
    return {
        "items": [
            {
                "value": str(i.id),
                "label": f"{long_date(to_local(i.start_utc, event.timezone).date(), lang)}, "
                f"{clock(to_local(i.start_utc, event.timezone), lang)} · {i.title}",
            }
            for i in items
        ],
        "agencies": [
            {"value": a.slug, "label": a.name} for a in session.exec(select(Agency).order_by(col(Agency.name)))
        ],
        "agency_ids": [
            {"value": str(a.id), "label": a.name} for a in session.exec(select(Agency).order_by(col(Agency.name)))
        ],
        **vocabulary(lang),
    }


def vocabulary(lang: str = "es") -> dict[str, list[dict[str, str]]]:
    """Crew roles and statuses, as options of a form."""
    return {
        "roles": [{"value": r.value, "label": t(f"crew.role.{r.value}", lang)} for r in CrewRole],
        "statuses": [{"value": s.value, "label": t(f"deliverable.status.{s.value}", lang)} for s in DeliverableStatus],
    }


def set_crew(*, session: Session, actor: Principal, agency_id: int, day: str, role: str, people: str) -> None:
    """Declares (or corrects) how many people of a role the agency has on a day."""
    require(actor, Action.STATE_CREW, agency_id=agency_id)
    errors: list[FieldError] = []
    try:
        when = date.fromisoformat(day.strip())
    except ValueError:
        errors.append(FieldError("day", "bad_date"))
    check_choice(errors, "role", role, CrewRole)
    count = _count(people, "people", errors)
    if count is None and not errors:
        errors.append(FieldError("people", "required"))
    if errors or count is None:  # no count is among the errors
        raise ValidationFailed(errors)
    row = session.exec(
        select(CrewCapacity).where(
            CrewCapacity.agency_id == agency_id, CrewCapacity.day == when, CrewCapacity.role == role
        )
    ).first()
    if row is None:
        session.add(CrewCapacity(agency_id=agency_id, day=when, role=CrewRole(role), people=count))
    else:
        row.people = count
    session.flush()


def crew(*, session: Session, agency_id: int, lang: str = "es") -> list[dict[str, str]]:
    return [
        {"day": long_date(c.day, lang), "role": t(f"crew.role.{c.role}", lang), "people": str(c.people)}
        for c in session.exec(
            select(CrewCapacity)
            .where(CrewCapacity.agency_id == agency_id)
            .order_by(col(CrewCapacity.day), col(CrewCapacity.role))
        )
    ]


def shortfalls(*, session: Session, agency_id: int, lang: str = "es") -> list[str]:
    """Warnings where the agency's deliverables need more crew at once than it declared."""
    needs_by_zone: dict[str, list[CrewNeed]] = {}
    for d, item, event in session.exec(
        select(Deliverable, ScheduleItem, Event)
        .join(ScheduleItem, col(ScheduleItem.id) == Deliverable.item_id)
        .join(Event, col(Event.id) == ScheduleItem.event_id)
        .where(Deliverable.agency_id == agency_id, col(Deliverable.crew_role).is_not(None))
    ):
        needs_by_zone.setdefault(event.timezone, []).append(
            CrewNeed(CrewRole(not_null(d.crew_role)), d.crew_count or 0, item.start_utc, item.end_utc, d.title)
        )
    capacity = {
        (c.day, CrewRole(c.role)): c.people
        for c in session.exec(select(CrewCapacity).where(CrewCapacity.agency_id == agency_id))
    }
    return [
        shortfall.message(zone, lang)
        for zone, needs in needs_by_zone.items()
        for shortfall in crew_shortfalls(needs, capacity, zone)
    ]
