"""Private feeds are named in the language they are asked in (?lang=en), in Spanish by default."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.models import Agency, FeedKind, Person, PublishedItem
from logistics_app.queries import feeds
from logistics_app.services import subscriptions
from tests.feedcheck import check_icalendar

pytestmark = pytest.mark.integration
NOW = datetime(2025, 9, 1, 12, tzinfo=UTC)


def _tokens(engine: Engine) -> dict[str, str]:
    """A private link of each kind: Canal 22's, Karla Souza's and an attendee's agenda."""
    with session_scope(engine) as session:
        canal22 = session.exec(select(Agency).where(Agency.slug == "canal-22")).one().id
        karla = session.exec(select(Person).where(Person.name == "Karla Souza")).one().id
        carpet = session.exec(select(PublishedItem.uid).where(PublishedItem.title == "Alfombra roja")).first()
        assert carpet is not None

        def issue(kind: FeedKind, owner: int | None = None, uids: list[str] | None = None) -> str:
            return subscriptions.issue_token(session=session, kind=kind, owner_id=owner, uids=uids)

        return {
            "agency": issue(FeedKind.AGENCY, canal22),
            "person": issue(FeedKind.PERSON, karla),
            "agenda": issue(FeedKind.SELECTION, uids=[carpet]),
        }


def _names(engine: Engine, tokens: dict[str, str], **lang: str) -> dict[str, tuple[str, str]]:
    """Each feed's calendar name (X-WR-CALNAME) and download file name."""
    names = {}
    with Session(engine) as session:
        for what, token in tokens.items():
            feed = feeds.serve(session=session, kind="token", arg=token, now=NOW, **lang)
            names[what] = (str(check_icalendar(feed.body)["X-WR-CALNAME"]), feed.filename)
    return names


def test_private_feed_names_follow_the_language_asked_for_and_default_to_spanish(demo: Engine) -> None:
    tokens = _tokens(demo)
    spanish = {
        "agency": ("Canal 22 · calendario compartido", "canal-22-calendario-compartido.ics"),
        "person": ("Karla Souza · agenda", "karla-souza-agenda.ics"),
        "agenda": ("Mi agenda", "mi-agenda.ics"),
    }
    assert _names(demo, tokens) == spanish
    assert _names(demo, tokens, lang="es") == spanish
    assert _names(demo, tokens, lang="en") == {
        "agency": ("Canal 22 · shared calendar", "canal-22-shared-calendar.ics"),
        "person": ("Karla Souza · schedule", "karla-souza-schedule.ics"),
        "agenda": ("My agenda", "my-agenda.ics"),
    }


def test_an_organizers_export_is_named_in_the_language_asked_for(demo: Engine) -> None:
    with Session(demo) as session:
        spec = feeds.owner_spec(session=session, kind=FeedKind.AGENCY, agency_slug="canal-22", lang="en")
        body = feeds.render(session=session, spec=spec, now=NOW, lang="en").body
    assert str(check_icalendar(body)["X-WR-CALNAME"]) == "Canal 22 · shared calendar"
