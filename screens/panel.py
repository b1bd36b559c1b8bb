"""A modal panel: a framed box in the middle of the screen over the screen it was opened from."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

Result = TypeVar("Result")


class PanelScreen(ModalScreen[Result]):
    """Subclasses compose one Vertical; they set only what differs (width, height)."""

    DEFAULT_CSS = """
    PanelScreen { align: center middle; }
    PanelScreen > Vertical { width: 100; max-width: 95%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 1 2; }
    """
