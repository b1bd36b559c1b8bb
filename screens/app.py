"""The Desk application: modes for the main screens, app-wide keys, the command palette."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from desk import settings
from desk.workspace import Workspace
from screens.dashboard import DashboardScreen
from screens.help import HelpScreen
from screens.organisations import OrganisationsScreen
from screens.setup import SetupScreen
from screens.widgets.status_bar import StatusBar


class DeskApp(App):
    """Desk. Holds the workspace; screens ask desk/ services for everything they show."""

    CSS_PATH = "app.tcss"
    TITLE = "Desk"
    MODES = {
        "dashboard": DashboardScreen,
        "organisations": OrganisationsScreen,
    }
    DEFAULT_MODE = "dashboard"
    BINDINGS = [
        Binding("d", "switch_mode('dashboard')", "Dashboard", id="app.dashboard", tooltip="Naar het dashboard"),
        Binding("o", "switch_mode('organisations')", "Organisaties", id="app.organisations",
                tooltip="Alle organisaties, zoeken terwijl je typt"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help", tooltip="Toetsen van dit scherm"),
        Binding("ctrl+p", "command_palette", "Opdrachten", id="app.palette", tooltip="Alle opdrachten zoeken"),
        Binding("ctrl+q", "quit", "Stoppen", id="app.quit", priority=True, tooltip="Desk afsluiten"),
    ]
    # Textual's own palette commands are English; ours are listed by get_system_commands.
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, ws: Workspace, config_path: Path) -> None:
        super().__init__()
        self.ws = ws
        self.config_path = config_path

    def on_mount(self) -> None:
        self._update_title()
        if self.ws.user is None:
            self.push_screen(SetupScreen(first_run=True), self._after_setup)

    def _after_setup(self, saved: bool | None) -> None:
        self._update_title()
        self.refresh_status()

    def _update_title(self) -> None:
        name = settings.organisation_name(self.ws)
        self.title = f"Desk · {name}" if name else "Desk"

    def refresh_status(self) -> None:
        for bar in self.query(StatusBar):
            bar.refresh_text()
        for screen in self.screen_stack:
            for bar in screen.query(StatusBar):
                bar.refresh_text()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        rows = [
            (self.get_key_display(active.binding), active.binding.description, active.binding.tooltip)
            for active in self.screen.active_bindings.values()
            if active.binding.description
        ]
        self.push_screen(HelpScreen(self.screen.title or self.screen.__class__.__name__, rows))

    def action_settings(self) -> None:
        self.push_screen(SetupScreen(first_run=False), self._after_setup)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen as a Dutch palette command, plus a few without a key."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action == "command_palette" or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"{binding.tooltip or binding.description} (toets {self.get_key_display(binding)})",
                partial(self.run_action, binding.action, active.node),
            )
        yield SystemCommand("Instellingen", "Naam, initialen en gemeente of provincie", self.action_settings)
        yield SystemCommand("Kleurenthema kiezen", "Een ander kleurenschema voor Desk", self.action_change_theme)


def make_app(ws: Workspace, config_path: Path) -> DeskApp:
    """The one factory for the command line and the tests."""
    return DeskApp(ws, config_path)
