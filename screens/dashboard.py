"""The dashboard: the figures at a glance and the organisations changed most recently."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Static

from desk import followups, organisations, overview
from desk.clock import local_text
from screens.base import DeskScreen
from screens.organisation_detail import OrganisationDetailScreen


class DashboardScreen(DeskScreen):
    CSS_PATH = "dashboard.tcss"
    SUB_TITLE = "Dashboard"

    def compose_body(self) -> ComposeResult:
        with Vertical(id="dashboard"):
            with Horizontal(id="cards"):
                for key, label in (("overdue", "Te laat"), ("today", "Vandaag te doen"),
                                   ("organisations", "Organisaties"), ("partners", "Partners"),
                                   ("persons", "Contactpersonen")):
                    with Vertical(classes="card"):
                        yield Static("…", id=f"count-{key}", classes="card-value")
                        yield Static(label, classes="card-label")
            yield Static("Recent gewijzigde organisaties", classes="section-title")
            table = DataTable(id="recent", cursor_type="row", zebra_stripes=True)
            table.add_columns("Organisatie", "Plaats", "Type", "Gewijzigd")
            yield table

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="dashboard")
    def load(self) -> None:
        figures = overview.counts(self.ws)
        overdue, today = followups.due_counts(self.ws, self.app.today())
        recent = organisations.recently_changed(self.ws, limit=12)
        self.app.call_from_thread(self._show, {**vars(figures), "overdue": overdue, "today": today}, recent)

    def _show(self, figures: dict[str, int], recent: list) -> None:
        for key in ("overdue", "today", "organisations", "partners", "persons"):
            self.query_one(f"#count-{key}", Static).update(f"{figures[key]:,}".replace(",", "."))
        self.query_one("#count-overdue").set_class(figures["overdue"] > 0, "alert")
        table = self.query_one("#recent", DataTable)
        table.clear()
        for row in recent:
            table.add_row(row.name, row.city or "", row.impact_type or "", local_text(row.updated_at), key=row.id)

    @on(DataTable.RowSelected, "#recent")
    def open_recent(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(OrganisationDetailScreen(event.row_key.value))
