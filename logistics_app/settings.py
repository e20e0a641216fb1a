"""Typed settings read from the environment, with defaults for a laptop."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'data' / 'logistics.db'}"


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    frontend_port: int = 3000
    backend_port: int = 8000
    # Origins allowed to call the backend from a browser; never "*" (Reflex adds credentials).
    cors_origins: tuple[str, ...] = field(default=("http://localhost:3000", "http://127.0.0.1:3000"))
    # Public addresses, for links inside feeds and the subscribe panel (behind a proxy: one host).
    site_url: str = "http://localhost:3000"
    api_url: str = "http://localhost:8000"
    # Importing calendars from URLs: hosts allowed even on private addresses, plain http, size.
    import_allowed_hosts: tuple[str, ...] = ()
    import_allow_http: bool = False
    import_max_bytes: int = 10 * 1024 * 1024
    # The whole download of a calendar (imports and subscriptions), however slowly it trickles in.
    import_deadline_seconds: float = 60.0
    # How often venues' and agencies' external calendars are fetched again.
    calendar_refresh_minutes: int = 60
    # Reflex's state manager in production (redis://...); empty in development, where page state
    # stays in the backend's memory (never in files: it holds session tokens).
    redis_url: str = ""
    # Reverse proxies in front of the backend (nginx: 1): the client's address is then read from
    # that many hops back in X-Forwarded-For (sign-in throttling, rate limits). 0 ignores the header.
    trusted_proxy_hops: int = 0
    # The Rumbo al Ariel 2025 dataset the demo is built from (shipped with the app, see its SOURCE.md).
    rumbo_dataset: Path = PROJECT_ROOT / "logistics_app" / "demo" / "data" / "rumbo-al-ariel-2025"


def get_settings() -> Settings:
    """Settings from the environment; unset variables keep their defaults."""
    env = os.environ
    defaults = Settings()
    frontend_port = int(env.get("FRONTEND_PORT", defaults.frontend_port))
    backend_port = int(env.get("BACKEND_PORT", defaults.backend_port))
    cors = env.get("CORS_ORIGINS")
    return Settings(
        database_url=env.get("DATABASE_URL", defaults.database_url),
        frontend_port=frontend_port,
        backend_port=backend_port,
        cors_origins=(
            _split(cors) if cors else (f"http://localhost:{frontend_port}", f"http://127.0.0.1:{frontend_port}")
        ),
        site_url=env.get("PUBLIC_SITE_URL", f"http://localhost:{frontend_port}").rstrip("/"),
        api_url=env.get("PUBLIC_API_URL", f"http://localhost:{backend_port}").rstrip("/"),
        import_allowed_hosts=_split(env.get("IMPORT_ALLOWED_HOSTS", "")),
        import_allow_http=env.get("IMPORT_ALLOW_HTTP", "").lower() in ("1", "true", "yes"),
        import_max_bytes=int(env.get("IMPORT_MAX_BYTES", defaults.import_max_bytes)),
        import_deadline_seconds=float(env.get("IMPORT_DEADLINE_SECONDS", defaults.import_deadline_seconds)),
        calendar_refresh_minutes=int(env.get("CALENDAR_REFRESH_MINUTES", defaults.calendar_refresh_minutes)),
        redis_url=env.get("REDIS_URL", ""),
        trusted_proxy_hops=int(env.get("TRUSTED_PROXY_HOPS", defaults.trusted_proxy_hops)),
        rumbo_dataset=Path(env.get("RUMBO_DATASET", str(defaults.rumbo_dataset))),
    )
