"""The ``desk`` command line.

The command opens the app, but desk/ never imports the screens: the launcher in screens/ passes
in the function that runs the app. Everything else here works without a screen.

User errors print one Dutch line on stderr and exit 1; usage errors exit 2; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NoReturn

from db.connection import DRIVER_ERRORS
from db.errors import DamagedDatabaseError, PassphraseNeededError, StorageError, storage_error_for
from desk.care import backups, encryption
from desk.cli import maintenance as cli_maintenance
from desk.core import error_log, paths
from desk.core.config import load_user, make_user
from desk.core.errors import DeskError
from desk.core.workspace import Workspace
from desk.files import export_filters, export_kinds, exporting
from desk.files.writing import os_reason, write_file_privately
from desk.work.opening import open_workspace

AppRunner = Callable[[Workspace, Path], None]
RecoveryRunner = Callable[[Path, str], bool]  # shows the recovery screen; True when a backup was restored

# What ``desk export`` can write: kind -> formats, the first one the default. A later kind or
# format is one entry here plus a branch in _exporter. ``person`` (AVG) always writes JSON + Markdown.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "contacts": exporting.FORMATS,
    "organisations": exporting.FORMATS,
    "referrals": exporting.FORMATS,
    "followups": ("ics", *exporting.FORMATS),
}
EXPORT_KINDS = (*EXPORT_FORMATS, "person")
EXPORT_KIND_NAMES = {kind: (spec.singular, spec.plural) for kind, spec in export_kinds.KINDS.items()}
ALL_EXPORT_FORMATS = tuple(dict.fromkeys(f for formats in EXPORT_FORMATS.values() for f in formats))
STDOUT = "-"
# Export filters: argparse dest -> (option, the ExportFilter field it fills).
EXPORT_FILTERS = {"date_from": ("--from", "date_from"), "date_to": ("--to", "date_to"), "event": ("--event", "event_id"),
                  "organisation": ("--organisation", "organisation_id"), "theme": ("--theme", "theme"),
                  "need": ("--need", "need"), "author": ("--author", "author")}


class _Parser(argparse.ArgumentParser):
    """argparse with one-line Dutch usage errors (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"desk: {message} (zie 'desk --help')\n")


class _VersionAction(argparse.Action):
    """``--version``, looked up when asked: reading the installed packages' metadata at every
    start costs tens of milliseconds."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> NoReturn:
        try:
            found = version("desk")
        except PackageNotFoundError:
            found = "onbekend"
        print(f"desk {found}")
        parser.exit(0)


def _add_db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--db", metavar="PAD", default=default,
                        help="databasebestand (standaard: DESK_DB of de gegevensmap van Desk)")


def build_parser() -> argparse.ArgumentParser:
    # --db may come before or after any (sub-)subcommand. A subparser copies its own defaults over
    # what the main parser read, so the copies suppress theirs: only a --db that is typed is set.
    common = argparse.ArgumentParser(add_help=False)
    _add_db_option(common, argparse.SUPPRESS)

    parser = _Parser(
        prog="desk",
        description="Desk: contactmomenten, doorverwijzingen en opvolging voor de makelaar met mandaat.",
    )
    _add_db_option(parser, None)
    parser.add_argument("--version", action=_VersionAction, help="toon het versienummer en stop")
    parser.add_argument("--demo", action="store_true", help="laad de demogegevens als de database leeg is en start")
    commands = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=_Parser)

    cli_maintenance.add_parsers(commands, common)
    demo = commands.add_parser("demo", parents=[common], help="laad fictieve demogegevens")
    demo.add_argument("--force", action="store_true", help="ook als de database niet leeg is")

    _add_export_parser(commands, common)
    _add_import_parser(commands, common)
    toolbox = commands.add_parser("toolbox", parents=[common], help="het werkboek van de toolbox")
    toolbox_commands = toolbox.add_subparsers(dest="toolbox_command", metavar="opdracht", required=True,
                                              parser_class=_Parser)
    toolbox_export = toolbox_commands.add_parser(
        "export", parents=[common], help="een module of de hele toolbox afdrukken",
        description="Schrijf de toolbox met antwoorden, vinkjes, notities en datum als Markdown of als "
                    "afdrukbare HTML-pagina.")
    toolbox_export.add_argument("--module", type=int, metavar="N", help="alleen module N (1 tot en met 13)")
    toolbox_export.add_argument("--format", choices=("md", "html"), required=True, help="md of html")
    toolbox_export.add_argument("--out", required=True, metavar="BESTAND",
                                help="doelbestand; - schrijft naar de standaarduitvoer")
    return parser


def _add_export_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    combinations = "; ".join(f"{kind}: {', '.join(formats)}" for kind, formats in EXPORT_FORMATS.items())
    export = commands.add_parser(
        "export", parents=[common], help="exporteer gegevens naar een bestand",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="""Exporteer gegevens uit Desk. Het bestand bevat persoonsgegevens, wordt alleen voor
jou leesbaar aangemaakt en elke export staat in het auditlog.

  contacts       contactmomenten met organisatie, contactpersonen, kanaal, vragen,
                 evenement, auteur en notities
  organisations  adreslijst: organisaties met hun contactpersonen (een regel per
                 contactpersoon); met --from/--to/--event/--need/--author: de
                 organisaties met een contactmoment dat daarbij past
  referrals      doorverwijzingen
  followups      opvolging; als ics: alle open opvolgingen als agenda voor
                 Outlook, Google Agenda of Apple Agenda
  person ID-OF-EMAIL
                 alles wat Desk over een persoon bewaart (AVG-inzageverzoek): JSON
                 plus een leesbare samenvatting in Markdown. --out is een bestaande
                 map (dan inzage-<datum>-<code>.json en .md) of een voorvoegsel
                 (--out verzoek geeft verzoek.json en verzoek.md)

CSV is UTF-8 met BOM en ; als scheidingsteken, zoals Excel met Nederlandse
instellingen het opent; cellen die met = + - @ beginnen krijgen een ' ervoor.""",
        epilog=f"Mogelijke formaten per soort: {combinations}. Een formaat dat niet bij de soort past, "
               "of een filter dat niet bij de soort past, is een gebruiksfout (afsluitcode 2). Datums als "
               "'1 januari 2026', '2026-01-01' of 'vandaag'.",
    )
    export.add_argument("kind", choices=list(EXPORT_KINDS), metavar="soort",
                        help=f"wat je exporteert: {', '.join(EXPORT_KINDS)}")
    export.add_argument("subject", nargs="?", metavar="ID-OF-EMAIL", help="alleen bij person: wie")
    export.add_argument("--format", dest="format", metavar="{" + ",".join(ALL_EXPORT_FORMATS) + "}",
                        help="bestandsformaat (standaard het eerste dat bij de soort past: csv; followups: ics)")
    export.add_argument("--out", required=True, metavar="BESTAND",
                        help="doelbestand; - schrijft naar de standaarduitvoer (niet voor xlsx); "
                             "bij person een map of voorvoegsel")
    export.add_argument("--delimiter", choices=list(exporting.DELIMITERS), default=";", metavar="{;|,|tab}",
                        help="scheidingsteken voor csv: ; (standaard), , of tab")
    filters = export.add_argument_group("filters")
    filters.add_argument("--from", dest="date_from", metavar="DATUM", help="vanaf deze dag")
    filters.add_argument("--to", dest="date_to", metavar="DATUM", help="tot en met deze dag")
    filters.add_argument("--event", metavar="NAAM", help="evenement (naam of id)")
    filters.add_argument("--organisation", metavar="NAAM-OF-ID", help="organisatie (naam, KvK-nummer of id)")
    filters.add_argument("--theme", metavar="THEMA", help="thema van de organisatie")
    filters.add_argument("--need", metavar="VRAAG", help="ondersteuningsvraag (niet bij followups)")
    filters.add_argument("--author", metavar="INITIALEN", help="wie het vastlegde")


def _add_import_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from desk.files import import_mapping, importing, tabular_files  # noqa: PLC0415 - keeps start-up light

    fields = ", ".join(import_mapping.FIELDS.values())
    command = commands.add_parser(
        "import", parents=[common], help="organisaties met contactpersonen inlezen uit CSV of Excel",
        description="Lees organisaties met hun contactpersonen in uit een CSV- of Excel-bestand (xlsx). "
                    "Desk herkent de tekenset (UTF-8 met of zonder BOM, UTF-16, een bestand dat helemaal "
                    "Windows-1252 is) en het scheidingsteken (; , of tab) en koppelt kolommen aan velden op hun "
                    "kop, in het Nederlands of Engels. Elke rij wordt gecontroleerd, ook of ze evenveel velden "
                    "heeft als de kopregel; is er een rij fout, dan wordt niets opgeslagen en staat elke fout "
                    "met zijn regelnummer in het verslag (afsluitcode 1). Een bestand dat te groot is (meer "
                    "rijen dan --max-rows, een cel van meer dan "
                    f"{tabular_files.number_text(tabular_files.MAX_CELL_CHARS)} tekens, een xlsx dat uitgepakt "
                    f"meer dan {tabular_files.MAX_XLSX_BYTES // 1024 // 1024} MB is) wordt vooraf geweigerd. "
                    "Alles wordt in één keer "
                    "opgeslagen. Een organisatie die er al is (zelfde KvK-nummer, of zelfde naam zonder "
                    "hoofdletters, accenten en B.V./Stichting) wordt standaard overgeslagen.",
        epilog=f"Velden voor --map: {fields}, of - om een kolom niet te gebruiken.",
    )
    command.add_argument("what", choices=["organisations"], metavar="soort", help="wat je inleest: organisations")
    command.add_argument("file", metavar="BESTAND", help="CSV- of xlsx-bestand")
    command.add_argument("--dry-run", action="store_true", help="laat per rij zien wat er zou gebeuren; "
                                                                "sla niets op")
    command.add_argument("--skip-invalid", action="store_true",
                         help="sla de goede rijen op en meld de foute (anders: niets als er een fout is)")
    command.add_argument("--existing", choices=list(importing.EXISTING_CHOICES), default="skip",
                         help="bestaande organisatie: skip (overslaan, standaard), update (bijwerken met wat "
                              "in het bestand staat) of add (toch een nieuwe toevoegen)")
    command.add_argument("--map", action="append", default=[], metavar="KOLOM=VELD",
                         help="koppel een kolom aan een veld, bijv. --map 'Bedrijf=naam' of --map 'Extra=-'; "
                              "mag vaker")
    command.add_argument("--delimiter", choices=list(exporting.DELIMITERS), metavar="{;|,|tab}",
                         help="scheidingsteken als Desk het verkeerd raadt: ; , of tab")
    command.add_argument("--encoding", choices=["utf-8", "utf-8-sig", "cp1252", "utf-16"],
                         help="tekenset als Desk het verkeerd raadt (cp1252 is Windows-1252)")

    def row_limit(text: str) -> int:
        if not text.isdigit() or int(text) < 1:
            raise argparse.ArgumentTypeError(f"'{text}' is geen aantal rijen (een heel getal, 1 of meer)")
        return int(text)

    default_limit = tabular_files.number_text(tabular_files.MAX_ROWS)
    command.add_argument("--max-rows", type=row_limit, default=tabular_files.MAX_ROWS, metavar="N",
                         help=f"lees hoogstens N rijen (standaard {default_limit}); een groter bestand wordt "
                              "geweigerd voordat er iets wordt opgeslagen")


def check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Checks argparse cannot express; a mismatch is a usage error (exit 2) in Dutch."""
    if args.command == "export":
        _check_export_usage(parser, args)
    if args.command == "import":
        from desk.files import import_mapping  # noqa: PLC0415

        for override in args.map:
            try:
                import_mapping.field_for(override.rpartition("=")[2])
            except ValueError as exc:
                parser.error(f"--map '{override}': {exc}")


def _check_export_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    given = [(option, field) for dest, (option, field) in EXPORT_FILTERS.items() if getattr(args, dest)]
    if args.kind == "person":
        if not args.subject:
            parser.error("export person: geef het id of e-mailadres van de persoon")
        if args.format or given or args.out == STDOUT:
            parser.error("export person schrijft altijd JSON en Markdown naar een map of voorvoegsel; "
                         "--format, filters en --out - passen daar niet bij")
        return
    if args.subject:
        parser.error(f"onverwacht '{args.subject}': alleen 'export person' krijgt een id of e-mailadres")
    formats = EXPORT_FORMATS[args.kind]
    if args.format is None:
        args.format = formats[0]
    elif args.format not in formats:
        parser.error(f"formaat '{args.format}' kan niet voor {args.kind}; kies uit: {', '.join(formats)}")
    if args.format == "xlsx" and args.out == STDOUT:
        parser.error("xlsx kan niet naar de standaarduitvoer; geef een bestand op met --out")
    applies = set() if args.format == "ics" else export_kinds.KINDS[args.kind].filters
    refused = [option for option, field in given if field not in applies]
    if refused:
        parser.error(f"{', '.join(refused)} kan niet bij {args.kind}" + (" als ics" if args.format == "ics" else ""))
    try:
        args.date_from, args.date_to = export_filters.parse_period(args.date_from, args.date_to)
    except ValueError as exc:
        parser.error(str(exc))


def main(argv: Sequence[str] | None = None, run_app: AppRunner | None = None,
         run_recovery: RecoveryRunner | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    check_usage(parser, args)
    try:
        if args.command in cli_maintenance.COMMANDS:
            return cli_maintenance.run(args)
        return _dispatch(args, run_app, run_recovery)
    except (DeskError, StorageError) as exc:
        print(f"desk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early (desk ... | head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (*DRIVER_ERRORS, OSError) as exc:
        known = _known_storage_error(exc)
        if known is None:
            return _report_unexpected(args, exc)
        print(f"desk: {known}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the user gets one line, the traceback goes to a file
        return _report_unexpected(args, exc)


# Failures of the machine rather than of Desk: the user can act on them, so no traceback is kept.
_ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def _known_storage_error(exc: BaseException) -> str | None:
    """The Dutch line for a raw driver or file-system error the user can act on (a busy or full
    database, a read-only disk), else None."""
    known = storage_error_for(exc)
    if known is not None:
        return str(known)
    if isinstance(exc, OSError) and exc.errno in _ENVIRONMENT_ERRNOS:
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{os_reason(exc)}; er is niets opgeslagen."
    return None


def _report_unexpected(args: argparse.Namespace, error: BaseException) -> int:
    """Keep the traceback of an unexpected error in the error log and tell the user, in one line, where."""
    try:
        db_path: Path | None = paths.resolve_db_path(args.db)[0]
    except DeskError:
        db_path = None
    command = f"desk {' '.join(sys.argv[1:])}"
    try:
        log = error_log.record_error(db_path, error, command).absolute()
    except OSError:
        print(f"desk: er ging iets onverwachts mis ({type(error).__name__}) en het verslag kon niet in "
              f"{error_log.log_path(db_path)} bewaard worden.", file=sys.stderr)
        return 1
    # What the failed work leaves half-done (an open writer of a library) may complain when it is
    # collected at exit; that belongs in the log too, not on the screen after the one line.
    sys.unraisablehook = lambda unraisable: _record_quietly(db_path, unraisable.exc_value, command)
    print(f"desk: er ging iets onverwachts mis; de details staan in {log}.", file=sys.stderr)
    return 1


def _record_quietly(db_path: Path | None, error: BaseException | None, what: str) -> None:
    with contextlib.suppress(OSError):
        error_log.record_error(db_path, error or RuntimeError("onbekend"), f"{what} (bij het afsluiten)")


def _open(args: argparse.Namespace) -> Workspace:
    db_path, is_default = paths.resolve_db_path(args.db)
    user = load_user(paths.config_path())
    unfinished = encryption.unfinished_message(db_path)
    if unfinished:  # half encrypted: opening it now would write into one form beside the other
        raise DeskError(unfinished)
    backups.sweep_leftovers(db_path)
    encryption.sweep_leftovers(db_path)
    for folder in backups.make_folders_private(db_path, with_data_folder=is_default):
        print(f"desk: de map {folder} was ook voor anderen leesbaar; nu alleen voor jou (0700).", file=sys.stderr)
    try:
        return open_workspace(db_path, user, create_folder=is_default)
    except PassphraseNeededError:
        passphrase = encryption.find_passphrase(db_path, cli_maintenance.ask_passphrase)
        if not passphrase:
            raise
        return open_workspace(db_path, user, passphrase=passphrase)


def _as_demo_author(ws: Workspace) -> Workspace:
    """Demo data loaded before anyone is configured is signed DEMO rather than '?'."""
    if ws.user is None:
        ws.user = make_user("Demogegevens", "DEMO")
    return ws


def _dispatch(args: argparse.Namespace, run_app: AppRunner | None, run_recovery: RecoveryRunner | None) -> int:
    try:
        ws = _open(args)
    except DamagedDatabaseError as exc:
        # Only the app offers the recovery screen; other commands report the damage and stop.
        if args.command is not None or run_recovery is None:
            raise
        if not run_recovery(paths.resolve_db_path(args.db)[0], str(exc)):
            return 1
        ws = _open(args)
    try:
        if args.command == "demo":
            from desk import demo  # noqa: PLC0415 - only needed here

            summary = demo.load_demo(_as_demo_author(ws), force=args.force)
            print(f"Demogegevens geladen in {ws.path}: {summary}")
            return 0
        if args.command == "export":
            return _export_person(ws, args.subject, args.out) if args.kind == "person" else _export(ws, args)
        if args.command == "import":
            return _import(ws, args)
        if args.command == "toolbox":
            return _toolbox_export(ws, args.module, args.format, args.out)
        if args.demo:
            from desk import demo  # noqa: PLC0415 - only needed here

            if demo.is_empty(ws):
                demo.load_demo(_as_demo_author(ws))
                ws.user = load_user(paths.config_path())
        if run_app is None:
            raise DeskError("De app is niet beschikbaar in deze installatie.")
        run_app(ws, paths.config_path())
        return 0
    finally:
        ws.close()


def _toolbox_export(ws: Workspace, module: int | None, fmt: str, out: str) -> int:
    from desk.toolbox import export  # noqa: PLC0415 - only needed here

    try:
        text = (export.to_markdown if fmt == "md" else export.to_html)(ws, module)
    except ValueError as exc:
        raise DeskError(str(exc)) from None
    if out == STDOUT:
        sys.stdout.write(text)
    else:
        target = Path(out).expanduser().absolute()
        write_file_privately(target, lambda stream: stream.write(text.encode("utf-8")))
        print(f"Toolbox afgedrukt naar {target}", file=sys.stderr)
    return 0


def _exporter(ws: Workspace, kind: str, fmt: str, flt: export_filters.ExportFilter,
              delimiter: str) -> Callable[[object], int]:
    """The function that writes ``kind`` as ``fmt`` to a binary stream and returns the number of records."""
    if (kind, fmt) == ("followups", "ics"):
        from desk.files.calendar_export import followups_ics  # noqa: PLC0415 - loads icalendar only when needed

        return lambda stream: followups_ics(ws, stream)
    if fmt in exporting.FORMATS:
        return lambda stream: exporting.write_export(ws, kind, fmt, stream, flt, delimiter)
    raise DeskError(f"Exporteren van {kind} als {fmt} kan (nog) niet.")


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    kind, fmt, out = args.kind, args.format, args.out
    flt = export_filters.build_filter(ws, date_from=args.date_from, date_to=args.date_to, event=args.event,
                                 organisation=args.organisation, theme=args.theme, need=args.need, author=args.author)
    write = _exporter(ws, kind, fmt, flt, exporting.DELIMITERS[args.delimiter])
    if out == STDOUT:
        target_text = "standaarduitvoer"
        try:
            write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # the reader stopped early (desk export ... --out - | head)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            target_text += " (afgebroken door de lezer)"
        exporting.audit_export(ws, kind, fmt, target_text, flt)
    else:
        target = Path(out).expanduser().absolute()
        count = write_file_privately(target, write, exporting.audited_move(ws, kind, fmt, target, flt))
        singular, plural = EXPORT_KIND_NAMES[kind]
        print(f"{count} {singular if count == 1 else plural} geëxporteerd naar {target}", file=sys.stderr)
    return 0


def _export_person(ws: Workspace, who: str, out: str) -> int:
    from desk.files import access_request  # noqa: PLC0415 - only needed here

    person = access_request.find_person(ws, who)
    json_path, md_path = access_request.write_access_request(ws, person.id, Path(out))
    print(f"Inzage voor {person.name} geschreven naar {json_path} en {md_path}", file=sys.stderr)
    return 0


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    from desk.files import import_mapping, importing, tabular_files  # noqa: PLC0415 - only needed here

    errors_printed = 100  # a refused file of 100,000 wrong rows prints a count, not every line
    delimiter = exporting.DELIMITERS[args.delimiter] if args.delimiter else None
    table = tabular_files.read_table(Path(args.file), encoding=args.encoding, delimiter=delimiter,
                                     max_rows=args.max_rows)
    try:
        mapping = import_mapping.apply_overrides(table.headers, import_mapping.guess_mapping(table.headers), args.map)
    except ValueError as exc:
        raise DeskError(str(exc)) from None

    def describe() -> None:
        print(f"{table.path}: {table.description}")
        print("Kolommen: " + "; ".join(import_mapping.describe_mapping(table.headers, mapping)))

    def print_outcome(outcome: importing.RowOutcome) -> None:
        person = f" · {outcome.person}" if outcome.person else ""
        message = f" ({outcome.message})" if outcome.message else ""
        print(f"regel {outcome.line}: {outcome.action} — {outcome.organisation}{person}{message}")

    if args.dry_run:
        describe()  # then every row as it is tried
    result = importing.import_organisations(ws, table, mapping, existing=args.existing,
                                            skip_invalid=args.skip_invalid, dry_run=args.dry_run,
                                            on_outcome=print_outcome if args.dry_run else None)

    def error_lines(verb: str) -> list[str]:
        lines = [f"regel {outcome.line}{verb}: {outcome.message}" for outcome in result.errors[:errors_printed]]
        if result.error_count > len(lines):
            lines.append(f"... en nog {tabular_files.number_text(result.error_count - len(lines))} rijen met een fout.")
        return lines

    if result.refused and not args.dry_run:
        count, total = result.error_count, result.row_count
        lines = [f"desk: import geweigerd, er is niets opgeslagen: {tabular_files.number_text(count)} van "
                 f"{tabular_files.number_text(total)} rijen {'heeft' if count == 1 else 'hebben'} een fout.",
                 *error_lines(""),
                 "Verbeter het bestand, of gebruik --skip-invalid om alleen de goede rijen op te slaan."]
        print("\n".join(lines), file=sys.stderr)
        return 1
    if args.dry_run:
        print(f"Proef: er is niets opgeslagen. Zou worden: {result.summary()}.")
        return 0
    describe()
    print(f"Ingelezen: {result.summary()}.")
    for line in error_lines(" niet ingelezen"):
        print(line, file=sys.stderr)
    return 0

if __name__ == "__main__":
    sys.exit(main())
