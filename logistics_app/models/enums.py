"""Closed vocabularies, stored as short strings (values are the stored codes)."""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    AWARDS_CEREMONY = "awards_ceremony"
    LAUNCH = "launch"
    TRAINING_PROGRAMME = "training_programme"
    FESTIVAL = "festival"
    PRESS_EVENT = "press_event"
    SCREENING_CIRCUIT = "screening_circuit"


class AgencyKind(StrEnum):
    GOVERNMENT = "government"
    FILM_COMMISSION = "film_commission"
    ACADEMY = "academy"
    SPONSOR = "sponsor"
    VENUE_OPERATOR = "venue_operator"
    PRESS = "press"
    EDUCATION = "education"


class ItemKind(StrEnum):
    CEREMONY = "ceremony"
    RED_CARPET = "red_carpet"
    REHEARSAL = "rehearsal"
    MASTERCLASS = "masterclass"
    WORKSHOP = "workshop"
    PRESS_CONFERENCE = "press_conference"
    TRANSPORT = "transport"
    SETUP = "setup"
    RECEPTION = "reception"
    SCREENING = "screening"
    BROADCAST = "broadcast"
    TOUR = "tour"
    MEETING = "meeting"
    DEADLINE = "deadline"


class ItemStatus(StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class Visibility(StrEnum):
    PUBLIC = "public"
    AGENCIES = "agencies"
    INTERNAL = "internal"


class ParticipantRole(StrEnum):
    NOMINEE = "nominee"
    PRESENTER = "presenter"
    HOST = "host"
    INSTRUCTOR = "instructor"
    SPEAKER = "speaker"
    PERFORMER = "performer"
    CREW = "crew"
    GUEST = "guest"
    OFFICIAL = "official"


class FeedKind(StrEnum):
    AGENCY = "agency"
    PERSON = "person"
    SELECTION = "selection"


class Role(StrEnum):
    ORGANIZER = "organizer"  # everything
    COORDINATOR = "coordinator"  # one agency's portal: its items, its deliverables
    VIEWER = "viewer"  # reads the organizer's workspace, changes nothing (e.g. the press office)


class DeliverableStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DONE = "done"
    BLOCKED = "blocked"  # with a reason


class CrewRole(StrEnum):
    GAFFER = "gaffer"  # eléctricos / iluminación
    STAGEHAND = "stagehand"  # tramoyistas
    TECHNICIAN = "technician"  # técnicos de producción
    DRIVER = "driver"  # choferes


class MessageStatus(StrEnum):
    HELD = "held"  # waiting for an organizer to review and send it
    QUEUED = "queued"  # waiting to be sent (again, after a failed attempt)
    SENDING = "sending"  # a worker took it
    SENT = "sent"
    FAILED = "failed"  # gave up after the last attempt


class MessageKind(StrEnum):
    DIGEST = "digest"  # a publication's changes, for an agency's addresses
    REMINDER = "reminder"  # a deliverable due within a day, for its agency
    ALERT = "alert"  # a deliverable blocked, for the organizers
    ITINERARY = "itinerary"  # a nominee's own items, days before the event
