"""The directory: agencies (with their contacts) and people, created, edited, archived and merged
by organizers, from their own pages or from the item editor."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.mail import single_address
from logistics_app.domain.text import slugify, to_int
from logistics_app.domain.validation import check_web_address, parse_choice, required
from logistics_app.i18n import normalize_lang
from logistics_app.models import Agency, AgencyContact, AgencyKind, Person
from logistics_app.timeutil import now_utc


def _line(form: dict[str, str], name: str) -> str:
    return " ".join(str(form.get(name, "")).split())


def _short(errors: list[FieldError], form: dict[str, str], name: str, limit: int) -> str:
    value = _line(form, name)
    if len(value) > limit:
        errors.append(FieldError(name, "too_long", {"max": limit}))
    return value


def _email(errors: list[FieldError], form: dict[str, str]) -> str:
    typed = str(form.get("email", "")).strip()
    if not typed:
        return ""
    address = single_address(typed)
    if address is None:
        errors.append(FieldError("email", "bad_email"))
        return ""
    return address


def agency_form(agency: Agency | None = None) -> dict[str, str]:
    """An agency as its form shows it (a new one: empty, a government office)."""
    if agency is None:
        return {"name": "", "acronym": "", "kind": AgencyKind.GOVERNMENT.value, "website": "", "notes": ""}
    return {
        "name": agency.name,
        "acronym": agency.acronym,
        "kind": str(agency.kind),
        "website": agency.website,
        "notes": agency.notes,
    }


def save_agency(*, session: Session, form: dict[str, str], agency_id: int | None = None) -> Agency:
    """Creates (no id) or edits an agency; a new one's slug comes from its acronym or name."""
    errors: list[FieldError] = []
    name = _line(form, "name")
    required(errors, "name", name, max_len=200)
    acronym = _short(errors, form, "acronym", 40)
    kind = parse_choice(errors, "kind", str(form.get("kind", "")), AgencyKind, AgencyKind.GOVERNMENT)
    website = str(form.get("website", "")).strip()
    if website:
        check_web_address(errors, "website", website)
    notes = str(form.get("notes", "")).strip()[:5000]
    same = select(Agency.id).where(sa.func.lower(Agency.name) == name.lower(), col(Agency.archived_at).is_(None))
    if name and session.exec(same.where(col(Agency.id) != (agency_id or -1))).first() is not None:
        errors.append(FieldError("name", "taken", {"what": name}))
    if errors:
        raise ValidationFailed(errors)
    if agency_id is None:
        agency = Agency(slug=_free_slug(session, acronym or name), name=name, kind=kind)
    else:
        found = session.get(Agency, agency_id)
        if found is None:
            raise NotFound(f"agency {agency_id}")
        agency = found
    agency.name, agency.acronym, agency.kind, agency.website, agency.notes = name, acronym, kind, website, notes
    session.add(agency)
    session.flush()
    return agency


def _free_slug(session: Session, text: str) -> str:
    base = slugify(text, max_len=70) or "agencia"
    taken = set(session.exec(select(Agency.slug).where(col(Agency.slug).startswith(base))).all())
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def save_contact(
    *, session: Session, agency_id: int, form: dict[str, str], contact_id: int | None = None
) -> AgencyContact:
    """Adds or edits one of an agency's contacts: name, role, e-mail, phone, language of its mail."""
    if session.get(Agency, agency_id) is None:
        raise NotFound(f"agency {agency_id}")
    errors: list[FieldError] = []
    name = _line(form, "name")
    required(errors, "name", name, max_len=200)
    role = _short(errors, form, "role", 200)
    phone = _short(errors, form, "phone", 40)
    email = _email(errors, form)
    if errors:
        raise ValidationFailed(errors)
    if contact_id is None:
        contact = AgencyContact(agency_id=agency_id, name=name)
    else:
        found = session.get(AgencyContact, contact_id)
        if found is None or found.agency_id != agency_id:
            raise NotFound(f"contact {contact_id}")
        contact = found
    contact.name, contact.role, contact.phone, contact.email = name, role, phone, email
    contact.lang = normalize_lang(form.get("lang"))
    session.add(contact)
    session.flush()
    return contact


def remove_contact(*, session: Session, agency_id: int, contact_id: int) -> None:
    contact = session.get(AgencyContact, contact_id)
    if contact is None or contact.agency_id != agency_id:
        raise NotFound(f"contact {contact_id}")
    session.delete(contact)


def person_form(person: Person | None = None) -> dict[str, str]:
    if person is None:
        return {"name": "", "title": "", "agency": "", "email": "", "lang": "es", "notes": ""}
    return {
        "name": person.name,
        "title": person.title,
        "agency": str(person.agency_id or ""),
        "email": person.email,
        "lang": person.lang,
        "notes": person.notes,
    }


def save_person(*, session: Session, form: dict[str, str], person_id: int | None = None) -> Person:
    """Creates (no id) or edits a person: name, what they are (title), their agency, e-mail."""
    errors: list[FieldError] = []
    name = _line(form, "name")
    required(errors, "name", name, max_len=200)
    title = _short(errors, form, "title", 200)
    email = _email(errors, form)
    agency_id = to_int(form.get("agency"))
    if agency_id is not None and session.get(Agency, agency_id) is None:
        errors.append(FieldError("agency", "not_found", {"what": str(form.get("agency", ""))}))
    if errors:
        raise ValidationFailed(errors)
    if person_id is None:
        person = Person(name=name)
    else:
        found = session.get(Person, person_id)
        if found is None:
            raise NotFound(f"person {person_id}")
        person = found
    person.name, person.title, person.agency_id, person.email = name, title, agency_id, email
    person.lang = normalize_lang(form.get("lang"))
    person.notes = str(form.get("notes", "")).strip()[:5000]
    session.add(person)
    session.flush()
    return person


def set_archived(*, session: Session, model: type[Agency] | type[Person], row_id: int, archived: bool) -> None:
    """Archives (or brings back) an agency or a person: kept with everything that refers to it,
    offered in no picker."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"{model.__name__} {row_id}")
    row.archived_at = now_utc() if archived else None
    session.add(row)


def merge(*, session: Session, model: type[Agency] | type[Person], keep_id: int, drop_id: int) -> None:
    """Merges a duplicate into the row that stays: everything that referred to the duplicate
    (items, deliverables, contacts, accounts, links, nominations ...) refers to the one kept, where
    the kept one has no such row already; then the duplicate is deleted. One transaction."""
    if keep_id == drop_id:
        raise ValidationFailed([FieldError("merge", "same")])
    keep, drop = session.get(model, keep_id), session.get(model, drop_id)
    if keep is None or drop is None:
        raise NotFound(f"{model.__name__} {keep_id if keep is None else drop_id}")
    session.flush()
    target = sa.inspect(model).local_table
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if not any(fk.column.table is target for fk in column.foreign_keys):
                continue
            _repoint(session, table, column, keep_id, drop_id)
    session.expire_all()
    session.delete(not_none(session.get(model, drop_id)))
    kept = not_none(session.get(model, keep_id))
    kept.archived_at = None
    session.add(kept)


def not_none(row: Any) -> Any:
    if row is None:
        raise NotFound("row")
    return row


def _repoint(session: Session, table: sa.Table, column: sa.Column[Any], keep_id: int, drop_id: int) -> None:
    """Moves `table`'s rows from drop_id to keep_id in `column`, first deleting those of the
    duplicate that would repeat one of the kept row's (a primary key or a unique constraint)."""
    groups = [list(c.columns) for c in table.constraints if isinstance(c, sa.UniqueConstraint)]
    groups += [[c] for c in table.columns if c.unique]
    groups.append(list(table.primary_key.columns))
    for group in groups:
        if column not in group:
            continue
        others = [c for c in group if c is not column]
        if not others:  # one row per owner: the kept one's stays, the duplicate's goes
            if session.execute(sa.select(column).where(column == keep_id)).first() is not None:
                session.execute(sa.delete(table).where(column == drop_id))
            continue
        kept = sa.select(*others).where(column == keep_id)
        session.execute(sa.delete(table).where(column == drop_id, sa.tuple_(*others).in_(kept)))
    session.execute(sa.update(table).where(column == drop_id).values({column.name: keep_id}))
