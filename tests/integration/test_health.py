"""GET /api/health: 200 when the database (and Redis, when configured) answer, 503 when not."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy.engine import Engine

from logistics_app.api.routes import build_api
from logistics_app.db import make_engine
from tests.conftest import unavailable
from tests.integration.test_feeds_http import AsgiClient

pytestmark = pytest.mark.integration
REDIS_URL = "redis://127.0.0.1:6379/0"


def test_healthy_without_redis_configured(sqlite_engine: Engine) -> None:
    response = AsgiClient(build_api(sqlite_engine, redis_url="")).get("/api/health")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "redis": "not configured"},
    )
    assert response.headers["cache-control"] == "no-store"


def test_healthy_with_the_real_redis(sqlite_engine: Engine) -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        unavailable(f"Redis not reachable at {REDIS_URL}: {type(error).__name__}")
    response = AsgiClient(build_api(sqlite_engine, redis_url=REDIS_URL)).get("/api/health")
    assert (response.status_code, response.json()["redis"]) == (200, "ok")


def test_unreachable_redis_or_database_answer_503(sqlite_engine: Engine) -> None:
    no_redis = AsgiClient(build_api(sqlite_engine, redis_url="redis://127.0.0.1:1/0")).get("/api/health")
    assert (no_redis.status_code, no_redis.json()["status"], no_redis.json()["redis"]) == (
        503,
        "unavailable",
        "error: ConnectionError",
    )
    broken = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")  # nothing listens on port 1
    no_db = AsgiClient(build_api(broken, redis_url="")).get("/api/health")
    assert (no_db.status_code, no_db.json()["database"]) == (503, "error: OperationalError")
