"""The organizer's schedule as a spreadsheet (all of it, or the filtered view): one row per item,
in the event's zone and the organizer's language, as the import reads it back."""

from __future__ import annotations

from sqlmodel import Session, col, select

from logistics_app.domain.sheet import COLUMNS, to_csv, to_xlsx
from logistics_app.i18n import t
from logistics_app.models import (
    Agency,
    ItemParticipant,
    ItemSupportingAgency,
    Person,
    key_of,
)
from logistics_app.queries.planning import PlanFilters, placed_items, plan_conditions
from logistics_app.services.lookups import event_by_slug
from logistics_app.timeutil import to_local


def headers(lang: str) -> list[str]:
    return [t(f"sheet.column.{name}", lang) for name in COLUMNS]


def sheet_rows(*, session: Session, slug: str, filters: PlanFilters | None = None, lang: str = "es") -> list[list[str]]:
    """The rows, in start order (every item of the event when `filters` is None)."""
    event = event_by_slug(session=session, slug=slug)
    conditions, _ = plan_conditions(session=session, event=event, filters=filters or PlanFilters())
    items = session.exec(placed_items(conditions)).all()
    ids = [key_of(item) for item, *_ in items]
    supporting: dict[int, list[str]] = {}
    for item_id, acronym, name in session.exec(
        select(ItemSupportingAgency.item_id, Agency.acronym, Agency.name)
        .join(Agency, col(Agency.id) == ItemSupportingAgency.agency_id)
        .where(col(ItemSupportingAgency.item_id).in_(ids))
        .order_by(col(Agency.name))
    ):
        supporting.setdefault(item_id, []).append(acronym or name)
    people = people_by_item(session=session, ids=ids, lang=lang)
    rows = []
    for item, space, venue, agency in items:
        start, end = to_local(item.start_utc, event.timezone), to_local(item.end_utc, event.timezone)
        rows.append(
            [
                start.date().isoformat(),
                start.strftime("%H:%M"),
                end.date().isoformat() if end.date() != start.date() else "",
                end.strftime("%H:%M"),
                item.title,
                t(f"item.{item.kind}", lang),
                t(f"status.{item.status}", lang),
                t(f"visibility.{item.visibility}", lang),
                venue.name if venue else item.location_text,
                space.name if space else "",
                (agency.acronym or agency.name) if agency else "",
                "; ".join(supporting.get(key_of(item), [])),
                "; ".join(people.get(key_of(item), [])),
                item.description,
                item.notes,
                item.uid,
            ]
        )
    return rows


def export(*, session: Session, slug: str, fmt: str, filters: PlanFilters | None = None, lang: str = "es") -> bytes:
    """The sheet's bytes: "xlsx" or "csv"."""
    rows = sheet_rows(session=session, slug=slug, filters=filters, lang=lang)
    if fmt == "csv":
        return to_csv(headers(lang), rows)
    return to_xlsx(headers(lang), rows, title=t("sheet.title", lang))


def people_by_item(*, session: Session, ids: list[int], lang: str) -> dict[int, list[str]]:
    """Each item's people as sheets and printed pages write them: "Karla Souza (conduce)"."""
    people: dict[int, list[str]] = {}
    for item_id, name, role in session.exec(
        select(ItemParticipant.item_id, Person.name, ItemParticipant.role)
        .join(Person, col(Person.id) == ItemParticipant.person_id)
        .where(col(ItemParticipant.item_id).in_(ids))
        .order_by(col(Person.name))
    ):
        people.setdefault(item_id, []).append(f"{name} ({t(f'participant.{role}', lang)})")
    return people
