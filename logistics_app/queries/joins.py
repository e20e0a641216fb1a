"""Joining what an item points at (its venue, space, film, lead agency) to a query of items."""

from __future__ import annotations

from typing import Any, TypeVar

import sqlalchemy as sa
from sqlmodel import col

from logistics_app.models import Agency, Space, Venue, Work
from logistics_app.models.keys import Keyed
from logistics_app.models.schedule import ItemFields

_Query = TypeVar("_Query", bound=sa.Select[Any])
# Each table an item may point at, and the item's column that does.
_LINKS: dict[type[Keyed], str] = {Venue: "venue_id", Space: "space_id", Work: "work_id", Agency: "lead_agency_id"}


def outer_joined(query: _Query, model: type[ItemFields], *tables: type[Keyed]) -> _Query:
    """The query with the item's rows of these tables joined, in this order; an item that points at
    none is kept (their columns are NULL). `model`: the working or the published schedule."""
    for table in tables:
        query = query.join(table, col(table.id) == getattr(model, _LINKS[table]), isouter=True)
    return query
