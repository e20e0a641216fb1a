"""The Reflex app: theme, page table and HTTP routes. Nothing else."""

from collections.abc import Callable

import reflex as rx
import reflex.app as reflex_app
from reflex.event import EventSpec, EventType
from sqlalchemy.exc import OperationalError

from logistics_app import routes
from logistics_app.api.routes import mount_api
from logistics_app.jobs import migrate_schema, work_in_backend
from logistics_app.pages.accounts import forgot_password, invitation, password_reset, sign_in, users
from logistics_app.pages.awards import awards_page
from logistics_app.pages.catalog import org_events, org_panel
from logistics_app.pages.directory import org_agencies, org_people, org_venues
from logistics_app.pages.events import event_detail
from logistics_app.pages.home import home
from logistics_app.pages.imports import plan_import
from logistics_app.pages.itinerary import itinerary_page
from logistics_app.pages.nominees import nominees_page
from logistics_app.pages.outbox import outbox_page
from logistics_app.pages.planning import plan_programme
from logistics_app.pages.portal import agency_portal
from logistics_app.pages.public import categories, tv, work_detail
from logistics_app.pages.rundown import run_sheet, rundown_page
from logistics_app.pages.show import crew_page, show_page
from logistics_app.pages.venue import venue_detail
from logistics_app.settings import get_settings
from logistics_app.state.accounts import (
    ForgotPasswordState,
    InvitationState,
    PasswordResetState,
    SignInState,
    UsersState,
)
from logistics_app.state.awards import AwardsState
from logistics_app.state.base import LangState
from logistics_app.state.catalog import OrgEventsState, PanelState
from logistics_app.state.directory import DirectoryState, VenueFormState
from logistics_app.state.events import EventState, HomeState, VenueState
from logistics_app.state.external_calendars import ExternalCalendarState  # noqa: F401  (its handlers must be registered)
from logistics_app.state.imports import ImportState
from logistics_app.state.itinerary import ItineraryState
from logistics_app.state.nominees import NomineesState
from logistics_app.state.outbox import OutboxState
from logistics_app.state.planning import PlanState
from logistics_app.state.portal import PortalState
from logistics_app.state.public import CategoryState, TvState, WorkState
from logistics_app.state.rundown import RundownState
from logistics_app.state.show import CrewState, ShowState


def explain_failure(exception: Exception) -> EventSpec:
    """What a person sees when a handler fails: in both languages (the handler's language is not
    known here), never the exception's text; the log keeps the details."""
    reflex_app.default_backend_exception_handler(exception)  # logs the traceback
    unavailable = isinstance(exception, OperationalError)
    toast: EventSpec = rx.toast.error(  # rx.toast is untyped (Any) to mypy
        UNAVAILABLE if unavailable else FAILED, id="backend_error", position="top-center", duration=10_000
    )
    return toast


UNAVAILABLE = "Servicio no disponible por un momento; intente de nuevo. / Service briefly unavailable; try again."
FAILED = (
    "Algo salió mal y no se guardó nada; intente de nuevo. / Something went wrong and nothing was saved; try again."
)

app = rx.App(
    html_lang="es",
    stylesheets=[routes.PRINT_CSS],
    backend_exception_handler=explain_failure,
    api_transformer=mount_api,
    head_components=[
        rx.el.link(rel="icon", href=routes.FAVICON, sizes="32x32"),
        rx.el.link(rel="icon", href=routes.LOGO, type="image/svg+xml"),
        rx.el.link(rel="apple-touch-icon", href=routes.TOUCH_ICON),
    ],
)
app.register_lifespan_task(migrate_schema)
app.register_lifespan_task(work_in_backend)


def _tr(key: str) -> rx.Var[str]:
    """A catalogue entry in the visitor's language (Spanish in the first paint, before the
    browser's choice is read)."""
    return LangState.tr[key].to(str)


DESCRIPTION = _tr("app.description")

# route, page, title, description, on_load
PAGES: list[tuple[str, Callable[[], rx.Component], rx.Var[str], rx.Var[str], EventType[()]]] = [
    (routes.HOME, home, _tr("title.home"), DESCRIPTION, HomeState.load),
    (routes.EVENT, event_detail, EventState.page_title, EventState.page_description, EventState.load),
    (routes.VENUE, venue_detail, _tr("title.venue"), DESCRIPTION, VenueState.load),
    (routes.WORK, work_detail, WorkState.page_title, WorkState.page_description, WorkState.load),
    (routes.CATEGORIES, categories, _tr("title.categories"), DESCRIPTION, CategoryState.load),
    (routes.TV, tv, _tr("title.tv"), DESCRIPTION, TvState.load),
    (routes.PLAN_EVENTS, org_events, _tr("title.plan_events"), DESCRIPTION, OrgEventsState.load),
    (routes.PLAN_PANEL, org_panel, _tr("title.plan_panel"), DESCRIPTION, PanelState.load),
    (routes.PLAN_PROGRAMME, plan_programme, _tr("title.plan_programme"), DESCRIPTION, PlanState.load),
    (routes.PLAN_IMPORT, plan_import, _tr("title.plan_import"), DESCRIPTION, ImportState.load),
    (routes.PLAN_AWARDS, awards_page, _tr("title.plan_awards"), DESCRIPTION, AwardsState.load),
    (routes.PLAN_RUNDOWN, rundown_page, _tr("title.plan_rundown"), DESCRIPTION, RundownState.load),
    (routes.PLAN_RUN_SHEET, run_sheet, _tr("title.plan_run_sheet"), DESCRIPTION, RundownState.load),
    (routes.PLAN_NOMINEES, nominees_page, _tr("title.plan_nominees"), DESCRIPTION, NomineesState.load),
    (routes.PLAN_OUTBOX, outbox_page, _tr("title.plan_outbox"), DESCRIPTION, OutboxState.load),
    (routes.PLAN_SHOW, show_page, _tr("title.plan_show"), DESCRIPTION, ShowState.load),
    (routes.CREW, crew_page, _tr("title.crew"), DESCRIPTION, CrewState.load),
    (routes.PLAN_USERS, users, _tr("title.plan_users"), DESCRIPTION, UsersState.load),
    (routes.PORTAL, agency_portal, _tr("title.portal"), DESCRIPTION, PortalState.load),
    (routes.SIGN_IN, sign_in, _tr("title.sign_in"), DESCRIPTION, SignInState.load),
    (routes.INVITATION, invitation, _tr("title.invitation"), DESCRIPTION, InvitationState.load),
    (routes.FORGOT_PASSWORD, forgot_password, _tr("title.forgot_password"), DESCRIPTION, ForgotPasswordState.load),
    (routes.PASSWORD_RESET, password_reset, _tr("title.password_reset"), DESCRIPTION, PasswordResetState.load),
    (routes.MY_ITINERARY, itinerary_page, _tr("title.itinerary"), DESCRIPTION, ItineraryState.load),
    (routes.PLAN_VENUES, org_venues, _tr("title.plan_venues"), DESCRIPTION, VenueFormState.load_venues),
    (routes.PLAN_AGENCIES, org_agencies, _tr("title.plan_agencies"), DESCRIPTION, DirectoryState.load_agencies),
    (routes.PLAN_PEOPLE, org_people, _tr("title.plan_people"), DESCRIPTION, DirectoryState.load_people),
]
# Link previews (og:image) need an absolute address.
PREVIEW_IMAGE = get_settings().site_url + routes.SOCIAL_PREVIEW
# Pages whose address holds a secret: kept out of search engines, and never sent on as a Referer.
PRIVATE = {routes.INVITATION, routes.PASSWORD_RESET, routes.MY_ITINERARY, routes.CREW}
PRIVATE_META = [{"name": "robots", "content": "noindex, nofollow"}, {"name": "referrer", "content": "no-referrer"}]
for route, page, title, description, on_load in PAGES:
    app.add_page(
        page,
        route=route,
        title=title,
        description=description,
        image=PREVIEW_IMAGE,
        on_load=on_load,
        meta=PRIVATE_META if route in PRIVATE else [],
    )
