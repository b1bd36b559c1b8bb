"""The year's targets: set them, and see the realisation the data gives."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Select, Static

from desk.core.errors import ValidationFailed
from desk.work import certifications, targets
from screens import bars
from screens.form import FormScreen, form_row
from screens.literal import literal, options, styled
from screens.panel import PanelScreen
from screens.widgets.tables import FittedTable, row_table


class TargetFormScreen(FormScreen):
    field_names = ("metric", "kind_id", "value")

    def __init__(self, year: int) -> None:
        super().__init__()
        self.year = year
        self.heading = f"Doel voor {year}"

    def form_rows(self) -> ComposeResult:
        metrics = [(label.format(kind="…"), key) for key, (label, _, _) in targets.METRICS.items()]
        yield form_row("Wat *", Select(metrics, prompt="kies"), "metric")
        yield form_row("Keurmerk", Select(options((k.name, k.id) for k in certifications.kinds(self.app.ws)),
                                          prompt="alleen bij keurmerkdoelen"), "kind_id")
        yield form_row("Doel *", Input(placeholder="bijv. 300, of 80 voor 80 %"), "value")

    def save(self, values: dict[str, Any]) -> str:
        try:
            value = float(values["value"].replace(",", "."))
        except ValueError:
            raise ValidationFailed({"value": "vul een getal in"}, targets.TARGET_LABELS) from None
        if not values["metric"]:
            raise ValidationFailed({"metric": "kies wat je wilt meten"}, targets.TARGET_LABELS)
        return targets.set_target(self.app.ws, self.year, values["metric"], value, values["kind_id"]).id


class TargetsScreen(PanelScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Sluiten", id="targets.close"),
        Binding("ctrl+n", "new", "Doel toevoegen", id="targets.new"),
        Binding("delete,x", "delete", "Doel verwijderen", id="targets.delete"),
    ]
    DEFAULT_CSS = """
    TargetsScreen > Vertical { width: 110; max-width: 95%; height: auto; max-height: 90%; }
    TargetsScreen DataTable { height: auto; max-height: 24; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(styled((f"Doelen {self.app.today().year}", "bold"),
                                " — realisatie van 1 januari tot vandaag; ctrl+n voegt toe, x verwijdert"))
            yield row_table("targets", "Doel", "Waarde", "Realisatie", "")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        today = self.app.today()
        rows = []
        for r in targets.realisations(self.app.ws, today.year, today):
            unit = " %" if r.target.is_percentage else ""
            rows.append((tuple(map(literal, (r.target.label, f"{r.target.value:g}{unit}", f"{r.realised:g}{unit}",
                                             f"{bars.bar(r.share, 20)} {r.share:.0%}"))), r.target.id))
        self.query_one(FittedTable).fill(rows)

    def action_new(self) -> None:
        self.app.push_screen(TargetFormScreen(self.app.today().year), lambda _: self.reload())

    def action_delete(self) -> None:
        key = self.query_one(FittedTable).cursor_key
        if key is not None:
            targets.delete_target(self.app.ws, key)
            self.reload()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.notify("Een doel wijzig je door het opnieuw toe te voegen met een nieuwe waarde (ctrl+n).", markup=False)
