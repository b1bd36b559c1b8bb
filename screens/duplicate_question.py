"""The intake's question when the typed organisation looks like one that is there: use that one
(enter), create the typed one anyway (n), or go back (escape)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from desk.work.duplicates import Match
from screens.literal import literal
from screens.panel import PanelScreen

NEW = "nieuw"  # the answer that means: create the typed organisation anyway


class DuplicateQuestion(PanelScreen[str | None]):
    """Dismisses with the id of the organisation to use, NEW, or None for back."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Terug", id="duplicate.back"),
        Binding("n", "create", "Nieuw aanmaken", id="duplicate.new", tooltip="Toch een nieuwe organisatie"),
    ]
    DEFAULT_CSS = """
    DuplicateQuestion > Vertical { width: 76; border: round $warning; }
    DuplicateQuestion OptionList { height: auto; max-height: 8; margin: 1 0; }
    """

    def __init__(self, typed: str, matches: list[Match]) -> None:
        super().__init__()
        self.typed = typed
        self.matches = matches

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(f"'{self.typed}' staat er misschien al in:"))
            yield OptionList(*(Option(literal(f"{m.name} ({m.city or 'plaats onbekend'}) — {m.reason}"), id=m.id)
                               for m in self.matches), id="duplicate-matches")
            yield Static("enter: deze gebruiken · n: toch nieuw aanmaken · escape: terug", classes="muted")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#duplicate-matches")
    def _use(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_create(self) -> None:
        self.dismiss(NEW)
