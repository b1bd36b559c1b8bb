"""The ``desk`` command line.

The command opens the app, but desk/ never imports the screens: the launcher in screens/ passes
in the function that runs the app. Everything else here works without a screen.

User errors print one Dutch line on stderr and exit 1; usage errors exit 2; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NoReturn

from db.errors import StorageError
from desk import paths
from desk.config import load_user, make_user
from desk.errors import DeskError
from desk.files import write_file_privately
from desk.workspace import Workspace, open_workspace

AppRunner = Callable[[Workspace, Path], None]

# What ``desk export`` can write: kind -> formats, the first one the default. A later kind or
# format is one entry here plus a branch in _export.
EXPORT_FORMATS: dict[str, tuple[str, ...]] = {
    "followups": ("ics",),
}
EXPORT_KIND_NAMES = {"followups": ("opvolging", "opvolgingen")}
ALL_EXPORT_FORMATS = tuple(dict.fromkeys(f for formats in EXPORT_FORMATS.values() for f in formats))
STDOUT = "-"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line Dutch usage errors (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"desk: {message} (zie 'desk --help')\n")


def _desk_version() -> str:
    try:
        return version("desk")
    except PackageNotFoundError:
        return "onbekend"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PAD", help="databasebestand (standaard: DESK_DB of de gegevensmap van Desk)")

    parser = _Parser(
        prog="desk",
        description="Desk: contactmomenten, doorverwijzingen en opvolging voor de makelaar met mandaat.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"desk {_desk_version()}")
    parser.add_argument("--demo", action="store_true", help="laad de demogegevens als de database leeg is en start")
    commands = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=_Parser)

    demo = commands.add_parser("demo", parents=[common], help="laad fictieve demogegevens")
    demo.add_argument("--force", action="store_true", help="ook als de database niet leeg is")

    combinations = "; ".join(f"{kind}: {', '.join(formats)}" for kind, formats in EXPORT_FORMATS.items())
    export = commands.add_parser(
        "export", parents=[common], help="exporteer gegevens naar een bestand",
        description="Exporteer gegevens uit Desk. followups: alle open opvolgingen als agenda (.ics) "
                    "voor Outlook, Google Agenda of Apple Agenda. Het bestand bevat persoonsgegevens "
                    "en wordt alleen voor jou leesbaar aangemaakt.",
        epilog=f"Mogelijke formaten per soort: {combinations}. Een formaat dat niet bij de soort "
               "past is een gebruiksfout (afsluitcode 2).",
    )
    export.add_argument("kind", choices=list(EXPORT_FORMATS), metavar="soort",
                        help=f"wat je exporteert: {', '.join(EXPORT_FORMATS)}")
    export.add_argument("--format", dest="format", metavar="{" + ",".join(ALL_EXPORT_FORMATS) + "}",
                        help="bestandsformaat (standaard het eerste dat bij de soort past; followups: ics)")
    export.add_argument("--out", required=True, metavar="BESTAND",
                        help="doelbestand; - schrijft naar de standaarduitvoer")
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


def check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Checks argparse cannot express; a mismatch is a usage error (exit 2) in Dutch."""
    if args.command == "export":
        formats = EXPORT_FORMATS[args.kind]
        if args.format is None:
            args.format = formats[0]
        elif args.format not in formats:
            parser.error(f"formaat '{args.format}' kan niet voor {args.kind}; kies uit: {', '.join(formats)}")


def main(argv: Sequence[str] | None = None, run_app: AppRunner | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    check_usage(parser, args)
    try:
        return _dispatch(args, run_app)
    except (DeskError, StorageError) as exc:
        print(f"desk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _open(args: argparse.Namespace) -> Workspace:
    db_path, is_default = paths.resolve_db_path(args.db)
    return open_workspace(db_path, load_user(paths.config_path()), create_folder=is_default)


def _as_demo_author(ws: Workspace) -> Workspace:
    """Demo data loaded before anyone is configured is signed DEMO rather than '?'."""
    if ws.user is None:
        ws.user = make_user("Demogegevens", "DEMO")
    return ws


def _dispatch(args: argparse.Namespace, run_app: AppRunner | None) -> int:
    ws = _open(args)
    try:
        if args.command == "demo":
            from desk import demo  # noqa: PLC0415 - only needed here

            summary = demo.load_demo(_as_demo_author(ws), force=args.force)
            print(f"Demogegevens geladen in {ws.path}: {summary}")
            return 0
        if args.command == "export":
            return _export(ws, args.kind, args.format, args.out)
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


def _exporter(ws: Workspace, kind: str, fmt: str) -> Callable[[object], int]:
    """The function that writes ``kind`` as ``fmt`` to a stream and returns the number of records."""
    if (kind, fmt) == ("followups", "ics"):
        from desk.calendar_export import followups_ics  # noqa: PLC0415 - loads icalendar only when needed

        return lambda stream: followups_ics(ws, stream)
    raise DeskError(f"Exporteren van {kind} als {fmt} kan (nog) niet.")


def _export(ws: Workspace, kind: str, fmt: str, out: str) -> int:
    write = _exporter(ws, kind, fmt)
    if out == STDOUT:
        target_text = "standaarduitvoer"
        try:
            write(sys.stdout)
        except BrokenPipeError:  # the reader stopped early (desk export ... --out - | head)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            target_text += " (afgebroken door de lezer)"
    else:
        target = Path(out).expanduser().absolute()
        count = write_file_privately(target, write)
        target_text = str(target)
        singular, plural = EXPORT_KIND_NAMES[kind]
        print(f"{count} {singular if count == 1 else plural} geëxporteerd naar {target}", file=sys.stderr)
    with ws.write():
        ws.audit("export", kind, "", f"{fmt} naar {target_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
