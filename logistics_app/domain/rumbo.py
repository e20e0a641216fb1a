"""Reader for the Rumbo al Ariel 2025 dataset (data.js): films, venues, screenings, TV slots.

Its quirks are reported as warnings, never edited by hand: naive local times read in each
venue's state zone, a screening dated 2015, a duplicate screening, lower-case keys, a misspelt
title and stray spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import json5

ONLINE_STATE = "En línea"
CIRCUIT_YEAR = 2025

# Mexico's states and their zones since the end of daylight saving (October 2022).
STATE_ZONES: dict[str, str] = {
    "Aguascalientes": "America/Mexico_City",
    "Baja California": "America/Tijuana",
    "Baja California Sur": "America/Mazatlan",
    "Campeche": "America/Merida",
    "Chiapas": "America/Mexico_City",
    "Chihuahua": "America/Chihuahua",
    "Ciudad de México": "America/Mexico_City",
    "Coahuila": "America/Monterrey",
    "Colima": "America/Mexico_City",
    "Durango": "America/Monterrey",
    "Estado de México": "America/Mexico_City",
    "Guanajuato": "America/Mexico_City",
    "Guerrero": "America/Mexico_City",
    "Hidalgo": "America/Mexico_City",
    "Jalisco": "America/Mexico_City",
    "Michoacán": "America/Mexico_City",
    "Morelos": "America/Mexico_City",
    "Nayarit": "America/Mazatlan",
    "Nuevo León": "America/Monterrey",
    "Oaxaca": "America/Mexico_City",
    "Puebla": "America/Mexico_City",
    "Querétaro": "America/Mexico_City",
    "Quintana Roo": "America/Cancun",
    "San Luis Potosí": "America/Mexico_City",
    "Sinaloa": "America/Mazatlan",
    "Sonora": "America/Hermosillo",
    "Tabasco": "America/Mexico_City",
    "Tamaulipas": "America/Matamoros",
    "Tlaxcala": "America/Mexico_City",
    "Veracruz": "America/Mexico_City",
    "Yucatán": "America/Merida",
    "Zacatecas": "America/Mexico_City",
}
# Places whose zone differs from the rest of their state.
CITY_ZONES: tuple[tuple[str, str], ...] = (
    ("Bahía de Banderas", "America/Bahia_Banderas"),
    ("Nuevo Vallarta", "America/Bahia_Banderas"),
    ("Juárez, Chih", "America/Ciudad_Juarez"),
)
# Spelling fixes the loader applies, each reported as a warning.
TITLE_FIXES = {"Tratado de invisbilidad": "Tratado de invisibilidad"}


@dataclass(frozen=True)
class RumboVenue:
    key: str
    name: str
    address: str
    state: str
    zone: str
    is_online: bool
    url: str = ""


@dataclass(frozen=True)
class RumboScreening:
    venue_key: str
    local_start: datetime


@dataclass(frozen=True)
class RumboFilm:
    title: str
    director: str
    year: int | None
    minutes: int | None
    synopsis: str
    categories: tuple[str, ...]
    streaming: tuple[tuple[str, str], ...]
    screenings: tuple[RumboScreening, ...]


@dataclass(frozen=True)
class RumboTvSlot:
    channel: str
    link: str
    local_start: datetime
    minutes: int | None
    title: str
    description: str


@dataclass
class RumboData:
    films: list[RumboFilm] = field(default_factory=list)
    venues: dict[str, RumboVenue] = field(default_factory=dict)
    tv: list[RumboTvSlot] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def screening_count(self) -> int:
        return sum(len(f.screenings) for f in self.films)


def _blocks(source: str) -> dict[str, Any]:
    """Each `const name = <literal>;` block parsed as JSON5."""
    parts = re.split(r"^const\s+(\w+)\s*=\s*", source, flags=re.MULTILINE)
    return {name: json5.loads(body.strip().rstrip(";")) for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _minutes(text: str | None) -> int | None:
    match = re.search(r"(\d+)\s*min", text or "")
    return int(match.group(1)) if match else None


def _zone_for(state: str, address: str) -> str | None:
    for place, zone in CITY_ZONES:
        if place in address:
            return zone
    return STATE_ZONES.get(state)


def load(path: Path) -> RumboData:
    """Read data.js (or the folder holding it)."""
    if path.is_dir():
        path = path / "data.js"
    return parse(path.read_text(encoding="utf-8"))


def parse(source: str) -> RumboData:
    blocks = _blocks(source)
    data = RumboData()
    _read_venues(blocks.get("sedes", {}), data)
    _read_films(blocks.get("peliculas", {}), data)
    _read_tv(blocks.get("tv", []), data)
    return data


def _read_venues(raw: dict[str, Any], data: RumboData) -> None:
    for key, row in raw.items():
        if not isinstance(row, dict) or not row.get("nombre"):
            data.warnings.append(f"sede {key}: fila sin nombre de sede, omitida ({row!r:.80})")
            continue
        name, address, state = (_clean(row.get(k)) for k in ("nombre", "ubicacion", "estado"))
        if state == ONLINE_STATE:
            data.venues[key] = RumboVenue(key, name, "", state, "America/Mexico_City", True, address)
            continue
        zone = _zone_for(state, address)
        if zone is None:
            data.warnings.append(f"sede {key} «{name}»: estado desconocido «{state}», omitida")
            continue
        data.venues[key] = RumboVenue(key, name, address, state, zone, False)


def _read_films(raw: dict[str, Any], data: RumboData) -> None:
    seen: set[tuple[str, str, datetime]] = set()
    for key, row in raw.items():
        title = _clean(key)
        if title[:1].islower():
            data.warnings.append(f"película «{key}»: título en minúsculas, se usa «{title[:1].upper() + title[1:]}»")
            title = title[:1].upper() + title[1:]
        if title in TITLE_FIXES:
            data.warnings.append(f"película «{title}»: errata corregida a «{TITLE_FIXES[title]}»")
            title = TITLE_FIXES[title]
        director = _clean(row.get("director"))
        if director != (row.get("director") or ""):
            data.warnings.append(f"película «{title}»: espacios sobrantes en el director «{row.get('director')}»")
        screenings = []
        for screening in row.get("proyecciones", []):
            venue_key = screening.get("sede_id", "")
            stamp = screening.get("timestamp", "")
            try:
                local_start = datetime.fromisoformat(stamp)
            except ValueError:
                data.warnings.append(f"película «{title}»: fecha ilegible «{stamp}», proyección omitida")
                continue
            if venue_key not in data.venues:
                data.warnings.append(f"película «{title}»: sede desconocida «{venue_key}», proyección omitida")
                continue
            if local_start.year != CIRCUIT_YEAR:
                data.warnings.append(
                    f"película «{title}»: proyección en {venue_key} fechada {stamp} (fuera de {CIRCUIT_YEAR}); "
                    "se conserva como «por confirmar»"
                )
            marker = (title, venue_key, local_start)
            if marker in seen:
                data.warnings.append(f"película «{title}»: proyección duplicada en {venue_key} el {stamp}, omitida")
                continue
            seen.add(marker)
            screenings.append(RumboScreening(venue_key, local_start))
        year_text = _clean(str(row.get("estreno") or ""))
        data.films.append(
            RumboFilm(
                title=title,
                director=director,
                year=int(year_text) if year_text.isdigit() else None,
                minutes=_minutes(row.get("duracion")),
                synopsis=_clean(row.get("sinopsis")),
                categories=tuple(_clean(c) for c in row.get("categoria", [])),
                streaming=tuple((_clean(s.get("servicio")), s.get("link", "")) for s in row.get("streaming", [])),
                screenings=tuple(screenings),
            )
        )


def _read_tv(raw: list[dict[str, Any]], data: RumboData) -> None:
    for row in raw:
        channel = row.get("canal") or {}
        description = (row.get("descripcion") or "").strip()
        minutes = _minutes(row.get("duracion"))
        if minutes is None:
            data.warnings.append(f"TV {channel.get('nombre')} {row.get('timestamp')}: sin duración; se suponen 60 min")
        data.tv.append(
            RumboTvSlot(
                channel=_clean(channel.get("nombre")),
                link=channel.get("link", ""),
                local_start=datetime.fromisoformat(row["timestamp"]),
                minutes=minutes,
                title=_clean(row.get("titulo")) or _clean(description.splitlines()[0] if description else ""),
                description=description,
            )
        )
