"""Every event handler of the signed-in pages either checks the role on the server or changes
nothing but what the browser shows (listed here, with the reason)."""

from __future__ import annotations

import pytest

from logistics_app.state.accounts import InvitationState, SignInState, UsersState
from logistics_app.state.awards import AwardsState
from logistics_app.state.bulk import BulkState
from logistics_app.state.catalog import OrgEventsState, PanelState
from logistics_app.state.directory import DirectoryEditState, DirectoryState, VenueFormState
from logistics_app.state.external_calendars import ExternalCalendarState
from logistics_app.state.imports import ImportState
from logistics_app.state.nominees import NomineesState
from logistics_app.state.planning import PlanState
from logistics_app.state.portal import PortalState
from logistics_app.state.rundown import RundownState
from logistics_app.state.show import ShowState

pytestmark = pytest.mark.integration

STATES = (
    PlanState,
    BulkState,
    OrgEventsState,
    PanelState,
    DirectoryState,
    DirectoryEditState,
    VenueFormState,
    ExternalCalendarState,
    ImportState,
    UsersState,
    AwardsState,
    RundownState,
    ShowState,
    NomineesState,
)
# Handlers that read or write nothing on the server: they open, close or fill a form in the browser,
# or redirect to a page whose own load is guarded.
HARMLESS = {
    "close_editor",
    "cancel_delete",
    "set_filter",
    "search",
    "go_to_page",
    "toggle_archived",
    "close",
    "close_venue",
    "close_space",
    "close_form",
    "set_url",
    "set_visibility",
    "close_preview",
    "close_dialog",
    "keep_contact",
    "open_adding",
    "set_pick",
    "set_merge_keep",
    "set_venue_query",
    "set_bulk_field",
    "cancel_move",
    "stop_editing_deliverable",
    "keep_deliverable",
    "keep_nomination",
    "stop_editing_nomination",
    "stop_editing",
    "keep",
    "end_drag",
    "clear_selection",
    "set_venue_region",
    # Reflex's setvar(name, value) only calls the state's own set_<name> handler, checked here.
    "setvar",
}


def _own_handlers(state: type) -> dict[str, object]:
    return {name: handler.fn for name, handler in state.event_handlers.items()}


@pytest.mark.parametrize("state", STATES, ids=lambda s: s.__name__)
def test_every_handler_that_reads_or_writes_checks_the_role(state: type) -> None:
    unguarded = sorted(
        name for name, fn in _own_handlers(state).items() if name not in HARMLESS and not hasattr(fn, "guarded_by")
    )
    assert unguarded == []


def test_the_portal_checks_the_agency_in_every_handler() -> None:
    """The portal's handlers resolve the agency and ask can(...) for it before anything else."""
    import inspect

    for name in ("load", "make_feed_link", "revoke_feed_link", "update_deliverable", "save_crew"):
        source = inspect.getsource(PortalState.event_handlers[name].fn)
        assert "self._agency()" in source, name


def test_signing_in_and_invitations_need_no_session() -> None:
    assert set(SignInState.event_handlers) >= {"load", "submit"}
    assert set(InvitationState.event_handlers) >= {"load", "submit"}


# Every handler of every state that runs without the role guard, and why that is safe. A new
# handler must be guarded or named here: the test below fails otherwise.
PUBLIC = {
    "setvar": "Reflex's own: sets one of the state's public vars, as the browser may; guards read the database",
    "LangState.toggle_lang": "the visitor's language",
    "AgendaState.toggle_star": "an attendee's own selection; UIDs checked, count limited",
    "AgendaState.create_calendar": "an attendee's agenda feed; one per browser, public items only",
    "AgendaState.rotate_link": "an attendee's own agenda link only (any other token is refused)",
    "SessionState.sign_out": "ends the browser's own session",
    "SignInState.load": "the sign-in page",
    "SignInState.submit": "signing in: throttled per address and account, hashed off the event loop",
    "InvitationState.load": "the invitation page: the token is the permission",
    "CrewState.load": "the crew's view: the token is the permission; it only reads the show",
    "CrewState.look": "reads again only the event its own token opened (a private var), if it changed",
    "InvitationState.submit": "accepting an invitation: the token is the permission",
    "ForgotPasswordState.load": "the forgotten-password page",
    "ForgotPasswordState.submit": "asking for a reset link: the same answer for any address, three links an hour",
    "PasswordResetState.load": "the reset page: the token is the permission",
    "PasswordResetState.submit": "a new password: the token is the permission; hashed off the event loop",
    "PortalState.load": "checks the agency itself (test_the_portal_checks_the_agency_in_every_handler)",
    "PortalState.update_deliverable": "checks the agency itself",
    "PortalState.save_crew": "checks the agency itself",
    "PortalState.make_feed_link": "checks the agency itself",
    "PortalState.revoke_feed_link": "checks the agency itself; the service refuses another agency's link",
    "HomeState.load": "public page",
    "EventState.load": "public page",
    "EventState.set_zone": "public page: the visitor's zone",
    "EventState.set_filter": "public page: filters in the URL",
    "EventState.search": "public page",
    "EventState.show_past": "public page",
    "EventState.go_to_page": "public page",
    "EventState.clear_filters": "public page",
    "VenueState.load": "public page",
    "WorkState.load": "public page",
    "CategoryState.load": "public page (winners only once revealed)",
    "TvState.load": "public page",
    "ItineraryState.load": "a person's page behind their private link: the unguessable token is the key",
}


def _every_state() -> list[type]:
    import importlib
    import pkgutil

    import reflex as rx

    import logistics_app.state as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"logistics_app.state.{module.name}")

    def below(cls: type) -> list[type]:
        return [s for sub in cls.__subclasses__() for s in (sub, *below(sub))]

    # Mixins (EventWorkspace) are never states of their own: their handlers are checked in each state that mixes them in.
    return [cls for cls in below(rx.State) if cls.__module__.startswith("logistics_app.") and not cls._mixin]


def test_every_handler_of_every_state_is_guarded_or_named_public() -> None:
    unexplained = set()
    for cls in _every_state():
        for name, handler in cls.event_handlers.items():
            if hasattr(handler.fn, "guarded_by") or name in PUBLIC or name in HARMLESS:
                continue
            owner = next(k.__name__ for k in cls.__mro__ if name in vars(k))
            if f"{owner}.{name}" not in PUBLIC:
                unexplained.add(f"{owner}.{name}")
    assert sorted(unexplained) == []


def test_helpers_are_not_event_handlers() -> None:
    """Methods the browser must not call start with an underscore (Reflex makes the others handlers)."""
    from logistics_app.state.session import SessionState

    assert {"principal", "refusal", "actor_id"} & set(SessionState.event_handlers) == set()
    for cls in _every_state():
        assert {"_principal", "_refusal", "_actor_id", "_agency"} & set(cls.event_handlers) == set()


def test_a_guarded_handler_asks_who_is_signed_in_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard's check and the handler's own `_actor_id` (for the change log) share one lookup;
    outside a handler, `_actor_id` asks again."""
    import asyncio

    from logistics_app.domain.access import Action, Principal
    from logistics_app.models import Role
    from logistics_app.state import session as guard

    asked: list[str] = []
    me = Principal(7, "org@amacc.mx", "Org", Role.ORGANIZER)

    def principal_for(token: str) -> Principal:
        asked.append(token)
        return me

    monkeypatch.setattr(guard, "_principal_for", principal_for)

    class Page:
        auth_token = "token"
        _principal = guard.SessionState._principal
        _remember = guard.SessionState._remember
        _refusal_for = guard.SessionState._refusal_for
        _actor_id = guard.SessionState._actor_id

        @guard.guarded(Action.EDIT_SCHEDULE)
        def plain(self) -> int | None:
            return self._actor_id()

        @guard.guarded(Action.EDIT_SCHEDULE)
        async def later(self) -> int | None:
            return self._actor_id()

    page, other = Page(), Page()
    assert page.plain() == 7 and asked == ["token"]
    assert asyncio.run(page.later()) == 7 and len(asked) == 2
    assert other._actor_id() == 7 and len(asked) == 3  # not inside a handler of its own: asked
