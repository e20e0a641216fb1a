from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from logistics_app.queries.programme import PAGE_SIZE, ProgrammeQuery, programme
from logistics_app.queries.works import category_page, tv_guide, work_page

pytestmark = pytest.mark.integration
AFTER = datetime(2026, 1, 1, tzinfo=UTC)
MX = "America/Mexico_City"


def _page(engine: Engine, slug: str = "rumbo-al-ariel-2025", now: datetime = AFTER, **query: object):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        return programme(session=session, slug=slug, query=ProgrammeQuery(**query), visitor_zone=MX, now=now)  # type: ignore[arg-type]


def test_pedro_paramo_in_jalisco_by_typing_without_accents(demo_engine: Engine) -> None:
    page = _page(demo_engine, text="pedro paramo", state="Jalisco")
    assert page.total == 3
    assert {row.title for row in page.items} == {"Pedro Páramo"}
    assert all("Jalisco" in row.place for row in page.items)


def test_typos_and_venue_names(demo_engine: Engine) -> None:
    exact = _page(demo_engine, text="Cineteca Nuevo León")
    assert exact.total > 0 and all("Cineteca Nuevo León" in row.place for row in exact.items)
    assert _page(demo_engine, text="cineteca nuevo leon").total == exact.total
    assert _page(demo_engine, text="pedro paramno").total == _page(demo_engine, text="pedro páramo").total


def test_people_are_searchable(demo_engine: Engine) -> None:
    page = _page(demo_engine, slug="ariel-2025", text="karla souza")
    assert [row.title for row in page.items] == ["Alfombra roja", "Ceremonia de los 67 Premios Ariel"]


def test_filters_combine_and_paginate(demo_engine: Engine) -> None:
    everything = _page(demo_engine)
    assert everything.total == 781 and everything.pages == -(-781 // PAGE_SIZE)
    assert len(everything.items) == PAGE_SIZE
    second = _page(demo_engine, page=2)
    assert {r.uid for r in second.items}.isdisjoint({r.uid for r in everything.items})
    tv = _page(demo_engine, kind="broadcast")
    assert tv.total == 9
    category = _page(demo_engine, category="mejor-pelicula")
    best = {"La cocina", "No nos moverán", "Pedro Páramo", "Sujo", "Un actor malo"}
    assert category.total == 143 and {r.title for r in category.items} <= best
    assert _page(demo_engine, category="mejor-pelicula", text="no nos moveran").total == 18
    day = _page(demo_engine, day="2025-09-19", state="Jalisco")
    assert day.total > 0 and all(r.date == "viernes 19 de septiembre de 2025" for r in day.items)
    assert _page(demo_engine, page=999).query.page == everything.pages


def test_the_past_is_hidden_while_the_event_runs(demo_engine: Engine) -> None:
    during = datetime(2025, 9, 20, 19, tzinfo=UTC)  # 13:00 on the ceremony day
    running = _page(demo_engine, slug="ariel-2025", now=during)
    assert running.running and running.hiding_past
    assert running.items[0].title == "Alfombra roja"
    shown = _page(demo_engine, slug="ariel-2025", now=during, show_past=True)
    assert shown.total == running.total + 1
    assert not _page(demo_engine, slug="ariel-2025").hiding_past  # a past event shows everything


def test_times_are_in_the_venue_zone_named_when_not_the_visitors(demo_engine: Engine) -> None:
    page = _page(demo_engine, text="cineteca sonora")
    assert page.total > 0
    assert all(r.zone == "America/Hermosillo (UTC−07:00)" for r in page.items)
    mexico = _page(demo_engine, text="cineteca nuevo leon")
    assert all(r.zone == "" for r in mexico.items)  # Monterrey has Mexico City's offset


def test_queries_round_trip_through_the_url() -> None:
    query = ProgrammeQuery(text="pedro paramo", state="Jalisco", show_past=False, page=3)
    params = query.to_params(page=3)
    assert params == {"estado": "Jalisco", "q": "pedro paramo", "pasadas": "0", "pagina": "3"}
    assert ProgrammeQuery.from_params(params) == query
    assert query.url("rumbo-al-ariel-2025", state="Nuevo León") == (
        "/eventos/rumbo-al-ariel-2025?estado=Nuevo+Le%C3%B3n&q=pedro+paramo&pasadas=0"
    )
    assert ProgrammeQuery.from_params({"pagina": "-4", "pasadas": "quizá"}) == ProgrammeQuery()


def test_film_category_and_tv_pages(demo_engine: Engine) -> None:
    with Session(demo_engine) as session:
        film = work_page(session=session, slug="aferrado")
        best = category_page(session=session, event_slug="ariel-2025", category="mejor-pelicula")
        guide = tv_guide(session=session)
    assert (film.title, film.director, film.minutes) == ("Aferrado", "Esteban Azuela", "18")
    assert len(film.screenings) == 21
    assert [n.category for n in film.nominations] == ["Mejor Cortometraje de Animación"]
    assert {r.title for r in film.tv} == {"Corte y queda: Rumbo al Ariel", "Corte y queda: Rumbo al Ariel (RX)"}
    assert len(best.categories) == 25
    assert sorted(n.work_title for n in best.nominations) == [
        "La cocina",
        "No nos moverán",
        "Pedro Páramo",
        "Sujo",
        "Un actor malo",
    ]
    assert len(guide) == 11  # 9 Rumbo al Ariel slots, the Ariel's live broadcast and its repeat


def test_odd_numbers_in_a_link_fall_back_to_the_first_page(demo_engine: Engine) -> None:
    query = ProgrammeQuery.from_params({"pagina": "²", "pasadas": "1"})
    assert (query.page, query.show_past) == (1, True)
    assert _page(demo_engine, page=query.page).query.page == 1


def test_the_day_filter_uses_the_date_shown_at_each_venue(demo_engine: Engine) -> None:
    days = {o.value for o in _page(demo_engine).facets["day"]}
    for day in sorted(days)[:10]:
        page = _page(demo_engine, day=day)
        shown = {r.date for r in page.items}
        assert len(shown) <= 1, f"{day}: items of {shown}"
