"""Changing many items at once: shift them by minutes or days, set their status, visibility, lead
agency or space, or delete them; one conflict report for the whole set before saving, one
transaction, one undo."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from sqlmodel import Session, col, select

from logistics_app.domain.conflicts import Conflict
from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.text import to_int
from logistics_app.domain.validation import parse_choice
from logistics_app.i18n import t
from logistics_app.models import Agency, Event, ItemStatus, ScheduleItem, Space, UndoEntry, Visibility, key_of
from logistics_app.queries.conflicts import preview_many
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.planning import NeedsConfirmation
from logistics_app.services.schedule import check_item, delete_item, item_input, update_item
from logistics_app.services.undo import Recorder

MAX_ITEMS = 2000
MAX_SHIFT_DAYS = 366


@dataclass(frozen=True)
class BulkChange:
    """What to do to every chosen item ("" leaves a field as it is)."""

    minutes: int = 0
    days: int = 0
    status: str = ""
    visibility: str = ""
    lead_agency: str = ""  # an agency's id, or "none" to clear it
    space: str = ""  # a space's id, or "none" to clear it
    delete: bool = False


def change_from(form: dict[str, str]) -> BulkChange:
    """The bulk bar's fields as a change (bad numbers are errors on their field)."""
    errors: list[FieldError] = []
    numbers = {}
    for name, limit in (("minutes", 24 * 60 * MAX_SHIFT_DAYS), ("days", MAX_SHIFT_DAYS)):
        text = str(form.get(name, "") or "0").strip()
        number = to_int(text.lstrip("+"))
        if number is None or abs(number) > limit:
            errors.append(FieldError(name, "bad_number"))
            number = 0
        numbers[name] = number
    status = str(form.get("status", ""))
    visibility = str(form.get("visibility", ""))
    if status:
        parse_choice(errors, "status", status, ItemStatus, ItemStatus.TENTATIVE)
    if visibility:
        parse_choice(errors, "visibility", visibility, Visibility, Visibility.INTERNAL)
    if errors:
        raise ValidationFailed(errors)
    return BulkChange(
        minutes=numbers["minutes"],
        days=numbers["days"],
        status=status,
        visibility=visibility,
        lead_agency=str(form.get("lead_agency", ""))[:12],
        space=str(form.get("space", ""))[:12],
        delete=str(form.get("delete", "")) == "1",
    )


def _chosen(session: Session, event: Event, ids: list[int]) -> list[ScheduleItem]:
    if not ids:
        raise ValidationFailed([FieldError("items", "none_selected")])
    if len(ids) > MAX_ITEMS:
        raise ValidationFailed([FieldError("items", "too_many", {"max": MAX_ITEMS})])
    items = list(
        session.exec(
            select(ScheduleItem)
            .where(col(ScheduleItem.id).in_(ids), ScheduleItem.event_id == event.id)
            .order_by(col(ScheduleItem.start_utc))
        ).all()
    )
    if not items:
        raise NotFound("items")
    return items


def _reference(session: Session, model: type[Agency] | type[Space], value: str, name: str) -> int | None:
    if value == "none":
        return None
    found = session.get(model, to_int(value, -1) or -1)
    if found is None:
        raise ValidationFailed([FieldError(name, "not_found", {"what": value})])
    return key_of(found)


def _changed(session: Session, item: ScheduleItem, change: BulkChange) -> ItemInput:
    data = item_input(session=session, item=item)
    shift = timedelta(days=change.days, minutes=change.minutes)
    values: dict[str, object] = {"start": data.start + shift, "end": data.end + shift}
    if change.status:
        values["status"] = ItemStatus(change.status)
    if change.visibility:
        values["visibility"] = Visibility(change.visibility)
    if change.lead_agency:
        values["lead_agency_id"] = _reference(session, Agency, change.lead_agency, "lead_agency")
    if change.space:
        space_id = _reference(session, Space, change.space, "space")
        space = session.get(Space, space_id) if space_id is not None else None
        values["space_id"], values["venue_id"] = space_id, (space.venue_id if space else data.venue_id)
    return replace(data, **values)  # type: ignore[arg-type]


def preview(*, session: Session, slug: str, ids: list[int], change: BulkChange) -> tuple[int, list[Conflict]]:
    """How many items the change touches and the conflicts they would have (nothing written)."""
    event = event_by_slug(session=session, slug=slug)
    items = _chosen(session, event, ids)
    if change.delete:
        return len(items), []
    candidates = [(key_of(item), _changed(session, item, change)) for item in items]
    return len(items), preview_many(session=session, event=event, candidates=candidates)


def apply(
    *,
    session: Session,
    slug: str,
    ids: list[int],
    change: BulkChange,
    user_id: int | None,
    confirmed: bool = False,
    lang: str = "es",
) -> UndoEntry:
    """Changes (or deletes) every chosen item in this one transaction; conflicts need `confirmed`.
    Returns the undo entry that brings them all back."""
    event = event_by_slug(session=session, slug=slug)
    items = _chosen(session, event, ids)
    if change.delete:
        recorder = Recorder(session, event, user_id, t("undo.label.bulk_delete", lang, count=len(items)))
        recorder.before_delete(ScheduleItem, [key_of(item) for item in items])
        for item in items:
            delete_item(session=session, item_id=key_of(item))
        return recorder.save()
    candidates = [(item, _changed(session, item, change)) for item in items]
    conflicts = preview_many(session=session, event=event, candidates=[(key_of(i), d) for i, d in candidates])
    if conflicts and not confirmed:
        raise NeedsConfirmation(conflicts)
    rows: dict[object, object] = {}
    for _, data in candidates:
        check_item(session=session, event=event, data=data, rows=rows)
    recorder = Recorder(session, event, user_id, t("undo.label.bulk", lang, count=len(items)))
    for item, data in candidates:
        recorder.before_change(item)
        update_item(session=session, item_id=key_of(item), data=data, checked=True)
    return recorder.save()
