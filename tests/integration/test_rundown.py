"""The Ariel's run of show: times follow the order, overruns are named, presenters are checked,
and the export puts the segments in the schedule as internal items with their presenters."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.models import (
    AwardCategory,
    ItemParticipant,
    Nomination,
    NominationPerson,
    Person,
    RunSegment,
    ScheduleItem,
    Visibility,
    key_of,
)
from logistics_app.services import rundown, undo

pytestmark = pytest.mark.integration


def _ids(engine: Engine) -> dict[str, str]:
    with session_scope(engine) as session:
        actress = session.exec(select(AwardCategory).where(AwardCategory.name == "Mejor Actriz")).one()
        nominee = session.exec(
            select(Person)
            .join(NominationPerson, NominationPerson.person_id == Person.id)  # type: ignore[arg-type]
            .join(Nomination, Nomination.id == NominationPerson.nomination_id)  # type: ignore[arg-type]
            .where(Nomination.category_id == actress.id)
        ).first()
        karla = session.exec(select(Person).where(Person.name == "Karla Souza")).one()
        return {"actress": str(actress.id), "nominee": str(nominee.id) if nominee else "", "karla": str(karla.id)}


def _add(engine: Engine, **form: str) -> int:
    with session_scope(engine) as session:
        return rundown.add_segment(session=session, slug="ariel-2025", form=form).id  # type: ignore[return-value]


def _show(engine: Engine) -> rundown.RunOfShow:
    with session_scope(engine) as session:
        return rundown.run_of_show(session=session, slug="ariel-2025")


def test_times_follow_the_order_and_a_reorder_recomputes_them(demo: Engine) -> None:
    ids = _ids(demo)
    opening = _add(demo, kind="opening", title="Apertura con Karla Souza", minutes="12", presenters=ids["karla"])
    actress = _add(demo, kind="category", category=ids["actress"], minutes="8")
    music = _add(demo, kind="music", title="Tributo a Amores perros", minutes="7")
    show = _show(demo)
    assert [(r["title"], r["start"], r["end"]) for r in show.rows] == [
        ("Apertura con Karla Souza", "20:00", "20:12"),
        ("Mejor Actriz", "20:12", "20:20"),
        ("Tributo a Amores perros", "20:20", "20:27"),
    ]
    assert (show.slot, show.total, show.overrun, show.spare) == ("20:00–23:00", "0 h 27 min", "", "2 h 33 min")
    with session_scope(demo) as session:
        rundown.move_segment(session=session, slug="ariel-2025", segment_id=music, offset=-1)
    assert [(r["title"], r["start"]) for r in _show(demo).rows] == [
        ("Apertura con Karla Souza", "20:00"),
        ("Tributo a Amores perros", "20:12"),
        ("Mejor Actriz", "20:19"),
    ]
    assert {opening, actress} <= {int(r["id"]) for r in _show(demo).rows}  # type: ignore[call-overload]


def test_an_overrun_is_named_and_late_segments_marked(demo: Engine) -> None:
    _add(demo, kind="opening", title="Apertura", minutes="170")
    _add(demo, kind="closing", title="Cierre", minutes="25")
    show = _show(demo)
    assert show.overrun == "0 h 15 min"
    assert [r["late"] for r in show.rows] == ["", "1"]


def test_a_presenter_nominated_in_the_category_is_warned(demo: Engine) -> None:
    ids = _ids(demo)
    assert ids["nominee"], "the demo links the press's Mejor Actriz nominees to people"
    _add(demo, kind="category", category=ids["actress"], minutes="8", presenters=ids["nominee"])
    [warning] = _show(demo).warnings
    assert "presenta «Mejor Actriz» y está nominado(a) en esa categoría" in warning


def test_bad_segments_are_refused_field_by_field(demo: Engine) -> None:
    with pytest.raises(ValidationFailed) as refused, session_scope(demo) as session:
        rundown.add_segment(session=session, slug="ariel-2025", form={"kind": "baile", "minutes": "0"})
    assert set(refused.value.messages()) == {"kind", "title", "minutes"}


def test_the_export_puts_segments_in_the_schedule_with_their_presenters(demo: Engine) -> None:
    ids = _ids(demo)
    _add(demo, kind="opening", title="Apertura", minutes="12", presenters=ids["karla"])
    _add(demo, kind="closing", title="Cierre", minutes="10")
    for _ in range(2):  # exporting again updates the same items
        with session_scope(demo) as session:
            assert rundown.export_to_schedule(session=session, slug="ariel-2025") == 2
    with session_scope(demo) as session:
        items = session.exec(select(ScheduleItem).where(ScheduleItem.title.startswith("Escaleta"))).all()  # type: ignore[attr-defined]
        assert sorted((i.title, i.visibility) for i in items) == [
            ("Escaleta: Apertura", Visibility.INTERNAL),
            ("Escaleta: Cierre", Visibility.INTERNAL),
        ]
        opening = next(i for i in items if i.title == "Escaleta: Apertura")
        assert session.exec(select(ItemParticipant.person_id).where(ItemParticipant.item_id == opening.id)).all() == [
            int(ids["karla"])
        ]

    def copied() -> list[str]:
        with session_scope(demo) as session:
            return sorted(session.exec(select(ScheduleItem.title).where(ScheduleItem.title.startswith("Escaleta"))))  # type: ignore[attr-defined]

    with session_scope(demo) as session:  # a segment deleted: its item in the programme goes with it
        closing = session.exec(select(RunSegment).where(RunSegment.title == "Cierre")).one()
        rundown.delete_segment(session=session, slug="ariel-2025", segment_id=key_of(closing))
    assert copied() == ["Escaleta: Apertura"]
    with session_scope(demo) as session:  # undone: both come back, linked again
        entry = undo.latest_for(session=session, slug="ariel-2025", user_id=None)
        assert entry is not None
        assert (
            undo.undo(session=session, slug="ariel-2025", entry_id=key_of(entry), user_id=None) == "Eliminar «Cierre»"
        )
    assert copied() == ["Escaleta: Apertura", "Escaleta: Cierre"]
    with session_scope(demo) as session:
        closing = session.exec(select(RunSegment).where(RunSegment.title == "Cierre")).one()
        assert closing.item_id and session.get(ScheduleItem, closing.item_id).title == "Escaleta: Cierre"  # type: ignore[union-attr]
        assert rundown.export_to_schedule(session=session, slug="ariel-2025") == 2
    assert copied() == ["Escaleta: Apertura", "Escaleta: Cierre"]
    with session_scope(demo) as session:  # an item left by an older deletion goes at the next copy
        closing = session.exec(select(RunSegment).where(RunSegment.title == "Cierre")).one()
        session.delete(closing)
    with session_scope(demo) as session:
        assert rundown.export_to_schedule(session=session, slug="ariel-2025") == 1
    assert copied() == ["Escaleta: Apertura"]
    with session_scope(demo) as session:
        assert session.exec(select(ScheduleItem).where(ScheduleItem.title == "Ceremonia de los 67 Premios Ariel")).one()


def test_presenters_are_typed_by_name_several_at_once(demo: Engine) -> None:
    _add(demo, kind="category", title="Mejor Guion Original", minutes="8", presenters="karla souza; Diego Luna")
    [row] = _show(demo).rows
    assert row["presenters"] == "Diego Luna, Karla Souza"


def _titles(engine: Engine) -> list[tuple[str, str]]:
    return [(str(r["title"]), str(r["start"])) for r in _show(engine).rows]


def test_a_segment_is_edited_and_the_times_after_it_follow(demo: Engine) -> None:
    ids = _ids(demo)
    opening = _add(demo, kind="opening", title="Apertura", minutes="12", presenters=ids["karla"])
    _add(demo, kind="music", title="Tributo", minutes="7")
    with session_scope(demo) as session:
        form = rundown.segment_form(session=session, slug="ariel-2025", segment_id=opening)
    assert form == {
        "kind": "opening",
        "title": "Apertura",
        "minutes": "12",
        "category": "",
        "presenters": "Karla Souza",
        "notes": "",
    }
    with pytest.raises(ValidationFailed) as refused, session_scope(demo) as session:
        rundown.edit_segment(session=session, slug="ariel-2025", segment_id=opening, form={**form, "minutes": "0"})
    assert set(refused.value.messages()) == {"minutes"}
    with session_scope(demo) as session:
        rundown.edit_segment(
            session=session,
            slug="ariel-2025",
            segment_id=opening,
            form={
                **form,
                "title": "Apertura y bienvenida",
                "minutes": "15",
                "presenters": "Diego Luna",
                "notes": "Cámara 2",
            },
        )
    [first, second] = _show(demo).rows
    assert (first["title"], first["end"], first["presenters"], first["notes"]) == (
        "Apertura y bienvenida",
        "20:15",
        "Diego Luna",
        "Cámara 2",
    )
    assert second["start"] == "20:15"
    with pytest.raises(NotFound), session_scope(demo) as session:  # another ceremony's, or none
        rundown.edit_segment(session=session, slug="ariel-2025", segment_id=-1, form=form)


def test_a_dragged_segment_lands_where_it_was_dropped(demo: Engine) -> None:
    a, b, c, d = (_add(demo, kind="other", title=t, minutes="10") for t in "ABCD")
    with session_scope(demo) as session:
        rundown.place_segment(session=session, slug="ariel-2025", segment_id=d, at_id=b)
    assert [t for t, _ in _titles(demo)] == ["A", "D", "B", "C"]
    with session_scope(demo) as session:
        rundown.place_segment(session=session, slug="ariel-2025", segment_id=a, at_id=c)
    assert _titles(demo) == [("D", "20:00"), ("B", "20:10"), ("C", "20:20"), ("A", "20:30")]


def test_a_deleted_segment_is_undone_back_at_its_place_with_its_presenters(demo: Engine) -> None:
    ids = _ids(demo)
    a, b, c = (_add(demo, kind="other", title=t, minutes="10", presenters=ids["karla"]) for t in "ABC")
    with session_scope(demo) as session:
        assert rundown.delete_segment(session=session, slug="ariel-2025", segment_id=b) == "B"
        entry = undo.latest_for(session=session, slug="ariel-2025", user_id=None)
        assert entry is not None
        entry_id = key_of(entry)
    _add(demo, kind="other", title="D", minutes="10")
    with session_scope(demo) as session:  # meanwhile C moved up where B was, and D came last
        rundown.move_segment(session=session, slug="ariel-2025", segment_id=c, offset=-1)
    assert [t for t, _ in _titles(demo)] == ["C", "A", "D"]
    with session_scope(demo) as session:
        assert undo.undo(session=session, slug="ariel-2025", entry_id=entry_id, user_id=None) == "Eliminar «B»"
    rows = _show(demo).rows  # second it was, second it is again; the others make room
    assert [(r["title"], r["start"]) for r in rows] == [("C", "20:00"), ("B", "20:10"), ("A", "20:20"), ("D", "20:30")]
    assert (rows[1]["id"], rows[1]["presenters"]) == (str(b), "Karla Souza")
    assert rows[2]["id"] == str(a)


def test_exported_segments_are_parts_of_the_ceremony_and_never_clash_with_it(demo: Engine) -> None:
    from logistics_app.models import ParticipantRole
    from logistics_app.queries.conflicts import event_conflicts

    ids = _ids(demo)
    with session_scope(demo) as session:
        ceremony = rundown.ceremony_of(session=session, event=rundown.event_by_slug(session=session, slug="ariel-2025"))
        ceremony_id = key_of(ceremony)
        if session.get(ItemParticipant, (ceremony_id, int(ids["karla"]))) is None:
            session.add(
                ItemParticipant(item_id=ceremony_id, person_id=int(ids["karla"]), role=ParticipantRole.PRESENTER)
            )
    before = _conflicts_of(demo, ceremony_id)
    _add(demo, kind="opening", title="Apertura", minutes="12", presenters=ids["karla"])
    _add(demo, kind="category", category=ids["actress"], minutes="8", presenters=ids["karla"])
    with session_scope(demo) as session:
        rundown.export_to_schedule(session=session, slug="ariel-2025")
    with session_scope(demo) as session:
        parts = session.exec(select(ScheduleItem).where(ScheduleItem.parent_id == ceremony_id)).all()
        assert sorted(p.title for p in parts) == ["Escaleta: Apertura", "Escaleta: Mejor Actriz"]
        part_ids = {key_of(p) for p in parts}
        found = event_conflicts(session=session, slug="ariel-2025")
    # Same stage, same presenter, same time as their own ceremony: no conflict for any of them.
    assert [c.message() for c in found if part_ids.intersection(c.item_ids)] == []
    assert _conflicts_of(demo, ceremony_id) == before


def _conflicts_of(engine: Engine, item_id: int) -> list[str]:
    from logistics_app.queries.conflicts import event_conflicts

    with session_scope(engine) as session:
        return sorted(c.message() for c in event_conflicts(session=session, slug="ariel-2025") if item_id in c.item_ids)
