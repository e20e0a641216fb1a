"""Who may do what, and how failed sign-ins slow down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from logistics_app.domain.access import (
    ABSOLUTE_TIMEOUT,
    IDLE_TIMEOUT,
    Action,
    Principal,
    can,
    session_expiry,
    wait_before_next_try,
)
from logistics_app.models import Role

pytestmark = pytest.mark.unit
ORGANIZER = Principal(1, "org@amacc.mx", "Org", Role.ORGANIZER)
VIEWER = Principal(2, "prensa@amacc.mx", "Prensa", Role.VIEWER)
FILMA = Principal(3, "coord@filma.mx", "Coord", Role.COORDINATOR, agency_id=7)
NOW = datetime(2025, 9, 20, 12, tzinfo=UTC)


def test_organizers_may_do_everything_and_nobody_signed_out_may_do_anything() -> None:
    assert [a for a in Action if not can(ORGANIZER, a, agency_id=99)] == [Action.TALLY]
    assert not any(can(None, action) for action in Action)


def test_only_organizers_with_the_tally_permission_handle_sealed_winners() -> None:
    tally = Principal(4, "e@amacc.mx", "Escrutinio", Role.ORGANIZER, can_tally=True)
    assert all(can(tally, action) for action in Action)
    assert not can(Principal(5, "c@filma.mx", "C", Role.COORDINATOR, agency_id=7, can_tally=True), Action.TALLY)


def test_a_viewer_reads_the_workspace_and_changes_nothing() -> None:
    assert [a for a in Action if can(VIEWER, a)] == [Action.VIEW_WORKSPACE]


def test_a_coordinator_acts_for_their_own_agency_only() -> None:
    assert can(FILMA, Action.UPDATE_DELIVERABLE, agency_id=7)
    assert not can(FILMA, Action.UPDATE_DELIVERABLE, agency_id=8)
    assert not can(FILMA, Action.USE_PORTAL, agency_id=8)
    assert not can(FILMA, Action.VIEW_WORKSPACE)
    assert not can(FILMA, Action.EDIT_SCHEDULE)


def test_failed_sign_ins_wait_longer_each_time() -> None:
    waits = [wait_before_next_try(n, NOW, NOW).total_seconds() for n in range(7)]
    assert waits == [0, 0, 0, 1, 2, 4, 8]
    assert wait_before_next_try(5, NOW, NOW + timedelta(seconds=5)) == timedelta(0)


def test_sessions_end_when_idle_and_at_the_absolute_limit() -> None:
    assert session_expiry(NOW, NOW) == NOW + IDLE_TIMEOUT
    late = NOW + ABSOLUTE_TIMEOUT - timedelta(hours=1)
    assert session_expiry(NOW, late) == NOW + ABSOLUTE_TIMEOUT
