"""Retention review: persons and organisations without contact for longer than the retention
period, to erase or archive."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from desk import organisations, privacy
from desk.clock import local_text
from screens.confirm import ConfirmScreen
from screens.panel import PanelScreen


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
            yield Static("", id="retention-heading")
            table = DataTable(id="quiet", cursor_type="row", zebra_stripes=True)
            table.add_columns("Soort", "Naam", "Laatste contact")
            yield table

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.items = {q.id: q for q in privacy.retention_review(self.app.ws, self.app.today())}
        self.query_one("#retention-heading", Static).update(
            f"[b]Bewaartermijn[/b] — geen contact in {privacy.retention_months(self.app.ws)} maanden: "
            f"{len(self.items)}. w wist een persoon, x archiveert een organisatie.")
        table = self.query_one(DataTable)
        table.clear()
        for quiet in self.items.values():
            table.add_row(quiet.kind, quiet.name, local_text(quiet.last_contact, with_time=False) or "nooit",
                          key=quiet.id)

    def _selected(self) -> privacy.Quiet | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return self.items[table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value]

    def action_erase(self) -> None:
        quiet = self._selected()
        if quiet is None or quiet.kind != "persoon":
            self.notify("Kies een persoon.", severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                privacy.erase_person(self.app.ws, quiet.id)
                self.reload()

        self.app.push_screen(ConfirmScreen(f"{quiet.name} wissen (AVG)? Dit kan niet ongedaan worden gemaakt.",
                                           yes="Wissen", no="Niet wissen"), answered)

    def action_archive(self) -> None:
        quiet = self._selected()
        if quiet is None or quiet.kind != "organisatie":
            self.notify("Kies een organisatie.", severity="warning")
            return
        organisations.set_archived(self.app.ws, quiet.id, True)
        self.notify(f"{quiet.name} gearchiveerd.")
        self.reload()
