"""Mail in the browser: a publication leaves its notices held in the event's outbox; the organizer
looks at one as it will arrive, sends them, and the SMTP server gets each once."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.conftest import OUTPUT
from tests.mailserver import MailHandler

pytestmark = pytest.mark.e2e
FILMA = ["coordina@filma.mx", "prensa@filma.example.mx"]  # the coordinator's account and the contact


def test_an_organizer_reviews_and_sends_the_publication_notices(
    app_url: str, signed_in: Any, mail_server: MailHandler
) -> None:
    org = signed_in("organizer", viewport={"width": 1366, "height": 1000})
    org.goto(app_url + "/organizar/eventos/ariel-2025/programa?q=Recorrido")
    org.locator(".plan-title", has_text="Recorrido por locaciones").click()
    org.locator("#item-start").fill("11:30")
    org.locator("#item-end").fill("14:30")
    org.locator("#save-item").click()
    org.locator(".plan-row", has_text="Recorrido por locaciones").get_by_text("11:30").wait_for(timeout=30_000)
    org.goto(app_url + "/organizar/eventos/ariel-2025")
    org.locator("#publish").click()
    org.get_by_text("Se publicó la versión").wait_for(timeout=30_000)

    org.locator("#outbox-link").click()
    rows = org.locator(".outbox-message", has_text="filma")
    rows.first.wait_for(timeout=60_000)
    assert sorted(r.locator(".outbox-recipient").inner_text() for r in rows.all()) == FILMA
    assert all("En revisión" in r.locator(".outbox-status").inner_text() for r in rows.all())
    assert not [m for m in mail_server.received if set(m.envelope_to) & set(FILMA)]

    rows.first.get_by_role("button", name="Ver").click()
    preview = org.locator("#outbox-preview")
    preview.wait_for(timeout=30_000)
    assert "Para: " in preview.inner_text() and "filma" in preview.inner_text()
    assert "METHOD:" in preview.inner_text()
    org.screenshot(path=str(OUTPUT / "outbox-preview.png"))
    preview.get_by_role("button", name="Cerrar").click()
    # Closed first: while the dialog closes it hands the focus back to "Ver", which would take the
    # typing meant for the note.
    preview.wait_for(state="hidden", timeout=30_000)

    note = org.locator("#outbox-note")
    note.fill("Cambió el horario del recorrido por la lluvia.")
    assert note.input_value() == "Cambió el horario del recorrido por la lluvia."
    org.locator("#save-note").click()
    org.get_by_text(re.compile(r"Nota puesta en \d+ avisos?\.")).wait_for(timeout=30_000)

    org.locator("#send-outbox").click()
    for row in rows.all():
        row.get_by_text("Enviado").wait_for(timeout=60_000)
    org.screenshot(path=str(OUTPUT / "outbox-sent.png"), full_page=True)
    arrived = [m for m in mail_server.received if set(m.envelope_to) & set(FILMA)]
    assert sorted(m.envelope_to[0] for m in arrived) == FILMA
    mail = arrived[0].message
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("Cambió el horario del recorrido por la lluvia.")
    assert "Cambió de horario: Recorrido por locaciones" in text
    # Earlier publications of the other browser tests, held until now, are in the same message.
    methods = [p.get_param("method") for p in mail.walk() if p.get_content_type() == "text/calendar"]
    assert "REQUEST" in methods and set(methods) <= {"REQUEST", "CANCEL"}
