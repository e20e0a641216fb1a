"""Turning what an organizer typed (local dates and times, as text) into checked values."""

from __future__ import annotations

from datetime import date, datetime, time

from logistics_app.domain.errors import FieldError
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.text import to_int
from logistics_app.domain.validation import parse_choice
from logistics_app.models.enums import ItemKind, ItemStatus, ParticipantRole, Visibility
from logistics_app.timeutil import localize, to_local


def parse_local(
    day: str, clock: str, zone: str, *, day_field: str, time_field: str
) -> tuple[datetime | None, list[FieldError]]:
    """A local date (YYYY-MM-DD) and time (HH:MM) in the zone, as an aware UTC datetime."""
    errors = []
    try:
        local_day = date.fromisoformat(day.strip())
    except ValueError:
        errors.append(FieldError(day_field, "bad_date"))
    try:
        local_time = time.fromisoformat(clock.strip())
    except ValueError:
        errors.append(FieldError(time_field, "bad_time"))
    if errors:
        return None, errors
    return localize(datetime.combine(local_day, local_time), zone), []


def parse_span(
    start_day: str, start: str, end_day: str, end: str, zone: str
) -> tuple[tuple[datetime, datetime] | None, list[FieldError]]:
    """Start and end as typed in the event's zone. An end before the start is left for the item's
    validation to report, never guessed to be another day."""
    first, errors = parse_local(start_day, start, zone, day_field="start_day", time_field="start")
    last, more = parse_local(end_day or start_day, end, zone, day_field="end_day", time_field="end")
    errors += more
    if first is None or last is None:
        return None, errors
    return (first, last), errors


def item_from_form(
    form: dict[str, str],
    zone: str,
    *,
    base: ItemInput | None,
    space_venue_id: int | None,
    main_venue_id: int | None,
) -> tuple[ItemInput | None, list[FieldError]]:
    """The item editor's fields as an item to save. An edit keeps what the form does not show
    (`base`: supporting agencies, people, the film); the venue follows the chosen space. An unknown
    kind, status or visibility is among the errors (the rest of the item is still checked)."""
    span, errors = parse_span(
        form.get("start_day", ""), form.get("start", ""), form.get("end_day", ""), form.get("end", ""), zone
    )
    if span is None:
        return None, errors
    data = ItemInput(
        title=form.get("title", ""),
        kind=parse_choice(errors, "kind", form.get("kind", ""), ItemKind, ItemKind.MEETING),
        start=span[0],
        end=span[1],
        venue_id=space_venue_id if space_venue_id is not None else (base.venue_id if base else main_venue_id),
        space_id=to_int(form.get("space")),
        status=parse_choice(errors, "status", form.get("status", ""), ItemStatus, ItemStatus.TENTATIVE),
        visibility=parse_choice(errors, "visibility", form.get("visibility", ""), Visibility, Visibility.INTERNAL),
        lead_agency_id=to_int(form.get("lead_agency")),
        supporting_agency_ids=(
            _ids(errors, "supporting", form["supporting"]) if "supporting" in form else _base_support(base)
        ),
        participants=_people(errors, form["people"]) if "people" in form else (base.participants if base else ()),
        description=form.get("description", ""),
        notes=form.get("notes", ""),
        work_title=base.work_title if base else "",
        work_id=base.work_id if base else None,
        share_before_publish=form.get("share_before_publish", "") not in ("", "0", "false"),
        location_text=base.location_text if base else "",
    )
    return data, errors


def _base_support(base: ItemInput | None) -> tuple[int, ...]:
    return base.supporting_agency_ids if base else ()


def _ids(errors: list[FieldError], name: str, text: str) -> tuple[int, ...]:
    """Ids written "3,7" (the editor's chips), each once, in order."""
    ids: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        number = to_int(part)
        if number is None:
            errors.append(FieldError(name, "not_found", {"what": part[:40]}))
        elif number not in ids:
            ids.append(number)
    return tuple(ids)


def _people(errors: list[FieldError], text: str) -> tuple[tuple[int, ParticipantRole], ...]:
    """People written "12:presenter,15:nominee" (the editor's chips), each once."""
    people: dict[int, ParticipantRole] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        number, _, role = part.partition(":")
        person_id = to_int(number)
        if person_id is None:
            errors.append(FieldError("people", "not_found", {"what": part[:40]}))
            continue
        people.setdefault(
            person_id, parse_choice(errors, "people", role or "guest", ParticipantRole, ParticipantRole.GUEST)
        )
    return tuple(people.items())


def form_of_item(data: ItemInput, zone: str) -> dict[str, str]:
    """An item as the editor shows it: local dates and times in the event's zone, ids as text."""
    start, end = to_local(data.start, zone), to_local(data.end, zone)
    return {
        "title": data.title,
        "kind": str(data.kind),
        "start_day": start.date().isoformat(),
        "start": start.strftime("%H:%M"),
        "end_day": end.date().isoformat(),
        "end": end.strftime("%H:%M"),
        "space": str(data.space_id or ""),
        "status": str(data.status),
        "visibility": str(data.visibility),
        "lead_agency": str(data.lead_agency_id or ""),
        "description": data.description,
        "notes": data.notes,
        "share_before_publish": "1" if data.share_before_publish else "",
        "supporting": ",".join(str(i) for i in data.supporting_agency_ids),
        "people": ",".join(f"{person}:{role}" for person, role in data.participants),
    }
