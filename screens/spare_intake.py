"""An empty intake form built before it is asked for, so that `n` shows one at once.

The form is about a hundred widgets (three Selects, a TextArea); building, styling and laying them
out took 120-180 ms at every `n`. The spare is built off screen in the same way as the prepared
modes (screens/modes.py), and handed out only while what its fields were built from still holds:
the event that is on (heading, channel, event) and the channels. Its long choices (departments,
partners, events) are filled again when it is taken, as for a new form.
"""

from __future__ import annotations

from textual.app import App

from desk.records import events, terms

# Seconds between looks whether the form is closed, to build the next spare: a quarter of a second,
# so that a form opened a second after the last one closed is a spare too (at a look every second,
# that one took 120-170 ms against 70-100 with a spare). The building takes the app's thread for
# about 120 ms once per form: a key typed in that moment waits for it.
REBUILD_EVERY = 0.25


class SpareIntake:
    def __init__(self, app: App) -> None:
        self.app = app
        self.screen = None
        self._built_for: tuple | None = None
        self._waiting = False

    def _circumstances(self) -> tuple:
        ws = self.app.ws
        current = events.current_event(ws)
        return (current.id if current else None, tuple(terms.labels(ws, terms.CHANNEL)), self.app.size)

    async def build(self) -> None:
        """Build a spare when there is none and no intake form is open."""
        from screens.intake import IntakeScreen  # noqa: PLC0415 - not at start-up

        self._waiting = False
        app = self.app
        if self.screen is not None or not app.is_running:
            return
        if isinstance(app.screen, IntakeScreen) or app.screen.is_modal:  # later: the form is in use
            self.build_later()
            return
        screen = IntakeScreen()
        built_for = self._circumstances()
        # Mounted without being pushed: App._get_screen registers it (private; no public call).
        _, mounted = app._get_screen(screen)
        await mounted
        app.stylesheet.update(screen, animate=False)
        screen._css_update_count = app._css_update_count
        screen._refresh_layout(app.size)
        self.screen, self._built_for = screen, built_for

    def build_later(self) -> None:
        if not self._waiting and self.app.is_running:
            self._waiting = True
            self.app.set_timer(REBUILD_EVERY, self.build)

    def take(self):
        """The spare form when it still fits; None when there is none (then a new one is built)."""
        screen, self.screen = self.screen, None
        self.build_later()
        if screen is None:
            return None
        if self._built_for != self._circumstances():
            screen.remove()
            return None
        screen.call_after_refresh(screen._fill_long_choices)
        return screen
