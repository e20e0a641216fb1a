"""Loads the demo events into an empty database, in one transaction."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from logistics_app.demo import facts as D
from logistics_app.domain import rumbo
from logistics_app.domain.schedule import ItemInput
from logistics_app.domain.text import slugify
from logistics_app.models import (
    Agency,
    AgencyContact,
    AgencyKind,
    AwardCategory,
    Event,
    EventKind,
    ItemKind,
    ItemStatus,
    Nomination,
    NominationPerson,
    Person,
    ScheduleItem,
    Space,
    Venue,
    Work,
    key_of,
)
from logistics_app.services.releases import publish
from logistics_app.services.schedule import create_item
from logistics_app.timeutil import localize, to_local

# Demo rows carry a fixed creation time so that feeds built from them are reproducible.
DEMO_STAMP = datetime(2025, 7, 9, 12, 0, tzinfo=UTC)
DEMO_SLUGS = ("ariel-2025", "jalisco-lab-2025", "taller-guionismo-cdmx-2025", "rumbo-al-ariel-2025")
# The Ariel ceremony's real day: a shifted demo moves it to the same weekday on or after a chosen date.
CEREMONY_DAY = date(2025, 9, 20)


def weeks_to(target: date) -> int:
    """Whole weeks that move the ceremony to the first day of its weekday on or after `target`."""
    return -(-(target - CEREMONY_DAY).days // 7)


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    items: int = 0


class _Loader:
    def __init__(self, session: Session, weeks: int = 0):
        self.session = session
        # Every date and wall-clock time of the demo moves by these whole weeks (weekday and local time kept).
        self.weeks = weeks
        self.shift = timedelta(weeks=weeks)
        self.agencies = {a.slug: a for a in session.exec(select(Agency))}
        self.venues = {v.slug: v for v in session.exec(select(Venue))}
        self.people = {p.name: p for p in session.exec(select(Person))}
        self.spaces: dict[tuple[str, str], Space] = {}
        for space in session.exec(select(Space)):
            venue = next(v for v in self.venues.values() if v.id == space.venue_id)
            self.spaces[(venue.slug, space.name)] = space

    def agency(self, slug: str, name: str, acronym: str, kind: AgencyKind, notes: str) -> Agency:
        if slug not in self.agencies:
            agency = Agency(slug=slug, name=name, acronym=acronym, kind=kind, notes=notes)
            self.session.add(agency)
            self.session.flush()
            self.agencies[slug] = agency
        return self.agencies[slug]

    def person(self, name: str, title: str = "", agency_slug: str | None = None) -> Person:
        if name not in self.people:
            agency_id = self.agencies[agency_slug].id if agency_slug else None
            person = Person(name=name, title=title, agency_id=agency_id)
            self.session.add(person)
            self.session.flush()
            self.people[name] = person
        return self.people[name]

    def venue(self, slug: str, spaces: Sequence[D.SpaceRow] = (), **columns: Any) -> Venue:
        if slug not in self.venues:
            venue = Venue(slug=slug, created_at=DEMO_STAMP, updated_at=DEMO_STAMP, **columns)
            self.session.add(venue)
            self.session.flush()
            self.venues[slug] = venue
            for name, capacity, parallel in spaces:
                space = Space(venue_id=key_of(venue), name=name, capacity=capacity, allows_parallel=parallel)
                self.session.add(space)
                self.session.flush()
                self.spaces[(slug, name)] = space
        return self.venues[slug]

    def item(self, event: Event, data: ItemInput) -> ScheduleItem:
        return create_item(session=self.session, event=event, data=data, at=DEMO_STAMP)


def seed_demo(*, session: Session, dataset: Path, shift_to: date | None = None) -> SeedReport:
    """Create each demo event that is missing; existing ones are left as they are. With `shift_to`,
    every date moves by whole weeks so that the Ariel ceremony falls on the first Saturday on or
    after that day (real dates otherwise)."""
    report = SeedReport()
    existing = set(session.exec(select(Event.slug)))
    weeks = weeks_to(shift_to) if shift_to else 0
    loader = _Loader(session, weeks)
    _base_records(loader)
    events = {}
    for slug, name, kind, start, end, city, state, venue_slug, description, notes in D.EVENTS:
        if slug in existing:
            report.skipped.append(slug)
            continue
        event = Event(
            slug=slug,
            name=name,
            kind=kind,
            timezone=D.MX,
            start_date=date.fromisoformat(start) + loader.shift,
            end_date=date.fromisoformat(end) + loader.shift,
            city=city,
            state=state,
            description=description,
            notes=_shift_note(notes, loader.weeks),
            main_venue_id=loader.venues[venue_slug].id,
            created_at=DEMO_STAMP,
            updated_at=DEMO_STAMP,
        )
        session.add(event)
        session.flush()
        events[slug] = event
        report.created.append(slug)
    if "ariel-2025" in events:
        report.items += _local_items(loader, events["ariel-2025"], D.ARIEL_ITEMS)
    if "jalisco-lab-2025" in events:
        report.items += _local_items(loader, events["jalisco-lab-2025"], D.JALISCO_LAB_ITEMS)
    if "taller-guionismo-cdmx-2025" in events:
        report.items += _taller(loader, events["taller-guionismo-cdmx-2025"])
    # Rumbo al Ariel is read from the dataset; it also gives the Ariel's categories and nominees.
    rumbo_missing = "rumbo-al-ariel-2025" not in existing
    if rumbo_missing or "ariel-2025" in events:
        data = rumbo.load(dataset)
        report.warnings.extend(data.warnings)
        works = _works(loader, data)
        if "ariel-2025" in events:
            _ariel_awards(loader, events["ariel-2025"], data, works)
        if rumbo_missing:
            report.items += _rumbo(loader, data, works)
            report.created.append("rumbo-al-ariel-2025")
    if not rumbo_missing:
        report.skipped.append("rumbo-al-ariel-2025")
    # The demo's schedules are published as release 1: the public programme shows them.
    loader.session.flush()
    for slug in report.created:
        publish(session=loader.session, slug=slug, actor=None, allow_empty=True, notify=False)
    return report


def _shift_note(notes: str, weeks: int) -> str:
    """The event's notes, saying that its dates were moved (the demo's data is in Spanish)."""
    if not weeks:
        return notes
    count = f"{abs(weeks)} semana{'s' if abs(weeks) != 1 else ''} {'después' if weeks > 0 else 'antes'}"
    return f"{notes}\n\nDemostración: fechas movidas {count} de las reales (mismos días de la semana y horas locales)."


def _base_records(loader: _Loader) -> None:
    for slug, name, acronym, kind, notes in D.AGENCIES:
        loader.agency(slug, name, acronym, kind, notes)
    known = {(c.agency_id, c.email) for c in loader.session.exec(select(AgencyContact))}
    for slug, name, role, email, phone in D.CONTACTS:
        agency_id = key_of(loader.agencies[slug])
        if (agency_id, email) not in known:
            loader.session.add(AgencyContact(agency_id=agency_id, name=name, role=role, email=email, phone=phone))
    for name, title, agency_slug in D.PEOPLE:
        loader.person(name, title, agency_slug)
    for slug, name, address, city, state, zone, lat, lon, capacity, online, notes, spaces in D.VENUES:
        loader.venue(
            slug,
            spaces,
            name=name,
            address=address,
            city=city,
            state=state,
            timezone=zone,
            latitude=lat,
            longitude=lon,
            capacity=capacity,
            is_online=online,
            notes=notes,
        )


def _local_items(loader: _Loader, event: Event, rows: list[D.ItemRow]) -> int:
    for day, start, end, title, kind, venue_slug, space_name, visibility, lead, support, people, notes in rows:
        start_dt = localize(datetime.fromisoformat(f"{day}T{start}") + loader.shift, event.timezone)
        end_dt = localize(datetime.fromisoformat(f"{day}T{end}") + loader.shift, event.timezone)
        if end_dt <= start_dt:  # ends after midnight
            end_dt += timedelta(days=1)
        space = loader.spaces.get((venue_slug, space_name)) if venue_slug is not None and space_name else None
        loader.item(
            event,
            ItemInput(
                title=title,
                kind=kind,
                start=start_dt,
                end=end_dt,
                venue_id=loader.venues[venue_slug].id if venue_slug else None,
                space_id=space.id if space else None,
                visibility=visibility,
                lead_agency_id=loader.agencies[lead].id,
                supporting_agency_ids=tuple(key_of(loader.agencies[s]) for s in support),
                participants=tuple((key_of(loader.person(name)), role) for name, role in people),
                notes=notes,
            ),
        )
    return len(rows)


def _taller(loader: _Loader, event: Event) -> int:
    venue = loader.venues["sede-taller-guionismo-cdmx"]
    space = loader.spaces[("sede-taller-guionismo-cdmx", "Aula")]
    garfio, cdmx = loader.agencies["el-garfio"], loader.agencies["gobierno-cdmx"]
    deadline = localize(datetime(2025, 9, 27, 23, 59) + loader.shift, event.timezone)
    loader.item(
        event,
        ItemInput(
            title="Cierre de la convocatoria (solicitudes en línea con documentos en PDF)",
            kind=ItemKind.DEADLINE,
            start=deadline,
            end=deadline + timedelta(minutes=1),
            lead_agency_id=cdmx.id,
            supporting_agency_ids=(netflix_id := key_of(loader.agencies["netflix"]),),
            notes="Hecho: cierre a las 23:59 del 27 de septiembre de 2025 (seed 003).",
        ),
    )
    day, count = date(2025, 10, 7) + loader.shift, 0
    while count < D.TALLER_SESSIONS:
        if day.weekday() in (1, 3):  # Tuesdays and Thursdays
            count += 1
            start = localize(datetime.combine(day, datetime.min.time()).replace(hour=17), event.timezone)
            loader.item(
                event,
                ItemInput(
                    title=f"Taller de Guionismo: sesión {count} de {D.TALLER_SESSIONS}",
                    kind=ItemKind.WORKSHOP,
                    start=start,
                    end=start + timedelta(hours=3),
                    venue_id=venue.id,
                    space_id=space.id,
                    lead_agency_id=garfio.id,
                    supporting_agency_ids=(key_of(cdmx), netflix_id),
                    notes=D.INVENTED,
                ),
            )
        day += timedelta(days=1)
    return D.TALLER_SESSIONS + 1


def _city(address: str, state: str) -> str:
    match = re.search(r"\b\d{5}\s+([^,]+),", address)
    return match.group(1).strip() if match else state


def _works(loader: _Loader, data: rumbo.RumboData) -> dict[str, Work]:
    """One Work per film of the dataset (existing ones are kept)."""
    existing = {w.slug: w for w in loader.session.exec(select(Work))}
    works = {}
    for film in data.films:
        slug = slugify(film.title, max_len=120)
        if slug not in existing:
            existing[slug] = Work(
                slug=slug,
                title=film.title,
                year=film.year,
                director=film.director,
                minutes=film.minutes,
                synopsis=film.synopsis,
                streaming="\n".join(f"{name}|{link}" for name, link in film.streaming),
            )
            loader.session.add(existing[slug])
        works[film.title] = existing[slug]
    loader.session.flush()
    return works


def _rumbo(loader: _Loader, data: rumbo.RumboData, works: dict[str, Work]) -> int:
    session = loader.session
    amacc = loader.agencies["amacc"]
    used = set(loader.venues)
    venue_ids: dict[str, int] = {}
    for key, v in data.venues.items():
        slug = slugify(v.name)
        if slug in used and f"rumbo-{key}" not in loader.venues:
            slug = f"{slug}-{key}"
        used.add(slug)
        venue = loader.venue(
            slug,
            name=v.name,
            address=v.address,
            city="" if v.is_online else _city(v.address, v.state),
            state="" if v.is_online else v.state,
            timezone=v.zone,
            is_online=v.is_online,
            url=v.url,
            notes=f"Sede {key} del conjunto de datos Rumbo al Ariel 2025.",
        )
        venue_ids[key] = key_of(venue)
    shift = loader.shift
    starts = [
        localize(s.local_start + shift, data.venues[s.venue_key].zone)
        for f in data.films
        for s in f.screenings
        if s.local_start.year == rumbo.CIRCUIT_YEAR
    ] + [localize(slot.local_start + shift, D.MX) for slot in data.tv]
    event = Event(
        slug="rumbo-al-ariel-2025",
        name="Rumbo al Ariel 2025",
        kind=EventKind.SCREENING_CIRCUIT,
        timezone=D.MX,
        start_date=to_local(min(starts), D.MX).date(),
        end_date=to_local(max(starts), D.MX).date(),
        city=f"{len({v.state for v in data.venues.values() if not v.is_online})} estados y en línea",
        state="",
        description=(
            "Circuito nacional de exhibición de las películas nominadas al Ariel 2025 antes de la ceremonia: "
            f"{data.screening_count} proyecciones de {len(data.films)} películas en {len(data.venues)} sedes "
            "y en línea, más funciones por televisión."
        ),
        notes=_shift_note(
            "Datos reales: atreyut/rumbo-al-ariel-2025 (Apache-2.0), ver logistics_app/demo/data. "
            "Duración de cada función: la de la película (90 min si no se indica).",
            loader.weeks,
        ),
        created_at=DEMO_STAMP,
        updated_at=DEMO_STAMP,
    )
    session.add(event)
    session.flush()
    count = 0
    for film in data.films:
        minutes = film.minutes or 90
        for s in film.screenings:
            place = data.venues[s.venue_key]
            start = localize(s.local_start + shift, place.zone)
            dubious = s.local_start.year != rumbo.CIRCUIT_YEAR
            loader.item(
                event,
                ItemInput(
                    title=film.title,
                    kind=ItemKind.SCREENING,
                    start=start,
                    end=start + timedelta(minutes=minutes),
                    venue_id=venue_ids[s.venue_key],
                    lead_agency_id=amacc.id,
                    work_title=film.title,
                    work_id=works[film.title].id,
                    status=ItemStatus.TENTATIVE if dubious else ItemStatus.CONFIRMED,
                    description=f"Dir. {film.director} ({film.year or 's/f'}), {minutes} min. {film.synopsis}".strip(),
                    notes="Fecha dudosa en la fuente (año distinto de 2025)." if dubious else "",
                ),
            )
            count += 1
    for slot in data.tv:
        channel = loader.venue(
            f"tv-{slugify(slot.channel)}",
            name=slot.channel,
            is_online=True,
            url=slot.link,
            timezone=D.MX,
            notes="Canal de televisión.",
        )
        start = localize(slot.local_start + shift, D.MX)
        loader.item(
            event,
            ItemInput(
                title=slot.title or f"Rumbo al Ariel en {slot.channel}",
                kind=ItemKind.BROADCAST,
                start=start,
                end=start + timedelta(minutes=slot.minutes or 60),
                venue_id=channel.id,
                lead_agency_id=amacc.id,
                description=slot.description,
                notes="" if slot.minutes else "Duración no indicada en la fuente; se suponen 60 min.",
            ),
        )
        count += 1
    return count


def _ariel_awards(loader: _Loader, event: Event, data: rumbo.RumboData, works: dict[str, Work]) -> None:
    session = loader.session
    by_category: dict[str, list[rumbo.RumboFilm]] = {}
    for film in data.films:
        for category_name in film.categories:
            by_category.setdefault(category_name, []).append(film)
    order = D.ARIEL_CATEGORY_ORDER + sorted(set(by_category) - set(D.ARIEL_CATEGORY_ORDER))
    for position, name in enumerate(order, start=1):
        category = AwardCategory(event_id=key_of(event), name=name, position=position)
        session.add(category)
        session.flush()
        for film in sorted(by_category.get(name, []), key=lambda f: f.title):
            names = D.ARIEL_NOMINEES.get(name, {}).get(film.title, "")
            nomination = Nomination(
                category_id=key_of(category),
                work_title=film.title,
                work_id=works[film.title].id,
                work_year=film.year,
                director=film.director,
                nominee_names=names,
            )
            session.add(nomination)
            session.flush()
            for person_name in filter(None, (n.strip() for n in names.split(" y "))):
                person = loader.person(person_name, "Nominada o nominado al Ariel 2025")
                session.add(NominationPerson(nomination_id=key_of(nomination), person_id=key_of(person)))
