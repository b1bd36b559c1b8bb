"""The ``desk`` command line.

The command opens the app, but desk/ never imports the screens: the launcher in screens/ passes
in the function that runs the app. Everything else here works without a screen.

User errors print one Dutch line on stderr and exit 1; usage errors exit 2; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NoReturn

from db.errors import StorageError
from desk import paths
from desk.config import load_user, make_user
from desk.errors import DeskError
from desk.workspace import Workspace, open_workspace

AppRunner = Callable[[Workspace, Path], None]


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
    return parser


def main(argv: Sequence[str] | None = None, run_app: AppRunner | None = None) -> int:
    args = build_parser().parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
