from __future__ import annotations

import reflex as rx

from logistics_app.components.subscribe import subscribe_panel
from logistics_app.state.agenda import AgendaState


def agenda_panel() -> rx.Component:
    """The attendee's starred items and, on request, their private calendar."""
    return rx.box(
        rx.cond(
            AgendaState.agenda_token != "",
            rx.vstack(
                subscribe_panel(AgendaState.agenda_links, title=AgendaState.tr["agenda.title"], private=True),
                rx.button(
                    rx.icon("refresh-cw", size=14),
                    AgendaState.tr["agenda.rotate"],
                    on_click=AgendaState.rotate_link,
                    variant="ghost",
                    size="1",
                    id="rotate-agenda",
                ),
                width="100%",
            ),
            rx.card(
                rx.vstack(
                    rx.hstack(
                        rx.icon("star", size=20, color=rx.color("accent", 10)),
                        rx.heading(AgendaState.tr["agenda.title"], size="4", as_="h2"),
                        align="center",
                    ),
                    rx.cond(
                        AgendaState.agenda_count > 0,
                        rx.hstack(
                            rx.text(
                                AgendaState.tr["agenda.count"].replace("{count}", AgendaState.agenda_count.to_string())
                            ),
                            rx.button(
                                AgendaState.tr["agenda.create"],
                                on_click=AgendaState.create_calendar,
                                id="create-agenda",
                            ),
                            align="center",
                            wrap="wrap",
                        ),
                        rx.text(AgendaState.tr["agenda.empty"], size="2", color_scheme="gray"),
                    ),
                    spacing="2",
                ),
                width="100%",
            ),
        ),
        width="100%",
        id="agenda",
    )
