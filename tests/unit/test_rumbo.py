from __future__ import annotations

from datetime import datetime

import pytest

from logistics_app.domain import rumbo
from tests.conftest import DATASET

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def data() -> rumbo.RumboData:
    if not (DATASET / "data.js").exists():
        pytest.fail(f"the shared dataset is missing at {DATASET}")
    return rumbo.load(DATASET)


def test_the_dataset_has_its_films_venues_and_tv_slots(data: rumbo.RumboData) -> None:
    assert (len(data.films), len(data.venues), len(data.tv)) == (48, 86, 9)
    # 773 screenings in the source, one of them a duplicate the loader drops.
    assert data.screening_count == 772


def test_quirks_are_reported_not_hidden(data: rumbo.RumboData) -> None:
    text = "\n".join(data.warnings)
    assert "proyección duplicada en s26 el 2025-08-13T16:00:00" in text
    assert "fechada 2015-09-13T18:30:00" in text
    assert "errata corregida a «Tratado de invisibilidad»" in text
    assert "«anónima inmensidad»: título en minúsculas" in text
    assert "espacios sobrantes en el director «Urzula  Barba Hopfner»" in text


def test_each_venue_gets_its_states_zone(data: rumbo.RumboData) -> None:
    zones = {v.state: v.zone for v in data.venues.values()}
    assert zones["Sonora"] == "America/Hermosillo"
    assert zones["Baja California"] == "America/Tijuana"
    assert zones["Nayarit"] == "America/Mazatlan"
    assert zones["Jalisco"] == "America/Mexico_City"
    online = [v for v in data.venues.values() if v.is_online]
    assert [(v.name, v.address, v.url) for v in online] == [
        ("Plataforma AMACC", "", "https://rumboalariel.amacc.org.mx/")
    ]


def test_titles_and_directors_are_cleaned(data: rumbo.RumboData) -> None:
    titles = {f.title: f for f in data.films}
    assert "Tratado de invisibilidad" in titles and "El 47" in titles
    assert titles["Corina"].director == "Urzula Barba Hopfner"
    assert titles["Aferrado"].minutes == 18


def test_parse_reads_minimal_js_literals() -> None:
    source = """const peliculas = {
  "x": {director: "A", estreno: "2024", duracion: "", sinopsis: "", categoria: [],
        streaming: [], proyecciones: [{sede_id: "s1", timestamp: "2025-08-01T10:00:00",},],},
};
const sedes = {s1: {nombre: "Cine", ubicacion: "Calle 1, 83000 Hermosillo, Son.", estado: "Sonora"},
               s2: {nombre: "Nota", ubicacion: "", estado: "Atlántida"}};
const tv = [];
"""
    data = rumbo.parse(source)
    assert list(data.venues) == ["s1"]
    assert data.films[0].screenings == (rumbo.RumboScreening("s1", datetime(2025, 8, 1, 10, 0)),)
    assert any("estado desconocido «Atlántida»" in w for w in data.warnings)
