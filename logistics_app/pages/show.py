"""En vivo: the show caller's view of the ceremony (and the crew's read-only copy): the current
segment with its running clock against its planned minutes, the next two, the pace against the
broadcast slot, who is on stage and who is due at the stage door; "next segment" by button or
space bar; and, as the show goes, each segment's actual times against the plan."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import can_edit
from logistics_app.components.layout import not_found, page_column, page_shell, workspace_page
from logistics_app.components.sections import table_head
from logistics_app.components.show import every, running_clock, space_key
from logistics_app.state.show import LOOK_MS, CrewState, ShowState


def _now(s: Any) -> rx.Component:
    """The current segment, big: what the stage manager reads from across the room."""
    current = s.current
    return rx.card(
        rx.cond(
            s.phase == "running",
            rx.vstack(
                rx.text(s.tr["show.now"], size="2", color_scheme="gray"),
                rx.heading(current["title"], size="8", as_="h2", id="show-current"),
                rx.text(
                    current["kind_label"],
                    rx.cond(
                        (current["category"] != "") & (current["category"] != current["title"]),
                        " · " + current["category"].to(str),
                        "",
                    ),
                    size="3",
                ),
                running_clock(since=current["started"], minutes=current["minutes"], over_label=s.tr["show.over"]),
                rx.cond(
                    current["presenters"] != "",
                    rx.text(s.tr["show.on_stage"], ": ", current["presenters"], size="4", weight="medium"),
                ),
                rx.cond(current["notes"] != "", rx.text(current["notes"], size="3", font_style="italic")),
                spacing="2",
            ),
            rx.heading(rx.cond(s.phase == "over", s.tr["show.ended"], s.tr["show.not_started"]), size="6", as_="h2"),
        ),
        width="100%",
        id="show-now",
        size="3",
    )


def _next(s: Any) -> rx.Component:
    return rx.vstack(
        rx.cond(s.upcoming.length() > 0, rx.text(s.tr["show.next"], size="2", color_scheme="gray")),
        rx.foreach(
            s.upcoming,
            lambda u, i: rx.card(
                rx.text(u["title"], weight="bold", size="4"),
                rx.text(u["kind_label"], " · ", u["minutes"], " min", size="2", color_scheme="gray"),
                rx.cond(
                    u["presenters"] != "",
                    rx.text(
                        rx.cond(i == 0, s.tr["show.stage_door"], s.tr["show.later"]),
                        ": ",
                        u["presenters"],
                        size="2",
                    ),
                ),
                width="100%",
                class_name="show-upcoming",
            ),
        ),
        width="100%",
        spacing="2",
    )


def _pace(s: Any) -> rx.Component:
    return rx.hstack(
        rx.badge(s.tr["show.slot"], " ", s.slot, " (", s.zone, ")", size="2", variant="soft"),
        rx.badge(s.tr["show.planned"], " ", s.planned_total, size="2", variant="soft"),
        rx.cond(
            s.projected != "",
            rx.badge(
                rx.cond(s.phase == "over", s.tr["show.finished"], s.tr["show.projected"]),
                " ",
                s.projected,
                size="2",
                color_scheme=rx.cond(s.projected.contains("+"), "red", "green"),
                id="show-projected",
            ),
        ),
        wrap="wrap",
    )


def _segments(s: Any) -> rx.Component:
    """Every segment: planned, as it went, and how far off."""
    return rx.box(
        rx.table.root(
            table_head(
                s.tr["show.col.segment"], s.tr["show.col.planned"], s.tr["show.col.actual"], s.tr["show.col.off"]
            ),
            rx.table.body(
                rx.foreach(
                    s.segments,
                    lambda r: rx.table.row(
                        rx.table.cell(rx.text(r["title"], weight=rx.cond(r["state"] == "current", "bold", "regular"))),
                        rx.table.cell(r["planned"]),
                        rx.table.cell(r["actual"]),
                        rx.table.cell(rx.text(r["over"], color_scheme=rx.cond(r["over"].contains("+"), "red", "gray"))),
                        class_name="show-segment",
                        data_state=r["state"],
                        background=rx.cond(r["state"] == "current", rx.color("accent", 3), "transparent"),
                    ),
                )
            ),
            size="1",
            width="100%",
        ),
        overflow_x="auto",
        width="100%",
        id="show-report",
    )


def _body(s: Any) -> list[rx.Component]:
    return [
        every(ms=LOOK_MS, on_tick=s.look),
        rx.text(s.ceremony, weight="bold"),
        _pace(s),
        rx.grid(_now(s), _next(s), columns=rx.breakpoints(initial="1", md="2fr 1fr"), gap="3", width="100%"),
        _segments(s),
    ]


def _controls() -> rx.Component:
    s = ShowState
    return rx.cond(
        can_edit(),
        rx.vstack(
            space_key(on_space=s.next_segment(s.current.get("id", "").to(str))),
            rx.hstack(
                rx.button(
                    rx.icon("skip-forward", size=18),
                    rx.cond(s.phase == "before", s.tr["show.start"], s.tr["show.next_segment"]),
                    size="4",
                    on_click=s.next_segment(s.current.get("id", "").to(str)),
                    disabled=(s.phase == "over") | (s.segments.length() == 0),
                    id="next-segment",
                    aria_keyshortcuts="Space",
                ),
                rx.cond(
                    (s.current["kind"] == "category") & (s.current["revealed"] == ""),
                    rx.button(
                        rx.icon("megaphone", size=18),
                        s.tr["show.announce"],
                        size="4",
                        color_scheme="amber",
                        on_click=s.announce,
                        id="announce",
                    ),
                ),
                wrap="wrap",
            ),
            rx.text(s.tr["show.keys"], size="1", color_scheme="gray"),
            rx.hstack(
                rx.button(
                    s.tr["show.crew_link"], size="1", variant="soft", on_click=s.crew_link(False), id="crew-link"
                ),
                rx.cond(
                    s.crew_url != "",
                    rx.hstack(
                        rx.code(s.crew_url, id="crew-url"),
                        rx.button(s.tr["show.crew_rotate"], size="1", variant="soft", on_click=s.crew_link(True)),
                        wrap="wrap",
                    ),
                ),
                rx.button(
                    s.tr["show.reset"],
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    on_click=s.reset_show,
                    id="reset-show",
                ),
                wrap="wrap",
                align="center",
            ),
            width="100%",
            class_name="no-print",
        ),
    )


def show_page() -> rx.Component:
    s = ShowState
    return workspace_page(
        s,
        _controls(),
        *_body(s),
        rx.button(
            rx.icon("file-down", size=16),
            s.tr["show.report_pdf"],
            size="2",
            variant="soft",
            on_click=s.report_pdf,
            disabled=s.segments.length() == 0,
            id="show-report-pdf",
            class_name="no-print",
        ),
        here="show",
        back=(s.event_name, routes.plan_panel_url(s.slug)),
        heading=(s.tr["show.title"],),
        missing=rx.callout(s.tr["rundown.no_ceremony"], icon="info"),
        on_lang_change=s.load,
    )


def crew_page() -> rx.Component:
    s = CrewState
    return page_shell(
        rx.cond(
            s.found,
            page_column(
                rx.heading(s.event_name, " · ", s.tr["show.crew_title"], size="7", as_="h1"),
                rx.text(s.tr["show.crew_intro"], size="2", color_scheme="gray"),
                *_body(s),
            ),
            not_found(s.tr["show.crew_not_found"]),
        ),
        on_lang_change=s.load,
    )
