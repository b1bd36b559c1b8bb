"""While another process holds the database's write lock: the app waits as long as it takes, and says so."""

from __future__ import annotations

import threading

from textual.app import App
from textual.message import Message
from textual.widgets import Static

from desk.core.workspace import BusyWaiter

BUSY_NOTICE = "De database is bezig (een ander Desk-proces schrijft); Desk wacht en probeert het opnieuw…"
WAITING_AT_QUIT = "desk: de database is nog bezig; Desk slaat je concept op zodra die vrij is en stopt dan."


class BusyNotice(Static):
    """The line at the bottom of the screen while a write waits for another process."""

    DEFAULT_CSS = """
    BusyNotice {
        height: 1;
        background: $warning;
        color: $text;
        padding: 0 1;
    }
    BusyNotice.-docked {
        dock: bottom;
    }
    """


class WaitWithNotice(BusyWaiter):
    """The app's busy waiter: wait as long as the other process writes, and show that we wait.

    Writes from the UI thread wait too (the screen cannot redraw meanwhile); the forms that matter
    most write from thread workers, so the notice shows while they wait.
    """

    def __init__(self, app: App) -> None:
        self.app = app
        self._waiting: set[int] = set()
        self._guard = threading.Lock()

    def keep_waiting(self, waited: float) -> bool:
        with self._guard:
            first = not self._waiting
            self._waiting.add(threading.get_ident())
        if first:
            self.app.post_message(DatabaseBusy(True))
        return True

    def done(self) -> None:
        with self._guard:
            self._waiting.discard(threading.get_ident())
            last = not self._waiting
        if last:
            self.app.post_message(DatabaseBusy(False))

    @property
    def waiting_now(self) -> bool:
        with self._guard:
            return bool(self._waiting)


class DatabaseBusy(Message):
    """A write started or stopped waiting for another process's write lock."""

    def __init__(self, waiting: bool) -> None:
        super().__init__()
        self.waiting = waiting
