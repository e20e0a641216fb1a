"""Each role in the browser: what it may see and do, and what the server refuses even when the
browser is made to ask for it (a crafted event sent over the app's own websocket)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.e2e.conftest import OUTPUT, PASSWORD
from tests.mailserver import MailHandler

pytestmark = pytest.mark.e2e
PROGRAMME = "/organizar/eventos/ariel-2025/programa"


def _relay(page: Any) -> dict[str, Any]:
    """Relays the page's websocket and keeps what it sends, so a test can send its own events too."""
    seen: dict[str, Any] = {"frames": []}

    def route(ws: Any) -> None:
        server = ws.connect_to_server()
        seen["server"] = server

        def from_page(message: str | bytes) -> None:
            seen["frames"].append(message)
            server.send(message)

        ws.on_message(from_page)
        server.on_message(lambda message: ws.send(message))

    page.route_web_socket(re.compile(r".*/_event.*"), route)
    return seen


def _send_event(seen: dict[str, Any], state: type, handler: str, payload: dict[str, Any]) -> None:
    """Sends `handler` of `state` over the page's own connection (its session), as the page would."""
    connect = next(f for f in seen["frames"] if isinstance(f, str) and f.startswith("40/_event,"))
    router_data = json.loads(connect.split(",", 1)[1])["event"]["router_data"]
    event = {"name": f"{state.get_full_name()}.{handler}", "payload": payload, "router_data": router_data}
    seen["server"].send("42/_event," + json.dumps(["event", event]))


def test_signing_in_returns_to_the_page_asked_for_and_signing_out_ends_it(app_url: str, browser: Any) -> None:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(app_url + PROGRAMME)
    page.wait_for_url(re.compile(r".*/entrar\?siguiente=.*"), timeout=60_000)
    page.locator("#login-email").fill("organiza@amacc.mx")
    page.locator("#login-password").fill("no es la contraseña")
    page.locator("#login-submit").click()
    assert page.locator("#login-error").inner_text(timeout=30_000) == "El correo o la contraseña no coinciden."
    page.screenshot(path=str(OUTPUT / "sign-in-error.png"))
    page.locator("#login-password").fill(PASSWORD)
    page.locator("#login-submit").click()
    page.locator(".plan-row").first.wait_for(timeout=60_000)  # other tests change the count
    assert page.url.endswith(PROGRAMME)
    assert page.locator("#signed-in-as").inner_text() == "Organización AMACC · organización"
    page.locator("#sign-out").click()
    page.wait_for_url(re.compile(r".*/entrar$"), timeout=30_000)
    page.goto(app_url + PROGRAMME)
    page.wait_for_url(re.compile(r".*/entrar\?siguiente=.*"), timeout=30_000)


def test_a_viewer_reads_the_schedule_and_the_server_refuses_its_changes(
    app_url: str, signed_in: Any, browser: Any
) -> None:
    from logistics_app.state.catalog import OrgEventsState

    page = signed_in("viewer", viewport={"width": 1280, "height": 900})
    seen = _relay(page)
    page.goto(app_url + PROGRAMME)
    page.locator(".plan-row").first.wait_for(timeout=60_000)  # other tests change the count
    assert page.locator("#read-only").inner_text() == "Solo lectura: su cuenta puede ver, no cambiar."
    assert page.locator("#new-item").count() == 0 and page.locator("#import-calendar").count() == 0
    page.screenshot(path=str(OUTPUT / "viewer-programme.png"))

    _send_event(seen, OrgEventsState, "set_archived", {"slug": "ariel-2025", "archived": True})
    page.get_by_text("Su cuenta no tiene permiso para esto.").wait_for(timeout=30_000)
    public = browser.new_page()
    public.goto(app_url + "/")
    public.locator("[data-slug='ariel-2025']").wait_for(timeout=60_000)  # not archived: still on the home page
    public.close()


def test_a_coordinator_sees_its_agency_only(app_url: str, signed_in: Any) -> None:
    from logistics_app.state.planning import PlanState

    page = signed_in("filma", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + "/mi-agencia")
    page.get_by_role("heading", name="Mi agencia · Filma Jalisco").wait_for(timeout=60_000)
    assert page.locator(".portal-item").count() > 0
    page.screenshot(path=str(OUTPUT / "portal-filma.png"), full_page=True)

    # The organizer's workspace sends a coordinator to the portal.
    page.goto(app_url + PROGRAMME)
    page.wait_for_url(re.compile(r".*/mi-agencia$"), timeout=30_000)

    # Another agency's portal is refused, and nothing of it is shown.
    seen = _relay(page)
    page.goto(app_url + "/mi-agencia?agencia=sectur-jalisco")
    page.get_by_text("Su cuenta no tiene permiso para esto.").wait_for(timeout=30_000)
    assert page.locator(".portal-item").count() == 0
    assert "Sectur" not in page.locator("h1").inner_text()

    # Crafted: a schedule change sent over the websocket is refused by the server.
    _send_event(seen, PlanState, "duplicate", {"item_id": "1"})
    page.get_by_text("Su cuenta no tiene permiso para esto.").nth(0).wait_for(timeout=30_000)


def test_an_organizer_invites_a_coordinator_who_sets_a_password(
    app_url: str, signed_in: Any, browser: Any, mail_server: MailHandler
) -> None:
    page = signed_in("organizer", viewport={"width": 1280, "height": 1000})
    page.goto(app_url + "/organizar/usuarios")
    page.locator("#user-email").fill("logistica@netflix.example.com")
    page.locator("#user-role").select_option("coordinator")
    page.locator("#user-agency").select_option("netflix")
    page.locator("#invite").click()
    link = page.locator("#invitation-link").inner_text(timeout=30_000)
    assert "/invitacion/" in link
    assert "Le enviamos este enlace por correo" in page.locator("#invitation-link").locator("..").inner_text()
    for _ in range(100):  # the same link arrives by e-mail
        if mail_server.to("logistica@netflix.example.com"):
            break
        page.wait_for_timeout(100)
    assert link in mail_server.to("logistica@netflix.example.com")[0].get_content()
    page.screenshot(path=str(OUTPUT / "users-invite.png"))

    guest = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    guest.goto(app_url + "/invitacion/" + link.rsplit("/", 1)[1])
    guest.locator("#invite-name").fill("Logística Netflix")
    guest.locator("#invite-password").fill("corta")
    guest.locator("#invite-submit").click()
    assert "al menos 10" in guest.locator("#invite-error-password").inner_text(timeout=30_000)
    guest.locator("#invite-password").fill(PASSWORD)
    guest.locator("#invite-submit").click()
    guest.get_by_role("heading", name="Mi agencia · Netflix").wait_for(timeout=60_000)

    # The link works once.
    again = browser.new_context().new_page()
    again.goto(app_url + "/invitacion/" + link.rsplit("/", 1)[1])
    again.locator("#invitation-gone").wait_for(timeout=60_000)

    # An organizer turns the new account off: its open page loses access at the next action.
    page.reload()
    row = page.locator(".user-row", has_text="logistica@netflix.example.com")
    row.locator(".access-active").uncheck()
    row.locator(".access-save").click()
    page.get_by_text("Cuenta actualizada.").wait_for(timeout=30_000)
    row.get_by_text("Desactivada").wait_for(timeout=30_000)
    page.screenshot(path=str(OUTPUT / "users-access.png"), full_page=True)
    guest.reload()
    guest.wait_for_url(re.compile(r".*/entrar"), timeout=60_000)


def test_a_deliverable_goes_from_the_organizer_to_its_agency_and_no_other(app_url: str, signed_in: Any) -> None:
    from logistics_app.state.portal import PortalState

    org = signed_in("organizer", viewport={"width": 1280, "height": 1100})
    org.goto(app_url + "/organizar/eventos/ariel-2025")
    form = org.locator("#deliverables")
    form.wait_for(timeout=60_000)
    gala = org.locator("#deliverable-item option", has_text="Ceremonia de los 67 Premios Ariel").get_attribute("value")
    org.locator("#deliverable-item").select_option(gala)
    org.locator("#deliverable-agency").select_option("filma-jalisco")
    org.locator("#deliverable-title").fill("Iluminación del escenario")
    org.locator("#deliverable-crew_role").select_option("gaffer")
    org.locator("#deliverable-crew_count").fill("14")
    org.locator("#deliverable-due_day").fill("2025-09-19")
    org.locator("#deliverable-due_time").fill("18:00")
    org.locator("#assign-deliverable").click()
    form.locator(".deliverable", has_text="Iluminación del escenario").wait_for(timeout=30_000)
    assert "0 de 1 hechos" in org.locator(".deliverable-progress").inner_text()

    filma = signed_in("filma", viewport={"width": 1280, "height": 1100})
    filma.goto(app_url + "/mi-agencia")
    mine = filma.locator("#portal-deliverables .deliverable", has_text="Iluminación del escenario")
    mine.wait_for(timeout=60_000)
    mine.locator(".deliverable-status").select_option("confirmed")
    mine.locator(".deliverable-notes").fill("Cuadrilla de Guadalajara, llega el viernes")
    mine.locator(".deliverable-save").click()
    filma.get_by_text("Entregable actualizado.").wait_for(timeout=30_000)
    filma.locator("#crew-day").fill("2025-09-20")
    filma.locator("#crew-role").select_option("gaffer")
    filma.locator("#crew-people").fill("12")
    filma.locator("#save-crew").click()
    # Before the crew is declared the warning says 0 are available; then it says 12.
    warning = filma.locator(".crew-shortfall", has_text="y hay 12.")
    warning.wait_for(timeout=30_000)
    assert "se necesitan 14" in warning.inner_text()
    filma.screenshot(path=str(OUTPUT / "portal-deliverables.png"), full_page=True)

    # Another agency sees none of it, and a crafted update of it is refused by the server.
    sectur = signed_in("sectur", viewport={"width": 1280, "height": 900})
    seen = _relay(sectur)
    sectur.goto(app_url + "/mi-agencia")
    sectur.get_by_role("heading", name="Mi agencia · Secretaría de Turismo de Jalisco").wait_for(timeout=60_000)
    assert "Iluminación del escenario" not in sectur.inner_text("body")
    deliverable_id = mine.locator("input[name=id]").get_attribute("value")
    _send_event(
        seen,
        PortalState,
        "update_deliverable",
        {"form": {"id": deliverable_id, "version": "2", "status": "done", "notes": "", "blocked_reason": ""}},
    )
    sectur.get_by_text("Su cuenta no tiene permiso para esto.").wait_for(timeout=30_000)

    org.reload()
    row = org.locator("#deliverables .deliverable", has_text="Iluminación del escenario")
    row.get_by_text("Confirmado").wait_for(timeout=60_000)
    assert "Cuadrilla de Guadalajara" in row.inner_text()


def test_an_edit_reaches_the_public_only_when_published(app_url: str, signed_in: Any, browser: Any) -> None:
    org = signed_in("organizer", viewport={"width": 1280, "height": 1100})
    org.goto(app_url + "/organizar/eventos/ariel-2025/programa")
    org.locator(".plan-title", has_text="Retransmisión de la ceremonia").click()
    org.locator("#item-start").fill("22:00")
    org.locator("#item-end").fill("23:59")
    org.locator("#save-item").click()
    org.locator(".plan-row", has_text="Retransmisión de la ceremonia").get_by_text("22:00").wait_for(timeout=30_000)

    public = browser.new_page(viewport={"width": 1280, "height": 900})
    public.goto(app_url + "/eventos/ariel-2025?dia=2025-09-21&pasadas=1")
    row = public.locator(".schedule-item", has_text="Retransmisión de la ceremonia").first
    row.wait_for(timeout=60_000)
    assert "21:30" in row.inner_text()  # the published time, not the working one

    org.goto(app_url + "/organizar/eventos/ariel-2025")
    pending = org.locator("#pending-changes .change", has_text="Retransmisión de la ceremonia")
    pending.wait_for(timeout=60_000)
    assert "Cambió de horario" in pending.inner_text()
    org.locator("#publish").click()
    org.get_by_text(re.compile(r"Se publicó la versión \d+\.")).wait_for(timeout=30_000)  # others publish too
    org.locator("#publishing .release").first.click()
    org.screenshot(path=str(OUTPUT / "panel-published.png"), full_page=True)

    public.reload()
    row = public.locator(".schedule-item", has_text="Retransmisión de la ceremonia").first
    row.get_by_text("22:00").wait_for(timeout=60_000)
