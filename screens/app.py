"""The Desk application: modes for the main screens, app-wide keys, the command palette."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.worker import WorkerFailed

from db.errors import StorageError, storage_error_for
from desk.core import clock, error_log, settings
from desk.core.config import save_user
from desk.core.errors import DeskError
from desk.core.workspace import BusyWaiter, Workspace
from desk.work import drafts
from desk.work.dashboard import ReadAhead
from screens.base import DeskScreen, with_breakpoint_class
from screens.browser import InBrowser, browser_keymap
from screens.busy import BUSY_NOTICE, WAITING_AT_QUIT, BusyNotice, DatabaseBusy, WaitWithNotice
from screens.daily_backup import DailyBackup
from screens.dashboard import DashboardScreen
from screens.modes import BuiltModesAtOnce, ModePreparer, is_built, lazy_screen, stylesheets
from screens.team_sync import TeamSync
from screens.widgets.status_bar import StatusBar

# Start-up imports the dashboard only (bench/run.py measures it); every other screen's module is
# imported when it is first opened, inside the method that opens it.


def desk_palette_provider(name: str) -> type:
    """A provider from screens/palette.py, which loads when the palette first opens, not at start."""
    from screens import palette  # noqa: PLC0415

    return getattr(palette, name)


class DeskApp(TeamSync, DailyBackup, InBrowser, BuiltModesAtOnce, App):
    """Desk. Holds the workspace; screens ask desk/ services for everything they show."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012 - Textual sets these as classes
    CSS_PATH = stylesheets()
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
        Binding("r", "switch_mode('referrals')", "Verwijzingen", id="app.referrals",
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
        Binding("ctrl+e", "event_mode", "Evenementmodus", show=False, id="app.event_mode",
                tooltip="Evenementmodus uit als hij aan staat, anders een evenement kiezen"),
        TeamSync.BINDING,
    ]
    COMMANDS = {lambda: desk_palette_provider("DeskCommands")}  # noqa: RUF012 - Textual's own setting
    ENABLE_COMMAND_PALETTE = True  # Textual's own commands are English; ours come from get_system_commands
    PALETTE_PLACEHOLDER = "Zoek een opdracht…"
    dashboard_ahead: ReadAhead | None = None  # the desk command's app: the dashboard read before it starts

    def __init__(self, ws: Workspace, config_path: Path, today: Callable[[], dt.date] = clock.today,
                 prepare_modes: bool = False) -> None:
        super().__init__()
        self.ws = ws
        self.config_path = config_path
        self.today = today
        self.mode_preparer = ModePreparer(self) if prepare_modes else None  # the desk command's app has one
        ws.busy_waiter = WaitWithNotice(self)
        ws.read_apart()  # this thread's reads never wait for a worker's
        ws.checkpoint_apart()  # no save waits while the log is copied back into the file
        self.crash_message = ""  # set when an unexpected error ended the app; printed after the screen closed

    async def on_event(self, event: events.Event) -> None:
        if self.mode_preparer is not None and isinstance(event, events.Key):  # every key comes here first
            self.mode_preparer.collector.key_pressed()
        await super().on_event(event)

    def push_screen(self, screen, *args, **kwargs):
        if isinstance(screen, Screen):
            with_breakpoint_class(self, screen)
        return super().push_screen(screen, *args, **kwargs)

    async def action_quit(self) -> None:
        from screens.leaving import QuitQuestion, unsaved_question  # noqa: PLC0415 - not at start-up

        def answered(stop: bool | None) -> None:
            if stop:
                self._keep_drafts()
                self._stop()

        if isinstance(self.screen, QuitQuestion):  # ctrl+q while asked: yes
            answered(True)
            return
        question = unsaved_question(self._all_screens())
        self._stop() if question is None else self.push_screen(QuitQuestion(question), answered)

    def _stop(self) -> None:
        # A waiting write (an intake draft) still lands after the screen has closed: the process
        # ends only when its worker threads have. Say why the terminal waits.
        waiter = self.ws.busy_waiter
        if isinstance(waiter, WaitWithNotice) and waiter.waiting_now:
            self.exit(message=Text(WAITING_AT_QUIT))
        else:
            self.exit()

    def on_database_busy(self, message: DatabaseBusy) -> None:
        for screen in self._all_screens():
            screen.query(BusyNotice).remove()
        if message.waiting:  # above the status bar, so the footer keeps showing the keys
            notice = BusyNotice(Text(BUSY_NOTICE))
            status_bars = self.screen.query(StatusBar)
            if status_bars:
                bar = status_bars.first()
                bar.parent.mount(notice, before=bar)
            else:
                notice.add_class("-docked")
                self.screen.mount(notice)

    def _all_screens(self) -> list[Screen]:
        return [screen for mode in self.MODES if is_built(self, mode) for screen in self.get_screen_stack(mode)]

    # --- unexpected errors -------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an error no handler caught (it has no public one). A failed worker has
        only stopped itself: it is logged and reported, and the app goes on, so that one damaged row
        on the dashboard cannot stop every start. Any other error ends the app: the form being typed
        is kept as a draft, the traceback goes to the error log, and after the screen has closed one
        Dutch line says where it is; the return code is 1.
        """
        if self.crash_message:  # the first error is the one that counts; the rest follows from it
            return
        if isinstance(error, WorkerFailed):
            self._report_worker_failure(error.error)
            return
        draft_kept = self._keep_drafts()
        self.crash_message = self._crash_line(error, draft_kept)
        # As Textual's own handler does: the test pilot stops waiting, and run_test re-raises it.
        self._exception = error
        self._exception_event.set()
        self.exit(return_code=1)
        self.panic()  # with nothing to show: stops the app now instead of after the queued messages

    def _report_worker_failure(self, error: BaseException) -> None:
        known = error if isinstance(error, (DeskError, StorageError)) else storage_error_for(error)
        if known is not None:  # a full disk, say: the message tells the user what to do
            self.notify(str(known), severity="error", timeout=15, markup=False)
            return
        try:
            where = f"; details in {error_log.record_error(self.ws.path, error, 'Fout in een achtergrondtaak')}"
        except OSError:
            where = ""
        self.notify(f"Door een onverwachte fout is iets niet geladen of niet opgeslagen{where}. Desk werkt verder.",
                    severity="error", timeout=15, markup=False)

    def _keep_drafts(self) -> bool | None:
        """Save what is typed in an open intake; True when saved, None when nothing was open."""
        from screens.intake import IntakeScreen

        forms = [screen for screen in self._all_screens() if isinstance(screen, IntakeScreen)]
        if not forms:
            return None
        self.ws.busy_waiter = BusyWaiter()  # the app is ending: wait the usual time, no longer
        kept = True
        for form in forms:
            try:
                form.save_draft_now()
            except Exception as failure:  # noqa: BLE001 - must not hide the error that ends the app
                kept = False
                try:
                    error_log.record_error(self.ws.path, failure, "Concept bewaren bij afsluiten mislukt")
                except OSError:
                    pass
        return kept

    def _crash_line(self, error: BaseException, draft_kept: bool | None) -> str:
        try:
            log = error_log.record_error(self.ws.path, error, "Onverwachte fout; Desk is gestopt")
            where = f"de details staan in {log}"
        except OSError as exc:
            summary = " ".join(f"{type(error).__name__}: {error}".split())  # one line, whatever the message
            where = f"het foutenlogboek kon niet geschreven worden ({exc.strerror}): {summary}"
        draft = {
            True: " Wat je aan het typen was, is bewaard en wordt bij de volgende start teruggezet.",
            False: " Het laatst getypte kon niet bewaard worden; het concept van daarvoor blijft staan.",
            None: "",
        }[draft_kept]
        return f"Desk is gestopt door een onverwachte fout; {where}.{draft}"

    def on_mount(self) -> None:
        self._apply_preferences()
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        self._update_title()
        self.daily_backup()
        self.start_team_sync()
        if self.mode_preparer is not None:
            self.mode_preparer.collector.start_at_latest()
        if self.ws.user is None:
            from screens.setup import SetupScreen

            self.push_screen(SetupScreen(first_run=True), self._after_first_setup)
        else:
            self._offer_draft()

    def _apply_preferences(self) -> None:
        """The user's theme and keys from config.json (README: "Eigen toetsen"), over a tab's (screens/browser.py)."""
        user = self.ws.user
        keys = {**browser_keymap(self), **(user.keys if user else {})}
        if keys:  # Textual tells the footer of new keys only once the app is mounted, after this handler
            self.set_keymap(keys)
            self.call_later(self.refresh_bindings)
        if user is not None and user.theme in self.available_themes:
            self.theme = user.theme

    def _keep_theme(self, theme: Theme) -> None:
        user = self.ws.user
        if user is None or user.theme == theme.name:
            return
        user.theme = theme.name
        try:
            save_user(self.config_path, user)
        except OSError as exc:
            self.notify(f"Het kleurenthema is niet bewaard: {exc.strerror or exc}", severity="warning", markup=False)

    def action_change_theme(self) -> None:
        from textual.command import CommandPalette  # noqa: PLC0415 - not at start-up

        self.push_screen(CommandPalette(providers=[desk_palette_provider("DeskThemes")],
                                        placeholder="Zoek een kleurenthema…"))

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

    async def action_switch_mode(self, mode: str) -> None:
        """A mode's key shows that mode's own screen: detail screens opened over it close. Over a
        form, a question or a panel the keys do nothing, so a letter never strands typed input."""
        if not isinstance(self.screen, DeskScreen):
            return
        if mode != self.current_mode:
            await self.switch_mode(mode)
        while len(self.screen_stack) > 1 and isinstance(self.screen, DeskScreen):
            await self.pop_screen()

    def open_organisation(self, organisation_id: str) -> None:
        """Show one organisation. The screens an organisation's own screen opens come back to it this
        way, so that they need not import it (it imports them)."""
        from screens.organisation_detail import OrganisationDetailScreen  # noqa: PLC0415 - not at start-up

        self.push_screen(OrganisationDetailScreen(organisation_id))

    def action_new_contact(self) -> None:
        from screens.intake import IntakeScreen

        if not isinstance(self.screen, IntakeScreen):
            spare = self.mode_preparer.spare_intake.take() if self.mode_preparer else None
            self.push_screen(spare or IntakeScreen())

    def action_departments(self) -> None:
        from screens.departments import DepartmentsScreen

        self.push_screen(DepartmentsScreen())

    def action_targets(self) -> None:
        from screens.targets import TargetsScreen

        self.push_screen(TargetsScreen())

    def action_retention(self) -> None:
        from screens.retention import RetentionScreen

        self.push_screen(RetentionScreen())

    def action_event_mode(self) -> None:
        from desk.records import events  # noqa: PLC0415

        current = events.current_event(self.ws, self.today())
        if current is None:
            self.action_events()
            return
        events.set_current_event(self.ws, None)
        self.notify(f"Evenementmodus uit (was: {current.name}).", markup=False)
        self.refresh_status()

    def action_events(self) -> None:
        from screens.events import EventsScreen

        self.push_screen(EventsScreen(), lambda _: self.refresh_status())

    def _update_title(self) -> None:
        name = settings.organisation_name(self.ws)
        self.title = f"Desk · {name}" if name else "Desk"

    def refresh_status(self) -> None:
        """Every status bar, also on the other modes' screens (built ahead, screens/modes.py)."""
        for screen in self._all_screens():
            for bar in screen.query(StatusBar):
                bar.refresh_text()

    def action_help(self) -> None:
        from screens.help import HelpScreen
        from screens.palette import is_desk_binding  # noqa: PLC0415

        if isinstance(self.screen, HelpScreen):
            return
        rows = [
            (self.get_key_display(active.binding), active.binding.description, active.binding.tooltip)
            for active in self.screen.active_bindings.values()
            if is_desk_binding(active.binding)
        ]
        self.push_screen(HelpScreen(self.screen.sub_title or self.screen.title, rows))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette  # noqa: PLC0415 - not at start-up

        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=self.PALETTE_PLACEHOLDER, id="--command-palette"))

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
        from screens.palette import palette_commands  # noqa: PLC0415 - not at start-up

        return palette_commands(self, screen)


def make_app(ws: Workspace, config_path: Path, today: Callable[[], dt.date] = clock.today,
             prepare_modes: bool = False) -> DeskApp:
    """The one factory for the command line and the tests (which may fix the date)."""
    return DeskApp(ws, config_path, today, prepare_modes)
