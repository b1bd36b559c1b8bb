"""What every main screen has: the header, the status bar and the footer with its keys."""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual import events, work
from textual._context import NoActiveAppError
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from screens.widgets.footer import DeskFooter
from screens.widgets.status_bar import StatusBar


def with_breakpoint_class(app: App, screen: Screen) -> Screen:
    """Give a new screen its width class (-narrow/-wide) before it is styled. Textual adds it at
    the screen's first resize, after mounting, and restyles every widget then: a quarter of the
    time of opening the intake form, profiled."""
    reached = [name for width, name in app.HORIZONTAL_BREAKPOINTS or [] if app.size.width >= width]
    if reached and not screen.is_mounted:
        screen.update_classes({name: name == reached[-1] for _, name in app.HORIZONTAL_BREAKPOINTS}, update=False)
    return screen


class StyledOnMount(Screen):
    """Textual restyles every widget of a screen each time it is shown. When the stylesheet is the
    one they were styled by (as they mounted, or when last shown), that changes nothing: it was a
    fifth of opening an organisation, and half of going back to the dashboard (40 ms). A change
    of theme or stylesheet restyles as Textual does. A screen made while the app runs has its
    width class from the start (the main screens too, which Textual makes itself)."""

    _styled_by: int | None = None  # the app's stylesheet version this screen's widgets were styled by

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        try:
            app = self.app
        except NoActiveAppError:  # made before the app runs
            return
        with_breakpoint_class(app, self)

    def _on_mount(self, event: events.Mount) -> None:
        self._styled_by = self.app._css_update_count  # private: Textual's count of stylesheet updates

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        styled_by, self._styled_by = self._styled_by, self.app._css_update_count  # styled by now, either way
        if event.refresh_styles and styled_by == self.app._css_update_count:
            event.prevent_default()  # Screen's own handler, called here without the restyle
            super()._on_screen_resume(events.ScreenResume(refresh_styles=False))


class DeskScreen(StyledOnMount):
    _loaded_version: tuple | None = None

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

    def reload_when_changed(self, reload: Callable[[], None]) -> None:
        """Back on this screen: ``reload`` only when something was written since it last loaded (by
        Desk or another process) or the day changed. Otherwise the rows shown are still right, and a
        reload would only compete with drawing them."""
        self._check_changed(reload)

    @work(thread=True, exclusive=True, group="changed-check")
    def _check_changed(self, reload: Callable[[], None]) -> None:
        version = (self.ws.data_version(), self.app.today())
        if version != self._loaded_version:
            self._loaded_version = version  # taken before the reload reads: a write in between reloads again
            self.app.call_from_thread(reload)

    def wait_for_frame(self, timeout: float = 1.0) -> None:
        """In a worker: wait until the screen has drawn what the UI thread was just handed, so that
        the work that follows does not slow down drawing it (both need Python's one lock)."""
        drawn = threading.Event()
        self.app.call_from_thread(self.call_after_refresh, drawn.set)
        drawn.wait(timeout)
