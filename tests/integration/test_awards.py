"""Nominations from CSV (all or nothing), exports safe for Excel, and winners sealed until revealed."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import Forbidden, NotFound, ValidationFailed
from logistics_app.domain.nominations_csv import CsvRejected
from logistics_app.models import Event, EventKind, Nomination, NominationPerson, Person, key_of
from logistics_app.queries.works import category_page
from logistics_app.services import accounts, awards, winners
from tests.integration.test_cli import ROOT

pytestmark = pytest.mark.integration
SAMPLE = ROOT / "samples" / "nominaciones-ariel-2025.csv"
CATEGORIES = (
    "Mejor Película",
    "Mejor Dirección",
    "Mejor Actor",
    "Mejor Actriz",
    "Mejor Coactuación Femenina",
    "Mejor Ópera Prima",
    "Mejor Película de Animación",
    "Mejor Cortometraje de Ficción",
)
PASSWORD = "Vallarta-2025!"


@pytest.fixture
def engine(sqlite_engine: Engine) -> Engine:
    with session_scope(sqlite_engine) as session:
        session.add(
            Event(
                slug="ariel-prueba",
                name="Ariel de prueba",
                kind=EventKind.AWARDS_CEREMONY,
                start_date=date(2025, 9, 20),
                end_date=date(2025, 9, 20),
            )
        )
        session.flush()
        for name in CATEGORIES:
            awards.add_category(session=session, slug="ariel-prueba", name=name)
    return sqlite_engine


def _count(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.exec(select(func.count()).select_from(Nomination)).one()


def _import(engine: Engine, raw: bytes) -> awards.NominationImport:
    with session_scope(engine) as session:
        return awards.import_nominations(session=session, slug="ariel-prueba", raw=raw)


def test_the_sample_file_imports_and_exports_back(engine: Engine) -> None:
    result = _import(engine, SAMPLE.read_bytes())
    assert (result.nominations, len(result.categories)) == (37, 8)
    assert result.summary() == "37 nominaciones en 8 categorías; 23 personas nuevas."
    with session_scope(engine) as session:
        sujo = session.exec(
            select(Nomination).where(Nomination.nominee_names == "Astrid Rondero; Fernanda Valadez")
        ).one()
        assert len(session.exec(select(NominationPerson).where(NominationPerson.nomination_id == sujo.id)).all()) == 2
        exported = awards.export_nominations(session=session, slug="ariel-prueba", with_winners=False)
    source = list(csv.DictReader(io.StringIO(SAMPLE.read_text(encoding="utf-8"))))
    back = list(csv.DictReader(io.StringIO(exported[3:].decode("utf-8"))))
    assert sorted((r["categoria"], r["titulo"], r["personas"]) for r in back) == sorted(
        (r["categoria"], r["titulo"], r["personas"]) for r in source
    )
    assert "ganador" not in back[0]


@pytest.mark.parametrize(
    ("raw", "first_problem"),
    [
        (
            "categoria,titulo,personas\nMejor Actriz,Corina,Naian González Norvind\nActriz,Sujo,\n".encode(),
            "Fila 3, columna «categoria»: no existe la categoría «Actriz» en este evento",
        ),
        (
            b"categoria,titulo\nMejor Actor,La cocina\nMejor Actor,\n",
            "Fila 3, columna «titulo»: está vacía y es obligatoria.",
        ),
        (
            b"categoria,titulo\nMejor Actor,La cocina\nmejor actor,LA COCINA\n",
            "Fila 3, columna «titulo»: repite la nominación de la fila 2.",
        ),
        (
            b"categoria,titulo\nMejor Actor,La cocina\x81\x8d\n",
            "Fila 2: el archivo no está en UTF-8 ni en Windows-1252",
        ),
    ],
    ids=["unknown category", "missing title", "duplicate nomination", "bad encoding"],
)
def test_a_bad_file_stores_nothing_and_names_the_row_and_column(engine: Engine, raw: bytes, first_problem: str) -> None:
    with pytest.raises(CsvRejected) as rejected:
        _import(engine, raw)
    assert rejected.value.report()[0].startswith(first_problem)
    assert _count(engine) == 0


def test_importing_the_same_file_twice_is_refused_as_duplicates(engine: Engine) -> None:
    _import(engine, SAMPLE.read_bytes())
    with pytest.raises(CsvRejected) as rejected:
        _import(engine, SAMPLE.read_bytes())
    assert len(rejected.value.problems) == 37
    assert rejected.value.report()[0] == "Fila 2, columna «titulo»: «La cocina» ya está nominada así en esta categoría."
    assert _count(engine) == 37


def test_the_cli_imports_or_rejects_with_the_report_on_stderr(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {"DATABASE_URL": url, "PATH": "/usr/bin:/bin"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "logistics_app.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True
        )

    assert run("setup").returncode == 0
    bad = tmp_path / "malo.csv"
    bad.write_bytes("categoria,titulo\nNo existe,Sujo\n".encode("cp1252"))
    rejected = run("import-nominees", str(bad), "--event", "ariel-2025")
    assert rejected.returncode == 2
    assert rejected.stderr.splitlines()[0] == f"{bad}: no se guardó nada. 1 problemas:"
    assert rejected.stderr.splitlines()[1].startswith(
        "  Fila 2, columna «categoria»: no existe la categoría «No existe»"
    )
    assert "Traceback" not in rejected.stderr
    good = tmp_path / "bueno.csv"
    good.write_bytes(
        "categoria,titulo,personas\nMejor Actor,Película inventada de prueba,Nadie Real\n".encode("cp1252")
    )
    dry = run("import-nominees", str(good), "--event", "ariel-2025", "--dry-run")
    assert (dry.returncode, dry.stdout.strip()) == (
        0,
        "Prueba (no se guardó nada): 1 nominaciones en 1 categorías; 1 personas nuevas.",
    )
    stored = run("import-nominees", str(good), "--event", "ariel-2025")
    assert (stored.returncode, stored.stdout.strip()) == (
        0,
        "Importado: 1 nominaciones en 1 categorías; 1 personas nuevas.",
    )
    out = tmp_path / "export.csv"
    assert run("export-nominees", "--event", "ariel-2025", "-o", str(out)).returncode == 0
    assert "Película inventada de prueba" in out.read_bytes()[3:].decode("utf-8")


def test_winners_stay_sealed_until_revealed(engine: Engine) -> None:
    _import(engine, SAMPLE.read_bytes())
    with session_scope(engine) as session:
        tally = accounts.principal_of(
            accounts.create_user(
                session=session,
                email="e@amacc.mx",
                name="Escrutinio",
                password=PASSWORD,
                role="organizer",
                can_tally=True,
            )
        )
        org = accounts.principal_of(
            accounts.create_user(session=session, email="o@amacc.mx", name="Org", password=PASSWORD, role="organizer")
        )
        sujo = session.exec(
            select(Nomination).where(Nomination.work_title == "Sujo", Nomination.director != "")
        ).first()
        assert sujo is not None
    with pytest.raises(Forbidden), session_scope(engine) as session:
        winners.seal(session=session, actor=org, slug="ariel-prueba", nomination_id=sujo.id)  # type: ignore[arg-type]
    with session_scope(engine) as session:
        winners.seal(session=session, actor=tally, slug="ariel-prueba", nomination_id=sujo.id)  # type: ignore[arg-type]
        winners.schedule_reveal(
            session=session, actor=tally, slug="ariel-prueba", at=datetime(2025, 9, 21, 4, tzinfo=UTC)
        )

    def public_winners() -> list[str]:
        with session_scope(engine) as session:
            page = category_page(session=session, event_slug="ariel-prueba")
            return [n.work_title for n in page.nominations if n.winner]

    def exported() -> str:
        with session_scope(engine) as session:
            return awards.export_nominations(
                session=session,
                slug="ariel-prueba",
                with_winners=winners.revealed(session=session, slug="ariel-prueba"),
            ).decode("utf-8")

    assert public_winners() == [] and "ganador" not in exported()
    with session_scope(engine) as session:
        assert winners.reveal_due(session=session, now=datetime(2025, 9, 21, 3, 59, tzinfo=UTC)) == []
    assert public_winners() == []
    with session_scope(engine) as session:
        assert winners.reveal_due(session=session, now=datetime(2025, 9, 21, 4, tzinfo=UTC)) == ["ariel-prueba"]
    assert public_winners() == ["Sujo"]
    assert "Sujo,2024" in exported() and ",sí" in exported()
    with session_scope(engine) as session:  # nothing more to reveal
        assert winners.reveal_due(session=session, now=datetime(2025, 9, 21, 5, tzinfo=UTC) + timedelta(days=1)) == []


def test_categories_keep_a_ceremony_order_that_can_change(engine: Engine) -> None:
    with session_scope(engine) as session:
        actor = next(c for c in awards.categories(session=session, event=_event(session)) if c.name == "Mejor Actor")
        awards.move_category(session=session, slug="ariel-prueba", category_id=actor.id, offset=-1)  # type: ignore[arg-type]
        awards.move_category(session=session, slug="ariel-prueba", category_id=actor.id, offset=-5)  # at the top: stays
    with session_scope(engine) as session:
        names = [c.name for c in awards.categories(session=session, event=_event(session))]
    assert names[:3] == ["Mejor Película", "Mejor Actor", "Mejor Dirección"]
    with pytest.raises(ValidationFailed) as refused, session_scope(engine) as session:
        awards.add_category(session=session, slug="ariel-prueba", name="mejor actor")
    assert refused.value.messages() == {"name": "Ya existe la categoría «mejor actor»."}


def _event(session: Session) -> Event:
    return session.exec(select(Event).where(Event.slug == "ariel-prueba")).one()


def test_one_nomination_typed_on_the_page_follows_the_csv_rules(engine: Engine) -> None:
    with session_scope(engine) as session:
        actress = next(c for c in awards.categories(session=session, event=_event(session)) if c.name == "Mejor Actriz")
        awards.add_nomination(
            session=session,
            slug="ariel-prueba",
            category_id=actress.id,  # type: ignore[arg-type]
            form={"titulo": "-Vergüenza-", "personas": "Luisa Huertas", "anio": "2024"},
        )
    with pytest.raises(ValidationFailed) as refused, session_scope(engine) as session:
        awards.add_nomination(
            session=session,
            slug="ariel-prueba",
            category_id=actress.id,  # type: ignore[arg-type]
            form={"titulo": "-Vergüenza-", "personas": "luisa huertas", "anio": "dos mil"},
        )
    assert refused.value.messages() == {
        "anio": "«dos mil» no es un año (por ejemplo 2024).",
    }
    with session_scope(engine) as session:
        [stored] = session.exec(select(Nomination)).all()
        assert stored.work_title == "-Vergüenza-"  # typed on the page: no spreadsheet escaping
        with pytest.raises(ValidationFailed):
            awards.delete_category(session=session, slug="ariel-prueba", category_id=actress.id)  # type: ignore[arg-type]
        awards.delete_nomination(session=session, slug="ariel-prueba", nomination_id=stored.id)  # type: ignore[arg-type]
        awards.delete_category(session=session, slug="ariel-prueba", category_id=actress.id)  # type: ignore[arg-type]
        assert [c.position for c in awards.categories(session=session, event=_event(session))] == list(
            range(1, len(CATEGORIES))
        )


def test_a_nomination_is_edited_by_the_csv_rules_and_its_people_follow(engine: Engine) -> None:
    with session_scope(engine) as session:
        actress = next(c for c in awards.categories(session=session, event=_event(session)) if c.name == "Mejor Actriz")
        for title, people in (("Vergüenza", "Luisa Huertas"), ("Tótem", "Naíma Sentíes")):
            awards.add_nomination(
                session=session,
                slug="ariel-prueba",
                category_id=actress.id,  # type: ignore[arg-type]
                form={"titulo": title, "personas": people, "anio": "2024"},
            )
        shame = session.exec(select(Nomination).where(Nomination.work_title == "Vergüenza")).one()
        shame_id = key_of(shame)
        assert awards.nomination_form(session=session, slug="ariel-prueba", nomination_id=shame_id)["personas"] == (
            "Luisa Huertas"
        )
    with pytest.raises(ValidationFailed) as refused, session_scope(engine) as session:
        awards.edit_nomination(
            session=session,
            slug="ariel-prueba",
            nomination_id=shame_id,
            form={"titulo": "", "anio": "dos mil"},
            lang="en",
        )
    assert refused.value.messages("en") == {
        "titulo": "it is empty and required.",
        "anio": "“dos mil” is not a year (for example 2024).",
    }
    with pytest.raises(ValidationFailed) as refused, session_scope(engine) as session:
        awards.edit_nomination(
            session=session,
            slug="ariel-prueba",
            nomination_id=shame_id,
            form={"titulo": "tótem", "personas": "naíma sentíes"},
        )
    assert "ya está nominada así" in refused.value.messages()["titulo"]
    with session_scope(engine) as session:
        awards.edit_nomination(
            session=session,
            slug="ariel-prueba",
            nomination_id=shame_id,
            form={"titulo": "Vergüenza (2024)", "personas": "Luisa Huertas; Ana Valeria Becerril", "anio": "2023"},
        )
    with Session(engine) as session:
        stored = session.get(Nomination, shame_id)
        assert stored is not None
        assert (stored.work_title, stored.work_year, stored.nominee_names) == (
            "Vergüenza (2024)",
            2023,
            "Luisa Huertas; Ana Valeria Becerril",
        )
        names = session.exec(
            select(Person.name)
            .join(NominationPerson, NominationPerson.person_id == Person.id)  # type: ignore[arg-type]
            .where(NominationPerson.nomination_id == shame_id)
        ).all()
        assert sorted(names) == ["Ana Valeria Becerril", "Luisa Huertas"]
    with pytest.raises(NotFound), session_scope(engine) as session:
        awards.edit_nomination(session=session, slug="ariel-prueba", nomination_id=-1, form={"titulo": "x"})


def test_a_deleted_category_is_undone_back_at_its_place(engine: Engine) -> None:
    from logistics_app.services import undo

    with session_scope(engine) as session:
        before = [c.name for c in awards.categories(session=session, event=_event(session))]
        second = awards.categories(session=session, event=_event(session))[1]
        assert awards.delete_category(session=session, slug="ariel-prueba", category_id=key_of(second)) == before[1]
        entry = undo.latest_for(session=session, slug="ariel-prueba", user_id=None)
        assert entry is not None
        entry_id = key_of(entry)
    with session_scope(engine) as session:
        names = [c.name for c in awards.categories(session=session, event=_event(session))]
        assert names == before[:1] + before[2:]
        assert undo.undo(session=session, slug="ariel-prueba", entry_id=entry_id, user_id=None) == (
            f"Eliminar «{before[1]}»"
        )
    with session_scope(engine) as session:
        back = awards.categories(session=session, event=_event(session))
        assert [c.name for c in back] == before
        assert [c.position for c in back] == list(range(1, len(before) + 1))


def _tally(engine: Engine) -> accounts.Principal:
    with session_scope(engine) as session:
        return accounts.principal_of(
            accounts.create_user(
                session=session,
                email="t@amacc.mx",
                name="Escrutinio",
                password=PASSWORD,
                role="organizer",
                can_tally=True,
            )
        )


def test_each_category_is_revealed_on_its_own_corrected_and_retracted(engine: Engine) -> None:
    from logistics_app.models import AwardCategory

    _import(engine, SAMPLE.read_bytes())
    tally = _tally(engine)
    with session_scope(engine) as session:
        ordered = awards.categories(session=session, event=_event(session))
        by_category = {
            c.name: list(session.exec(select(Nomination).where(Nomination.category_id == c.id).order_by(Nomination.id)))
            for c in ordered
        }
        first, second = [c for c in ordered if len(by_category[c.name]) >= 2][:2]
        ids = {"first": key_of(first), "second": key_of(second)}
        right, wrong = by_category[first.name][:2]
        other = by_category[second.name][0]
        winners.seal(session=session, actor=tally, slug="ariel-prueba", nomination_id=key_of(wrong))
        empty = next(c for c in ordered if c.id not in (first.id, second.id))
        assert empty.name in winners.unsealed(session=session, actor=tally, slug="ariel-prueba")

    def shown() -> dict[int, str]:
        with session_scope(engine) as session:
            return {n.category_id: n.work_title for n in session.exec(select(Nomination).where(Nomination.is_winner))}

    with pytest.raises(ValidationFailed) as refused, session_scope(engine) as session:
        winners.reveal_category(session=session, actor=tally, slug="ariel-prueba", category_id=key_of(empty))
    assert "no tiene ganador sellado" in refused.value.messages()["category"]
    with session_scope(engine) as session:
        assert winners.reveal_category(session=session, actor=None, slug="ariel-prueba", category_id=ids["first"]) == (
            "reveal"
        )
        assert winners.revealed(session=session, slug="ariel-prueba")  # the exports carry winners now
    assert shown() == {ids["first"]: wrong.work_title}
    with session_scope(engine) as session:  # the wrong one: sealed again, revealed again
        winners.seal(session=session, actor=tally, slug="ariel-prueba", nomination_id=key_of(right))
    assert shown() == {ids["first"]: wrong.work_title}  # a new seal stays sealed until revealed
    with session_scope(engine) as session:
        assert winners.reveal_category(session=session, actor=tally, slug="ariel-prueba", category_id=ids["first"]) == (
            "correct"
        )
        assert (
            winners.reveal_category(session=session, actor=tally, slug="ariel-prueba", category_id=ids["first"]) == ""
        )
    assert shown() == {ids["first"]: right.work_title}
    with session_scope(engine) as session:
        winners.retract_category(session=session, actor=tally, slug="ariel-prueba", category_id=ids["first"])
    assert shown() == {}
    with session_scope(engine) as session:  # sealed after earlier reveals: the next reveal takes it
        winners.seal(session=session, actor=tally, slug="ariel-prueba", nomination_id=key_of(other))
        assert winners.reveal(session=session, actor=tally, slug="ariel-prueba") == 2
        log = winners.reveal_log(session=session, actor=tally, slug="ariel-prueba")
        assert [(r.action, r.work_title) for r in log] == [
            ("reveal", wrong.work_title),
            ("correct", right.work_title),
            ("retract", ""),
            ("reveal", right.work_title),
            ("reveal", other.work_title),
        ] or [(r.action, r.work_title) for r in log][-2:] == [
            ("reveal", other.work_title),
            ("reveal", right.work_title),
        ]
    assert shown() == {ids["first"]: right.work_title, ids["second"]: other.work_title}
    with session_scope(engine) as session:
        assert session.get(AwardCategory, ids["second"]).revealed_at is not None  # type: ignore[union-attr]


def test_a_category_is_revealed_at_its_own_time(engine: Engine) -> None:
    from logistics_app.models import AwardCategory

    _import(engine, SAMPLE.read_bytes())
    tally = _tally(engine)
    with session_scope(engine) as session:
        category = next(
            c for c in awards.categories(session=session, event=_event(session)) if c.name == "Mejor Película"
        )
        nomination = session.exec(select(Nomination).where(Nomination.category_id == category.id)).first()
        assert nomination is not None
        winners.seal(session=session, actor=tally, slug="ariel-prueba", nomination_id=key_of(nomination))
        category.reveal_at = datetime(2025, 9, 21, 3, 10, tzinfo=UTC)
        category_id = key_of(category)
    with session_scope(engine) as session:
        assert winners.reveal_due(session=session, now=datetime(2025, 9, 21, 3, 9, tzinfo=UTC)) == []
        assert not winners.revealed(session=session, slug="ariel-prueba")
    with session_scope(engine) as session:
        assert winners.reveal_due(session=session, now=datetime(2025, 9, 21, 3, 10, tzinfo=UTC)) == ["ariel-prueba"]
        assert session.get(AwardCategory, category_id).revealed_at is not None  # type: ignore[union-attr]
        assert winners.revealed(session=session, slug="ariel-prueba")
    with session_scope(engine) as session:
        assert session.get(Nomination, key_of(nomination)).is_winner  # type: ignore[union-attr]
    with session_scope(engine) as session:  # taken back: its spent time does not reveal it again
        winners.retract_category(session=session, actor=tally, slug="ariel-prueba", category_id=category_id)
    with session_scope(engine) as session:
        assert winners.reveal_due(session=session, now=datetime(2025, 9, 21, 3, 12, tzinfo=UTC)) == []
        assert session.get(AwardCategory, category_id).revealed_at is None  # type: ignore[union-attr]


BEFORE = datetime(2025, 9, 1, tzinfo=UTC)  # "now" for the reveal times typed below


def test_a_category_reveal_time_is_typed_in_the_events_zone_on_the_ceremony_day_or_another(engine: Engine) -> None:
    from logistics_app.models import AwardCategory, ItemKind, ScheduleItem

    tally = _tally(engine)
    with session_scope(engine) as session:
        event = _event(session)
        session.add(
            ScheduleItem(
                event_id=key_of(event),
                title="Ceremonia",
                kind=ItemKind.CEREMONY,
                start_utc=datetime(2025, 9, 21, 2, tzinfo=UTC),  # 20:00 in Mexico City, the 20th
                end_utc=datetime(2025, 9, 21, 5, tzinfo=UTC),
            )
        )
        category = awards.categories(session=session, event=event)[0]
        category_id = key_of(category)
    with session_scope(engine) as session:
        at = winners.schedule_category_reveal(
            session=session, actor=tally, slug="ariel-prueba", category_id=category_id, now=BEFORE, time_text="21:15"
        )
    assert at == datetime(2025, 9, 21, 3, 15, tzinfo=UTC)
    with session_scope(engine) as session:  # another day: a date and a time (as datetime-local sends it)
        at = winners.schedule_category_reveal(
            session=session,
            actor=tally,
            slug="ariel-prueba",
            category_id=category_id,
            now=BEFORE,
            time_text="2025-09-22T10:30",
        )
        assert at == datetime(2025, 9, 22, 16, 30, tzinfo=UTC)
        status = winners.reveal_status(session=session, actor=tally, slug="ariel-prueba")[category_id]
        assert (status["planned"], status["planned_input"]) == (
            "lunes 22 de septiembre de 2025, 10:30",
            "2025-09-22T10:30",
        )
        other = awards.categories(session=session, event=_event(session))[1]
        assert winners.reveal_status(session=session, actor=tally, slug="ariel-prueba")[key_of(other)] == {
            "state": "no_winner",
            "at": "",
            "shown": "",
            "planned": "",
            "planned_input": "2025-09-20T20:00",  # the field starts at the ceremony's start
        }
    with pytest.raises(ValidationFailed) as past, session_scope(engine) as session:  # already gone
        winners.schedule_category_reveal(
            session=session,
            actor=tally,
            slug="ariel-prueba",
            category_id=category_id,
            now=datetime(2025, 9, 21, 3, 16, tzinfo=UTC),
            time_text="21:15",
        )
    assert [e.code for e in past.value.errors] == ["reveal_in_past"]
    assert past.value.messages("es")["time"].startswith("Esa hora ya pasó")
    for wrong in ("9 y cuarto", "2025-09-22T10:30+02:00", "2025-13-01 10:00", "2025-09-22", "2025", "2030"):
        with pytest.raises(ValidationFailed) as refused, session_scope(engine) as session:
            winners.schedule_category_reveal(
                session=session, actor=tally, slug="ariel-prueba", category_id=category_id, now=BEFORE, time_text=wrong
            )
        assert [e.code for e in refused.value.errors] == ["bad_reveal_when"]
    with session_scope(engine) as session:
        assert (
            winners.schedule_category_reveal(
                session=session, actor=tally, slug="ariel-prueba", category_id=category_id, now=BEFORE, time_text=""
            )
            is None
        )
        assert session.get(AwardCategory, category_id).reveal_at is None  # type: ignore[union-attr]
