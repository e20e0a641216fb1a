"""The public nominations page, live: a small React component that listens to the event's stream of
winners (api/live.py, Server-Sent Events; the browser reconnects by itself and gets the current
state first) and shows each category's winner as it is revealed, without a reload and without a
Reflex state per viewer doing anything. It marks the winning nominations (their hidden badges are
shown by a style rule), keeps the list of winners, and announces each new one to screen readers."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.vars.base import Var

_CODE = """
function LiveWinners({src, initial, heading, empty, announce, share, children}) {
  const [doc, setDoc] = useState(null);
  const [news, setNews] = useState("");
  const seen = useRef(null);
  useEffect(() => {
    if (!src || typeof EventSource === "undefined") return undefined;
    const source = new EventSource(src);
    source.onmessage = (e) => {
      let next = null;
      try { next = JSON.parse(e.data); } catch (err) { return; }
      const before = seen.current || {};
      const fresh = next.categories.filter((c) => c.winner && before[c.slug] !== c.winner);
      if (seen.current && fresh.length) {
        setNews(fresh.map((c) => `${announce} ${c.name}: ${c.title}`).join(". "));
      }
      seen.current = Object.fromEntries(next.categories.map((c) => [c.slug, c.winner]));
      setDoc(next);
    };
    return () => source.close();
  }, [src]);
  const won = doc ? doc.categories.filter((c) => c.winner) : null;
  const ids = won ? won.map((c) => c.winner) : (initial || []);
  const rules = ids.filter((id) => /^[0-9]+$/.test(id))
    .map((id) => `.nomination[data-nomination="${id}"] .live-winner{display:inline-flex !important}`).join("\\n");
  const list = won === null ? null : won.length === 0
    ? createElement("p", {className: "live-empty"}, empty)
    : createElement("ol", {className: "live-list"}, won.map((c) => createElement("li", {key: c.slug},
        createElement("a", {href: `#${c.slug}`}, c.name), ": ",
        createElement("strong", null, c.title), c.people ? ` (${c.people})` : "")));
  const box = {border: "1px solid var(--amber-7)", borderRadius: "var(--radius-3)", padding: "0.75em 1em",
    width: "100%", boxSizing: "border-box", background: "var(--amber-2)"};
  return createElement("section", {id: "ganadores", className: "live-winners", "aria-labelledby": "ganadores-title",
      "data-revealed": won ? String(won.length) : "", style: box},
    createElement("style", null, rules),
    createElement("h2", {id: "ganadores-title", style: {fontSize: "1.15em", margin: "0 0 0.4em"}}, heading),
    list, share ? createElement("p", {className: "live-share"}, share) : null,
    createElement("p", {className: "live-news", "aria-live": "polite", role: "status"}, news),
    children);
}
"""


class LiveWinners(rx.Component):
    """The live list of winners, and the style that marks them among the nominations."""

    tag = "LiveWinners"
    src: Var[str]  # the event's stream (routes.live_url)
    initial: Var[list[str]]  # winning nominations known when the page was read (before the stream answers)
    heading: Var[str]
    empty: Var[str]
    announce: Var[str]  # said before each new winner to screen readers
    share: Var[str]

    def add_imports(self) -> dict[str, Any]:
        return {"react": ["createElement", "useEffect", "useRef", "useState"]}

    def add_custom_code(self) -> list[str]:
        return [_CODE]


live_winners = LiveWinners.create
