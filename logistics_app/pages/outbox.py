"""Correo: the notices a publication leaves for the agencies, to review and send, with how each went."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.layout import workspace_page
from logistics_app.components.sections import or_empty, section_card, table_head
from logistics_app.state.outbox import OutboxState as S

_STATUS_COLOR = {"held": "amber", "queued": "blue", "sending": "blue", "sent": "green", "failed": "red"}


def _status(message: rx.Var[Any]) -> rx.Component:
    status = message["status"].to(str)
    return rx.match(
        status,
        *(
            (code, rx.badge(message["status_label"].to(str), color_scheme=color))
            for code, color in _STATUS_COLOR.items()
        ),
        rx.badge(message["status_label"].to(str)),
    )


def _row(message: rx.Var[Any]) -> rx.Component:
    status = message["status"].to(str)
    return rx.table.row(
        rx.table.cell(message["release"].to(str)),
        rx.table.cell(message["recipient"].to(str), class_name="outbox-recipient"),
        rx.table.cell(message["subject"].to(str)),
        rx.table.cell(
            rx.vstack(
                _status(message),
                rx.cond(message["sent"].to(str) != "", rx.text(message["sent"].to(str), size="1", color_scheme="gray")),
                rx.cond(
                    message["error"].to(str) != "", rx.text(message["error"].to(str), size="1", color_scheme="red")
                ),
                spacing="1",
            ),
            class_name="outbox-status",
        ),
        rx.table.cell(
            rx.hstack(
                rx.button(S.tr["outbox.view"], size="1", variant="soft", on_click=S.show(message["id"].to(str))),
                rx.cond(
                    status == "failed",
                    rx.button(S.tr["outbox.retry"], size="1", variant="soft", on_click=S.retry(message["id"].to(str))),
                ),
            )
        ),
        class_name="outbox-message",
    )


def _preview() -> rx.Component:
    p = S.preview
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(p["subject"].to(str)),
            rx.text(S.tr["outbox.from"], ": ", p["from"].to(str), size="2"),
            rx.text(S.tr["outbox.to"], ": ", p["to"].to(str), size="2"),
            rx.el.iframe(
                src_doc=p["html"].to(str),
                sandbox="",
                title=p["subject"].to(str),
                style={"width": "100%", "height": "320px", "border": f"1px solid {rx.color('gray', 6)}"},
            ),
            rx.foreach(
                p["calendars"].to(list[dict[str, str]]),
                lambda part: rx.el.details(
                    rx.el.summary(S.tr["outbox.calendar"], " · METHOD:", part["method"]),
                    rx.el.pre(
                        part["ics"],
                        style={"white_space": "pre-wrap", "word_break": "break-all", "font_size": "0.75em"},
                    ),
                ),
            ),
            rx.dialog.close(rx.button(S.tr["outbox.close"], variant="soft", on_click=S.close_preview)),
            max_width="760px",
            id="outbox-preview",
        ),
        open=p.length() > 0,
        on_open_change=lambda _: S.close_preview(),
    )


def outbox_page() -> rx.Component:
    return workspace_page(
        S,
        section_card(
            S.tr["outbox.how"],
            rx.cond(
                S.server != "",
                rx.text(S.tr["outbox.server"], " ", rx.code(S.server)),
                rx.callout(S.tr["outbox.no_server"], icon="info", color_scheme="amber", id="no-mail-server"),
            ),
            rx.hstack(
                rx.switch(checked=S.at_once, on_change=S.set_at_once, id="mail-at-once"),
                rx.text(S.tr["outbox.at_once"]),
                align="center",
            ),
            rx.cond(
                S.opted_out.length() > 0,
                rx.text(S.tr["outbox.opted_out"], ": ", S.opted_out.join(", "), size="2", id="opted-out"),
            ),
            rx.cond(
                S.held > 0,
                rx.form(
                    rx.el.label(S.tr["outbox.note"], html_for="outbox-note", font_size="0.9em"),
                    rx.text_area(
                        name="note", default_value=S.note, id="outbox-note", rows="3", max_length=2000, width="100%"
                    ),
                    rx.cond(S.note_error != "", rx.text(S.note_error, color_scheme="red", size="1", role="alert")),
                    rx.button(S.tr["outbox.save_note"], type="submit", size="1", variant="soft", id="save-note"),
                    key=S.note,
                    on_submit=S.save_note,
                    reset_on_submit=False,
                    width="100%",
                ),
            ),
            rx.cond(
                S.held > 0,
                rx.hstack(
                    rx.text(S.tr["outbox.held"], ": ", S.held.to(str), weight="bold"),
                    rx.button(
                        rx.icon("send", size=16),
                        S.tr["outbox.send"],
                        on_click=S.send,
                        loading=S.sending,
                        disabled=S.server == "",
                        id="send-outbox",
                    ),
                    align="center",
                ),
            ),
        ),
        or_empty(
            S.messages,
            rx.table.root(
                table_head(
                    S.tr["outbox.release"], S.tr["outbox.to"], S.tr["outbox.subject"], S.tr["outbox.status"], ""
                ),
                rx.table.body(rx.foreach(S.messages, _row)),
                width="100%",
            ),
            S.tr["outbox.none"],
        ),
        _preview(),
        here="outbox",
        back=(S.tr["plan.panel"], routes.plan_panel_url(S.slug)),
        heading=(S.tr["outbox.title"],),
        on_lang_change=S.load,
    )
