"""Python's full garbage collection: smaller, and while nobody types.

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

from textual.app import App

IDLE = 1.0  # seconds without a key before a full collection may run
CHECK_EVERY = 0.5
FULL_AFTER = 100  # collections of the middle generation before Python's own full one (its default: 10)


class IdleCollector:
    def __init__(self, app: App) -> None:
        self.app = app
        self.last_key = time.monotonic()
        self.running = False

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        gc.freeze()
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_AFTER)
        self.app.set_interval(CHECK_EVERY, self._check)

    def key_pressed(self) -> None:
        self.last_key = time.monotonic()

    def _check(self) -> None:
        # gc.get_count()[2]: collections of the middle generation since the last full one, so
        # something may have reached the old generation since
        if time.monotonic() - self.last_key >= IDLE and gc.get_count()[2]:
            gc.collect()
