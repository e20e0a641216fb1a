"""The ceremony's run of show: segments in order, times computed from the ceremony's start, the
overrun against its broadcast slot, presenters, and an export into the schedule as internal items."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.rundown import SEGMENT_KINDS, plan, presenter_is_nominee
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.text import to_int
from logistics_app.i18n import clock, long_date, t
from logistics_app.models import (
    AwardCategory,
    Event,
    ItemKind,
    ItemStatus,
    Nomination,
    NominationPerson,
    ParticipantRole,
    Person,
    RunSegment,
    ScheduleItem,
    SegmentPresenter,
    Visibility,
    key_of,
    not_null,
)
from logistics_app.queries.conflicts import preview_conflicts
from logistics_app.services import ordering
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.schedule import create_item, delete_item, item_input, update_item
from logistics_app.services.undo import Recorder
from logistics_app.timeutil import to_local


@dataclass
class RunOfShow:
    event_name: str
    ceremony: str
    slot: str  # "20:00–23:00"
    zone: str
    rows: list[dict[str, object]]
    total: str
    overrun: str  # "" when it fits
    spare: str
    warnings: list[str]


def ceremony_of(*, session: Session, event: Event) -> ScheduleItem:
    """The event's ceremony: its first item of kind "ceremony" (the broadcast slot is its time),
    not one of its parts (the segments copied to the programme start with it)."""
    item = session.exec(
        select(ScheduleItem)
        .where(ScheduleItem.event_id == event.id, ScheduleItem.kind == ItemKind.CEREMONY)
        .where(ScheduleItem.status != ItemStatus.CANCELLED, col(ScheduleItem.parent_id).is_(None))
        .order_by(col(ScheduleItem.start_utc), col(ScheduleItem.id))
    ).first()
    if item is None:
        raise NotFound(f"{event.slug}: ceremony")
    return item


def _segments(session: Session, ceremony: ScheduleItem) -> list[RunSegment]:
    return list(
        session.exec(select(RunSegment).where(RunSegment.ceremony_id == ceremony.id).order_by(col(RunSegment.position)))
    )


def _presenters(session: Session, segment_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {}
    for segment_id, person_id, name in session.exec(
        select(SegmentPresenter.segment_id, SegmentPresenter.person_id, Person.name)
        .join(Person, col(Person.id) == SegmentPresenter.person_id)
        .where(col(SegmentPresenter.segment_id).in_(segment_ids))
        .order_by(col(Person.name))
    ):
        out.setdefault(segment_id, []).append((person_id, name))
    return out


def _nominees(session: Session, category_id: int) -> set[int]:
    return set(
        session.exec(
            select(NominationPerson.person_id)
            .join(Nomination, col(Nomination.id) == NominationPerson.nomination_id)
            .where(Nomination.category_id == category_id)
        )
    )


def _minutes(total: int, lang: str) -> str:
    hours, minutes = divmod(total, 60)
    return t("rundown.duration", lang, hours=hours, minutes=f"{minutes:02d}")


def run_of_show(*, session: Session, slug: str, lang: str = "es") -> RunOfShow:
    event = event_by_slug(session=session, slug=slug)
    ceremony = ceremony_of(session=session, event=event)
    zone = event.timezone
    segments = _segments(session, ceremony)
    timed = plan(ceremony.start_utc, [s.minutes for s in segments], ceremony.end_utc)
    presenters = _presenters(session, [key_of(s) for s in segments])
    categories = dict(session.exec(select(AwardCategory.id, AwardCategory.name)).all())
    warnings: list[str] = []
    rows: list[dict[str, object]] = []
    for segment, times in zip(segments, timed.times, strict=True):
        people = presenters.get(key_of(segment), [])
        if segment.category_id is not None:
            for person_id in presenter_is_nominee({p for p, _ in people}, _nominees(session, segment.category_id)):
                name = dict(people)[person_id]
                warnings.append(
                    t("rundown.presenter_nominee", lang, name=name, category=categories.get(segment.category_id, ""))
                )
        if people:  # presenters elsewhere at the same time (the schedule's conflict rules)
            for conflict in preview_conflicts(
                session=session,
                event=event,
                title=segment.title,
                start=times.start,
                end=times.end,
                space_id=None,
                person_ids=tuple(p for p, _ in people),
                item_id=segment.item_id,
            ):
                if conflict.b is not None and conflict.b.id != ceremony.id:
                    warnings.append(conflict.message(lang))
        rows.append(
            {
                "id": str(segment.id),
                "position": str(segment.position),
                "kind": segment.kind,
                "kind_label": t(f"rundown.kind.{segment.kind}", lang),
                "title": segment.title,
                "minutes": str(segment.minutes),
                "start": clock(to_local(times.start, zone), lang),
                "end": clock(to_local(times.end, zone), lang),
                "category": categories.get(segment.category_id, "") if segment.category_id else "",
                "presenters": ", ".join(name for _, name in people),
                "notes": segment.notes,
                "late": "1" if times.end > ceremony.end_utc else "",
            }
        )
    total = sum(s.minutes for s in segments)
    return RunOfShow(
        event_name=event.name,
        ceremony=f"{ceremony.title} · {long_date(to_local(ceremony.start_utc, zone).date(), lang)}",
        slot=f"{clock(to_local(ceremony.start_utc, zone), lang)}–{clock(to_local(ceremony.end_utc, zone), lang)}",
        zone=zone,
        rows=rows,
        total=_minutes(total, lang),
        overrun=_minutes(int(timed.overrun.total_seconds() // 60), lang) if timed.overrun.total_seconds() > 0 else "",
        spare=_minutes(int(timed.spare.total_seconds() // 60), lang),
        warnings=list(dict.fromkeys(warnings)),
    )


def _checked(session: Session, event: Event, form: dict[str, str]) -> tuple[str, str, int, AwardCategory | None]:
    """A segment's kind, title, minutes and category as typed, or ValidationFailed by field."""
    errors: list[FieldError] = []
    kind = form.get("kind", "")
    if kind not in SEGMENT_KINDS:
        errors.append(FieldError("kind", "unknown_choice", {"value": kind}))
    title = " ".join(form.get("title", "").split())
    category_id = to_int(form.get("category"))
    category = session.get(AwardCategory, category_id) if category_id is not None else None
    if category_id is not None and (category is None or category.event_id != event.id):
        errors.append(FieldError("category", "not_found", {"what": form.get("category", "")}))
    if not title and category is not None:
        title = category.name
    if not title:
        errors.append(FieldError("title", "required"))
    minutes = to_int(form.get("minutes", ""))
    if minutes is None or not 0 < minutes <= 240:
        errors.append(FieldError("minutes", "bad_minutes"))
    if errors or minutes is None:  # no minutes is among the errors
        raise ValidationFailed(errors)
    return kind, title[:300], minutes, category


def _set_presenters(session: Session, segment: RunSegment, typed: str) -> None:
    for link in session.exec(select(SegmentPresenter).where(SegmentPresenter.segment_id == segment.id)):
        session.delete(link)
    session.flush()
    for person in _people(session, typed):
        session.add(SegmentPresenter(segment_id=key_of(segment), person_id=key_of(person)))
    session.flush()


def add_segment(*, session: Session, slug: str, form: dict[str, str]) -> RunSegment:
    event = event_by_slug(session=session, slug=slug)
    ceremony = ceremony_of(session=session, event=event)
    kind, title, minutes, category = _checked(session, event, form)
    last = session.exec(select(func.max(RunSegment.position)).where(RunSegment.ceremony_id == ceremony.id)).one()
    segment = RunSegment(
        ceremony_id=key_of(ceremony),
        position=(last or 0) + 1,
        kind=kind,
        title=title,
        minutes=minutes,
        category_id=category.id if category else None,
        notes=form.get("notes", "").strip()[:2000],
    )
    session.add(segment)
    session.flush()
    _set_presenters(session, segment, form.get("presenters", ""))
    return segment


def _segment_of(session: Session, slug: str, segment_id: int) -> tuple[Event, ScheduleItem, RunSegment]:
    """The event, its ceremony and one of its segments (NotFound for another event's)."""
    event = event_by_slug(session=session, slug=slug)
    ceremony = ceremony_of(session=session, event=event)
    segment = session.get(RunSegment, segment_id)
    if segment is None or segment.ceremony_id != ceremony.id:
        raise NotFound(str(segment_id))
    return event, ceremony, segment


def segment_form(*, session: Session, slug: str, segment_id: int) -> dict[str, str]:
    """A segment's fields as its edit form shows them."""
    *_, segment = _segment_of(session, slug, segment_id)
    people = _presenters(session, [key_of(segment)]).get(key_of(segment), [])
    return {
        "kind": segment.kind,
        "title": segment.title,
        "minutes": str(segment.minutes),
        "category": str(segment.category_id or ""),
        "presenters": "; ".join(name for _, name in people),
        "notes": segment.notes,
    }


def edit_segment(*, session: Session, slug: str, segment_id: int, form: dict[str, str]) -> RunSegment:
    """Saves a segment's edited fields and presenters; every time after it follows."""
    event, _, segment = _segment_of(session, slug, segment_id)
    segment.kind, segment.title, segment.minutes, category = _checked(session, event, form)
    segment.category_id = category.id if category else None
    segment.notes = form.get("notes", segment.notes).strip()[:2000]
    session.add(segment)
    session.flush()
    _set_presenters(session, segment, form.get("presenters", ""))
    return segment


def _people(session: Session, typed: str) -> list[Person]:
    """Presenters as typed: ids or names separated by ";" (a new name becomes a person)."""
    found: dict[int, Person] = {}
    for part in (p.strip() for p in typed.replace(",", ";").split(";")):
        if not part:
            continue
        number = to_int(part)
        person = session.get(Person, number) if number is not None else None
        if person is None and number is None:
            name = " ".join(part.split())[:200]
            person = session.exec(select(Person).where(func.lower(Person.name) == name.lower())).first()
            if person is None:
                person = Person(name=name)
                session.add(person)
                session.flush()
        if person is not None:
            found[key_of(person)] = person
    return list(found.values())


def move_segment(*, session: Session, slug: str, segment_id: int, offset: int) -> None:
    """Moves a segment up (-1) or down (+1); every time after it follows."""
    ceremony = ceremony_of(session=session, event=event_by_slug(session=session, slug=slug))
    ordering.move(session=session, ordered=_segments(session, ceremony), row_id=segment_id, offset=offset)


def place_segment(*, session: Session, slug: str, segment_id: int, at_id: int) -> None:
    """Puts a segment where another one is (a drag: the others make room); every time follows."""
    _, ceremony, _ = _segment_of(session, slug, segment_id)
    ordering.place(session=session, ordered=_segments(session, ceremony), row_id=segment_id, at_id=at_id)


def delete_segment(
    *, session: Session, slug: str, segment_id: int, user_id: int | None = None, lang: str = "es"
) -> str:
    """Deletes a segment with its presenters, and its item in the programme if it was copied there,
    kept to be undone (both come back, the segment at its place); returns its title. The segments
    after it keep their numbers: the order is what counts."""
    event, _, segment = _segment_of(session, slug, segment_id)
    recorder = Recorder(session, event, user_id, t("undo.label.delete", lang, title=segment.title))
    recorder.before_delete(RunSegment, [key_of(segment)])
    copied = segment.item_id if segment.item_id and session.get(ScheduleItem, segment.item_id) else None
    session.delete(segment)
    session.flush()
    if copied is not None:
        recorder.before_delete(ScheduleItem, [copied])
        delete_item(session=session, item_id=copied)
    recorder.save()
    return segment.title


def export_to_schedule(*, session: Session, slug: str) -> int:
    """Each segment as an internal item of the ceremony's event, with its presenters, so the crew's
    and the presenters' feeds carry it; exporting again updates those items. Each is a part of the
    ceremony (parent_id): the two never conflict, and the presenters are checked once, against
    everything else. The items of segments deleted since are deleted."""
    event = event_by_slug(session=session, slug=slug)
    ceremony = ceremony_of(session=session, event=event)
    segments = _segments(session, ceremony)
    timed = plan(ceremony.start_utc, [s.minutes for s in segments], ceremony.end_utc)
    presenters = _presenters(session, [key_of(s) for s in segments])
    for segment, times in zip(segments, timed.times, strict=True):
        data = ItemInput(
            title=f"{t('rundown.prefix')}: {segment.title}"[:300],
            kind=ItemKind.CEREMONY,
            start=times.start,
            end=times.end,
            venue_id=ceremony.venue_id,
            space_id=ceremony.space_id,
            status=ItemStatus.CONFIRMED,
            visibility=Visibility.INTERNAL,
            lead_agency_id=ceremony.lead_agency_id,
            participants=tuple((pid, ParticipantRole.PRESENTER) for pid, _ in presenters.get(key_of(segment), [])),
            notes=segment.notes,
        )
        existing = session.get(ScheduleItem, segment.item_id) if segment.item_id else None
        if existing is None:
            existing = create_item(session=session, event=event, data=data)
            segment.item_id = existing.id
        else:
            data.description = item_input(session=session, item=existing).description
            existing = update_item(session=session, item_id=key_of(existing), data=data)
        existing.parent_id = ceremony.id  # a part of the ceremony: never in conflict with it
        session.add(existing)
    session.flush()
    # The items of segments deleted since the last export go too.
    kept = {segment.item_id for segment in segments}
    for part in session.exec(select(ScheduleItem.id).where(ScheduleItem.parent_id == ceremony.id)).all():
        if part not in kept:
            delete_item(session=session, item_id=not_null(part))
    return len(segments)


def choices(*, session: Session, slug: str, lang: str = "es") -> dict[str, list[dict[str, str]]]:
    event = event_by_slug(session=session, slug=slug)
    return {
        "kinds": [{"value": k, "label": t(f"rundown.kind.{k}", lang)} for k in SEGMENT_KINDS],
        "categories": [
            {"value": str(c.id), "label": c.name}
            for c in session.exec(
                select(AwardCategory).where(AwardCategory.event_id == event.id).order_by(col(AwardCategory.position))
            )
        ],
        "people": [
            {"value": str(p.id), "label": p.name} for p in session.exec(select(Person).order_by(col(Person.name)))
        ],
    }
