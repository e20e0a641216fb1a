from __future__ import annotations

from typing import Any

import reflex as rx

from logistics_app import routes
from logistics_app.components.account import account_bar
from logistics_app.state.base import LangState


class DocumentLang(rx.Fragment):  # type: ignore[misc]  # rx.Fragment is untyped (Any) to mypy
    """Keeps <html lang> equal to the chosen language (screen readers, browser translation)."""

    def add_imports(self) -> dict[str, str]:
        return {"react": "useEffect"}

    def add_hooks(self) -> list[str | rx.Var[Any]]:
        lang = LangState.lang
        effect = f"useEffect(() => {{ document.documentElement.lang = {lang!s}; }}, [{lang!s}]);"
        return [rx.Var(_js_expr=effect, _var_data=lang._get_all_var_data())]


document_lang = DocumentLang.create


def header(on_lang_change: rx.EventHandler | None = None) -> rx.Component:
    toggle = [LangState.toggle_lang] + ([on_lang_change] if on_lang_change is not None else [])
    return rx.el.header(
        rx.hstack(
            rx.link(
                rx.hstack(
                    rx.image(src=routes.LOGO, alt="", width="36px", height="36px"),
                    rx.vstack(
                        rx.text(LangState.tr["app.title"], size="5", weight="bold"),
                        rx.text(LangState.tr["app.tagline"], size="2", color_scheme="gray"),
                        spacing="0",
                    ),
                    align="center",
                ),
                href=routes.HOME,
                underline="none",
                color="inherit",
            ),
            rx.spacer(),
            rx.el.nav(
                rx.hstack(
                    rx.link(LangState.tr["nav.events"], href=routes.HOME, size="2"),
                    rx.link(LangState.tr["nav.tv"], href=routes.TV, size="2"),
                    rx.link(LangState.tr["nav.organize"], href=routes.PLAN_EVENTS, size="2"),
                    spacing="4",
                ),
                aria_label="Principal",
            ),
            rx.button(
                rx.icon("languages", size=16),
                LangState.tr["lang.switch"],
                on_click=toggle,
                variant="soft",
                aria_label=LangState.tr["lang.switch"],
                id="lang-switch",
            ),
            width="100%",
            padding_y="1em",
            align="center",
            wrap="wrap",
            border_bottom=f"1px solid {rx.color('gray', 5)}",
            margin_bottom="1.5em",
        )
    )


def page_shell(
    *children: rx.Component, on_lang_change: rx.EventHandler | None = None, wide: bool = False
) -> rx.Component:
    """A page: the header and its content; `wide` (an event's workspace) uses the screen's width."""
    return rx.box(
        document_lang(),
        rx.container(
            header(on_lang_change),
            rx.el.main(*children),
            size="4" if wide else "3",
            padding_x="1em",
        ),
        lang=LangState.lang,
        min_height="100vh",
        background=rx.color("gray", 1),
    )


def unavailable_notice() -> rx.Component:
    """Said instead of an empty page when the database does not answer."""
    return rx.callout(
        LangState.tr["app.unavailable"], icon="cloud-off", color_scheme="amber", role="alert", id="no-disponible"
    )


def page_column(*children: rx.Component, spacing: str = "3", **props: Any) -> rx.Component:
    """The column a page's content stands in: full width, with room at the bottom."""
    return rx.vstack(*children, spacing=spacing, width="100%", padding_bottom="3em", **props)


def not_found(message: rx.Var[Any], back: rx.Var[Any] | None = None) -> rx.Component:
    """What a page says when its URL names nothing, with the way home if `back` labels it."""
    heading = rx.heading(message, size="6")
    return heading if back is None else rx.vstack(heading, rx.link(back, href=routes.HOME))


def centered_card(*children: rx.Component, max_width: str) -> rx.Component:
    """A card alone in the middle of the page (signing in, an invitation)."""
    return rx.center(rx.card(*children, width="100%", max_width=max_width), width="100%", padding_y="2em")


def _signed_in_column(back: tuple[Any, Any] | None, title: rx.Component, *children: rx.Component) -> rx.Component:
    """The way back, the page's title, who is signed in, then the content."""
    # While the page's data loads the label is empty: no nameless link meanwhile (axe: link-name).
    way_back = (
        []
        if back is None
        else [rx.cond(rx.Var.create(back[0]).to(str) != "", rx.link(back[0], href=back[1], size="2"))]
    )
    return page_column(*way_back, title, account_bar(), *children)


def page_title(*heading: Any) -> rx.Component:
    """The heading of a signed-in page."""
    return rx.heading(*heading, size="7", as_="h1")


def organizer_page(
    *children: rx.Component,
    title: rx.Component,
    back: tuple[Any, Any] | None = None,
    on_lang_change: rx.EventHandler | None = None,
) -> rx.Component:
    """A signed-in page outside an event's workspace (the organizer's lists, the agency portal)."""
    return page_shell(_signed_in_column(back, title, *children), on_lang_change=on_lang_change)


# The pages of one event's workspace, in the side navigation: key, icon, label, address.
WORKSPACE_PAGES: tuple[tuple[str, str, str, Any], ...] = (
    ("panel", "layout-dashboard", "nav.ws.panel", routes.plan_panel_url),
    ("programme", "calendar-range", "nav.ws.programme", routes.plan_programme_url),
    ("import", "file-up", "nav.ws.import", routes.plan_import_url),
    ("rundown", "list-ordered", "nav.ws.rundown", routes.plan_rundown_url),
    ("show", "radio-tower", "nav.ws.show", routes.plan_show_url),
    ("awards", "award", "nav.ws.awards", routes.plan_awards_url),
    ("nominees", "plane", "nav.ws.nominees", routes.plan_nominees_url),
    ("outbox", "mail", "nav.ws.outbox", routes.plan_outbox_url),
)


def _side_nav(slug: Any, here: str) -> rx.Component:
    """The event's pages: a column at the side on wide screens, one menu on a phone."""
    links = [
        rx.link(
            rx.hstack(rx.icon(icon, size=16), rx.text(LangState.tr[label], size="2"), align="center", spacing="2"),
            href=url(slug),
            id=f"{key}-link",
            aria_current="page" if key == here else None,
            weight="bold" if key == here else "regular",
            color=rx.color("accent", 11) if key == here else rx.color("gray", 12),
            underline="none",
            padding="0.45em 0.7em",
            border_radius="var(--radius-2)",
            background=rx.color("accent", 3) if key == here else "transparent",
            width="100%",
        )
        for key, icon, label, url in WORKSPACE_PAGES
    ]
    current = next(label for key, _, label, _ in WORKSPACE_PAGES if key == here)
    return rx.box(
        rx.el.nav(
            rx.vstack(
                rx.text(LangState.tr["panel.pages"], size="1", color_scheme="gray", padding_x="0.7em"),
                *links,
                spacing="1",
                width="100%",
            ),
            aria_label=LangState.tr["panel.pages"],
            position="sticky",
            top="1em",
            display=rx.breakpoints(initial="none", md="block"),
            id="workspace-nav",
        ),
        rx.box(
            rx.menu.root(
                rx.menu.trigger(
                    rx.button(
                        rx.icon("menu", size=16),
                        LangState.tr["panel.pages"],
                        " · ",
                        LangState.tr[current],
                        variant="soft",
                        id="workspace-menu",
                    )
                ),
                rx.menu.content(
                    *[
                        rx.menu.item(rx.link(LangState.tr[label], href=url(slug), width="100%"))
                        for _, _, label, url in WORKSPACE_PAGES
                    ]
                ),
            ),
            display=rx.breakpoints(initial="block", md="none"),
            margin_bottom="0.25em",
        ),
        class_name="no-print",
    )


def workspace_page(
    state: Any,
    *children: rx.Component,
    here: str,
    back: tuple[Any, Any],
    heading: tuple[Any, ...],
    missing: rx.Component | None = None,
    on_lang_change: rx.EventHandler | None = None,
) -> rx.Component:
    """A page of one event's workspace (`here` names it among WORKSPACE_PAGES): the side
    navigation, the way back, the heading, who is signed in, the content, or "no such event" when
    the URL names none (`state` mixes in EventWorkspace)."""
    return page_shell(
        rx.cond(
            state.found,
            rx.grid(
                _side_nav(state.slug, here),
                rx.box(_signed_in_column(back, page_title(*heading), *children), min_width="0"),
                grid_template_columns=rx.breakpoints(initial="minmax(0, 1fr)", md="12rem minmax(0, 1fr)"),
                gap=rx.breakpoints(initial="3", md="5"),
                width="100%",
                align_items="start",
            ),
            missing if missing is not None else not_found(state.tr["event.not_found"]),
        ),
        on_lang_change=on_lang_change,
        wide=True,
    )
