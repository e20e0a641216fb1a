"""Command line: python -m logistics_app.cli COMMAND (reads DATABASE_URL like the app).

Help and messages in Spanish, or in English with --lang en (anywhere on the line) or
LOGISTICS_LANG=en."""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date, timedelta
from email.message import EmailMessage
from functools import partial
from pathlib import Path

from logistics_app import routes
from logistics_app.db import get_engine, session_scope
from logistics_app.demo.loader import seed_demo
from logistics_app.domain.errors import NotFound, ValidationFailed
from logistics_app.domain.ics_import import ImportRejected
from logistics_app.domain.nominations_csv import CsvRejected
from logistics_app.i18n import DEFAULT_LANG, LANGUAGES, normalize_lang, t
from logistics_app.infra import backup, health
from logistics_app.infra.database import migrate
from logistics_app.integrations import smtp
from logistics_app.integrations.remote_calendar import FetchRefused, configured_policy, fetch_calendar
from logistics_app.integrations.smtp import SmtpTarget
from logistics_app.models import FeedKind, Role
from logistics_app.queries import feeds
from logistics_app.queries.conflicts import event_conflicts
from logistics_app.queries.events import list_events
from logistics_app.services import (
    accounts,
    awards,
    delivery,
    external_calendars,
    imports,
    outbox,
    releases,
    subscriptions,
    winners,
)
from logistics_app.settings import get_settings
from logistics_app.timeutil import DEFAULT_ZONE, now_utc, to_local

LANG_VARIABLE = "LOGISTICS_LANG"


def _init_db(args: argparse.Namespace) -> int:
    migrate(get_engine())
    print(t("cli.db_ready", args.lang))
    return 0


def _shift_date(text: str, lang: str = DEFAULT_LANG) -> date:
    """A day (2027-01-16) or a number of days from today in Mexico City (+28)."""
    try:
        if text.startswith("+"):
            return to_local(now_utc(), DEFAULT_ZONE).date() + timedelta(days=int(text[1:]))
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.bad_shift_date", lang, text=text)) from None


def _seed_demo(args: argparse.Namespace) -> int:
    with session_scope() as session:
        report = seed_demo(session=session, dataset=args.dataset, shift_to=args.shift_to)
    for warning in report.warnings:
        print(t("cli.warning", args.lang, warning=warning), file=sys.stderr)
    none = t("cli.none", args.lang)
    created, skipped = ", ".join(report.created) or none, ", ".join(report.skipped) or none
    print(t("cli.seeded", args.lang, created=created, skipped=skipped, items=report.items))
    return 0


def _setup(args: argparse.Namespace) -> int:
    """Migrate, then load the demo only when the database has no events. With REDIS_URL set,
    Redis must answer (page state lives there): starting without it would fail later, per page."""
    redis_url = get_settings().redis_url
    if redis_url and (state := health.check(redis_url=redis_url)).redis != "ok":
        print(t("cli.redis_down", args.lang, state=state.redis), file=sys.stderr)
        return 2
    _init_db(args)
    with session_scope() as session:
        if list_events(session=session, public_only=False):
            print(t("cli.events_kept", args.lang))
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
        print(t("cli.no_event", args.lang, slug=args.event_slug), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"[{row['severity']}] {row['message']}")
        print(t("cli.conflict_count", args.lang, count=len(rows)))
    return 1 if rows else 0


def _write_output(output: str, body: bytes) -> None:
    """The bytes to a file, or to stdout for '-'."""
    if output == "-":
        sys.stdout.buffer.write(body)
    else:
        Path(output).write_bytes(body)


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
                    lang=args.lang,
                )
            else:
                spec = feeds.event_spec(session=session, slug=args.event_slug)
            body = feeds.render(session=session, spec=spec, lang=args.lang).body
    except NotFound as missing:
        print(t("error.not_found", args.lang, what=missing.what), file=sys.stderr)
        return 2
    _write_output(args.output, body)
    if args.output != "-":
        print(t("cli.written", args.lang, path=args.output, size=len(body)))
    return 0


def _feed_token(args: argparse.Namespace) -> int:
    kind = FeedKind(args.kind)
    try:
        with session_scope() as session:
            owner = feeds.owner_id(session=session, kind=kind, owner=args.owner)
            if args.label and kind == FeedKind.AGENCY:  # one more personal link; the others keep working
                token = subscriptions.make_agency_link(
                    session=session, agency_id=owner, label=args.label, created_by=None
                )
            else:
                token = subscriptions.issue_token(session=session, kind=kind, owner_id=owner, rotate=args.rotate)
    except ValidationFailed as failed:
        print("; ".join(failed.messages(args.lang).values()), file=sys.stderr)
        return 2
    except NotFound as missing:
        print(t("error.not_found", args.lang, what=missing.what), file=sys.stderr)
        return 2
    except subscriptions.TokenExists:
        print(t("cli.token_exists", args.lang), file=sys.stderr)
        return 1
    urls = subscriptions.feed_urls(routes.private_feed_path(token))
    print(t("cli.private_link", args.lang))
    print(f"  {urls['https']}")
    print(f"  {urls['webcal']}")
    return 0


def _read_source(source: str) -> bytes:
    """A file's bytes, or a URL's fetched within the configured limits."""
    if source.startswith(("https://", "http://")):
        return fetch_calendar(source, policy=configured_policy()).body
    return Path(source).read_bytes()


def _imported(args: argparse.Namespace, summary: str) -> str:
    return t("cli.dry_run" if args.dry_run else "cli.imported", args.lang, summary=summary)


def _import_ics(args: argparse.Namespace) -> int:
    try:
        raw = _read_source(args.source)
    except OSError as error:
        print(t("cli.cannot_read", args.lang, path=args.source, reason=error.strerror), file=sys.stderr)
        return 2
    except FetchRefused as refused:
        print(f"{args.source}: {refused.message(args.lang)}", file=sys.stderr)
        return 2
    try:
        report = imports.run_import(slug=args.event, raw=raw, dry_run=args.dry_run)
    except NotFound as missing:
        print(t("cli.no_event", args.lang, slug=missing.what), file=sys.stderr)
        return 2
    except ImportRejected as rejected:
        print(f"{args.source}: {rejected.message(args.lang)}", file=sys.stderr)
        return 2
    for warning in report.warnings:
        print(t("cli.warning", args.lang, warning=warning), file=sys.stderr)
    print(_imported(args, report.summary(args.lang)))
    return 0


def _read_password(from_stdin: bool, lang: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(t("cli.password", lang))
    if getpass.getpass(t("cli.password_again", lang)) != first:
        raise ValueError(t("cli.password_mismatch", lang))
    return first


def _create_user(args: argparse.Namespace) -> int:
    try:
        password = _read_password(args.password_stdin, args.lang)
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
            print(t("cli.user_created", args.lang, email=user.email, role=t(f"role.{user.role}", args.lang)))
    except ValueError as mismatch:
        print(str(mismatch), file=sys.stderr)
        return 2
    except ValidationFailed as failed:
        for field, message in failed.messages(args.lang).items():
            print(f"{field}: {message}", file=sys.stderr)
        return 2
    return 0


def _import_nominees(args: argparse.Namespace) -> int:
    try:
        raw = Path(args.file).read_bytes()
    except OSError as error:
        print(t("cli.cannot_read", args.lang, path=args.file, reason=error.strerror), file=sys.stderr)
        return 2
    try:
        with session_scope() as session:
            result = awards.import_nominations(session=session, slug=args.event, raw=raw, dry_run=args.dry_run)
            if args.dry_run:
                session.rollback()
    except NotFound as missing:
        print(t("cli.no_event", args.lang, slug=missing.what), file=sys.stderr)
        return 2
    except CsvRejected as rejected:
        print(t("cli.csv_rejected", args.lang, path=args.file, problems=len(rejected.problems)), file=sys.stderr)
        for line in rejected.report(args.lang):
            print(f"  {line}", file=sys.stderr)
        return 2
    print(_imported(args, result.summary(args.lang)))
    return 0


def _export_nominees(args: argparse.Namespace) -> int:
    try:
        with session_scope() as session:
            body = awards.export_nominations(
                session=session, slug=args.event, with_winners=winners.revealed(session=session, slug=args.event)
            )
    except NotFound as missing:
        print(t("cli.no_event", args.lang, slug=missing.what), file=sys.stderr)
        return 2
    _write_output(args.output, body)
    return 0


def _export_event(args: argparse.Namespace) -> int:
    try:
        with session_scope() as session:
            text = backup.dumps(backup.export_event(session=session, slug=args.event_slug))
    except NotFound as missing:
        print(t("cli.no_event", args.lang, slug=missing.what), file=sys.stderr)
        return 2
    _write_output(args.output, (text + "\n").encode("utf-8"))
    return 0


def _import_event(args: argparse.Namespace) -> int:
    try:
        doc = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except OSError as error:
        print(t("cli.cannot_read", args.lang, path=args.file, reason=error.strerror), file=sys.stderr)
        return 2
    except ValueError:
        print(t("cli.not_a_backup", args.lang, path=args.file), file=sys.stderr)
        return 2
    try:
        with session_scope() as session:
            event = backup.import_event(session=session, doc=doc)
            print(t("cli.event_restored", args.lang, slug=event.slug))
    except ValidationFailed as failed:
        print(f"{args.file}: " + " ".join(failed.messages(args.lang).values()), file=sys.stderr)
        return 2
    except (KeyError, TypeError) as broken:
        print(t("cli.backup_incomplete", args.lang, path=args.file, detail=broken), file=sys.stderr)
        return 2
    return 0


def _refresh_calendars(args: argparse.Namespace) -> int:
    """Refreshes the due external calendars (the backend does it every minute; cron can too)."""
    done = external_calendars.refresh_due()
    for refreshed in done:
        line = f"{refreshed.subscription_id}: {refreshed.outcome} ({refreshed.blocks})"
        print(line + (f" {refreshed.error}" if refreshed.error else ""))
    print(t("cli.calendars_refreshed", args.lang, count=len(done)))
    return 1 if any(r.outcome == "failed" for r in done) else 0


def chosen_lang(argv: Sequence[str]) -> str:
    """The language of help and messages: the last --lang on the line, else LOGISTICS_LANG, else
    Spanish. Read before parsing, since the help texts are written in it; the parser checks the value."""
    chosen = os.environ.get(LANG_VARIABLE, "")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.removeprefix("--lang=")
    return normalize_lang(chosen)


def build_parser(lang: str = DEFAULT_LANG) -> argparse.ArgumentParser:
    def _(key: str) -> str:
        return t(f"cli.help.{key}", lang)

    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--lang", choices=LANGUAGES, default=lang, help=_("lang"))
    parser = argparse.ArgumentParser(
        prog="python -m logistics_app.cli", description=_("description"), parents=[language]
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, *parents: argparse.ArgumentParser) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[language, *parents], help=_(name.replace("-", "_")))

    dataset = argparse.ArgumentParser(add_help=False)
    dataset.add_argument("--dataset", type=Path, default=get_settings().rumbo_dataset, help=_("dataset"))
    dataset.add_argument(
        "--shift-to", type=partial(_shift_date, lang=lang), metavar=_("shift_to.metavar"), help=_("shift_to")
    )

    command("init-db").set_defaults(func=_init_db)
    command("seed-demo", dataset).set_defaults(func=_seed_demo)
    command("setup", dataset).set_defaults(func=_setup)
    events = command("events")
    events.add_argument("--json", action="store_true", help=_("json"))
    events.set_defaults(func=_events)
    conflicts = command("conflicts")
    conflicts.add_argument("event_slug", metavar="EVENT_SLUG", help=_("conflicts.event_slug"))
    conflicts.add_argument("--json", action="store_true", help=_("json"))
    conflicts.set_defaults(func=_conflicts)

    export = command("export-ics")
    export.add_argument("event_slug", metavar="EVENT_SLUG", help=_("export_ics.event_slug"))
    which = export.add_mutually_exclusive_group()
    which.add_argument("--venue", metavar="SLUG", help=_("export_ics.venue"))
    which.add_argument("--agency", metavar="SLUG", help=_("export_ics.agency"))
    which.add_argument("--person", metavar="ID", type=int, help=_("export_ics.person"))
    export.add_argument("-o", "--output", required=True, metavar="FILE", help=_("output"))
    export.set_defaults(func=_export_ics)

    importer = command("import-ics")
    importer.add_argument("source", metavar="FILE_OR_URL", help=_("import_ics.source"))
    importer.add_argument("--event", required=True, metavar="SLUG", help=_("import_ics.event"))
    importer.add_argument("--dry-run", action="store_true", help=_("import_ics.dry_run"))
    importer.set_defaults(func=_import_ics)

    user = command("create-user")
    user.add_argument("--email", required=True)
    user.add_argument("--name", required=True, help=_("create_user.name"))
    user.add_argument("--role", default="organizer", choices=[r.value for r in Role])
    user.add_argument("--agency", metavar="SLUG", help=_("create_user.agency"))
    user.add_argument("--escrutinio", action="store_true", help=_("create_user.escrutinio"))
    user.add_argument("--password-stdin", action="store_true", help=_("create_user.password_stdin"))
    user.set_defaults(func=_create_user)

    nominees = command("import-nominees")
    nominees.add_argument("file", metavar="FILE", help=_("import_nominees.file"))
    nominees.add_argument("--event", required=True, metavar="SLUG", help=_("import_nominees.event"))
    nominees.add_argument("--dry-run", action="store_true", help=_("import_nominees.dry_run"))
    nominees.set_defaults(func=_import_nominees)
    export_n = command("export-nominees")
    export_n.add_argument("--event", required=True, metavar="SLUG")
    export_n.add_argument("-o", "--output", required=True, metavar="FILE", help=_("output"))
    export_n.set_defaults(func=_export_nominees)

    saver = command("export-event")
    saver.add_argument("event_slug", metavar="SLUG")
    saver.add_argument("-o", "--output", required=True, metavar="FILE.json", help=_("output"))
    saver.set_defaults(func=_export_event)
    loader = command("import-event")
    loader.add_argument("file", metavar="FILE.json")
    loader.set_defaults(func=_import_event)

    command("refresh-calendars").set_defaults(func=_refresh_calendars)

    token = command("feed-token")
    token.add_argument("kind", choices=("agency", "person"), help=_("feed_token.kind"))
    token.add_argument("owner", metavar="ID", help=_("feed_token.owner"))
    token.add_argument("--rotate", action="store_true", help=_("feed_token.rotate"))
    token.add_argument("--label", metavar="NAME", default="", help=_("feed_token.label"))
    token.set_defaults(func=_feed_token)

    publisher = command("publish")
    publisher.add_argument("event_slug", metavar="EVENT_SLUG", help=_("conflicts.event_slug"))
    publisher.set_defaults(func=_publish)
    mailbox = command("outbox")
    mailbox.add_argument("event_slug", metavar="EVENT_SLUG", help=_("conflicts.event_slug"))
    mailbox.add_argument("--send", action="store_true", help=_("outbox.send"))
    mailbox.add_argument("--json", action="store_true", help=_("json"))
    mailbox.set_defaults(func=_outbox)
    tester = command("send-test-mail")
    tester.add_argument("address", metavar="ADDRESS", help=_("address"))
    tester.set_defaults(func=_send_test_mail)
    command("worker").set_defaults(func=_worker)
    return parser


def _worker(_args: argparse.Namespace) -> int:
    from logistics_app import jobs  # the queue opens its storage on import: only for this command

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    jobs.work_in_foreground()
    return 0


def _publish(args: argparse.Namespace) -> int:
    try:
        with session_scope() as session:
            release = releases.publish(session=session, slug=args.event_slug, actor=None, lang=args.lang)
            queued = outbox.count_for(session=session, release=release)
    except NotFound:
        print(t("cli.no_event", args.lang, slug=args.event_slug), file=sys.stderr)
        return 2
    except releases.NothingToPublish:
        print(t("cli.nothing_to_publish", args.lang))
        return 0
    print(t("cli.published", args.lang, number=release.number, count=queued))
    return 0


def _smtp() -> SmtpTarget | None:
    settings = get_settings()
    if not settings.smtp_url:
        return None
    return SmtpTarget.from_url(settings.smtp_url, user=settings.smtp_user, password=settings.smtp_password)


def _outbox(args: argparse.Namespace) -> int:
    if args.send:
        target = _smtp()
        if target is None:
            print(t("cli.no_smtp", args.lang), file=sys.stderr)
            return 2
        try:
            with session_scope() as session:
                outbox.send_held(session=session, slug=args.event_slug)
        except NotFound:
            print(t("cli.no_event", args.lang, slug=args.event_slug), file=sys.stderr)
            return 2
        report = delivery.deliver(send=partial(smtp.send, target))
        print(t("cli.delivered", args.lang, sent=report.sent, retrying=report.retrying, failed=report.failed))
    try:
        with session_scope() as session:
            rows = outbox.outbox(session=session, slug=args.event_slug, lang=args.lang)
    except NotFound:
        print(t("cli.no_event", args.lang, slug=args.event_slug), file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        error = f"  ({row['error']})" if row["error"] else ""
        print(f"v{row['release']}  {row['status_label']:<10} {row['recipient']:<40} {row['subject']}{error}")
    return 0


def _send_test_mail(args: argparse.Namespace) -> int:
    target = _smtp()
    if target is None:
        print(t("cli.no_smtp", args.lang), file=sys.stderr)
        return 2
    mail = EmailMessage()
    mail["Subject"], mail["From"], mail["To"] = (
        t("mail.test.subject", args.lang),
        get_settings().mail_from,
        args.address,
    )
    mail.set_content(t("mail.test.body", args.lang))
    try:
        smtp.send(target, mail)
    except smtp.SmtpFailed as failure:
        print(t("cli.mail_failed", args.lang, error=failure), file=sys.stderr)
        return 1
    print(t("cli.mail_sent", args.lang, address=args.address))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(chosen_lang(argv)).parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
