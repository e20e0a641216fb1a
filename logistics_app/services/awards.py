"""Award categories and nominations: managed by organizers, imported and exported as CSV."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, func, select

from logistics_app.domain.errors import FieldError, NotFound, ValidationFailed
from logistics_app.domain.nominations_csv import (
    COLUMNS,
    CsvRejected,
    NominationRow,
    Problem,
    read_rows,
    write_rows,
)
from logistics_app.i18n import t
from logistics_app.models import AwardCategory, Event, Nomination, NominationPerson, Person, Work, key_of
from logistics_app.services import ordering
from logistics_app.services.lookups import event_by_slug
from logistics_app.services.undo import Recorder


@dataclass
class NominationImport:
    nominations: int = 0
    categories: list[str] = field(default_factory=list)
    people_added: list[str] = field(default_factory=list)
    dry_run: bool = False

    def summary(self, lang: str = "es") -> str:
        return t(
            "awards.imported",
            lang,
            count=self.nominations,
            categories=len(self.categories),
            people=len(self.people_added),
        )


def categories(*, session: Session, event: Event) -> list[AwardCategory]:
    return list(
        session.exec(
            select(AwardCategory).where(AwardCategory.event_id == event.id).order_by(col(AwardCategory.position))
        )
    )


def _names(nomination: Nomination, session: Session) -> tuple[str, ...]:
    people = session.exec(
        select(Person.name)
        .join(NominationPerson, col(NominationPerson.person_id) == Person.id)
        .where(NominationPerson.nomination_id == nomination.id)
    ).all()
    return tuple(people) or tuple(n.strip() for n in nomination.nominee_names.split(";") if n.strip())


def import_nominations(*, session: Session, slug: str, raw: bytes, dry_run: bool = False) -> NominationImport:
    """Checks every row first; stores all of them or none (CsvRejected names each problem)."""
    event = event_by_slug(session=session, slug=slug)
    rows = read_rows(raw)
    by_name = {c.name.casefold(): c for c in categories(session=session, event=event)}
    existing = {
        NominationRow(0, category.name, n.work_title, None, "", "", _names(n, session), "").key
        for category in by_name.values()
        for n in session.exec(select(Nomination).where(Nomination.category_id == category.id))
    }
    problems = []
    for row in rows:
        if row.category.casefold() not in by_name:
            known = ", ".join(c.name for c in by_name.values()) or "—"
            problems.append(Problem(row.row, "categoria", "unknown_category", {"name": row.category, "known": known}))
        elif row.key in existing:
            problems.append(Problem(row.row, "titulo", "already_nominated", {"title": row.title}))
    if problems:
        raise CsvRejected(problems)
    result = NominationImport(dry_run=dry_run)
    works = {w.title.casefold(): w for w in session.exec(select(Work))}
    people = {p.name.casefold(): p for p in session.exec(select(Person))}
    for row in rows:
        category = by_name[row.category.casefold()]
        if category.name not in result.categories:
            result.categories.append(category.name)
        result.nominations += 1
        for name in row.people:
            if name.casefold() not in people and name not in result.people_added:
                result.people_added.append(name)
        if dry_run:
            continue
        work = works.get(row.title.casefold())
        nomination = Nomination(
            category_id=key_of(category),
            work_title=row.title,
            work_id=work.id if work else None,
            work_year=row.year if row.year is not None else (work.year if work else None),
            director=row.director or (work.director if work else ""),
            producer=row.producer,
            nominee_names="; ".join(row.people),
            notes=row.notes,
        )
        session.add(nomination)
        session.flush()
        for name in row.people:
            person = people.get(name.casefold())
            if person is None:
                person = people[name.casefold()] = Person(name=name)
                session.add(person)
                session.flush()
            session.add(NominationPerson(nomination_id=key_of(nomination), person_id=key_of(person)))
    session.flush()
    return result


def export_nominations(*, session: Session, slug: str, with_winners: bool) -> bytes:
    """The event's nominations as CSV (the import's columns). Winners only once revealed."""
    event = event_by_slug(session=session, slug=slug)
    rows: list[dict[str, object]] = []
    for category in categories(session=session, event=event):
        for n in session.exec(
            select(Nomination).where(Nomination.category_id == category.id).order_by(col(Nomination.work_title))
        ):
            row: dict[str, object] = {
                "categoria": category.name,
                "titulo": n.work_title,
                "anio": n.work_year or "",
                "direccion": n.director,
                "produccion": n.producer,
                "personas": "; ".join(_names(n, session)),
                "notas": n.notes,
            }
            if with_winners:
                row["ganador"] = "sí" if n.is_winner else ""
            rows.append(row)
    return write_rows(rows, (*COLUMNS, "ganador") if with_winners else COLUMNS)


def add_category(*, session: Session, slug: str, name: str) -> AwardCategory:
    """A new category at the end of the ceremony order."""
    event = event_by_slug(session=session, slug=slug)
    name = " ".join(name.split())
    errors = []
    if not name:
        errors.append(FieldError("name", "required"))
    elif len(name) > 200:
        errors.append(FieldError("name", "too_long", {"max": 200}))
    elif any(c.name.casefold() == name.casefold() for c in categories(session=session, event=event)):
        errors.append(FieldError("name", "duplicate_category", {"name": name}))
    if errors:
        raise ValidationFailed(errors)
    last = session.exec(select(func.max(AwardCategory.position)).where(AwardCategory.event_id == event.id)).one()
    category = AwardCategory(event_id=key_of(event), name=name, position=(last or 0) + 1)
    session.add(category)
    session.flush()
    return category


def _rejected(rejected: CsvRejected, lang: str) -> ValidationFailed:
    """A typed nomination's problems, by field, in the reader's language."""
    return ValidationFailed(
        [
            FieldError(p.column or "titulo", "csv_problem", {"message": t(f"csv.{p.code}", lang, **p.params)})
            for p in rejected.problems
        ]
    )


def add_nomination(*, session: Session, slug: str, category_id: int, form: dict[str, str], lang: str = "es") -> None:
    """One nomination typed on the page, checked by exactly the rules of the CSV import."""
    event = event_by_slug(session=session, slug=slug)
    category = session.get(AwardCategory, category_id)
    if category is None or category.event_id != event.id:
        raise NotFound(str(category_id))
    row = {name: form.get(name, "") for name in COLUMNS if name != "categoria"}
    raw = write_rows([{**row, "categoria": category.name}], COLUMNS, for_excel=False)
    try:
        import_nominations(session=session, slug=slug, raw=raw)
    except CsvRejected as rejected:
        raise _rejected(rejected, lang) from None


def _nomination_of(session: Session, event: Event, nomination_id: int) -> Nomination:
    row = session.exec(
        select(Nomination)
        .join(AwardCategory, col(AwardCategory.id) == Nomination.category_id)
        .where(Nomination.id == nomination_id, AwardCategory.event_id == event.id)
    ).first()
    if row is None:
        raise NotFound(str(nomination_id))
    return row


def nomination_form(*, session: Session, slug: str, nomination_id: int) -> dict[str, str]:
    """A nomination's fields as its edit form shows them (the CSV's column names)."""
    row = _nomination_of(session, event_by_slug(session=session, slug=slug), nomination_id)
    return {
        "titulo": row.work_title,
        "personas": "; ".join(_names(row, session)),
        "anio": str(row.work_year or ""),
        "direccion": row.director,
        "produccion": row.producer,
        "notas": row.notes,
    }


def edit_nomination(
    *, session: Session, slug: str, nomination_id: int, form: dict[str, str], lang: str = "es"
) -> Nomination:
    """Saves a nomination's edited fields (a field the form leaves out keeps its value), checked by
    the rules of the CSV import; its people are linked again by name (a new name becomes a person).
    A sealed winner stays sealed: it is the same nomination."""
    event = event_by_slug(session=session, slug=slug)
    row = _nomination_of(session, event, nomination_id)
    category = session.get(AwardCategory, row.category_id)
    assert category is not None  # the join found it
    values = {**nomination_form(session=session, slug=slug, nomination_id=nomination_id)}
    values.update({k: v for k, v in form.items() if k in values})
    try:
        (typed,) = read_rows(write_rows([{**values, "categoria": category.name}], COLUMNS, for_excel=False))
    except CsvRejected as rejected:
        raise _rejected(rejected, lang) from None
    others = {
        NominationRow(0, category.name, n.work_title, None, "", "", _names(n, session), "").key
        for n in session.exec(select(Nomination).where(Nomination.category_id == category.id, Nomination.id != row.id))
    }
    if typed.key in others:
        raise _rejected(CsvRejected([Problem(0, "titulo", "already_nominated", {"title": typed.title})]), lang)
    work = session.exec(select(Work).where(func.lower(Work.title) == typed.title.casefold())).first()
    row.work_title, row.work_id = typed.title, work.id if work else None
    row.work_year, row.director, row.producer = typed.year, typed.director, typed.producer
    row.nominee_names, row.notes = "; ".join(typed.people), typed.notes
    session.add(row)
    for link in session.exec(select(NominationPerson).where(NominationPerson.nomination_id == row.id)):
        session.delete(link)
    session.flush()
    for name in typed.people:
        person = session.exec(select(Person).where(func.lower(Person.name) == name.casefold())).first()
        if person is None:
            person = Person(name=name)
            session.add(person)
            session.flush()
        session.add(NominationPerson(nomination_id=key_of(row), person_id=key_of(person)))
    session.flush()
    return row


def delete_nomination(
    *, session: Session, slug: str, nomination_id: int, user_id: int | None = None, lang: str = "es"
) -> str:
    """Deletes a nomination (its people and any sealed winner go with it), kept to be undone (its
    people come back, not the seal); returns its title."""
    event = event_by_slug(session=session, slug=slug)
    row = _nomination_of(session, event, nomination_id)
    recorder = Recorder(session, event, user_id, t("undo.label.delete", lang, title=row.work_title))
    # A sealed winner is the tally's choice: an undo brings the nomination back, not the seal.
    recorder.before_delete(Nomination, [key_of(row)], forget=("sealed_winner",))
    session.delete(row)
    session.flush()
    recorder.save()
    return row.work_title


def delete_category(
    *, session: Session, slug: str, category_id: int, user_id: int | None = None, lang: str = "es"
) -> str:
    """Removes an empty category (one with nominations is refused: delete those first), kept to be
    undone at its place; returns its name."""
    event = event_by_slug(session=session, slug=slug)
    category = session.get(AwardCategory, category_id)
    if category is None or category.event_id != event.id:
        raise NotFound(str(category_id))
    if session.exec(select(Nomination.id).where(Nomination.category_id == category_id)).first() is not None:
        raise ValidationFailed([FieldError("name", "category_not_empty", {"name": category.name})])
    recorder = Recorder(session, event, user_id, t("undo.label.delete", lang, title=category.name))
    recorder.before_delete(AwardCategory, [category_id])
    session.delete(category)
    session.flush()
    ordering.renumber(session=session, ordered=categories(session=session, event=event))
    recorder.save()
    return category.name


def move_category(*, session: Session, slug: str, category_id: int, offset: int) -> None:
    """Moves a category up (-1) or down (+1) in the ceremony order."""
    ordering.move(
        session=session,
        ordered=categories(session=session, event=event_by_slug(session=session, slug=slug)),
        row_id=category_id,
        offset=offset,
    )


def overview(*, session: Session, slug: str) -> list[dict[str, object]]:
    """Categories in ceremony order, each with its nominations (no winners: see services.winners)."""
    event = event_by_slug(session=session, slug=slug)
    out: list[dict[str, object]] = []
    for category in categories(session=session, event=event):
        nominations = session.exec(
            select(Nomination).where(Nomination.category_id == category.id).order_by(col(Nomination.work_title))
        ).all()
        out.append(
            {
                "id": str(category.id),
                "name": category.name,
                "position": str(category.position),
                "nominations": [
                    {
                        "id": str(n.id),
                        "title": n.work_title,
                        "people": "; ".join(_names(n, session)),
                        "year": str(n.work_year or ""),
                    }
                    for n in nominations
                ],
            }
        )
    return out
