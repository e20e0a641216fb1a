"""Small React components of the show caller's view: the running clock of the current segment (it
ticks in the browser, so no device needs the server every second), the beat at which a device asks
whether the show moved, and the space bar as the "next segment" key."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.event import EventHandler, no_args_event_spec
from reflex_base.vars.base import Var

_CODE = """
function RunningClock({since, minutes, overLabel}) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => { const timer = setInterval(() => setNow(Date.now()), 250); return () => clearInterval(timer); }, []);
  if (!since) return createElement("span", {className: "running-clock"}, "—");
  const elapsed = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const planned = (Number(minutes) || 0) * 60;
  const over = elapsed > planned;
  const mmss = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  return createElement("span", {className: "running-clock", "data-over": over ? "1" : "",
      style: {fontVariantNumeric: "tabular-nums", fontWeight: 700, fontSize: "2.6em",
              color: over ? "var(--red-11)" : "inherit"}},
    mmss(elapsed), createElement("span", {style: {fontSize: "0.45em", fontWeight: 400}},
      ` / ${mmss(planned)}`, over ? ` · ${overLabel} ${mmss(elapsed - planned)}` : ""));
}
"""

_TICK = """
function Every({ms, onTick}) {
  useEffect(() => {
    if (!onTick) return undefined;
    const timer = setInterval(() => { if (!document.hidden) onTick(); }, Number(ms) || 1000);
    return () => clearInterval(timer);
  }, [ms, onTick]);
  return null;
}
"""

_KEY = """
function SpaceKey({onSpace}) {
  useEffect(() => {
    const pressed = (e) => {
      const tag = (e.target && e.target.tagName) || "";
      if (e.code !== "Space" || e.repeat || ["INPUT", "TEXTAREA", "SELECT", "BUTTON", "A"].includes(tag)) return;
      e.preventDefault();
      onSpace && onSpace();
    };
    document.addEventListener("keydown", pressed);
    return () => document.removeEventListener("keydown", pressed);
  }, [onSpace]);
  return null;
}
"""


class RunningClock(rx.Component):
    """The time since `since` (ISO), against `minutes` planned; red past them."""

    tag = "RunningClock"
    since: Var[str]
    minutes: Var[str]
    over_label: Var[str]

    def add_imports(self) -> dict[str, Any]:
        return {"react": ["createElement", "useEffect", "useState"]}

    def add_custom_code(self) -> list[str]:
        return [_CODE]


class SpaceKey(rx.Component):
    """The space bar, anywhere but in a field or on a button, calls `on_space`."""

    tag = "SpaceKey"
    on_space: EventHandler[no_args_event_spec]

    def add_imports(self) -> dict[str, Any]:
        return {"react": ["useEffect"]}

    def add_custom_code(self) -> list[str]:
        return [_KEY]


class Every(rx.Component):
    """Calls `on_tick` every `ms` milliseconds while the page is open and visible (a device that
    follows the show asks whether anything changed; closing the page stops it)."""

    tag = "Every"
    ms: Var[int]
    on_tick: EventHandler[no_args_event_spec]

    def add_imports(self) -> dict[str, Any]:
        return {"react": ["useEffect"]}

    def add_custom_code(self) -> list[str]:
        return [_TICK]


every = Every.create
running_clock = RunningClock.create
space_key = SpaceKey.create
