from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Field

from logistics_app.models.keys import Keyed


class Work(Keyed, table=True):
    """A film or other work that is screened, broadcast or nominated."""

    __tablename__ = "work"

    slug: str = Field(max_length=120, sa_column_kwargs={"unique": True}, nullable=False)
    title: str = Field(max_length=300, index=True)
    year: int | None = None
    director: str = Field(default="", max_length=300)
    minutes: int | None = None
    synopsis: str = Field(default="", sa_type=sa.Text)
    # Where to watch it: "Service|https://..." lines.
    streaming: str = Field(default="", sa_type=sa.Text)
    image_url: str = Field(default="", max_length=400)
