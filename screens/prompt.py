"""A one-line question as a modal screen; the answer is checked before it is accepted."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from screens.literal import literal
from screens.panel import PanelScreen


class PromptScreen(PanelScreen[str | None]):
    """``check`` returns a Dutch message when the answer cannot be used, else None. The question,
    hints and messages are shown as they are (they repeat stored or typed text)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Annuleren", id="prompt.cancel")]
    DEFAULT_CSS = """
    PromptScreen > Vertical { width: 70; height: auto; }
    """

    def __init__(self, question: str | Text, placeholder: str = "", check: Callable[[str], str | None] | None = None,
                 hint: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder
        self.check = check or (lambda value: None)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question))
            yield Input(placeholder=self.placeholder, id="answer")
            yield Static("", id="answer-error", classes="field-error")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self.hint:
            self.query_one("#answer-error", Static).update(literal(self.hint(event.value)))

    @on(Input.Submitted)
    def _answered(self, event: Input.Submitted) -> None:
        problem = self.check(event.value)
        if problem:
            self.query_one("#answer-error", Static).update(literal(problem))
            return
        self.dismiss(event.value)
