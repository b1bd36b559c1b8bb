"""Python's garbage collection: none while Desk starts, then smaller, and while nobody types.

While the desk command starts, Python's collector is off (``pause``, from screens/launch.py): at
the design scale its collections took 100-135 ms of a start-up of 800 ms, going again and again
through the objects that imports make and that live as long as the app. It comes back when the
main lists are built (``IdleCollector.start``): one collection frees what start-up left
unreachable, the rest is frozen. At the latest it comes back after ``BACK_AT_LATEST`` seconds, also
when the dashboard never showed its figures (a failed read, the first run's setup).

CPython runs a full collection whenever enough objects have lived long enough, at whatever key
happens to be pressed then; at the design scale one took 40-160 ms, the largest single cost in a
screen's slow opens. Once its main lists are built (screens/modes.py), the desk command's app
freezes what exists by then (it lives as long as the app), so a full collection only goes through
what came after, and runs one itself when no key has come for a while, so that fewer fall on a key.
Python's own full collections come far less often (after 100 collections of the middle generation
instead of 10): a user who types without a pause still has one now and then, so memory stays
bounded (with none at all, a busy minute took the peak from 196 to 278 MB).
"""

from __future__ import annotations

import gc
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

IDLE = 1.0  # seconds without a key before a full collection may run
CHECK_EVERY = 0.5
BACK_AT_LATEST = 10.0  # seconds after the app started
FULL_AFTER = 100  # collections of the middle generation before Python's own full one (its default: 10)


def pause() -> None:
    gc.disable()


class IdleCollector:
    def __init__(self, app: App) -> None:
        self.app = app
        self.last_key = time.monotonic()
        self.running = False

    def start_at_latest(self) -> None:
        self.app.set_timer(BACK_AT_LATEST, self.start)

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        gc.collect()  # what start-up left unreachable is freed here, not frozen
        gc.freeze()
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_AFTER)
        gc.enable()
        self.app.set_interval(CHECK_EVERY, self._check)

    def key_pressed(self) -> None:
        self.last_key = time.monotonic()

    def _check(self) -> None:
        # gc.get_count()[2]: collections of the middle generation since the last full one, so
        # something may have reached the old generation since
        if time.monotonic() - self.last_key >= IDLE and gc.get_count()[2]:
            gc.collect()
