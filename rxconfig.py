import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from logistics_app.settings import get_settings

settings = get_settings()

config = rx.Config(
    app_name="logistics_app",
    db_url=settings.database_url,
    # Only when asked: Reflex refuses --backend-only while a frontend port is configured.
    frontend_port=settings.frontend_port if "FRONTEND_PORT" in os.environ else None,
    backend_port=settings.backend_port,
    # Explicit origins: Reflex's CORS middleware allows credentials, so "*" would echo anyone.
    cors_allowed_origins=list(settings.cors_origins),
    # Page state: in Redis when REDIS_URL is set (several workers; Reflex reads it as redis_url),
    # else in the backend's memory; never in .states files (they would hold live session tokens).
    redis_url=settings.redis_url or None,
    state_manager_mode="redis" if settings.redis_url else "memory",
    trusted_proxy_hops=settings.trusted_proxy_hops,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="violet", gray_color="sand", radius="medium"))],
    disable_plugins=[SitemapPlugin],
)
