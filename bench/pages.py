"""Page timings in headless Chromium (make bench), against the app in development mode:
the public programme of Rumbo al Ariel (781 public items) and the organizer's schedule of an event
with 2,000 items."""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from playwright.sync_api import sync_playwright

from logistics_app.db import make_engine, session_scope
from logistics_app.demo.loader import seed_demo
from logistics_app.infra.database import migrate
from logistics_app.models import Event, EventKind, ItemKind, ItemStatus, ScheduleItem, Space, Venue
from logistics_app.services.accounts import create_user
from logistics_app.settings import get_settings
from tests.apprunner import reflex_app

FRONTEND, BACKEND = 3119, 8119
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
RUNS = 5
EMAIL, PASSWORD = "bench@amacc.mx", "Vallarta-2025!"


def prepare(folder: Path) -> None:
    """The demo plus an event of 2,000 items over 10 days in 8 spaces (a third confirmed)."""
    engine = make_engine(f"sqlite:///{folder / 'app.db'}")
    migrate(engine)
    with session_scope(engine) as session:
        seed_demo(session=session, dataset=get_settings().rumbo_dataset)
        event = Event(
            slug="festival-2000",
            name="Festival de 2,000 actividades",
            kind=EventKind.FESTIVAL,
            start_date=date(2026, 3, 1),
            end_date=date(2026, 3, 10),
        )
        venue = Venue(slug="sede-festival", name="Sede del festival")
        session.add_all([event, venue])
        session.flush()
        spaces = [Space(venue_id=venue.id, name=f"Sala {n}") for n in range(1, 9)]  # type: ignore[arg-type]
        session.add_all(spaces)
        session.flush()
        origin = datetime(2026, 3, 1, 15, tzinfo=UTC)
        session.add_all(
            ScheduleItem(
                event_id=event.id,  # type: ignore[arg-type]
                title=f"Función {i}",
                kind=ItemKind.SCREENING,
                start_utc=origin + timedelta(days=i // 200, minutes=(i % 25) * 30),
                end_utc=origin + timedelta(days=i // 200, minutes=(i % 25) * 30 + 25),
                venue_id=venue.id,
                space_id=spaces[(i // 25) % 8].id,
                status=ItemStatus.CONFIRMED if i % 3 == 0 else ItemStatus.TENTATIVE,
            )
            for i in range(2000)
        )
        create_user(session=session, email=EMAIL, name="Organización", password=PASSWORD, role="organizer")
    engine.dispose()


def timed(action, done) -> float:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    action()
    done()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    ready = [f"http://127.0.0.1:{BACKEND}/ping", f"http://127.0.0.1:{FRONTEND}/"]
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        prepare(Path(tmp))
        with (
            reflex_app(
                Path(tmp), "bench-app.log", ["--env", "dev"], ready, FRONTEND_PORT=FRONTEND, BACKEND_PORT=BACKEND
            ),
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            public = f"http://localhost:{FRONTEND}/eventos/rumbo-al-ariel-2025"
            organizer = f"http://localhost:{FRONTEND}/organizar/eventos/festival-2000/programa"
            # The organizer's pages need a signed-in browser: sign in once, reuse its storage.
            login = browser.new_context().new_page()
            login.goto(f"http://localhost:{FRONTEND}/entrar")
            login.locator("#login-email").fill(EMAIL)
            login.locator("#login-password").fill(PASSWORD)
            login.locator("#login-submit").click()
            login.locator("#signed-in-as").wait_for(timeout=120_000)
            signed_in = login.context.storage_state()
            login.context.close()
            # Warm-up: the development server compiles each page on its first request.
            for url, text in ((public, "781 actividades"), (organizer, "2000 actividades")):
                warm = browser.new_context(storage_state=signed_in).new_page()
                warm.goto(url)
                warm.get_by_text(text).wait_for(timeout=120_000)
                warm.close()
            for _ in range(RUNS):
                page = browser.new_page(viewport={"width": 360, "height": 800})
                figures.setdefault("public: open (781 items, 30 a page)", []).append(
                    timed(
                        lambda p=page: p.goto(public),
                        lambda p=page: p.get_by_text("781 actividades").wait_for(timeout=60_000),
                    )
                )
                page.locator("#mas-filtros").click()
                figures.setdefault("public: filter by state", []).append(
                    timed(
                        lambda p=page: p.locator("#filtro-estado").select_option("Jalisco"),
                        lambda p=page: p.wait_for_function(
                            "() => /estado=Jalisco/.test(location.search) && "
                            "!document.body.innerText.includes('781 actividades')",
                            timeout=60_000,
                        ),
                    )
                )
                search = page.locator("#buscar")
                figures.setdefault("public: search 'pedro paramo'", []).append(
                    timed(
                        lambda s=search: (s.fill("pedro paramo"), s.press("Enter")),
                        lambda p=page: p.get_by_text("3 actividades").wait_for(timeout=60_000),
                    )
                )
                page.close()
                page = browser.new_context(storage_state=signed_in, viewport={"width": 1280, "height": 900}).new_page()
                figures.setdefault("organizer: open (2,000 items, 50 a page)", []).append(
                    timed(
                        lambda p=page: p.goto(organizer),
                        lambda p=page: p.get_by_text("2000 actividades").wait_for(timeout=60_000),
                    )
                )
                figures.setdefault("organizer: filter by status", []).append(
                    timed(
                        lambda p=page: p.locator("#plan-estado").select_option("confirmed"),
                        lambda p=page: p.get_by_text("667 actividades").wait_for(timeout=60_000),
                    )
                )
                page.close()
            browser.close()
    print(f"pages in headless Chromium, {RUNS} runs, development server (median / max):")
    for label, values in figures.items():
        print(f"  {label:42} {statistics.median(values):7.0f} ms / {max(values):7.0f} ms")


if __name__ == "__main__":
    main()
