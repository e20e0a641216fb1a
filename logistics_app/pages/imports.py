"""Importing another calendar (a file or a URL) into an event: preview first, then import."""

from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.forms import FIELD_STYLE, choices, drop_zone, form_error
from logistics_app.components.layout import workspace_page
from logistics_app.components.sections import section_card
from logistics_app.state.imports import ImportState as S
from logistics_app.state.sheet_import import SheetImportState as X

UPLOAD_ID = "ics-file"
SHEET_UPLOAD_ID = "sheet-file"


def _sources() -> rx.Component:
    return rx.grid(
        section_card(
            S.tr["import.from_file"],
            drop_zone(
                rx.vstack(
                    rx.icon("file-up", size=28),
                    rx.text(S.tr["import.drop"], size="2", text_align="center"),
                    align="center",
                    spacing="2",
                ),
                upload_id=UPLOAD_ID,
                accept={"text/calendar": [".ics", ".ical", ".ifb"], "application/octet-stream": [".ics"]},
                on_drop=S.take_file,
                padding="1.5em",
                margin_top="0.5em",
            ),
            width=None,
        ),
        section_card(
            S.tr["import.from_url"],
            rx.vstack(
                rx.el.label(S.tr["import.url"], html_for="import-url", font_size="0.85em", font_weight="500"),
                rx.el.input(
                    id="import-url",
                    type="url",
                    placeholder="https://",
                    default_value=S.url,
                    on_change=S.set_url,
                    style=FIELD_STYLE,
                ),
                rx.button(
                    rx.icon("download", size=16),
                    S.tr["import.fetch"],
                    on_click=S.fetch_url,
                    disabled=S.phase != "",
                    id="fetch-url",
                ),
                spacing="2",
                margin_top="0.5em",
            ),
            width=None,
        ),
        columns=rx.breakpoints(initial="1", sm="2"),
        spacing="3",
        width="100%",
    )


def _progress() -> rx.Component:
    return rx.cond(
        S.phase != "",
        rx.callout(
            rx.hstack(
                rx.spinner(size="2"),
                rx.text(
                    rx.match(
                        S.phase,
                        ("fetching", S.tr["import.phase.fetching"]),
                        ("saving", S.tr["import.phase.saving"]),
                        S.tr["import.phase.reading"],
                    )
                ),
                rx.progress(width="8em"),
                align="center",
            ),
            role="status",
            id="import-progress",
            width="100%",
        ),
    )


def _report() -> rx.Component:
    report = S.report
    return rx.cond(
        report.contains("summary"),
        rx.card(
            rx.vstack(
                rx.heading(
                    rx.cond(report["dry_run"].to(bool), S.tr["import.preview"], S.tr["import.done"]),
                    size="4",
                    as_="h2",
                ),
                rx.text(S.source, size="1", color_scheme="gray", word_break="break-all"),
                rx.text(report["summary"].to(str), weight="bold", id="import-summary"),
                rx.foreach(
                    report["warnings"].to(list[str]),
                    lambda w: rx.callout(w, icon="info", color_scheme="amber", size="1"),
                ),
                rx.foreach(
                    report["groups"].to(list[dict[str, Any]]),
                    lambda g: rx.el.details(
                        rx.el.summary(g["label"].to(str)),
                        rx.el.ul(
                            rx.foreach(g["titles"].to(list[str]), lambda title: rx.el.li(title)),
                            padding_left="1.2em",
                            font_size="0.9em",
                        ),
                        class_name="import-group",
                    ),
                ),
                rx.cond(
                    report["dry_run"].to(bool),
                    rx.hstack(
                        rx.el.label(S.tr["import.visibility"], html_for="import-visibility", font_size="0.9em"),
                        rx.el.select(
                            rx.el.option(S.tr["visibility.internal"], value="internal"),
                            rx.el.option(S.tr["visibility.public"], value="public"),
                            id="import-visibility",
                            value=S.visibility,
                            on_change=S.set_visibility,
                            style={**FIELD_STYLE, "width": "auto"},
                        ),
                        rx.button(
                            rx.icon("check", size=16),
                            S.tr["import.confirm"],
                            on_click=S.run(False),
                            disabled=S.phase != "",
                            id="confirm-import",
                        ),
                        align="center",
                        wrap="wrap",
                    ),
                    rx.link(
                        S.tr["import.see_programme"],
                        href=routes.plan_programme_url(S.slug),
                        underline="always",
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="import-report",
        ),
    )


def _mapping_field(field: rx.Var[Any]) -> rx.Component:
    name = field["name"].to(str)
    return rx.vstack(
        rx.el.label(field["label"].to(str), html_for="map-" + name, font_size="0.8em"),
        rx.el.select(
            rx.el.option("—", value=""),
            choices(X.columns),
            id="map-" + name,
            value=X.mapping[name],
            on_change=lambda v: X.set_mapping(name, v),
            style=FIELD_STYLE,
        ),
        spacing="1",
        width="100%",
    )


def _sheet_preview() -> rx.Component:
    preview = X.sheet_preview
    return rx.cond(
        preview.contains("summary"),
        rx.vstack(
            rx.text(preview["summary"].to(str), weight="bold", id="sheet-summary"),
            rx.cond(
                preview["problems"].to(list[dict[str, str]]).length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell(X.tr["sheet.row"]),
                            rx.table.column_header_cell(X.tr["sheet.column"]),
                            rx.table.column_header_cell(X.tr["sheet.problem"]),
                        )
                    ),
                    rx.table.body(
                        rx.foreach(
                            preview["problems"].to(list[dict[str, str]]),
                            lambda p: rx.table.row(
                                rx.table.cell(p["row"]),
                                rx.table.cell(p["column"]),
                                rx.table.cell(p["message"]),
                                class_name="sheet-problem",
                            ),
                        )
                    ),
                    size="1",
                    width="100%",
                ),
            ),
            rx.foreach(
                preview["conflicts"].to(list[str]),
                lambda c: rx.callout(
                    c, icon="triangle-alert", color_scheme="amber", size="1", class_name="sheet-conflict"
                ),
            ),
            rx.cond(
                preview["can_import"].to(bool),
                rx.button(
                    rx.icon("check", size=16),
                    rx.cond(preview["needs_confirm"].to(bool), X.tr["sheet.import_anyway"], X.tr["sheet.import"]),
                    color_scheme=rx.cond(preview["needs_confirm"].to(bool), "amber", "accent"),
                    on_click=X.import_sheet(preview["needs_confirm"].to(bool)),
                    disabled=X.sheet_busy,
                    id="import-sheet",
                ),
            ),
            spacing="2",
            width="100%",
        ),
    )


def _sheet() -> rx.Component:
    return section_card(
        X.tr["sheet.from_sheet"],
        rx.text(X.tr["sheet.intro"], size="2", color_scheme="gray"),
        drop_zone(
            rx.vstack(
                rx.icon("sheet", size=28),
                rx.text(rx.cond(X.sheet_name != "", X.sheet_name, X.tr["sheet.drop"]), size="2", text_align="center"),
                align="center",
                spacing="2",
            ),
            upload_id=SHEET_UPLOAD_ID,
            accept={
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
                "text/csv": [".csv"],
            },
            on_drop=X.take_sheet,
            padding="1.2em",
            margin_top="0.5em",
        ),
        form_error(X.sheet_error, "sheet-error"),
        rx.cond(
            X.columns.length() > 0,
            rx.vstack(
                rx.text(X.tr["sheet.mapping"], weight="medium", size="2"),
                rx.grid(
                    rx.foreach(X.fields, _mapping_field),
                    columns=rx.breakpoints(initial="2", sm="4"),
                    spacing="2",
                    width="100%",
                ),
                rx.cond(X.sheet_busy, rx.spinner(size="2")),
                _sheet_preview(),
                spacing="2",
                width="100%",
                margin_top="0.5em",
            ),
        ),
        width="100%",
    )


def plan_import() -> rx.Component:
    return workspace_page(
        S,
        rx.text(S.tr["import.intro"], size="2"),
        _sources(),
        _progress(),
        form_error(S.error, "import-error"),
        _report(),
        _sheet(),
        here="import",
        back=(S.event_name, routes.plan_programme_url(S.slug)),
        heading=(S.tr["import.title"],),
    )
