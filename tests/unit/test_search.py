from __future__ import annotations

import pytest

from logistics_app.domain.search import SearchIndex

pytestmark = pytest.mark.unit

INDEX = SearchIndex.build(
    [
        (1, ["Pedro Páramo", "Cineteca FICG", "Zapopan", "Jalisco"]),
        (2, ["Pedro Páramo", "Cineteca Nuevo León", "Monterrey", "Nuevo León"]),
        (3, ["La cocina", "Cineteca Nuevo León", "Monterrey", "Nuevo León"]),
        (4, ["Sujo", "Astrid Rondero", "Fernanda Valadez", "Cinemateca", "Ciudad de México"]),
    ]
)


def test_accents_and_case_do_not_matter() -> None:
    assert INDEX.search("pedro paramo") == {1, 2}
    assert INDEX.search("CINETECA NUEVO LEON") == {2, 3}


def test_every_word_must_match() -> None:
    assert INDEX.search("pedro paramo jalisco") == {1}


def test_small_typos_are_forgiven() -> None:
    assert INDEX.search("pedro paramno") == {1, 2}
    assert INDEX.search("Cinetca Nuevo Leon") == {2, 3}
    assert INDEX.search("fernada valadez") == {4}


def test_unrelated_words_find_nothing_and_empty_queries_find_everything() -> None:
    assert INDEX.search("ornitorrinco") == set()
    assert INDEX.search("  ") == {1, 2, 3, 4}
