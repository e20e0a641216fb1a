"""Every event handler of the signed-in pages either checks the role on the server or changes
nothing but what the browser shows (listed here, with the reason)."""

from __future__ import annotations

import pytest

from logistics_app.state.auth import InvitationState, SignInState, UsersState
from logistics_app.state.awards import AwardsState
from logistics_app.state.directory import DirectoryState, VenueFormState
from logistics_app.state.external import ExternalCalendarState
from logistics_app.state.imports import ImportState
from logistics_app.state.nominees import NomineesState
from logistics_app.state.organizer import OrgEventsState, PanelState
from logistics_app.state.planning import PlanState
from logistics_app.state.portal import PortalState
from logistics_app.state.rundown import RundownState

pytestmark = pytest.mark.integration

STATES = (
    PlanState,
    OrgEventsState,
    PanelState,
    DirectoryState,
    VenueFormState,
    ExternalCalendarState,
    ImportState,
    UsersState,
    AwardsState,
    RundownState,
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

    for name in ("load", "make_feed_link", "update_deliverable", "save_crew"):
        source = inspect.getsource(PortalState.event_handlers[name].fn)
        assert "self._agency()" in source, name


def test_signing_in_and_invitations_need_no_session() -> None:
    assert set(SignInState.event_handlers) >= {"load", "submit"}
    assert set(InvitationState.event_handlers) >= {"load", "submit"}
