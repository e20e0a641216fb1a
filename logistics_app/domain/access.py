"""Who may do what, and how sign-in attempts are throttled. Plain rules, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from logistics_app.domain.errors import Forbidden
from logistics_app.models.enums import Role

# Sign-in failures are counted per (client address, account) and per client address. For a pair,
# the first failures cost nothing, then each waits twice as long, and many lock that pair: the
# account stays open to its owner elsewhere, so a stranger cannot lock someone out, only himself.
# An address that fails on many accounts waits too.
FREE_FAILURES = 3
LOCK_AFTER = 10
LOCK_FOR = timedelta(minutes=15)
ADDRESS_FREE_FAILURES = 20
MAX_WAIT = timedelta(minutes=5)
# Failures older than this are forgotten.
FAILURES_KEPT = timedelta(days=1)
# A session ends after this long unused, and in any case after the absolute limit.
IDLE_TIMEOUT = timedelta(hours=8)
ABSOLUTE_TIMEOUT = timedelta(days=7)
INVITATION_VALID = timedelta(days=7)
MIN_PASSWORD = 10
MAX_PASSWORD = 256  # hashing a longer one is work an attacker chooses


class Action(StrEnum):
    VIEW_WORKSPACE = "view_workspace"  # the organizer's pages, read-only
    EDIT_SCHEDULE = "edit_schedule"  # items, events, venues, imports, external calendars
    MANAGE_USERS = "manage_users"  # invitations
    PUBLISH = "publish"
    ASSIGN_DELIVERABLES = "assign_deliverables"
    USE_PORTAL = "use_portal"  # "Mi agencia"
    UPDATE_DELIVERABLE = "update_deliverable"  # its status and notes, for the agency it belongs to
    STATE_CREW = "state_crew"  # the agency's crew per role and day
    TALLY = "tally"  # "escrutinio": enter and reveal the award winners (organizers with the permission)


_ALLOWED: dict[Role, frozenset[Action]] = {
    Role.ORGANIZER: frozenset(Action) - {Action.TALLY},
    Role.VIEWER: frozenset({Action.VIEW_WORKSPACE}),
    Role.COORDINATOR: frozenset({Action.USE_PORTAL, Action.UPDATE_DELIVERABLE, Action.STATE_CREW}),
}
# What only concerns one agency: a coordinator may do it for their own agency alone.
_AGENCY_BOUND = frozenset({Action.USE_PORTAL, Action.UPDATE_DELIVERABLE, Action.STATE_CREW})


@dataclass(frozen=True)
class Principal:
    """The signed-in person, as the rules see them."""

    user_id: int
    email: str
    name: str
    role: Role
    agency_id: int | None = None
    can_tally: bool = False


def can(principal: Principal | None, action: Action, *, agency_id: int | None = None) -> bool:
    """Whether the person may do this; for an agency's things, pass which agency they belong to."""
    if principal is None:
        return False
    if action == Action.TALLY:
        return principal.role == Role.ORGANIZER and principal.can_tally
    if action not in _ALLOWED[principal.role]:
        return False
    if principal.role == Role.COORDINATOR and action in _AGENCY_BOUND:
        return agency_id is None or agency_id == principal.agency_id
    return True


def require(principal: Principal | None, action: Action, *, agency_id: int | None = None) -> None:
    """Raises Forbidden unless the person may do this (see `can`)."""
    if not can(principal, action, agency_id=agency_id):
        raise Forbidden()


def wait_before_next_try(
    failures: int, last_failure: datetime | None, now: datetime, free: int = FREE_FAILURES
) -> timedelta:
    """How long the next sign-in attempt must still wait (zero when it may go ahead)."""
    if failures < free or last_failure is None:
        return timedelta(0)
    delay = min(MAX_WAIT, timedelta(seconds=2 ** min(failures - free, 20)))
    return max(timedelta(0), last_failure + delay - now)


def session_expiry(created: datetime, now: datetime) -> datetime:
    """A session used now stays valid for the idle timeout, never past the absolute limit."""
    return min(now + IDLE_TIMEOUT, created + ABSOLUTE_TIMEOUT)
