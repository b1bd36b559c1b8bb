"""The help screen: the keys of the screen it was opened from, generated from its bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from screens.literal import literal, styled
from screens.panel import PanelScreen


class HelpScreen(PanelScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Sluiten", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen > Vertical { width: 90; max-width: 95%; height: auto; max-height: 90%; }
    HelpScreen DataTable { height: auto; max-height: 30; }
    """

    def __init__(self, screen_title: str, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.screen_title = screen_title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(styled((f"Toetsen: {self.screen_title}", "bold")))
            table = DataTable(cursor_type="row", zebra_stripes=True)
            table.add_columns("Toets", "Wat", "Uitleg")
            for key, description, tooltip in self.rows:
                table.add_row(literal(key), literal(description), literal(tooltip))
            yield table
            yield Static(
                "Letters werken als er geen tekstveld actief is. Formulieren: ctrl+s bewaart, "
                "escape sluit. ctrl+p zoekt in alle opdrachten.",
                classes="muted",
            )
