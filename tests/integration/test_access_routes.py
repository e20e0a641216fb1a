"""What each HTTP route gives to whom: an agency's private feed holds its own items and never
another agency's; the public routes hold only the public programme; deliverables are in none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from logistics_app.api.routes import build_api
from logistics_app.db import session_scope
from logistics_app.models import Agency, FeedKind, ScheduleItem, Visibility
from logistics_app.services import accounts, deliverables, subscriptions
from tests.integration.test_feeds_http import AsgiClient

pytestmark = pytest.mark.integration
# Sectur's and AMACC's items that do not involve Filma Jalisco at all (demo data).
NOT_FILMAS = ("Traslado hotel – CIC", "Llegada de nominados y traslado al hotel", "Recepción para nominados")
INTERNAL = "Montaje de escenario e iluminación"
SECRET_DELIVERABLE = "Lista confidencial de hospedaje de nominados"


@pytest.fixture
def world(demo: Engine) -> Iterator[tuple[AsgiClient, dict[str, str], dict[str, str]]]:
    """The API, a private feed token per agency, and the demo's non-public items' UIDs by title."""
    with session_scope(demo) as session:
        tokens = {
            slug: subscriptions.issue_token(
                session=session,
                kind=FeedKind.AGENCY,
                owner_id=session.exec(select(Agency.id).where(Agency.slug == slug)).one(),
            )
            for slug in ("filma-jalisco", "sectur-jalisco")
        }
        hidden = {
            item.title: item.uid
            for item in session.exec(select(ScheduleItem).where(ScheduleItem.visibility != Visibility.PUBLIC))
        }
        org = accounts.create_user(
            session=session, email="org@amacc.mx", name="Org", password="Vallarta-2025!", role="organizer"
        )
        gala = session.exec(select(ScheduleItem.id).where(ScheduleItem.title == "Traslado hotel – CIC")).one()
        deliverables.assign(
            session=session,
            actor=accounts.principal_of(org),
            slug="ariel-2025",
            form={"item": str(gala), "agency": "sectur-jalisco", "title": SECRET_DELIVERABLE},
        )
    yield AsgiClient(build_api(demo)), tokens, hidden


def test_an_agencys_private_feed_has_its_items_and_never_another_agencys(world) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _ = world
    filma = client.get(f"/cal/private/{tokens['filma-jalisco']}.ics").text
    sectur = client.get(f"/cal/private/{tokens['sectur-jalisco']}.ics").text
    assert "Atención a medios acreditados" in filma  # Filma leads it (shared with agencies)
    for title in (*NOT_FILMAS, INTERNAL, SECRET_DELIVERABLE):
        assert title not in filma, title
    assert "Traslado hotel – CIC" in sectur
    assert INTERNAL not in sectur and SECRET_DELIVERABLE not in sectur


@pytest.mark.parametrize(
    "path",
    [
        "/cal/events/ariel-2025.ics",
        "/cal/venues/cic-puerto-vallarta.ics",
        "/api/events/ariel-2025/schedule.json",
        "/cal/events/ariel-2025.ics?lang=en",
    ],
)
def test_public_routes_hold_only_the_public_programme(world, path: str) -> None:  # type: ignore[no-untyped-def]
    client, _, hidden = world
    response = client.get(path)
    assert response.status_code == 200
    for title, uid in hidden.items():
        assert title not in response.text and uid not in response.text, title
    assert SECRET_DELIVERABLE not in response.text


def test_a_non_public_item_has_no_feed_of_its_own_and_no_place_in_an_agenda(world) -> None:  # type: ignore[no-untyped-def]
    client, _, hidden = world
    for uid in hidden.values():
        assert client.get(f"/cal/items/{uid}.ics").status_code == 404
    agenda = client.post("/api/agenda", json={"uids": list(hidden.values())}).json()
    feed = client.get(f"/cal/private/{agenda['token']}.ics").text
    assert "BEGIN:VEVENT" not in feed


def test_a_made_up_or_revoked_token_reads_nothing(world) -> None:  # type: ignore[no-untyped-def]
    client, tokens, _ = world
    assert client.get("/cal/private/no-es-un-token.ics").status_code == 404
    with session_scope(client.app.state.engine) as session:  # type: ignore[attr-defined]
        subscriptions.rotate_token(session=session, token=tokens["filma-jalisco"], kind=FeedKind.AGENCY)
    assert client.get(f"/cal/private/{tokens['filma-jalisco']}.ics").status_code == 404
