"""All referrals, grouped by status with their age, and the figures per department and partner."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Select, TabbedContent, TabPane

from desk.records import terms
from desk.work import referrals
from screens.base import DeskScreen
from screens.format import dutch_number
from screens.literal import literal, options
from screens.referral_detail import ReferralDetailScreen
from screens.widgets.tables import FittedTable, row_table

GROUP_LIMIT = 200


def share_text(figures: referrals.TargetFigures) -> str:
    return "—" if figures.share_landed is None else f"{figures.share_landed:.0%}"


class ReferralsScreen(DeskScreen):
    CSS_PATH = "referrals.tcss"
    SUB_TITLE = "Doorverwijzingen"
    BINDINGS = [
        Binding("f", "focus_filters", "Filters", id="referrals.filters", tooltip="Filter op doel en vraag"),
        Binding("c", "show_figures", "Cijfers", id="referrals.figures", tooltip="Per afdeling en partner"),
        Binding("escape", "clear_filters", "Filters wissen", show=False, id="referrals.clear"),
    ]

    def compose_body(self) -> ComposeResult:
        ws = self.app.ws
        with Horizontal(id="referral-filters"):
            yield Select(options(referrals.targets(ws)), prompt="alle doelen", id="target")
            yield Select(options((x, x) for x in terms.labels(ws, terms.NEED)), prompt="alle vragen", id="need")
        with TabbedContent(id="referral-tabs"):
            with TabPane("Per status", id="tab-status"):
                yield row_table("referrals", "Dagen", "Organisatie", "Naar", "Vraag", "Vragen", optional=(4, 3))
            with TabPane("Per afdeling en partner", id="tab-figures"):
                yield row_table("figures", "Doel", "Soort", "Totaal", "Lopend", "Geland", "% geland",
                                "Mediaan dagen", optional=(1,))

    def on_mount(self) -> None:
        self.query_one("#referrals", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload_when_changed(self.load)

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        self.load()

    def _value(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else str(value)

    @work(thread=True, exclusive=True, group="referrals")
    def load(self) -> None:
        ws = self.app.ws
        filters = {"need": self._value("#need"), **referrals.target_ids(self._value("#target"))}
        # Running referrals oldest first (they need attention); closed ones newest first. Each group
        # shows at most GROUP_LIMIT rows, so the screen stays quick with years of referrals.
        groups = {status: referrals.list_referrals(ws, status=status, limit=GROUP_LIMIT,
                                                   newest_first=status in referrals.CLOSED, **filters)
                  for status in referrals.STATUSES}
        counts = referrals.count_by_status(ws, **filters)
        self.app.call_from_thread(self._show, groups, counts)

    def _figures_shown(self) -> bool:
        return self.query_one("#referral-tabs", TabbedContent).active == "tab-figures"

    @on(TabbedContent.TabActivated, "#referral-tabs")
    def _tab_changed(self) -> None:
        if self._figures_shown():
            self.load_figures()

    @work(thread=True, exclusive=True, group="referral-figures")
    def load_figures(self) -> None:
        """Figures per department and partner (all referrals counted), only while their tab is shown."""
        self.app.call_from_thread(self._show_figures, referrals.figures_per_target(self.app.ws))

    def _show(self, groups: dict[str, list[referrals.Referral]], counts: dict[str, int]) -> None:
        today, check_days = self.app.today(), referrals.check_days(self.app.ws)
        rows = []
        for status in referrals.STATUSES:
            group = groups[status]
            which = "oudste" if status not in referrals.CLOSED else "nieuwste"
            total = dutch_number(counts[status])
            more = f"de {len(group)} {which} van {total} getoond" if counts[status] > len(group) else ""
            rows.append((("", Text(f"{status} ({total})", style="bold"), Text(more, style="dim"), "", ""),
                         f"section:{status}"))
            for referral in group:
                age = referral.age_days(today)
                old = status not in referrals.CLOSED and age > check_days
                rows.append(((Text(str(age), style="bold red" if old else ""),
                              *map(literal, (referral.organisation_name, referral.target_name, referral.question,
                                             ", ".join(referral.needs)))), referral.id))
        self.query_one("#referrals", FittedTable).fill(rows)
        if self._figures_shown():
            self.load_figures()

    def _show_figures(self, figures: list[referrals.TargetFigures]) -> None:
        rows = []
        for row in figures:
            median = "—" if row.median_days_to_land is None else f"{row.median_days_to_land:g}"
            rows.append((tuple(map(literal, (row.target_name, row.kind, row.referrals, row.open, row.landed,
                                             share_text(row), median))), None))
        self.query_one("#figures", FittedTable).fill(rows)

    @on(DataTable.RowSelected, "#referrals")
    def open_referral(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key and not key.startswith("section:"):
            self.app.push_screen(ReferralDetailScreen(key), lambda _: self.load())

    def action_focus_filters(self) -> None:
        self.query_one("#target", Select).focus()

    def action_clear_filters(self) -> None:
        for select in self.query("#referral-filters Select").results(Select):
            select.clear()

    def action_show_figures(self) -> None:
        tabs = self.query_one("#referral-tabs", TabbedContent)
        tabs.active = "tab-status" if tabs.active == "tab-figures" else "tab-figures"
