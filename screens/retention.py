"""Retention review: persons and organisations without contact for longer than the retention
period, to erase or archive."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from desk.care import erasure_files, privacy
from desk.core.clock import local_text
from desk.records import organisations
from screens.erasure import ErasureReportScreen, confirm_erasure
from screens.format import dutch_number
from screens.literal import literal, styled
from screens.panel import PanelScreen
from screens.widgets.tables import FittedTable, row_table

# Rows shown, the longest quiet first: years of data can hold tens of thousands.
ROW_LIMIT = 500


class RetentionScreen(PanelScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Sluiten", id="retention.close"),
        Binding("w", "erase", "Persoon wissen", id="retention.erase"),
        Binding("x", "archive", "Organisatie archiveren", id="retention.archive"),
    ]
    DEFAULT_CSS = """
    RetentionScreen > Vertical { width: 110; max-width: 95%; height: 85%; }
    RetentionScreen DataTable { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Bewaartermijn[/b] — zoeken naar wie lang geen contact had…", id="retention-heading")
            yield row_table("quiet", "Soort", "Naam", "Laatste contact")

    def on_mount(self) -> None:
        self.items: dict[str, privacy.Quiet] = {}
        self.total = 0
        self.load()

    @work(thread=True, exclusive=True, group="retention")
    def load(self) -> None:
        found = privacy.retention_review(self.app.ws, self.app.today())
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[privacy.Quiet]) -> None:
        self.items = {quiet.id: quiet for quiet in found[:ROW_LIMIT]}
        self.total = len(found)
        self.query_one(FittedTable).fill(
            (tuple(map(literal, (quiet.kind, quiet.name, local_text(quiet.last_contact, with_time=False) or "nooit"))),
             quiet.id) for quiet in self.items.values())
        self._heading()

    def _heading(self) -> None:
        months = privacy.retention_months(self.app.ws)
        if not self.total:
            text = f" — iedereen had contact in de laatste {months} maanden; niets te doen."
        else:
            shown = f" (de {len(self.items)} die het langst stil zijn getoond)" if self.total > len(self.items) else ""
            text = (f" — geen contact in {months} maanden: {dutch_number(self.total)}{shown}. "
                    "w wist een persoon, x archiveert een organisatie.")
        self.query_one("#retention-heading", Static).update(styled(("Bewaartermijn", "bold"), text))

    def _remove(self, quiet: privacy.Quiet) -> None:
        """Take a handled row out without searching everything again (seconds at scale)."""
        self.query_one(FittedTable).remove(quiet.id)
        del self.items[quiet.id]
        self.total -= 1
        self._heading()
        if not self.items and self.total:
            self.load()  # the next longest quiet ones

    def _selected(self) -> privacy.Quiet | None:
        key = self.query_one(FittedTable).cursor_key
        return None if key is None else self.items[key]

    def action_erase(self) -> None:
        quiet = self._selected()
        if quiet is None or quiet.kind != "persoon":
            self.notify("Kies een persoon.", severity="warning", markup=False)
            return

        files = erasure_files.files_to_erase(self.app.ws, quiet.id)

        def answered(yes: bool | None) -> None:
            if yes:
                self.notify("Bezig met wissen…", markup=False)
                self.erase(quiet, files)

        self.app.push_screen(confirm_erasure(quiet.name, files), answered)

    @work(thread=True, exclusive=True, group="retention-erase")
    def erase(self, quiet: privacy.Quiet, files: list[erasure_files.FoundFile]) -> None:
        # The same erasure as from the person's screen: the database, its backups and Desk's files.
        report = erasure_files.erase_everywhere(self.app.ws, quiet.id, files)
        self.app.call_from_thread(self._remove, quiet)
        self.app.call_from_thread(self.app.push_screen, ErasureReportScreen(report))

    def action_archive(self) -> None:
        quiet = self._selected()
        if quiet is None or quiet.kind != "organisatie":
            self.notify("Kies een organisatie.", severity="warning", markup=False)
            return
        organisations.set_archived(self.app.ws, quiet.id, True)
        self._remove(quiet)
        self.notify(f"{quiet.name} gearchiveerd.", markup=False)
