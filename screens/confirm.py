"""A yes/no question as a modal screen that dismisses with True or False."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from screens.literal import literal
from screens.panel import PanelScreen


class ConfirmScreen(PanelScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "answer(False)", "Nee", id="confirm.no"),
        Binding("j,y", "answer(True)", "Ja", id="confirm.yes"),
    ]
    DEFAULT_CSS = """
    ConfirmScreen > Vertical { width: 64; height: auto; border: round $warning; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; padding-top: 1; }
    ConfirmScreen Button { margin-left: 2; }
    """

    def __init__(self, question: str | Text, yes: str = "Ja", no: str = "Nee") -> None:
        """A str question is shown as it is: it usually names stored records."""
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question))
            with Horizontal():
                yield Button(literal(f"{self.no} (n)"), id="no")
                yield Button(literal(f"{self.yes} (j)"), id="yes", variant="warning")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
