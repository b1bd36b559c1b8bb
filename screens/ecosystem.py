"""The ecosystem map (toolbox module 8): partners per domain, empty domains flagged."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from desk.records import ecosystem
from screens.base import DeskScreen
from screens.literal import literal
from screens.widgets.tables import FittedTable, row_table


class EcosystemScreen(DeskScreen):
    SUB_TITLE = "Ecosysteem"
    DEFAULT_CSS = """
    EcosystemScreen #ecosystem-summary { padding: 1 2 0 2; }
    EcosystemScreen #ecosystem { height: 1fr; margin: 1 1 0 1; }
    """

    def compose_body(self) -> ComposeResult:
        yield Static("", id="ecosystem-summary")
        yield row_table("ecosystem", "Domein / partner", "Doorverwijzingen")

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload_when_changed(self.load)

    @work(thread=True, exclusive=True, group="ecosystem")
    def load(self) -> None:
        self.app.call_from_thread(self._show, ecosystem.ecosystem_map(self.app.ws))

    def _show(self, domains: list[ecosystem.Domain]) -> None:
        rows = []
        for domain in domains:
            if domain.empty:
                rows.append(((Text(f"{domain.name} — geen partners", style="bold red"), ""), f"domain:{domain.name}"))
                continue
            rows.append(((Text(f"{domain.name} ({len(domain.partners)})", style="bold"), ""), f"domain:{domain.name}"))
            rows += [((literal(f"    {partner.name}"), literal(partner.referrals)), f"{domain.name}:{partner.id}")
                     for partner in domain.partners]
        self.query_one(FittedTable).fill(rows)
        empty = [d.name for d in domains if d.empty]
        self.query_one("#ecosystem-summary", Static).update(literal(
            f"{sum(len(d.partners) > 0 for d in domains)} van {len(domains)} domeinen hebben partners"
            + (f". Nog leeg: {', '.join(empty)}" if empty else ".")))

    @on(DataTable.RowSelected)
    def open_partner(self, event: DataTable.RowSelected) -> None:
        from screens.organisation_detail import OrganisationDetailScreen  # noqa: PLC0415

        _, _, partner_id = (event.row_key.value or "").partition(":")
        if not event.row_key.value.startswith("domain:"):
            self.app.push_screen(OrganisationDetailScreen(partner_id))
