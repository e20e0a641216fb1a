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


def page_shell(*children: rx.Component, on_lang_change: rx.EventHandler | None = None) -> rx.Component:
    return rx.box(
        document_lang(),
        rx.container(
            header(on_lang_change),
            rx.el.main(*children),
            size="3",
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


def workspace_page(
    state: Any,
    *children: rx.Component,
    back: tuple[Any, Any],
    heading: tuple[Any, ...],
    missing: rx.Component | None = None,
    on_lang_change: rx.EventHandler | None = None,
) -> rx.Component:
    """A page of one event's workspace: the way back, the heading, who is signed in, the content,
    or "no such event" when the URL names none (`state` mixes in EventWorkspace)."""
    label, href = back
    return page_shell(
        rx.cond(
            state.found,
            rx.vstack(
                rx.link(label, href=href, size="2"),
                rx.heading(*heading, size="7", as_="h1"),
                account_bar(),
                *children,
                spacing="3",
                width="100%",
                padding_bottom="3em",
            ),
            missing if missing is not None else rx.heading(state.tr["event.not_found"], size="6"),
        ),
        on_lang_change=on_lang_change,
    )
