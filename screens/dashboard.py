"""The dashboard: what needs attention today, what runs longest, what was said lately, what
expires soon, and the year's targets with their realisation."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import DataTable, Static

from desk.core.clock import local_text
from desk.work import dashboard, targets
from screens import bars
from screens.base import DeskScreen
from screens.format import dutch_number
from screens.literal import lines, literal, styled
from screens.widgets.tables import FittedTable, row_table

CARDS = (("overdue", "Te laat", "Te laat"), ("today", "Vandaag te doen", "Vandaag"),
         ("organisations", "Organisaties", "Organisaties"), ("partners", "Partners", "Partners"),
         ("persons", "Personen", "Personen"))  # key, label, label in a narrow terminal


FIRST_STEPS = ("Nog niets vastgelegd. Zo begin je: n legt een gesprek vast (de organisatie maak je daarbij "
               "aan), ctrl+p → Importeren haalt je lijst uit Excel of CSV, ? toont de toetsen van elk "
               "scherm. Eerst rondkijken met fictieve gegevens: desk --db demo.sqlite --demo")
BAR_WIDTH = 12
ROWS = dashboard.ROWS  # enough to fill a tall terminal; a short one scrolls


def target_lines(realised: list[targets.Realisation], width: int) -> list[str]:
    """One line per target (label, bar, figures) when the widest label fits beside its bar, else the
    label on a line of its own above the bar."""
    figures = [f"{r.realised:.0f}/{r.target.value:.0f}" + ("%" if r.target.is_percentage else "") for r in realised]
    label_room = width - BAR_WIDTH - 2 - max(map(len, figures))
    longest = max(len(r.target.label) for r in realised)
    if longest <= label_room or label_room >= 24:
        label_width = min(longest, label_room)
        return [f"{r.target.label[:label_width]:<{label_width}} {bars.bar(r.share, BAR_WIDTH)} {figure}"
                for r, figure in zip(realised, figures, strict=True)]
    return [line for r, figure in zip(realised, figures, strict=True)
            for line in (r.target.label, f"{bars.bar(r.share, BAR_WIDTH)} {figure}")]


class TargetLines(Static):
    """The year's targets, laid out again when the panel's width changes."""

    realised: list[targets.Realisation] | None = None
    drawn_width = -1

    def show(self, realised: list[targets.Realisation]) -> None:
        self.realised = realised
        self._draw()

    def on_resize(self) -> None:
        if self.size.width != self.drawn_width:  # its height follows the lines: a redraw for it would lay out again
            self._draw()

    def _draw(self) -> None:
        if self.realised is None:
            return
        self.drawn_width = self.size.width
        if not self.realised:
            self.update(styled(("Nog geen doelen voor dit jaar: ctrl+p → Doelen", "dim")))
        else:
            self.update(lines(target_lines(self.realised, self.size.width)))


def panel(title: str, table_id: str, *columns: str, optional: tuple[int, ...] = ()) -> Vertical:
    return Vertical(Static(title, classes="section-title"), row_table(table_id, *columns, optional=optional),
                    classes="panel")


class DashboardScreen(DeskScreen):
    CSS_PATH = "dashboard.tcss"
    SUB_TITLE = "Dashboard"

    def compose_body(self) -> ComposeResult:
        with Vertical(id="dashboard"):
            with Horizontal(id="cards"):
                for key, label, short_label in CARDS:
                    with Vertical(classes="card"):
                        yield Static("…", id=f"count-{key}", classes="card-value")
                        yield Static(label, classes="card-label wide-label")
                        yield Static(short_label, classes="card-label narrow-label")
            yield Static(FIRST_STEPS, id="first-steps")
            with Grid(id="panels"):
                yield panel("Doorverwijzingen die het langst lopen", "open-referrals", "Dagen", "Organisatie", "Naar",
                            "Status", optional=(3,))
                yield panel("Recente contactmomenten", "recent", "Wanneer", "Organisatie", "Onderwerp")
                yield panel("Keurmerken die binnen 60 dagen verlopen", "expiring", "Geldig tot", "Organisatie",
                            "Keurmerk")
                with Vertical(classes="panel"):
                    yield Static("Doelen dit jaar", classes="section-title")
                    yield TargetLines(id="targets")

    _read_at_mount = False

    def on_mount(self) -> None:
        """The desk command's app read the figures before it loaded (desk/work/dashboard.py): they
        are in the first frame, and the first resume, right after, has nothing to check."""
        ahead = self.app.dashboard_ahead
        if ahead is not None:
            version = (self.ws.data_version(), self.app.today())
            if (shown := ahead.take(version)) is not None:
                self._loaded_version, self._read_at_mount = version, True
                self._show(shown)

    def on_screen_resume(self) -> None:
        if self._read_at_mount:
            self._read_at_mount = False
            return
        self.reload_when_changed(self.load)

    @work(thread=True, exclusive=True, group="dashboard")
    def load(self) -> None:
        self.app.call_from_thread(self._show, dashboard.read(self.ws, self.app.today(), ROWS))

    def _show(self, shown: dashboard.Dashboard) -> None:
        today = self.app.today()
        figures, running, recent, expiring, realised = (shown.figures, shown.running, shown.recent, shown.expiring,
                                                        shown.realised)
        for key, *_ in CARDS:
            self.query_one(f"#count-{key}", Static).update(dutch_number(figures[key]))
        self.query_one("#count-overdue").set_class(figures["overdue"] > 0, "alert")
        self.query_one("#first-steps").display = not figures["organisations"] and not recent
        self._fill("#open-referrals", [((str(r.age_days(today)), r.organisation_name, r.target_name, r.status),
                                        f"org:{r.organisation_id}:{r.id}") for r in running])
        self._fill("#recent", [((local_text(c.occurred_at), c.organisation_name, c.subject),
                                f"org:{c.organisation_id}:{c.id}") for c in recent])
        self._fill("#expiring", [((f"{c.valid_until:%d-%m-%Y}", c.organisation_name, c.kind_name),
                                  f"org:{c.organisation_id}:{c.id}") for c in expiring])
        self.query_one(TargetLines).show(realised)
        if self.app.mode_preparer is not None:  # the other main lists, built while this one is read
            self.app.mode_preparer.start()

    def _fill(self, selector: str, rows: list[tuple[tuple[str, ...], str]]) -> None:
        self.query_one(selector, FittedTable).fill((tuple(map(literal, cells)), key) for cells, key in rows)

    @on(DataTable.RowSelected)
    def open_organisation(self, event: DataTable.RowSelected) -> None:
        from screens.organisation_detail import OrganisationDetailScreen

        organisation_id = event.row_key.value.split(":")[1]
        self.app.push_screen(OrganisationDetailScreen(organisation_id))
