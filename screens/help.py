"""The help screen: the keys of the screen it was opened from, generated from its bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from screens.literal import literal, styled
from screens.panel import PanelScreen

# Keys that work everywhere but belong to Textual, so they have no Desk binding to read from.
GENERAL_KEYS = (
    ("tab", "Volgend veld", "Naar het volgende veld of de volgende lijst"),
    ("shift+tab", "Vorig veld", "Terug naar het vorige veld"),
    ("pijltjes", "Bladeren", "Door een lijst of tekst; page up/down een pagina tegelijk"),
)


class HelpScreen(PanelScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Sluiten", id="help.close")]
    DEFAULT_CSS = """
    HelpScreen > Vertical { width: 110; max-width: 100%; height: auto; max-height: 100%; }
    HelpScreen VerticalScroll { height: auto; max-height: 1fr; }
    """

    def __init__(self, screen_title: str, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.screen_title = screen_title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(styled((f"Toetsen: {self.screen_title}", "bold")))
            with VerticalScroll(id="help-keys"):
                yield Static(self._table())
            yield Static(
                "Letters werken als er geen tekstveld actief is. Formulieren: ctrl+s bewaart, "
                "escape sluit. ctrl+p zoekt in alle opdrachten.",
                classes="muted",
            )

    def _table(self) -> Table:
        """Descriptions wrap instead of being cut, so the whole text shows at 80 columns too."""
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, header_style="bold")
        table.add_column("Toets", no_wrap=True)
        table.add_column("Wat", ratio=1)
        table.add_column("Uitleg", ratio=2)
        for key, description, tooltip in (*self.rows, *GENERAL_KEYS):
            table.add_row(literal(key), literal(description), literal(tooltip))
        return table
