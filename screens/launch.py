"""The ``desk`` console script: the command line from desk/, with the app from screens/."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desk.cli.commands import ServeOptions
from desk.cli.commands import main as cli_main
from desk.core import clock
from desk.core.workspace import Workspace

if TYPE_CHECKING:
    from screens.app import DeskApp


def desk_app(ws: Workspace, config_path: Path) -> DeskApp:
    """The app as the ``desk`` command starts it: the dashboard's figures read before Textual loads
    (desk/work/dashboard.py), Python's garbage collector paused until the main lists are built
    (screens/collector.py)."""
    from desk.work.dashboard import ReadAhead  # noqa: PLC0415 - not for the other commands
    from screens import collector  # noqa: PLC0415

    collector.pause()
    ahead = ReadAhead(ws, clock.today())
    from screens.app import make_app  # noqa: PLC0415 - Textual loads only when the app opens

    app = make_app(ws, config_path, prepare_modes=True)
    app.dashboard_ahead = ahead
    return app


def run_app(ws: Workspace, config_path: Path) -> None:
    app = desk_app(ws, config_path)
    app.run()
    finish(app)


def finish(app) -> None:
    """After the screen has closed: say in one line why the app stopped, and exit with its code.

    SystemExit passes the command line's handlers, which only catch Desk's own errors; its
    ``finally`` still closes the workspace.
    """
    if app.crash_message:
        print(f"desk: {app.crash_message}", file=sys.stderr)
    if app.return_code:
        raise SystemExit(app.return_code)


def run_recovery(db_path: Path, problem: str) -> bool:
    from screens.recovery import RecoveryApp  # noqa: PLC0415

    return bool(RecoveryApp(db_path, problem).run())


def run_serve(options: ServeOptions) -> None:
    from screens.serve import serve  # noqa: PLC0415 - the web server loads only for `desk serve`

    serve(options)


def main() -> None:
    sys.exit(cli_main(sys.argv[1:], run_app=run_app, run_recovery=run_recovery, run_serve=run_serve))


if __name__ == "__main__":
    main()
