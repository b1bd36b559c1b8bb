"""Shown instead of Desk when the database file is damaged: restore the latest backup, or quit.
Never a traceback."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Header, Static

from db.errors import StorageError
from desk.care import backups
from desk.core.clock import local_text
from desk.core.errors import DeskError
from screens.literal import literal
from screens.widgets.footer import DeskFooter


class RecoveryApp(App[bool]):
    """Exits with True when a backup was restored (Desk then starts normally), else False."""

    TITLE = "Desk — herstellen"
    BINDINGS = [
        Binding("h", "restore", "Laatste back-up terugzetten", id="recovery.restore"),
        Binding("q,escape", "quit_recovery", "Stoppen", id="recovery.quit"),
    ]
    CSS = """
    RecoveryApp Vertical { padding: 2 4; }
    RecoveryApp #problem { color: $error; text-style: bold; padding-bottom: 1; }
    """

    def __init__(self, db_path: Path, problem: str) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.problem = problem
        self.available = backups.list_backups(self.db_path)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(literal(f"De database kan niet gebruikt worden: {self.problem}"), id="problem")
            if self.available:
                latest = self.available[0]
                yield Static(literal(f"De laatste back-up is van {local_text(latest.made_at.isoformat())} "
                                     f"({latest.path.name}).\n\nDruk op h om die terug te zetten; het beschadigde "
                                     "bestand wordt eerst apart bewaard. Druk op q om te stoppen zonder iets te "
                                     "veranderen."), id="advice")
            else:
                yield Static("Er is geen back-up gevonden naast de database. Druk op q om te stoppen; er is niets "
                             "veranderd. Vraag je beheerder om hulp of zet een back-up terug met 'desk restore'.",
                             id="advice")
        yield DeskFooter()

    def action_restore(self) -> None:
        if not self.available:
            self.notify("Er is geen back-up om terug te zetten.", severity="error", markup=False)
            return
        damaged = self.db_path.with_name(self.db_path.name + ".beschadigd")
        try:
            self.db_path.replace(damaged)
            for suffix in ("-wal", "-shm"):
                Path(str(self.db_path) + suffix).unlink(missing_ok=True)
            backups.restore(self.db_path, self.available[0].path)
        except (DeskError, StorageError, OSError) as exc:
            self.notify(f"Terugzetten lukte niet: {exc}", severity="error", timeout=10, markup=False)
            return
        self.exit(True)

    def action_quit_recovery(self) -> None:
        self.exit(False)
