"""Is the app able to work: can it reach its database and (when configured) its Redis?"""

from __future__ import annotations

from dataclasses import dataclass

import redis
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from logistics_app.db import get_engine

TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class Health:
    database: str  # "ok" or what went wrong
    redis: str  # "ok", "not configured", or what went wrong

    @property
    def ok(self) -> bool:
        return self.database == "ok" and self.redis in ("ok", "not configured")

    def as_dict(self) -> dict[str, str]:
        return {"status": "ok" if self.ok else "unavailable", "database": self.database, "redis": self.redis}


def _database(engine: Engine) -> str:
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as error:
        return f"error: {type(error).__name__}"
    return "ok"


def _redis(url: str) -> str:
    if not url:
        return "not configured"
    try:
        client = redis.Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)
        try:
            client.ping()
        finally:
            client.close()
    except (redis.RedisError, OSError, ValueError) as error:
        return f"error: {type(error).__name__}"
    return "ok"


def check(*, engine: Engine | None = None, redis_url: str = "") -> Health:
    return Health(database=_database(engine or get_engine()), redis=_redis(redis_url))
