"""The Desk application: modes for the main screens, app-wide keys, the command palette."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen

from db.errors import StorageError
from desk import backups, clock, drafts, settings
from desk.errors import DeskError
from desk.workspace import Workspace
from screens.dashboard import DashboardScreen
from screens.widgets.status_bar import StatusBar

# Start-up imports the dashboard only (bench/run.py measures it); every other screen's module is
# imported when it is first opened, inside the method that opens it.


def lazy_screen(module: str, name: str) -> Callable[[], Screen]:
    """A MODES factory that imports `screens.<module>` on the first switch to that mode."""
    return lambda: getattr(importlib.import_module(f"screens.{module}"), name)()


class DeskApp(App):
    """Desk. Holds the workspace; screens ask desk/ services for everything they show."""

    CSS_PATH = "app.tcss"
    TITLE = "Desk"
    MODES = {
        "dashboard": DashboardScreen,
        "organisations": lazy_screen("organisations", "OrganisationsScreen"),
        "log": lazy_screen("log", "LogScreen"),
        "agenda": lazy_screen("agenda", "AgendaScreen"),
        "referrals": lazy_screen("referrals", "ReferralsScreen"),
        "toolbox": lazy_screen("toolbox", "ToolboxScreen"),
        "report": lazy_screen("report", "ReportScreen"),
        "ecosystem": lazy_screen("ecosystem", "EcosystemScreen"),
    }
    DEFAULT_MODE = "dashboard"
    BINDINGS = [
        Binding("d", "switch_mode('dashboard')", "Dashboard", id="app.dashboard", tooltip="Naar het dashboard"),
        Binding("o", "switch_mode('organisations')", "Organisaties", id="app.organisations",
                tooltip="Alle organisaties, zoeken terwijl je typt"),
        Binding("n", "new_contact", "Nieuw contactmoment", id="app.new_contact",
                tooltip="Een gesprek vastleggen: organisatie, persoon, vragen, notities"),
        Binding("l", "switch_mode('log')", "Log", id="app.log", tooltip="Alle contactmomenten"),
        Binding("a", "switch_mode('agenda')", "Agenda", id="app.agenda", tooltip="Opvolging: te laat, vandaag, deze week"),
        Binding("r", "switch_mode('referrals')", "Doorverwijzingen", id="app.referrals",
                tooltip="Doorverwijzingen per status, en cijfers per afdeling en partner"),
        Binding("t", "switch_mode('toolbox')", "Toolbox", id="app.toolbox",
                tooltip="De 13 modules van de Toolbox Makelaar met Mandaat als werkboek"),
        Binding("g", "switch_mode('report')", "Rapportage", id="app.report",
                tooltip="Voortgangsrapportage: doelen, contactmomenten, doorverwijzingen, keurmerken"),
        Binding("e", "switch_mode('ecosystem')", "Ecosysteem", id="app.ecosystem",
                tooltip="Partners per domein van het ecosysteem"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help", tooltip="Toetsen van dit scherm"),
        Binding("ctrl+p", "command_palette", "Opdrachten", show=False, id="app.palette", tooltip="Alle opdrachten zoeken"),
        Binding("ctrl+q", "quit", "Stoppen", id="app.quit", priority=True, tooltip="Desk afsluiten"),
    ]
    # Textual's own palette commands are English; ours are listed by get_system_commands.
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, ws: Workspace, config_path: Path, today: Callable[[], dt.date] = clock.today) -> None:
        super().__init__()
        self.ws = ws
        self.config_path = config_path
        self.today = today

    def on_mount(self) -> None:
        self._update_title()
        self.daily_backup()
        if self.ws.user is None:
            from screens.setup import SetupScreen

            self.push_screen(SetupScreen(first_run=True), self._after_first_setup)
        else:
            self._offer_draft()

    @work(thread=True, exclusive=True, group="backup")
    def daily_backup(self) -> None:
        """A backup when the last one is more than a day old, made over its own connection."""
        try:
            backups.ensure_daily_backup(self.ws.path, passphrase=self.ws.passphrase)
        except (DeskError, StorageError) as exc:
            self.call_from_thread(self.notify, f"Back-up mislukt: {exc}", severity="error", timeout=10, markup=False)
        self.call_from_thread(self.refresh_status)

    def _after_first_setup(self, saved: bool | None) -> None:
        self._after_setup(saved)
        self._offer_draft()

    def _after_setup(self, saved: bool | None) -> None:
        self._update_title()
        self.refresh_status()

    def _offer_draft(self) -> None:
        """A draft left by a crash or a closed lid is offered back at start."""
        draft = drafts.load_draft(self.ws, drafts.INTAKE)
        if not draft:
            return
        from screens.confirm import ConfirmScreen
        from screens.intake import IntakeScreen

        name = draft.get("organisation") or "een organisatie"

        def answered(restore: bool | None) -> None:
            if restore:
                self.push_screen(IntakeScreen(draft=draft))
            else:
                drafts.discard_draft(self.ws, drafts.INTAKE)

        self.push_screen(ConfirmScreen(f"Er is een contactmoment ({name}) dat nog niet was opgeslagen. Terugzetten?",
                                       yes="Terugzetten", no="Weggooien"), answered)

    def action_new_contact(self) -> None:
        from screens.intake import IntakeScreen

        if not isinstance(self.screen, IntakeScreen):
            self.push_screen(IntakeScreen())

    def action_departments(self) -> None:
        from screens.departments import DepartmentsScreen

        self.push_screen(DepartmentsScreen())

    def action_targets(self) -> None:
        from screens.targets import TargetsScreen

        self.push_screen(TargetsScreen())

    def action_retention(self) -> None:
        from screens.retention import RetentionScreen

        self.push_screen(RetentionScreen())

    def action_events(self) -> None:
        from screens.events import EventsScreen

        self.push_screen(EventsScreen(), lambda _: self.refresh_status())

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
        from screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        rows = [
            (self.get_key_display(active.binding), active.binding.description, active.binding.tooltip)
            for active in self.screen.active_bindings.values()
            if active.binding.description
        ]
        self.push_screen(HelpScreen(self.screen.sub_title or self.screen.title, rows))

    def action_settings(self) -> None:
        from screens.setup import SetupScreen

        self.push_screen(SetupScreen(first_run=False), self._after_setup)

    def action_export(self) -> None:
        from screens.export_dialog import ExportDialog

        self.push_screen(ExportDialog())

    def action_import(self) -> None:
        from screens.import_wizard import ImportWizard

        self.push_screen(ImportWizard())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key of the current screen as a Dutch palette command, plus a few without a key."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action == "command_palette" or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(  # the palette reads both texts as markup
                escape(binding.description),
                escape(f"{binding.tooltip or binding.description} (toets {self.get_key_display(binding)})"),
                partial(self.run_action, binding.action, active.node),
            )
        yield SystemCommand("Afdelingen", "Interne afdelingen en hun contactpersonen", self.action_departments)
        yield SystemCommand("Doelen", "Doelen voor dit jaar en hun realisatie", self.action_targets)
        yield SystemCommand("Bewaartermijn", "Personen en organisaties zonder contact sinds lang (AVG)",
                            self.action_retention)
        yield SystemCommand("Exporteren", "Contactmomenten, adreslijst, doorverwijzingen, opvolging of "
                            "AVG-inzage naar een bestand", self.action_export)
        yield SystemCommand("Importeren", "Organisaties met contactpersonen uit CSV of Excel", self.action_import)
        yield SystemCommand("Evenementen", "Evenementen aanmaken en evenementmodus kiezen", self.action_events)
        yield SystemCommand("Instellingen", "Naam, initialen en gemeente of provincie", self.action_settings)
        yield SystemCommand("Kleurenthema kiezen", "Een ander kleurenschema voor Desk", self.action_change_theme)


def make_app(ws: Workspace, config_path: Path, today: Callable[[], dt.date] = clock.today) -> DeskApp:
    """The one factory for the command line and the tests (which may fix the date)."""
    return DeskApp(ws, config_path, today)
