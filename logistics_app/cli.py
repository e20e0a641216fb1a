"""Command line: python -m logistics_app.cli COMMAND (reads DATABASE_URL like the app)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from logistics_app import routes
from logistics_app.db import get_engine, session_scope
from logistics_app.demo.loader import seed_demo
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.domain.ics_import import ImportRejected
from logistics_app.domain.nominations_csv import CsvRejected
from logistics_app.i18n import t
from logistics_app.infra import backup, health
from logistics_app.infra.database import migrate
from logistics_app.integrations.remote_calendar import FetchRefused, configured_policy, fetch_calendar
from logistics_app.models import FeedKind, Role
from logistics_app.queries import feeds
from logistics_app.queries.conflicts import event_conflicts
from logistics_app.queries.events import list_events
from logistics_app.services import accounts, awards, external_calendars, imports, subscriptions, winners
from logistics_app.settings import get_settings
from logistics_app.timeutil import DEFAULT_ZONE, now_utc, to_local


def _init_db(args: argparse.Namespace) -> int:
    migrate(get_engine())
    print("Base de datos al día.")
    return 0


def _shift_date(text: str) -> date:
    """A day (2027-01-16) or a number of days from today in Mexico City (+28)."""
    try:
        if text.startswith("+"):
            return to_local(now_utc(), DEFAULT_ZONE).date() + timedelta(days=int(text[1:]))
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» no es una fecha AAAA-MM-DD ni +DÍAS") from None


def _seed_demo(args: argparse.Namespace) -> int:
    with session_scope() as session:
        report = seed_demo(session=session, dataset=args.dataset, shift_to=args.shift_to)
    for warning in report.warnings:
        print(f"aviso: {warning}", file=sys.stderr)
    print(
        f"Creados: {', '.join(report.created) or 'ninguno'}; ya existían: {', '.join(report.skipped) or 'ninguno'}; "
        f"{report.items} actividades."
    )
    return 0


def _setup(args: argparse.Namespace) -> int:
    """Migrate, then load the demo only when the database has no events. With REDIS_URL set,
    Redis must answer (page state lives there): starting without it would fail later, per page."""
    redis_url = get_settings().redis_url
    if redis_url and (state := health.check(redis_url=redis_url)).redis != "ok":
        print(f"REDIS_URL está definido pero Redis no responde ({state.redis}); no se inicia.", file=sys.stderr)
        return 2
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


def _export_ics(args: argparse.Namespace) -> int:
    try:
        with session_scope() as session:
            if args.venue:
                spec = feeds.venue_spec(session=session, slug=args.venue)
            elif args.agency or args.person is not None:
                spec = feeds.owner_spec(
                    session=session,
                    kind=FeedKind.AGENCY if args.agency else FeedKind.PERSON,
                    agency_slug=args.agency,
                    person_id=args.person,
                )
            else:
                spec = feeds.event_spec(session=session, slug=args.event_slug)
            body = feeds.render(session=session, spec=spec).body
    except NotFound as missing:
        print(f"No se encontró «{missing.what}».", file=sys.stderr)
        return 2
    if args.output == "-":
        sys.stdout.buffer.write(body)
    else:
        Path(args.output).write_bytes(body)
        print(f"Escrito {args.output} ({len(body):,} bytes).")
    return 0


def _feed_token(args: argparse.Namespace) -> int:
    kind = FeedKind(args.kind)
    try:
        with session_scope() as session:
            owner = feeds.owner_id(session=session, kind=kind, owner=args.owner)
            token = subscriptions.issue_token(session=session, kind=kind, owner_id=owner, rotate=args.rotate)
    except NotFound as missing:
        print(f"No se encontró «{missing.what}».", file=sys.stderr)
        return 2
    except subscriptions.TokenExists:
        print(
            "Ya tiene un enlace privado; use --rotate para emitir uno nuevo (el anterior deja de funcionar).",
            file=sys.stderr,
        )
        return 1
    urls = subscriptions.feed_urls(routes.private_feed_path(token))
    print("Enlace privado (se muestra una sola vez; guárdelo):")
    print(f"  {urls['https']}")
    print(f"  {urls['webcal']}")
    return 0


def _read_source(source: str) -> bytes:
    """A file's bytes, or a URL's fetched within the configured limits."""
    if source.startswith(("https://", "http://")):
        return fetch_calendar(source, policy=configured_policy()).body
    return Path(source).read_bytes()


def _import_ics(args: argparse.Namespace) -> int:
    try:
        raw = _read_source(args.source)
    except OSError as error:
        print(f"No se pudo leer «{args.source}»: {error.strerror}.", file=sys.stderr)
        return 2
    except FetchRefused as refused:
        print(f"{args.source}: {refused.message()}", file=sys.stderr)
        return 2
    try:
        report = imports.run_import(slug=args.event, raw=raw, dry_run=args.dry_run)
    except NotFound as missing:
        print(f"No existe el evento «{missing.what}».", file=sys.stderr)
        return 2
    except ImportRejected as rejected:
        print(f"{args.source}: {rejected.message()}", file=sys.stderr)
        return 2
    for warning in report.warnings:
        print(f"aviso: {warning}", file=sys.stderr)
    print(("Prueba (no se guardó nada): " if args.dry_run else "Importado: ") + report.summary())
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Contraseña: ")
    if getpass.getpass("Repita la contraseña: ") != first:
        raise ValueError("Las contraseñas no coinciden.")
    return first


def _create_user(args: argparse.Namespace) -> int:
    try:
        password = _read_password(args.password_stdin)
        with session_scope() as session:
            user = accounts.create_user(
                session=session,
                email=args.email,
                name=args.name,
                password=password,
                role=args.role,
                agency_slug=args.agency or "",
                can_tally=args.escrutinio,
            )
            print(f"Cuenta creada: {user.email} ({t(f'role.{user.role}')}).")
    except ValueError as mismatch:
        print(str(mismatch), file=sys.stderr)
        return 2
    except ValidationFailed as failed:
        for field, message in failed.messages().items():
            print(f"{field}: {message}", file=sys.stderr)
        return 2
    return 0


def _import_nominees(args: argparse.Namespace) -> int:
    try:
        raw = Path(args.file).read_bytes()
    except OSError as error:
        print(f"No se pudo leer «{args.file}»: {error.strerror}.", file=sys.stderr)
        return 2
    try:
        with session_scope() as session:
            result = awards.import_nominations(session=session, slug=args.event, raw=raw, dry_run=args.dry_run)
            if args.dry_run:
                session.rollback()
    except NotFound as missing:
        print(f"No existe el evento «{missing.what}».", file=sys.stderr)
        return 2
    except CsvRejected as rejected:
        print(f"{args.file}: no se guardó nada. {len(rejected.problems)} problemas:", file=sys.stderr)
        for line in rejected.report():
            print(f"  {line}", file=sys.stderr)
        return 2
    print(("Prueba (no se guardó nada): " if args.dry_run else "Importado: ") + result.summary())
    return 0


def _export_nominees(args: argparse.Namespace) -> int:
    try:
        with session_scope() as session:
            body = awards.export_nominations(
                session=session, slug=args.event, with_winners=winners.revealed(session=session, slug=args.event)
            )
    except NotFound as missing:
        print(f"No existe el evento «{missing.what}».", file=sys.stderr)
        return 2
    if args.output == "-":
        sys.stdout.buffer.write(body)
    else:
        Path(args.output).write_bytes(body)
    return 0


def _export_event(args: argparse.Namespace) -> int:
    try:
        with session_scope() as session:
            text = backup.dumps(backup.export_event(session=session, slug=args.event_slug))
    except NotFound as missing:
        print(f"No existe el evento «{missing.what}».", file=sys.stderr)
        return 2
    if args.output == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    return 0


def _import_event(args: argparse.Namespace) -> int:
    try:
        doc = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except OSError as error:
        print(f"No se pudo leer «{args.file}»: {error.strerror}.", file=sys.stderr)
        return 2
    except ValueError:
        print(f"{args.file}: no es un respaldo JSON de un evento.", file=sys.stderr)
        return 2
    try:
        with session_scope() as session:
            event = backup.import_event(session=session, doc=doc)
            print(f"Evento restaurado: {event.slug}.")
    except ValidationFailed as failed:
        print(f"{args.file}: " + " ".join(failed.messages().values()), file=sys.stderr)
        return 2
    except (KeyError, TypeError) as broken:
        print(f"{args.file}: el respaldo está incompleto ({broken}).", file=sys.stderr)
        return 2
    return 0


def _refresh_calendars(args: argparse.Namespace) -> int:
    """Refreshes the due external calendars (the backend does it every minute; cron can too)."""
    done = external_calendars.refresh_due()
    for refreshed in done:
        line = f"{refreshed.subscription_id}: {refreshed.outcome} ({refreshed.blocks})"
        print(line + (f" {refreshed.error}" if refreshed.error else ""))
    print(f"Calendarios consultados: {len(done)}.")
    return 1 if any(r.outcome == "failed" for r in done) else 0


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
    dataset.add_argument(
        "--shift-to",
        type=_shift_date,
        metavar="FECHA",
        help="mueve la demostración por semanas completas para que la ceremonia del Ariel caiga en el primer "
        "sábado desde FECHA (AAAA-MM-DD, o +DÍAS desde hoy); sin esta opción, las fechas reales de 2025",
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

    export = sub.add_parser("export-ics", help="escribe un calendario iCal (el programa público o un filtro)")
    export.add_argument("event_slug", metavar="EVENT_SLUG", help="evento cuyo programa público se exporta")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--venue", metavar="SLUG", help="en su lugar, el programa público de una sede")
    which.add_argument("--agency", metavar="SLUG", help="en su lugar, el calendario compartido de una agencia")
    which.add_argument("--person", metavar="ID", type=int, help="en su lugar, la agenda de una persona")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="archivo de salida (- para stdout)")
    export.set_defaults(func=_export_ics)

    importer = sub.add_parser("import-ics", help="importa un calendario .ics a un evento (todo o nada)")
    importer.add_argument("source", metavar="FILE_OR_URL", help="archivo .ics o dirección https")
    importer.add_argument("--event", required=True, metavar="SLUG", help="evento que recibe las actividades")
    importer.add_argument("--dry-run", action="store_true", help="solo informa qué cambiaría; no guarda nada")
    importer.set_defaults(func=_import_ics)

    user = sub.add_parser("create-user", help="crea una cuenta (la primera persona organizadora, por ejemplo)")
    user.add_argument("--email", required=True)
    user.add_argument("--name", required=True, help="nombre que se muestra")
    user.add_argument("--role", default="organizer", choices=[r.value for r in Role])
    user.add_argument("--agency", metavar="SLUG", help="agencia de una persona coordinadora")
    user.add_argument(
        "--escrutinio", action="store_true", help="puede capturar y revelar ganadores (solo organización)"
    )
    user.add_argument(
        "--password-stdin", action="store_true", help="lee la contraseña de la entrada estándar (para scripts)"
    )
    user.set_defaults(func=_create_user)

    nominees = sub.add_parser(
        "import-nominees", help="importa nominaciones desde un CSV (todo o nada; columnas en el README)"
    )
    nominees.add_argument("file", metavar="FILE", help="archivo .csv (UTF-8, con o sin BOM, o Windows-1252)")
    nominees.add_argument("--event", required=True, metavar="SLUG", help="evento con sus categorías")
    nominees.add_argument("--dry-run", action="store_true", help="solo revisa el archivo; no guarda nada")
    nominees.set_defaults(func=_import_nominees)
    export_n = sub.add_parser("export-nominees", help="escribe las nominaciones de un evento en CSV para Excel")
    export_n.add_argument("--event", required=True, metavar="SLUG")
    export_n.add_argument("-o", "--output", required=True, metavar="FILE", help="archivo de salida (- para stdout)")
    export_n.set_defaults(func=_export_nominees)

    saver = sub.add_parser("export-event", help="respalda un evento completo en JSON (para import-event)")
    saver.add_argument("event_slug", metavar="SLUG")
    saver.add_argument("-o", "--output", required=True, metavar="FILE.json", help="archivo de salida (- para stdout)")
    saver.set_defaults(func=_export_event)
    loader = sub.add_parser("import-event", help="restaura un evento respaldado con export-event (todo o nada)")
    loader.add_argument("file", metavar="FILE.json")
    loader.set_defaults(func=_import_event)

    refresh = sub.add_parser(
        "refresh-calendars", help="consulta los calendarios externos pendientes de sedes y agencias"
    )
    refresh.set_defaults(func=_refresh_calendars)

    token = sub.add_parser("feed-token", help="emite (o rota) el enlace privado de una agencia o persona")
    token.add_argument("kind", choices=("agency", "person"), help="agency o person")
    token.add_argument("owner", metavar="ID", help="slug de la agencia o id de la persona")
    token.add_argument("--rotate", action="store_true", help="emite uno nuevo; el anterior deja de funcionar")
    token.set_defaults(func=_feed_token)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
