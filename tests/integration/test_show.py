"""The ceremony on the night: the show caller's "next segment" records each segment's actual start
and end, a category's winner is revealed when its announcement is reached (nothing before), the
pace is measured against the broadcast slot, and the crew's link opens only its event."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from logistics_app.db import session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.domain.printing import sheet_html
from logistics_app.integrations.pdf import to_pdf
from logistics_app.models import AwardCategory, Nomination, key_of
from logistics_app.queries import print_sheets
from logistics_app.services import rundown, show, winners
from tests.factories import an_organizer
from tests.integration.test_printing import _text

pytestmark = pytest.mark.integration
SLUG = "ariel-2025"


def _seal_first(session: Session, category_name: str, tally_email: str) -> tuple[AwardCategory, Nomination]:
    """The category's first nomination sealed as its winner (by a new tally)."""
    category = session.exec(select(AwardCategory).where(AwardCategory.name == category_name)).one()
    nomination = session.exec(select(Nomination).where(Nomination.category_id == category.id)).first()
    assert nomination is not None
    tally = an_organizer(session, tally_email, can_tally=True)
    winners.seal(session=session, actor=tally, slug=SLUG, nomination_id=key_of(nomination))
    return category, nomination


def _prepare(engine: Engine) -> tuple[str, object]:
    with session_scope(engine) as session:
        actress, nomination = _seal_first(session, "Mejor Actriz", "escrutinio@amacc.mx")
        rundown.add_segment(session=session, slug=SLUG, form={"kind": "opening", "title": "Apertura", "minutes": "12"})
        rundown.add_segment(
            session=session, slug=SLUG, form={"kind": "category", "category": str(actress.id), "minutes": "8"}
        )
        rundown.add_segment(session=session, slug=SLUG, form={"kind": "closing", "title": "Cierre", "minutes": "10"})
        ceremony = rundown.ceremony_of(session=session, event=rundown.event_by_slug(session=session, slug=SLUG))
        return nomination.work_title, ceremony.start_utc


def _won(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return [n.work_title for n in session.exec(select(Nomination).where(Nomination.is_winner))]


def test_the_caller_drives_the_show_and_the_announcement_reveals_the_category(demo: Engine) -> None:
    title, start = _prepare(demo)
    at = start  # type: ignore[assignment]

    def step(minutes: int) -> str:
        nonlocal at
        at = at + timedelta(minutes=minutes)  # type: ignore[operator]
        with session_scope(demo) as session:
            return show.advance(session=session, slug=SLUG, user_id=None, now=at)

    def look(minutes_later: int = 0) -> show.ShowView:
        with session_scope(demo) as session:
            return show.view(session=session, slug=SLUG, now=at + timedelta(minutes=minutes_later))  # type: ignore[operator]

    before = look()
    assert (before.state, before.current, [u["title"] for u in before.upcoming]) == (
        "before",
        {},
        ["Apertura", "Mejor Actriz"],
    )
    assert (before.planned_total, before.slot_minutes, before.projected) == (30, 180, "")
    assert step(0) == ""  # the show starts on time
    with session_scope(demo) as session:  # the same press from a second device: nothing more
        assert show.advance(session=session, slug=SLUG, user_id=None, now=at, seen="") == ""
    assert look().current["title"] == "Apertura"
    running = look(5)
    assert running.current["title"] == "Apertura" and [u["title"] for u in running.upcoming] == [
        "Mejor Actriz",
        "Cierre",
    ]
    assert running.projected == "−150 min"  # 30 planned minutes in a 180-minute slot
    assert step(14) == ""  # the opening ran two minutes long
    assert _won(demo) == []  # the category is on stage; its envelope not yet open
    assert look().current["title"] == "Mejor Actriz"
    assert step(9) == "Mejor Actriz"  # its announcement reached: revealed
    assert _won(demo) == [title]
    assert step(10) == ""
    assert step(1) == ""  # past the last segment: over
    after = look()
    assert after.state == "over" and after.current == {}
    assert [(s["title"], s["over"]) for s in after.segments] == [
        ("Apertura", "+2 min"),
        ("Mejor Actriz", "+1 min"),
        ("Cierre", "0 min"),
    ]
    assert after.segments[0]["actual"] == "20:00–20:14"
    assert after.projected == "−147 min"
    with session_scope(demo) as session:  # a rehearsal's timings cleared; the reveal stays
        show.reset(session=session, slug=SLUG)
    assert look().state == "before" and _won(demo) == [title]
    at = start - timedelta(days=3)  # type: ignore[operator]  # a rehearsal days before: the slot's length counts
    step(0)
    assert look(2).projected == "−150 min"


def test_the_crew_link_opens_its_event_only_and_a_new_one_kills_the_old(demo: Engine) -> None:
    with session_scope(demo) as session:
        token = show.crew_link(session=session, slug=SLUG)
        assert show.crew_link(session=session, slug=SLUG) == token
        assert show.slug_for_crew(session=session, token=token) == SLUG
        fresh = show.crew_link(session=session, slug=SLUG, rotate=True)
    assert fresh != token
    for wrong in (token, "", "x" * 500):
        with pytest.raises(NotFound), session_scope(demo) as session:
            show.slug_for_crew(session=session, token=wrong)


def test_the_report_after_the_show_reads_timings_and_revealed_winners_only(demo: Engine, tmp_path: Path) -> None:
    """The after-show PDF, read by pdftotext: every segment planned against how it ran, the
    totals, the winner revealed at its announcement, and not a winner still sealed."""
    title, start = _prepare(demo)
    with session_scope(demo) as session:
        _, sealed = _seal_first(session, "Mejor Dirección", "otro.escrutinio@amacc.mx")
    at = start
    for minutes in (0, 14, 9, 10):  # the opening two minutes long, the category one
        at = at + timedelta(minutes=minutes)  # type: ignore[operator]
        with session_scope(demo) as session:
            show.advance(session=session, slug=SLUG, user_id=None, now=at)  # type: ignore[arg-type]
    with session_scope(demo) as session:
        sheet = print_sheets.after_show_sheet(session=session, slug=SLUG)
        english = print_sheets.after_show_sheet(session=session, slug=SLUG, lang="en")
    text = _text(to_pdf(sheet_html(sheet)), tmp_path)
    assert "Informe de la ceremonia" in text
    assert "Tiempos: 30 min planeados, 33 min reales (+3 min)" in text
    assert re.search(r"20:00–20:12\s+Apertura\s+20:00–20:14\s+\+2 min", text)
    assert re.search(r"20:12–20:20\s+Mejor Actriz\s+20:14–20:23\s+\+1 min", text)
    assert re.search(r"20:23\s+Mejor Actriz\s+" + re.escape(title[:20]), text)  # revealed at its announcement
    assert "Categorías reveladas: 1" in text
    assert sealed.work_title not in text and "Mejor Dirección" not in text
    assert "Timings: 30 min planned, 33 min actual (+3 min)" in _text(to_pdf(sheet_html(english)), tmp_path)
