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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db.connection import DRIVER_ERRORS
from db.errors import DamagedDatabaseError, PassphraseNeededError, StorageError, storage_error_for
from desk.care import backups, encryption
from desk.cli import maintenance as cli_maintenance
from desk.cli import team as cli_team
from desk.cli.arguments import STDOUT, build_parser, check_usage
from desk.core import error_log, paths
from desk.core.config import load_user, make_user
from desk.core.errors import DeskError
from desk.core.workspace import Workspace
from desk.files import choices
from desk.work.opening import open_workspace

if TYPE_CHECKING:
    from desk.files.export_filters import ExportFilter


@dataclass(frozen=True)
class ServeOptions:
    """What ``desk serve`` was asked: the database the browser's app opens, and where to listen."""

    db_path: Path
    passphrase: str | None
    host: str
    port: int | None  # None: the default port, or the next free one
    open_browser: bool


AppRunner = Callable[[Workspace, Path], None]
RecoveryRunner = Callable[[Path, str], bool]  # shows the recovery screen; True when a backup was restored
ServeRunner = Callable[[ServeOptions], None]  # listens for browser tabs until ctrl+c
# The modules of exports, imports and the files they write are imported inside the commands that
# use them: this module is imported at every start, the app's included (tests/test_import_hygiene.py).


def main(argv: Sequence[str] | None = None, run_app: AppRunner | None = None,
         run_recovery: RecoveryRunner | None = None, run_serve: ServeRunner | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    check_usage(parser, args)
    try:
        if args.command in cli_maintenance.COMMANDS:
            return cli_maintenance.run(args)
        if args.command in cli_team.COMMANDS:
            return cli_team.run(args)
        return _dispatch(args, run_app, run_recovery, run_serve)
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
    from desk.files.writing import os_reason  # noqa: PLC0415

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


def _dispatch(args: argparse.Namespace, run_app: AppRunner | None, run_recovery: RecoveryRunner | None,
              run_serve: ServeRunner | None = None) -> int:
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
        if args.command == "serve":
            return _serve(ws, args, run_serve)
        if run_app is None:
            raise DeskError("De app is niet beschikbaar in deze installatie.")
        run_app(ws, paths.config_path())
        return 0
    finally:
        ws.close()


def _serve(ws: Workspace, args: argparse.Namespace, run_serve: ServeRunner | None) -> int:
    """The database is opened here once, so that a migration, a wrong passphrase or a damaged file
    is said in this terminal; then each browser tab opens it in an app process of its own."""
    if run_serve is None:
        raise DeskError("Desk voor de browser is niet beschikbaar in deze installatie.")
    options = ServeOptions(db_path=ws.path.absolute(), passphrase=ws.passphrase, host=args.host, port=args.port,
                           open_browser=not args.no_browser)
    ws.close()
    run_serve(options)
    return 0


def _toolbox_export(ws: Workspace, module: int | None, fmt: str, out: str) -> int:
    from desk.files.writing import write_file_privately  # noqa: PLC0415
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


def _exporter(ws: Workspace, kind: str, fmt: str, flt: ExportFilter, delimiter: str) -> Callable[[object], int]:
    """The function that writes ``kind`` as ``fmt`` to a binary stream and returns the number of records."""
    if (kind, fmt) == ("followups", "ics"):
        from desk.files.calendar_export import followups_ics  # noqa: PLC0415 - loads icalendar only when needed

        return lambda stream: followups_ics(ws, stream)
    if fmt in choices.FORMATS:
        from desk.files import exporting  # noqa: PLC0415

        return lambda stream: exporting.write_export(ws, kind, fmt, stream, flt, delimiter)
    raise DeskError(f"Exporteren van {kind} als {fmt} kan (nog) niet.")


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    from desk.files import export_filters, export_kinds, exporting  # noqa: PLC0415
    from desk.files.writing import write_file_privately  # noqa: PLC0415

    kind, fmt, out = args.kind, args.format, args.out
    flt = export_filters.build_filter(ws, date_from=args.date_from, date_to=args.date_to, event=args.event,
                                 organisation=args.organisation, theme=args.theme, need=args.need, author=args.author)
    write = _exporter(ws, kind, fmt, flt, choices.DELIMITERS[args.delimiter])
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
        spec = export_kinds.KINDS[kind]
        print(f"{count} {spec.singular if count == 1 else spec.plural} geëxporteerd naar {target}", file=sys.stderr)
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
    delimiter = choices.DELIMITERS[args.delimiter] if args.delimiter else None
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
