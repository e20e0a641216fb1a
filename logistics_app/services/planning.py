"""Saving the organizer's item editor: one parse, one check, one transaction."""

from __future__ import annotations

from sqlmodel import Session

from logistics_app.domain.conflicts import Conflict
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.forms import item_from_form
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.text import to_int
from logistics_app.i18n import t
from logistics_app.models import Event, ItemStatus, ScheduleItem, Space
from logistics_app.queries.conflicts import preview_conflicts
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
    copy = duplicate_item(session=session, item_id=item_id)
    recorder = Recorder(session, event, user_id, t("undo.label.duplicate", lang, title=copy.title))
    recorder.after_create([copy])
    recorder.save()
    return copy
