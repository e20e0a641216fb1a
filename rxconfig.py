import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from logistics_app.settings import get_settings

settings = get_settings()

config = rx.Config(
    app_name="logistics_app",
    db_url=settings.database_url,
    frontend_port=settings.frontend_port,
    backend_port=settings.backend_port,
    # Explicit origins: Reflex's CORS middleware allows credentials, so "*" would echo anyone.
    cors_allowed_origins=list(settings.cors_origins),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="crimson", gray_color="sand", radius="medium"))],
    disable_plugins=[SitemapPlugin],
)
