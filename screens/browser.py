"""Desk in a browser tab (``desk serve``): what differs from the terminal.

Ending: a tab is closed, or ``desk serve`` stopped, without the app being asked; an open intake is
kept as a draft then, as at ctrl+q.

Files: an export, report, print or access export is written to exports/ as in the terminal, and in a
browser tab it is also handed to the browser as a download under the same name. Keys: a browser
keeps a few for itself (ctrl+n opens a window and never reaches the page), so in a tab the actions on
those keys get a second key that does arrive.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import events, messages
from textual.app import App
from textual.message_pump import MessagePump

# Binding id -> the keys in a browser tab, the one that works there first (the footer shows it).
BROWSER_KEYS = {
    binding_id: "alt+n,ctrl+n"
    for binding_id in ("organisations.new", "agenda.new", "targets.new", "departments.new", "toolbox.new_round")
}


def browser_keymap(app: App) -> dict[str, str]:
    return dict(BROWSER_KEYS) if app.is_web else {}


def deliver(app: App, *paths: Path) -> str:
    """In a browser tab, send the files written to exports/ to the browser as downloads too.

    Returns the sentence to add to the message about the files (nothing in a terminal). Call it on the
    app's thread; a worker goes through ``app.call_from_thread``.
    """
    if not app.is_web:
        return ""
    for path in paths:
        app.deliver_binary(path, save_filename=path.name)
    return ". De browser downloadt " + ("het bestand ook." if len(paths) == 1 else f"de {len(paths)} bestanden ook.")


class InBrowser:
    """Part of DeskApp: what the app does differently in a browser tab."""

    _leaving_tab = False

    def on_exit_app(self, message: messages.ExitApp) -> None:
        """A closed tab or a stopped ``desk serve`` ends the app without ctrl+q and its question:
        what is typed in an open intake is kept as a draft first, as ctrl+q keeps it.

        The last keys may still be on their way: Textual's web driver posts the quit ahead of keys
        that came before it, and a key goes from the app to the screen to the focused field. So the
        draft is taken after the app's queue, then the screen's, then the field's."""
        if not self.is_web or self._leaving_tab:
            return
        message.prevent_default()
        self._leaving_tab = True

        def leave() -> None:
            self._keep_drafts()
            self.exit()

        def after(*queues: Callable[[], MessagePump | None]) -> None:
            pump = queues[0]() if queues else None
            if pump is None or not pump.call_later(after, *queues[1:]):
                leave()

        after(lambda: self, lambda: self.screen, lambda: self.focused)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        self.notify("Het bestand kon niet naar de browser; het staat wel in de map exports/.",
                    severity="warning", timeout=10, markup=False)
