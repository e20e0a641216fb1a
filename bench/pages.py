"""Page timings in headless Chromium (make bench): opening and filtering the Rumbo al Ariel programme
(781 public items: 772 screenings and 9 TV slots) against the app in development mode."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

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


def timed(action, done) -> float:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    action()
    done()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    ready = [f"http://127.0.0.1:{BACKEND}/ping", f"http://127.0.0.1:{FRONTEND}/"]
    with (
        tempfile.TemporaryDirectory() as tmp,
        reflex_app(Path(tmp), "bench-app.log", ["--env", "dev"], ready, FRONTEND_PORT=FRONTEND, BACKEND_PORT=BACKEND),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        base = f"http://localhost:{FRONTEND}/eventos/rumbo-al-ariel-2025"
        # Warm-up: the development server compiles each page on its first request.
        warm = browser.new_page()
        warm.goto(base)
        warm.get_by_text("781 actividades").wait_for(timeout=120_000)
        warm.close()
        opens, states, searches = [], [], []
        for _ in range(RUNS):
            page = browser.new_page(viewport={"width": 360, "height": 800})
            opens.append(
                timed(
                    lambda p=page: p.goto(base),
                    lambda p=page: p.get_by_text("781 actividades").wait_for(timeout=60_000),
                )
            )
            page.locator("#mas-filtros").click()
            states.append(
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
            searches.append(
                timed(
                    lambda s=search: (s.fill("pedro paramo"), s.press("Enter")),
                    lambda p=page: p.get_by_text("3 actividades").wait_for(timeout=60_000),
                )
            )
            page.close()
        browser.close()
    print(f"public programme in headless Chromium at 360 px, {RUNS} runs, development server (median / max):")
    for label, values in (
        ("open (781 items, first page of 30)", opens),
        ("filter by state", states),
        ("search 'pedro paramo'", searches),
    ):
        print(f"  {label:36} {statistics.median(values):7.0f} ms / {max(values):7.0f} ms")


if __name__ == "__main__":
    main()
