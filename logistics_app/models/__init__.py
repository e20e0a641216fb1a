"""SQLModel tables, one module per aggregate. Never imports reflex."""

from logistics_app.models import audit as _audit  # noqa: F401  (registers the change log)
from logistics_app.models.account import Invitation, LoginSession, LoginThrottle, PasswordReset, User
from logistics_app.models.agency import Agency, AgencyContact
from logistics_app.models.awards import AwardCategory, Nomination, NominationPerson, RevealRecord, SealedWinner
from logistics_app.models.deliverable import CrewCapacity, Deliverable
from logistics_app.models.enums import (
    AgencyKind,
    CrewRole,
    DeliverableStatus,
    EventKind,
    FeedKind,
    ItemKind,
    ItemStatus,
    MessageKind,
    MessageStatus,
    ParticipantRole,
    Role,
    Visibility,
)
from logistics_app.models.event import Event
from logistics_app.models.external import BusyBlock, CalendarSubscription
from logistics_app.models.feed import DataVersion, FeedState, FeedToken
from logistics_app.models.keys import key_of, not_null
from logistics_app.models.nominee import NomineeLogistics
from logistics_app.models.outbox import MailOptOut, OutboxMessage
from logistics_app.models.person import Person
from logistics_app.models.release import ChangeRecord, ScheduleRelease
from logistics_app.models.rundown import RunSegment, SegmentPresenter
from logistics_app.models.schedule import (
    ItemParticipant,
    ItemSupportingAgency,
    PublishedItem,
    ScheduleItem,
    new_uid,
)
from logistics_app.models.typed import rows_of, table_of
from logistics_app.models.undo import UndoEntry
from logistics_app.models.venue import Space, Venue
from logistics_app.models.versioning import current_version, version_stamp
from logistics_app.models.work import Work

__all__ = [
    "Agency",
    "AgencyContact",
    "AgencyKind",
    "AwardCategory",
    "BusyBlock",
    "CalendarSubscription",
    "ChangeRecord",
    "CrewCapacity",
    "CrewRole",
    "DataVersion",
    "Deliverable",
    "DeliverableStatus",
    "Event",
    "EventKind",
    "FeedKind",
    "FeedState",
    "FeedToken",
    "Invitation",
    "ItemKind",
    "ItemParticipant",
    "ItemStatus",
    "ItemSupportingAgency",
    "LoginSession",
    "LoginThrottle",
    "MailOptOut",
    "MessageKind",
    "MessageStatus",
    "Nomination",
    "NominationPerson",
    "NomineeLogistics",
    "OutboxMessage",
    "ParticipantRole",
    "PasswordReset",
    "Person",
    "PublishedItem",
    "RevealRecord",
    "Role",
    "RunSegment",
    "ScheduleItem",
    "ScheduleRelease",
    "SealedWinner",
    "SegmentPresenter",
    "Space",
    "UndoEntry",
    "User",
    "Venue",
    "Visibility",
    "Work",
    "current_version",
    "key_of",
    "new_uid",
    "not_null",
    "rows_of",
    "table_of",
    "version_stamp",
]
