"""Importing a schedule from a planner's spreadsheet (.xlsx or CSV): columns mapped to fields,
each row checked (errors by row and column), venues, spaces, agencies and people matched by name,
a preview of what is new, changed and in conflict, then everything in one transaction.

A row with a UID of the event's changes that item; other rows are new items. Nothing is written
while any row has an error."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import Session, col, select

from logistics_app.domain.conflicts import Conflict
from logistics_app.domain.errors import FieldError, ValidationFailed
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.sheet import REQUIRED, Table, parse_clock, parse_day, split_list, split_person
from logistics_app.domain.text import fold, slugify
from logistics_app.i18n import LANGUAGES, t
from logistics_app.models import (
    Agency,
    Event,
    ItemKind,
    ItemStatus,
    ParticipantRole,
    Person,
    ScheduleItem,
    Space,
    Venue,
    Visibility,
    key_of,
    not_null,
)
from logistics_app.queries.conflicts import preview_many
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.schedule import check_item, create_items, item_input, update_item
from logistics_app.services.undo import Recorder
from logistics_app.timeutil import localize

# The sheet's column of each field check_item may name.
_FIELD_COLUMN = {"title": "title", "start": "start", "end": "end", "space": "space", "lead_agency": "lead_agency"}


@dataclass
class Problem:
    row: int  # the sheet's row number (the header is row 1)
    column: str  # the sheet's own header
    message: str


@dataclass
class SheetPlan:
    new: list[tuple[int, ItemInput]] = field(default_factory=list)
    changed: list[tuple[int, int, ItemInput]] = field(default_factory=list)  # row, item id, values
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def view(self, lang: str, limit: int = 200) -> dict[str, object]:
        """What the preview shows: counts, errors by row and column, conflicts, the titles."""
        return {
            "summary": t(
                "sheet.summary",
                lang,
                new=len(self.new),
                changed=len(self.changed),
                unchanged=self.unchanged,
                errors=len(self.problems),
                conflicts=len(self.conflicts),
            ),
            "problems": [{"row": str(p.row), "column": p.column, "message": p.message} for p in self.problems[:limit]],
            "conflicts": [c.message(lang) for c in self.conflicts[:limit]],
            "new": [f"{row} · {data.title}" for row, data in self.new[:limit]],
            "changed": [f"{row} · {data.title}" for row, _, data in self.changed[:limit]],
            "can_import": not self.problems and bool(self.new or self.changed),
            "needs_confirm": bool(self.conflicts),
        }


def key(name: str) -> str:
    """A name as the sheet and the directory are matched: case, accents, spaces and dashes aside
    ("CIC Puerto Vallarta" is the venue cic-puerto-vallarta)."""
    return slugify(name, max_len=200)


class _Names:
    """The directory by name, as planners write it (case and accents aside)."""

    def __init__(self, session: Session) -> None:
        self.venues = {key(v.name): v for v in session.exec(select(Venue))}
        self.venues |= {key(v.slug): v for v in self.venues.values()}
        self.spaces: dict[str, list[Space]] = {}
        for space in session.exec(select(Space)):
            self.spaces.setdefault(key(space.name), []).append(space)
        agencies = list(session.exec(select(Agency).order_by(col(Agency.archived_at).is_not(None))))
        self.agencies: dict[str, Agency] = {}
        for agency in reversed(agencies):  # a live agency wins over an archived one of the same name
            for key_name in (agency.name, agency.acronym, agency.slug):
                if key_name:
                    self.agencies[key(key_name)] = agency
        people = list(session.exec(select(Person).order_by(col(Person.archived_at).is_not(None))))
        self.people = {key(p.name): p for p in reversed(people)}
        self.roles = {fold(t(f"participant.{r}", lang)): r for r in ParticipantRole for lang in LANGUAGES}
        self.roles |= {r.value: r for r in ParticipantRole}
        self.choices = {
            name: {fold(t(f"{prefix}.{c}", lang)): c for c in kind for lang in LANGUAGES} | {c.value: c for c in kind}
            for name, prefix, kind in (
                ("kind", "item", ItemKind),
                ("status", "status", ItemStatus),
                ("visibility", "visibility", Visibility),
            )
        }


def _message(code: str, lang: str, **params: object) -> str:
    return FieldError("", code, dict(params)).message(lang)


def plan(*, session: Session, slug: str, table: Table, mapping: dict[str, int], lang: str = "es") -> SheetPlan:
    """Reads every row as the import would save it (nothing written)."""
    event = event_by_slug(session=session, slug=slug)
    names = _Names(session)
    existing = {item.uid: item for item in session.exec(select(ScheduleItem).where(ScheduleItem.event_id == event.id))}
    result = SheetPlan()
    for missing in (name for name in REQUIRED if name not in mapping):
        result.problems.append(Problem(1, t(f"sheet.column.{missing}", lang), _message("required", lang)))
    if result.problems:
        return result
    seen_uids: set[str] = set()
    for number, cells in enumerate(table.rows, start=2):
        data, problems = _row(session, event, names, existing, table, mapping, number, cells, lang)
        result.problems += problems
        if data is None:
            continue
        uid = data.uid or ""
        if uid and uid in seen_uids:
            result.problems.append(Problem(number, _header(table, mapping, "uid"), _message("duplicate_uid", lang)))
            continue
        seen_uids.add(uid)
        stored = existing.get(uid)
        if stored is None:
            result.new.append((number, data))
        elif _same(item_input(session=session, item=stored), data):
            result.unchanged += 1
        else:
            result.changed.append((number, key_of(stored), data))
    if not result.problems:
        candidates = [(-row, data) for row, data in result.new] + [(item_id, d) for _, item_id, d in result.changed]
        result.conflicts = preview_many(session=session, event=event, candidates=candidates)
    return result


def _header(table: Table, mapping: dict[str, int], name: str) -> str:
    index = mapping.get(name)
    return table.headers[index] if index is not None and index < len(table.headers) else name


def _row(
    session: Session,
    event: Event,
    names: _Names,
    existing: dict[str, ScheduleItem],
    table: Table,
    mapping: dict[str, int],
    number: int,
    cells: list[str],
    lang: str,
) -> tuple[ItemInput | None, list[Problem]]:
    problems: list[Problem] = []

    def cell(name: str) -> str:
        index = mapping.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def problem(name: str, code: str, **params: object) -> None:
        problems.append(Problem(number, _header(table, mapping, name), _message(code, lang, **params)))

    day = parse_day(cell("date"))
    if day is None:
        problem("date", "bad_sheet_date", value=cell("date"))
    end_day = parse_day(cell("end_date")) if cell("end_date") else day
    if cell("end_date") and end_day is None:
        problem("end_date", "bad_sheet_date", value=cell("end_date"))
    start, end = parse_clock(cell("start")), parse_clock(cell("end"))
    if start is None:
        problem("start", "bad_sheet_time", value=cell("start"))
    if end is None:
        problem("end", "bad_sheet_time", value=cell("end"))
    uid = cell("uid")
    stored = existing.get(uid) if uid else None
    base = item_input(session=session, item=stored) if stored is not None else None
    values: dict[str, object] = {}
    for name in ("kind", "status", "visibility"):
        text = cell(name)
        if text:
            choice = names.choices[name].get(fold(text))
            if choice is None:
                problem(name, "unknown_choice", value=text)
            values[name] = choice
    venue = names.venues.get(key(cell("venue"))) if cell("venue") else None
    space = None
    if cell("space"):
        found = [s for s in names.spaces.get(key(cell("space")), []) if venue is None or s.venue_id == venue.id]
        if len(found) == 1:
            space = found[0]
        else:
            problem("space", "not_found" if not found else "ambiguous", what=cell("space"))
    lead = None
    if cell("lead_agency"):
        lead = names.agencies.get(key(cell("lead_agency")))
        if lead is None:
            problem("lead_agency", "not_found", what=cell("lead_agency"))
    supporting = []
    for text in split_list(cell("supporting")):
        agency = names.agencies.get(key(text))
        if agency is None:
            problem("supporting", "not_found", what=text)
        else:
            supporting.append(key_of(agency))
    people: dict[int, ParticipantRole] = {}
    for text in split_list(cell("people")):
        name, role = split_person(text)
        person = names.people.get(key(name))
        if person is None:
            problem("people", "not_found", what=name)
            continue
        people.setdefault(
            key_of(person), names.roles.get(fold(role), ParticipantRole.GUEST) if role else ParticipantRole.GUEST
        )
    if problems or day is None or end_day is None or start is None or end is None:
        return None, problems
    first = localize(datetime.combine(day, start), event.timezone)
    last = localize(datetime.combine(end_day, end), event.timezone)
    if cell("end_date") == "" and last <= first and end < start:  # past midnight, as planners write it
        last = localize(datetime.combine(day.fromordinal(day.toordinal() + 1), end), event.timezone)
    defaults = base or ItemInput(
        title="",
        kind=ItemKind.MEETING,
        start=first,
        end=last,
        status=ItemStatus.TENTATIVE,
        visibility=Visibility.INTERNAL,
        venue_id=event.main_venue_id,
    )
    # A column left out of the mapping keeps what the item had (a new one: the editor's defaults).
    given: dict[str, object] = {
        "venue_id": space.venue_id if space else (venue.id if venue else None),
        "space_id": space.id if space else None,
        "lead_agency_id": key_of(lead) if lead else None,
        "supporting_agency_ids": tuple(dict.fromkeys(supporting)),
        "participants": tuple(people.items()),
        "description": cell("description"),
        "notes": cell("notes"),
        "location_text": cell("venue") if venue is None else "",
    }
    columns = {
        "venue_id": ("venue", "space"),
        "space_id": ("space",),
        "lead_agency_id": ("lead_agency",),
        "supporting_agency_ids": ("supporting",),
        "participants": ("people",),
        "description": ("description",),
        "notes": ("notes",),
        "location_text": ("venue",),
    }
    mapped = {key: value for key, value in given.items() if any(c in mapping for c in columns[key])}
    data = replace(
        defaults,
        title=cell("title"),
        start=first,
        end=last,
        kind=values.get("kind") or defaults.kind,  # type: ignore[arg-type]
        status=values.get("status") or defaults.status,  # type: ignore[arg-type]
        visibility=values.get("visibility") or defaults.visibility,  # type: ignore[arg-type]
        uid=stored.uid if stored is not None else None,  # a UID not of this event: a new item, its own UID
        **mapped,  # type: ignore[arg-type]
    )
    try:
        check_item(session=session, event=event, data=data)
    except ValidationFailed as failed:
        for error in failed.errors:
            problems.append(
                Problem(number, _header(table, mapping, _FIELD_COLUMN.get(error.field, "title")), error.message(lang))
            )
        return None, problems
    return data, problems


def _same(before: ItemInput, after: ItemInput) -> bool:
    keys = (
        "title",
        "kind",
        "start",
        "end",
        "venue_id",
        "space_id",
        "status",
        "visibility",
        "lead_agency_id",
        "description",
        "notes",
        "location_text",
    )
    return all(getattr(before, k) == getattr(after, k) for k in keys) and (
        sorted(before.supporting_agency_ids),
        sorted(before.participants),
    ) == (sorted(after.supporting_agency_ids), sorted(after.participants))


class SheetRefused(Exception):
    def __init__(self, plan: SheetPlan):
        super().__init__(f"{len(plan.problems)} problems, {len(plan.conflicts)} conflicts")
        self.plan = plan


def apply(
    *,
    session: Session,
    slug: str,
    table: Table,
    mapping: dict[str, int],
    lang: str = "es",
    confirmed: bool = False,
    user_id: int | None = None,
) -> SheetPlan:
    """Imports the sheet in this one transaction: refused (SheetRefused) while a row has an error,
    or while there are conflicts that were not confirmed."""
    result = plan(session=session, slug=slug, table=table, mapping=mapping, lang=lang)
    if result.problems or (result.conflicts and not confirmed):
        raise SheetRefused(result)
    event = event_by_slug(session=session, slug=slug)
    count = len(result.new) + len(result.changed)
    recorder = Recorder(session, event, user_id, t("undo.label.import", lang, count=count))
    for _, item_id, _data in result.changed:
        recorder.before_change(not_null(session.get(ScheduleItem, item_id)))
    created = create_items(session=session, event=event, inputs=[data for _, data in result.new], checked=True)
    recorder.after_create(created)
    for _, item_id, data in result.changed:
        update_item(session=session, item_id=item_id, data=data, checked=True)
    recorder.save()
    return result
