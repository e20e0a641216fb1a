"""Mi itinerario in the browser: an organizer e-mails a nominee the link from the nominee page;
the message arrives through the job queue; on a phone, without an account, the link shows the
nominee's flights, hotel, seat and items in Puerto Vallarta time, and the subscribe panel."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from tests.e2e.conftest import OUTPUT
from tests.mailserver import MailHandler

pytestmark = pytest.mark.e2e
ADDRESS = "itinerario@nominada.example.mx"


def test_a_nominee_opens_their_itinerary_from_the_mail(
    app_url: str, signed_in: Any, browser: Any, mail_server: MailHandler
) -> None:
    org = signed_in("organizer", viewport={"width": 1366, "height": 1000})
    org.goto(app_url + "/organizar/eventos/ariel-2025/nominados")
    nominee = org.locator(".nominee").nth(1)
    nominee.wait_for(timeout=60_000)
    name = nominee.get_attribute("data-name")
    nominee.locator("summary").click()
    nominee.locator(".nominee-arrival_flight").fill("Y4 850")  # no time: the programme keeps its items
    nominee.locator(".nominee-hotel").fill("Hotel Villa Premiere")
    nominee.locator(".nominee-seat").fill("B7")
    nominee.locator(".nominee-email").fill(ADDRESS)
    nominee.locator(".nominee-save").click()
    org.get_by_text("Logística guardada").first.wait_for(timeout=30_000)
    nominee.locator(".nominee-send-itinerary").click()
    org.get_by_text(f"Enlace a su itinerario en el correo para {ADDRESS}").wait_for(timeout=30_000)

    deadline = time.monotonic() + 90  # nobody presses "send": the commit asked the backend's job queue
    while not mail_server.to(ADDRESS) and time.monotonic() < deadline:
        time.sleep(0.2)
    (mail,) = mail_server.to(ADDRESS)
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    found = re.search(r"https?://\S+/mi-itinerario/\S+", text)
    assert found is not None, text

    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # no account
    phone.goto(found.group(0))
    phone.locator("#itinerary-name").wait_for(timeout=60_000)
    body = phone.locator("main").inner_text()
    assert name and name in body
    for expected in ("Y4 850", "Hotel Villa Premiere", "B7", "20:00", "Ceremonia de los 67 Premios Ariel"):
        assert expected in body, expected
    assert "America/Mexico_City" in body
    assert phone.locator(".subscribe-webcal").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"
    phone.screenshot(path=str(OUTPUT / "itinerary-phone.png"), full_page=True)

    phone.goto(found.group(0)[:-3] + "abc")
    phone.locator("#itinerary-invalid").wait_for(timeout=60_000)
