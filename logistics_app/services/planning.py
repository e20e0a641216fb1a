"""Saving the organizer's item editor: one parse, one check, one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlmodel import Session

from logistics_app.domain.conflicts import Conflict
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.forms import item_from_form
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.text import to_int
from logistics_app.i18n import t
from logistics_app.models import Event, ItemStatus, ScheduleItem, Space, key_of
from logistics_app.queries.conflicts import preview_conflicts, preview_many
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.schedule import (
    check_item,
    create_item,
    delete_item,
    duplicate_item,
    item_input,
    update_item,
)
from logistics_app.services.undo import Recorder
from logistics_app.timeutil import localize, to_local


class NeedsConfirmation(Exception):
    def __init__(self, conflicts: list[Conflict]):
        super().__init__(f"{len(conflicts)} conflicts")
        self.conflicts = conflicts


def _read_form(
    session: Session, event: Event, form: dict[str, str], item_id: int | None
) -> tuple[ItemInput | None, list[FieldError], list[Conflict]]:
    """The form as an item, its problems and its conflicts (nothing written)."""
    stored = session.get(ScheduleItem, item_id) if item_id is not None else None
    if item_id is not None and (stored is None or stored.event_id != event.id):
        raise NotFound(str(item_id))
    space_id = to_int(form.get("space"))
    space = session.get(Space, space_id) if space_id is not None else None
    data, errors = item_from_form(
        form,
        event.timezone,
        base=item_input(session=session, item=stored) if stored is not None else None,
        space_venue_id=space.venue_id if space else None,
        main_venue_id=event.main_venue_id,
    )
    if data is None:
        return None, errors, []
    try:
        check_item(session=session, event=event, data=data)
    except ValidationFailed as failed:
        errors += failed.errors
    conflicts = preview_conflicts(
        session=session,
        event=event,
        title=data.title,
        start=data.start,
        end=data.end,
        space_id=data.space_id,
        person_ids=tuple(pid for pid, _ in data.participants),
        venue_id=data.venue_id,
        agency_ids=(*((data.lead_agency_id,) if data.lead_agency_id else ()), *data.supporting_agency_ids),
        item_id=item_id,
        cancelled=data.status == ItemStatus.CANCELLED,
    )
    return data, errors, conflicts


def check_form(
    *, session: Session, event: Event, form: dict[str, str], item_id: int | None = None
) -> tuple[list[FieldError], list[Conflict]]:
    """Problems and conflicts of the form as typed, before anything is saved."""
    _, errors, conflicts = _read_form(session, event, form, item_id)
    return errors, conflicts


def save_form(
    *,
    session: Session,
    slug: str,
    form: dict[str, str],
    item_id: int | None = None,
    expected_version: int | None = None,
    confirmed: bool = False,
    user_id: int | None = None,
    lang: str = "es",
) -> ScheduleItem:
    """Saves the form in one transaction; conflicts need `confirmed`, stale edits are refused.
    What it replaced is kept, to be undone (services.undo)."""
    event = event_by_slug(session=session, slug=slug)
    data, errors, conflicts = _read_form(session, event, form, item_id)
    if errors or data is None:
        raise ValidationFailed(errors)
    if conflicts and not confirmed:
        raise NeedsConfirmation(conflicts)
    if item_id is None:
        recorder = Recorder(session, event, user_id, t("undo.label.create", lang, title=data.title))
        item = create_item(session=session, event=event, data=data, checked=True)
        recorder.after_create([item])
    else:
        recorder = Recorder(session, event, user_id, t("undo.label.edit", lang, title=data.title))
        stored = session.get(ScheduleItem, item_id)
        if stored is not None and (expected_version is None or stored.version == expected_version):
            recorder.before_change(stored)
        item = update_item(session=session, item_id=item_id, data=data, expected_version=expected_version, checked=True)
    recorder.save()
    return item


def delete(
    *, session: Session, slug: str, item_id: int, expected_version: int | None, user_id: int | None, lang: str = "es"
) -> str:
    """Deletes an item (and what goes with it: its deliverables, links, run of show), kept to be
    undone; returns its title."""
    event = event_by_slug(session=session, slug=slug)
    item = session.get(ScheduleItem, item_id)
    if item is None or item.event_id != event.id:
        raise NotFound(str(item_id))
    title = item.title
    recorder = Recorder(session, event, user_id, t("undo.label.delete", lang, title=title))
    recorder.before_delete(ScheduleItem, [item_id])
    delete_item(session=session, item_id=item_id, expected_version=expected_version)
    recorder.save()
    return title


def duplicate(*, session: Session, slug: str, item_id: int, user_id: int | None, lang: str = "es") -> ScheduleItem:
    event = event_by_slug(session=session, slug=slug)
    item = session.get(ScheduleItem, item_id)
    if item is None or item.event_id != event.id:
        raise NotFound(str(item_id))
    copy = duplicate_item(session=session, item_id=item_id)
    recorder = Recorder(session, event, user_id, t("undo.label.duplicate", lang, title=copy.title))
    recorder.after_create([copy])
    recorder.save()
    return copy


@dataclass(frozen=True)
class Move:
    """An item moved on the timeline: by minutes, stretched or shortened at its end, or to another
    space ("space:<id>", "space:none"; "" keeps its space), or to another day of the week view
    ("day:<YYYY-MM-DD>": the same local time that day, then `minutes`)."""

    item_id: int
    minutes: int = 0
    end_minutes: int = 0
    space: str = ""
    day: str = ""
    version: int | None = None  # the item as it was shown: a drop on a since-changed item is refused


def _moved(session: Session, event: Event, move: Move) -> tuple[ScheduleItem, ItemInput]:
    item = session.get(ScheduleItem, move.item_id)
    if item is None or item.event_id != event.id:
        raise NotFound(str(move.item_id))
    data = item_input(session=session, item=item)
    shift = timedelta(minutes=move.minutes)
    if move.day:
        try:
            day = date.fromisoformat(move.day.removeprefix("day:"))
        except ValueError:
            raise NotFound(move.day) from None
        local = to_local(data.start, event.timezone)
        shift += localize(datetime.combine(day, local.time().replace(tzinfo=None)), event.timezone) - data.start
    start, end = data.start + shift, data.end + shift + timedelta(minutes=move.end_minutes)
    if end < start + timedelta(minutes=5):
        end = start + timedelta(minutes=5)  # an item is never shorter than the 5-minute snap
    values: dict[str, object] = {"start": start, "end": end}
    if move.space.startswith("space:"):
        space_id = to_int(move.space.removeprefix("space:"))
        space = session.get(Space, space_id) if space_id is not None else None
        if space_id is not None and space is None:
            raise NotFound(move.space)
        values["space_id"] = space.id if space else None
        values["venue_id"] = space.venue_id if space else data.venue_id
    return item, replace(data, **values)  # type: ignore[arg-type]


def move_preview(*, session: Session, slug: str, move: Move) -> tuple[ItemInput, list[Conflict]]:
    """Where the item would land and the conflicts it would have there (nothing written)."""
    event = event_by_slug(session=session, slug=slug)
    item, data = _moved(session, event, move)
    return data, preview_many(session=session, event=event, candidates=[(key_of(item), data)])


def move(
    *, session: Session, slug: str, move: Move, confirmed: bool, user_id: int | None, lang: str = "es"
) -> ScheduleItem:
    """Saves a move; conflicts need `confirmed` (the editor's "save anyway" rule); kept to be undone."""
    event = event_by_slug(session=session, slug=slug)
    item, data = _moved(session, event, move)
    check_item(session=session, event=event, data=data)
    conflicts = preview_many(session=session, event=event, candidates=[(key_of(item), data)])
    if conflicts and not confirmed:
        raise NeedsConfirmation(conflicts)
    recorder = Recorder(session, event, user_id, t("undo.label.move", lang, title=item.title))
    recorder.before_change(item)
    saved = update_item(session=session, item_id=key_of(item), data=data, checked=True, expected_version=move.version)
    recorder.save()
    return saved
