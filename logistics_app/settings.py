"""Typed settings from the environment, read once and checked (pydantic-settings): a bad value
stops the app or the CLI at start, naming the variable."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'data' / 'logistics.db'}"
Names = Annotated[tuple[str, ...], NoDecode]  # comma-separated in the environment


class Settings(BaseSettings):
    model_config = SettingsConfigDict(frozen=True, extra="ignore", case_sensitive=True)

    database_url: str = Field(DEFAULT_DATABASE_URL, alias="DATABASE_URL", min_length=1)
    frontend_port: int = Field(3000, alias="FRONTEND_PORT", ge=1, le=65535)
    backend_port: int = Field(8000, alias="BACKEND_PORT", ge=1, le=65535)
    # Origins allowed to call the backend from a browser; never "*" (Reflex adds credentials).
    cors_origins: Names = Field((), alias="CORS_ORIGINS")
    # Public addresses, for links inside feeds and the subscribe panel (behind a proxy: one host).
    site_url: str = Field("", alias="PUBLIC_SITE_URL")
    api_url: str = Field("", alias="PUBLIC_API_URL")
    # Importing calendars from URLs: hosts allowed even on private addresses, plain http, size, time.
    import_allowed_hosts: Names = Field((), alias="IMPORT_ALLOWED_HOSTS")
    import_allow_http: bool = Field(False, alias="IMPORT_ALLOW_HTTP")
    import_max_bytes: int = Field(10 * 1024 * 1024, alias="IMPORT_MAX_BYTES", gt=0)
    # The whole download of a calendar (imports and subscriptions), however slowly it trickles in.
    import_deadline_seconds: float = Field(60.0, alias="IMPORT_DEADLINE_SECONDS", gt=0)
    # How often venues' and agencies' external calendars are fetched again.
    calendar_refresh_minutes: int = Field(60, alias="CALENDAR_REFRESH_MINUTES", ge=1)
    # Reflex's state manager in production (redis://...); empty in development, where page state
    # stays in the backend's memory (never in files: it holds session tokens).
    redis_url: str = Field("", alias="REDIS_URL", pattern=r"^$|^(redis|rediss|unix)://")
    # Reverse proxies in front of the backend (nginx: 1): the client's address is then read from
    # that many hops back in X-Forwarded-For (sign-in throttling, rate limits). 0 ignores the header.
    trusted_proxy_hops: int = Field(0, alias="TRUSTED_PROXY_HOPS", ge=0, le=10)
    # Outgoing e-mail (see integrations/smtp.py); with no SMTP_URL nothing is sent and messages
    # wait in each event's outbox.
    smtp_url: str = Field("", alias="SMTP_URL", pattern=r"^$|^(smtp|smtps|smtp\+plain)://[^/]+")
    smtp_user: str = Field("", alias="SMTP_USER")
    smtp_password: str = Field("", alias="SMTP_PASSWORD", repr=False)
    # An event that sends at once waits this long, so that publications close together make one message.
    mail_merge_minutes: int = Field(15, alias="MAIL_MERGE_MINUTES", ge=0, le=24 * 60)
    # A nominee with an e-mail gets their itinerary this many days before the event starts.
    nominee_itinerary_days: int = Field(2, alias="NOMINEE_ITINERARY_DAYS", ge=0, le=60)
    # Each backend worker runs the job queue's consumer; false when `cli worker` processes do.
    jobs_in_backend: bool = Field(True, alias="JOBS_IN_BACKEND")
    mail_from: str = Field("Logística de eventos <no-reply@localhost>", alias="MAIL_FROM", min_length=3)
    # The Rumbo al Ariel 2025 dataset the demo is built from (shipped with the app, see its SOURCE.md).
    rumbo_dataset: Path = Field(
        PROJECT_ROOT / "logistics_app" / "demo" / "data" / "rumbo-al-ariel-2025", alias="RUMBO_DATASET"
    )

    @field_validator("cors_origins", "import_allowed_hosts", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @model_validator(mode="after")
    def _defaults_from_ports(self) -> Settings:
        """Addresses not given follow the ports (the laptop's localhost)."""
        values = {
            "site_url": (self.site_url or f"http://localhost:{self.frontend_port}").rstrip("/"),
            "api_url": (self.api_url or f"http://localhost:{self.backend_port}").rstrip("/"),
            "cors_origins": self.cors_origins
            or (f"http://localhost:{self.frontend_port}", f"http://127.0.0.1:{self.frontend_port}"),
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)
        return self


class BadSettings(SystemExit):
    """The environment holds a value the app cannot run with."""


@functools.cache
def get_settings() -> Settings:
    """The settings, read from the environment once per process."""
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise BadSettings(f"Configuración inválida / invalid settings: {problems}") from None
