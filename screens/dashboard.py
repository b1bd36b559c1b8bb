"""The dashboard: what needs attention today, what runs longest, what was said lately, what
expires soon, and the year's targets with their realisation."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import DataTable, Static

from desk.core.clock import local_text
from desk.records import contacts
from desk.work import certifications, followups, overview, targets
from screens import bars
from screens.base import DeskScreen
from screens.format import dutch_number
from screens.literal import lines, literal, styled
from screens.widgets.tables import row_table

CARDS = (("overdue", "Te laat"), ("today", "Vandaag te doen"), ("organisations", "Organisaties"),
         ("partners", "Partners"), ("persons", "Personen"))


def panel(title: str, table_id: str, *columns: str) -> Vertical:
    return Vertical(Static(title, classes="section-title"), row_table(table_id, *columns), classes="panel")


class DashboardScreen(DeskScreen):
    CSS_PATH = "dashboard.tcss"
    SUB_TITLE = "Dashboard"

    def compose_body(self) -> ComposeResult:
        with Vertical(id="dashboard"):
            with Horizontal(id="cards"):
                for key, label in CARDS:
                    with Vertical(classes="card"):
                        yield Static("…", id=f"count-{key}", classes="card-value")
                        yield Static(label, classes="card-label")
            with Grid(id="panels"):
                yield panel("Doorverwijzingen die het langst lopen", "open-referrals", "Dagen", "Organisatie", "Naar",
                            "Status")
                yield panel("Recente contactmomenten", "recent", "Wanneer", "Organisatie", "Onderwerp")
                yield panel("Keurmerken die binnen 60 dagen verlopen", "expiring", "Geldig tot", "Organisatie",
                            "Keurmerk")
                with Vertical(classes="panel"):
                    yield Static("Doelen dit jaar", classes="section-title")
                    yield Static("", id="targets")

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="dashboard")
    def load(self) -> None:
        ws, today = self.ws, self.app.today()
        figures = vars(overview.counts(ws))
        figures["overdue"], figures["today"] = followups.due_counts(ws, today)
        self.app.call_from_thread(
            self._show, figures, overview.longest_open_referrals(ws), contacts.list_contacts(ws, limit=8),
            certifications.expiring(ws, 60, today), targets.realisations(ws, today.year, today))

    def _show(self, figures: dict[str, int], running: list, recent: list, expiring: list, realised: list) -> None:
        today = self.app.today()
        for key, _ in CARDS:
            self.query_one(f"#count-{key}", Static).update(dutch_number(figures[key]))
        self.query_one("#count-overdue").set_class(figures["overdue"] > 0, "alert")
        self._fill("#open-referrals", [((str(r.age_days(today)), r.organisation_name, r.target_name, r.status),
                                        f"org:{r.organisation_id}:{r.id}") for r in running])
        self._fill("#recent", [((local_text(c.occurred_at), c.organisation_name, c.subject),
                                f"org:{c.organisation_id}:{c.id}") for c in recent])
        self._fill("#expiring", [((f"{c.valid_until:%d-%m-%Y}", c.organisation_name, c.kind_name),
                                  f"org:{c.organisation_id}:{c.id}") for c in expiring])
        rows = [f"{r.target.label[:26]:<26} {bars.bar(r.share, 12)} {r.realised:.0f}/{r.target.value:.0f}"
                + ("%" if r.target.is_percentage else "") for r in realised]
        self.query_one("#targets", Static).update(
            lines(rows) if rows else styled(("Nog geen doelen voor dit jaar: ctrl+p → Doelen", "dim")))

    def _fill(self, selector: str, rows: list[tuple[tuple[str, ...], str]]) -> None:
        table = self.query_one(selector, DataTable)
        table.clear()
        for cells, key in rows:
            table.add_row(*map(literal, cells), key=key)

    @on(DataTable.RowSelected)
    def open_organisation(self, event: DataTable.RowSelected) -> None:
        from screens.organisation_detail import OrganisationDetailScreen

        organisation_id = event.row_key.value.split(":")[1]
        self.app.push_screen(OrganisationDetailScreen(organisation_id))
