"""The main screens as Textual modes: each screen's module imported on its first use, every
stylesheet read at start, and the main lists built while the user reads the dashboard, so that the
first o, l, a or r shows at once.

A mode's first open costs far more than the ones after it (at the design scale 0.3-1.2 s against
under 50 ms): the screen's module is imported, its stylesheet parsed, its widgets composed and
styled. Once the dashboard has shown its figures, Desk does that for one mode after another in
the background, as Textual itself does on the first switch to a mode. A key pressed in between
waits for one screen at most, no longer than its first open would have taken anyway. After the
last one the idle collector starts (screens/collector.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from screens.collector import IdleCollector
from screens.spare_intake import SpareIntake

# In the order people open them; the other modes (toolbox, report, ecosystem) are built on first use.
PREPARED = ("organisations", "log", "agenda", "referrals")
START_AFTER = 0.3  # seconds after the dashboard first shows its figures
BETWEEN = 0.05  # seconds between two screens, so that keys and frames pass in between


def lazy_screen(module: str, name: str) -> Callable[[], Screen]:
    """A MODES factory that imports `screens.<module>` on the first switch to that mode."""
    return lambda: getattr(importlib.import_module(f"screens.{module}"), name)()


def is_built(app: App, mode: str) -> bool:
    """Whether the mode's screen exists yet (opened, or built ahead)."""
    try:
        app.get_screen_stack(mode)
    except KeyError:  # a mode not opened yet has no stack
        return False
    return True


class BuiltModesAtOnce:
    """Mixed into the app. Textual holds every frame for 50 ms when the mode changes
    (App.delay_update), so that a screen still being built is not seen half done. A mode whose
    screen is built already (ahead, by ModePreparer, or opened before) shows at once."""

    _switching_to_built = False

    def switch_mode(self, mode: str):
        self._switching_to_built = is_built(self, mode)
        try:
            return super().switch_mode(mode)
        finally:
            self._switching_to_built = False

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._switching_to_built:
            super().delay_update(delay)


def stylesheets() -> list[str]:
    """The app's CSS_PATH: every screen's stylesheet, read at start (they are small). One read later,
    when its screen first opens, makes Textual parse and apply every rule again, on every screen
    (0.1-0.2 s at the design scale)."""
    here = Path(__file__).parent
    return ["app.tcss", *sorted(path.name for path in here.glob("*.tcss") if path.name != "app.tcss")]


class ModePreparer:
    def __init__(self, app: App) -> None:
        self.app = app
        self.started = False
        self.collector = IdleCollector(app)
        self.spare_intake = SpareIntake(app)

    def start(self) -> None:
        if not self.started:
            self.started = True
            self.app.set_timer(START_AFTER, self._prepare_next)

    def waiting(self) -> list[str]:
        """The modes not opened or prepared yet."""
        return [mode for mode in PREPARED if not is_built(self.app, mode)]

    async def _prepare_next(self) -> None:
        if not self.app.is_running:  # closing
            return
        waiting = self.waiting()
        if not waiting:  # the user opened the rest first
            self._all_prepared()
            return
        # The first half of App.switch_mode: the mode's screen is created, mounted and resumed
        # (it loads its first page) without being shown. Textual has no public call for it.
        app, mode = self.app, waiting[0]
        await app._init_mode(mode)
        # What App.refresh_css does for the screens of the current mode: styled with the stylesheet
        # as it is now, so that the switch does not parse and apply every rule again (0.1 s).
        screen = app.get_screen_stack(mode)[0]
        app.stylesheet.update(screen, animate=False)
        screen._css_update_count = app._css_update_count
        screen._refresh_layout(app.size)  # laid out too (the footer's keys take 0.15 s the first time)
        if len(waiting) > 1:
            self.app.set_timer(BETWEEN, self._prepare_next)
        else:
            self._all_prepared()

    def _all_prepared(self) -> None:
        self.collector.start()  # what exists now lives as long as the app: frozen for the collector
        self.spare_intake.build_later()
