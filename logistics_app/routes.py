"""URL constants and builders: the one place that knows the site's paths."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

HOME = "/"
EVENT = "/eventos/[slug]"
VENUE = "/sedes/[slug]"
WORK = "/peliculas/[slug]"
CATEGORIES = "/eventos/[slug]/nominaciones"
TV = "/tv"
PLAN_EVENTS = "/organizar"
PLAN_PANEL = "/organizar/eventos/[slug]"
PLAN_PROGRAMME = "/organizar/eventos/[slug]/programa"
PLAN_IMPORT = "/organizar/eventos/[slug]/importar"
PLAN_AWARDS = "/organizar/eventos/[slug]/premios"
PLAN_RUNDOWN = "/organizar/eventos/[slug]/ceremonia"
PLAN_NOMINEES = "/organizar/eventos/[slug]/nominados"
PLAN_OUTBOX = "/organizar/eventos/[slug]/correo"
PLAN_RUN_SHEET = "/organizar/eventos/[slug]/ceremonia/imprimir"
PLAN_SHOW = "/organizar/eventos/[slug]/en-vivo"  # the show caller's view on the night
CREW = "/equipo/[token]"  # the crew's read-only copy of it
PLAN_VENUES = "/organizar/sedes"
PLAN_AGENCIES = "/organizar/agencias"
PLAN_PEOPLE = "/organizar/personas"
PLAN_USERS = "/organizar/usuarios"
SIGN_IN = "/entrar"
INVITATION = "/invitacion/[token]"
FORGOT_PASSWORD = "/entrar/olvide"
PASSWORD_RESET = "/restablecer/[token]"
PORTAL = "/mi-agencia"
MY_ITINERARY = "/mi-itinerario/[token]"

# Backend (feeds and JSON), served by the Starlette app mounted in logistics_app.py.
CAL_PREFIX = "/cal"
API_PREFIX = "/api"
EVENT_FEED = "/cal/events/{slug}.ics"
VENUE_FEED = "/cal/venues/{slug}.ics"
PRIVATE_FEED = "/cal/private/{token}.ics"
ITEM_FEED = "/cal/items/{uid}.ics"
SCHEDULE_JSON = "/api/events/{slug}/schedule.json"
LIVE = "/api/events/{slug}/live"  # the ceremony's winners as they are revealed (Server-Sent Events)
WINNERS_JSON = "/api/events/{slug}/winners.json"
AGENDA = "/api/agenda"
AGENDA_TOKEN = "/api/agenda/{token}"
HEALTH = "/api/health"
MAIL_UNSUBSCRIBE = "/api/mail/unsubscribe/{token}"

# Files of assets/, served by the frontend at the site's root.
LOGO = "/logo.svg"
FAVICON = "/favicon.ico"
TOUCH_ICON = "/apple-touch-icon.png"
SOCIAL_PREVIEW = "/social-preview.png"
PRINT_CSS = "/print.css"


# Builders work with text and with Reflex vars alike (they only concatenate), so pages use them too.


def event_url(slug: Any, *, day: str | None = None) -> Any:
    return "/eventos/" + slug + (f"?{urlencode({'dia': day})}" if day else "")


def categories_url(slug: Any, category: Any = None) -> Any:
    url = "/eventos/" + slug + "/nominaciones"
    return url if category is None else url + "?categoria=" + category


def work_url(slug: Any) -> Any:
    return "/peliculas/" + slug


def plan_panel_url(slug: Any) -> Any:
    return "/organizar/eventos/" + slug


def plan_programme_url(slug: Any, query: str = "") -> Any:
    return plan_panel_url(slug) + "/programa" + (f"?{query}" if query else "")


def plan_item_url(slug: Any, item_id: Any) -> Any:
    """The schedule with the item's editor open."""
    return plan_panel_url(slug) + "/programa?editar=" + str(item_id)


def plan_import_url(slug: Any) -> Any:
    return plan_panel_url(slug) + "/importar"


def plan_awards_url(slug: Any) -> Any:
    return plan_panel_url(slug) + "/premios"


def plan_rundown_url(slug: Any) -> Any:
    return plan_panel_url(slug) + "/ceremonia"


def plan_run_sheet_url(slug: Any) -> Any:
    return plan_rundown_url(slug) + "/imprimir"


def plan_show_url(slug: Any) -> Any:
    return plan_panel_url(slug) + "/en-vivo"


def crew_url(token: str) -> str:
    return "/equipo/" + token


def plan_nominees_url(slug: Any) -> Any:
    return plan_panel_url(slug) + "/nominados"


def plan_outbox_url(slug: Any) -> Any:
    return plan_panel_url(slug) + "/correo"


def portal_url(agency_slug: Any = None) -> Any:
    return PORTAL if agency_slug is None else PORTAL + "?agencia=" + agency_slug


def item_download_url(api_url: Any, uid: Any) -> Any:
    """One item as a calendar file, on the backend."""
    return api_url + "/cal/items/" + uid + ".ics"


def workspace_event_slug(path: str) -> str:
    """The event of /organizar/eventos/<slug>/..., or "" for another path."""
    parts = path.strip("/").split("/")
    return parts[2] if len(parts) > 2 and parts[:2] == ["organizar", "eventos"] else ""


def slug_from_path(path: str) -> str:
    """The last path segment of /eventos/<slug>."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def venue_url(slug: Any) -> Any:
    return "/sedes/" + slug


def event_feed_path(slug: str) -> str:
    return EVENT_FEED.format(slug=slug)


def venue_feed_path(slug: str) -> str:
    return VENUE_FEED.format(slug=slug)


def unsubscribe_path(token: str) -> str:
    return MAIL_UNSUBSCRIBE.format(token=token)


def private_feed_path(token: str) -> str:
    return PRIVATE_FEED.format(token=token)


def item_feed_path(uid: str) -> str:
    return ITEM_FEED.format(uid=uid)


def password_reset_url(token: str) -> str:
    return "/restablecer/" + token


def itinerary_url(token: str) -> str:
    return "/mi-itinerario/" + token


def invitation_url(token: str) -> str:
    return "/invitacion/" + token


def safe_next(target: str | None, default: str) -> str:
    """Where to go after signing in: a path on this site only (never another host)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def live_url(api_url: Any, slug: Any) -> Any:
    """The event's live stream of winners, on the backend."""
    return api_url + "/api/events/" + slug + "/live"


def winners_json_url(api_url: Any, slug: Any) -> Any:
    return api_url + "/api/events/" + slug + "/winners.json"
