"""Command line: python -m logistics_app.cli COMMAND (reads DATABASE_URL like the app)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from logistics_app.db import get_engine, session_scope
from logistics_app.domain.errors import NotFound
from logistics_app.services.conflicts import event_conflicts
from logistics_app.services.database import migrate
from logistics_app.services.demo import seed_demo
from logistics_app.services.events import list_events
from logistics_app.settings import get_settings


def _init_db(args: argparse.Namespace) -> int:
    migrate(get_engine())
    print("Base de datos al día.")
    return 0


def _seed_demo(args: argparse.Namespace) -> int:
    with session_scope() as session:
        report = seed_demo(session=session, dataset=args.dataset)
    for warning in report.warnings:
        print(f"aviso: {warning}", file=sys.stderr)
    print(
        f"Creados: {', '.join(report.created) or 'ninguno'}; ya existían: {', '.join(report.skipped) or 'ninguno'}; "
        f"{report.items} actividades."
    )
    return 0


def _setup(args: argparse.Namespace) -> int:
    """Migrate, then load the demo only when the database has no events."""
    _init_db(args)
    with session_scope() as session:
        if list_events(session=session, public_only=False):
            print("La base ya tiene eventos; se conservan.")
            return 0
    return _seed_demo(args)


def _events(args: argparse.Namespace) -> int:
    with session_scope() as session:
        cards = list_events(session=session, lang=args.lang, public_only=False)
    if args.json:
        print(json.dumps([c.as_dict() for c in cards], ensure_ascii=False, indent=2))
    else:
        for c in cards:
            print(f"{c.slug:32} {c.dates:32} {c.city or '-':28} {c.items:5}  {c.name}")
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    try:
        with session_scope() as session:
            found = event_conflicts(session=session, slug=args.event_slug)
            rows = [c.as_dict(args.lang) for c in found]
    except NotFound:
        print(f"No existe el evento «{args.event_slug}».", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"[{row['severity']}] {row['message']}")
        print(f"{len(rows)} conflicto(s).")
    return 1 if rows else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m logistics_app.cli",
        description="Logística de eventos de cine. Usa DATABASE_URL (por omisión SQLite en data/).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=("es", "en"), default="es", help="idioma de los mensajes (es, en)")
    dataset = argparse.ArgumentParser(add_help=False)
    dataset.add_argument(
        "--dataset",
        type=Path,
        default=get_settings().rumbo_dataset,
        help="carpeta del conjunto de datos Rumbo al Ariel 2025",
    )

    sub.add_parser("init-db", help="crea o migra el esquema de la base de datos").set_defaults(func=_init_db)
    sub.add_parser("seed-demo", parents=[dataset], help="carga los eventos de demostración que falten").set_defaults(
        func=_seed_demo
    )
    sub.add_parser("setup", parents=[dataset], help="init-db y, si la base está vacía, seed-demo").set_defaults(
        func=_setup
    )
    events = sub.add_parser("events", parents=[lang], help="lista los eventos")
    events.add_argument("--json", action="store_true", help="salida en JSON")
    events.set_defaults(func=_events)
    conflicts = sub.add_parser(
        "conflicts", parents=[lang], help="conflictos de un evento (código de salida 1 si hay alguno)"
    )
    conflicts.add_argument("event_slug", metavar="EVENT_SLUG", help="identificador del evento, p. ej. ariel-2025")
    conflicts.add_argument("--json", action="store_true", help="salida en JSON")
    conflicts.set_defaults(func=_conflicts)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
