"""What every main screen has: the header, the status bar and the footer with its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from screens.widgets.footer import DeskFooter
from screens.widgets.status_bar import StatusBar


class DeskScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_body()
        yield StatusBar()
        yield DeskFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def ws(self):
        return self.app.ws
