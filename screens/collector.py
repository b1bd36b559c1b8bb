"""Python's full garbage collection while nobody types.

CPython runs a full collection whenever enough objects have lived long enough, at whatever key
happens to be pressed then; at the design scale one took 40-160 ms, the largest single cost in a
screen's slow opens. The desk command's app (screens/modes.py starts this once its main lists are
built) freezes what exists by then (it lives as long as the app), lets the automatic collections
of young objects run as before, and does the full one itself when no key has come for a while.
"""

from __future__ import annotations

import gc
import time

from textual.app import App

IDLE = 2.0  # seconds without a key before a full collection may run
CHECK_EVERY = 1.0
AT_LEAST_EVERY = 300.0  # seconds: a full collection also comes when someone types without a pause
FULL_COLLECTIONS_NEVER = 10**9  # gc's third threshold: never by itself (CPython 3.11's meaning)


class IdleCollector:
    def __init__(self, app: App) -> None:
        self.app = app
        self.last_key = self.last_full = time.monotonic()
        self.running = False

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        gc.freeze()
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_COLLECTIONS_NEVER)
        self.app.set_interval(CHECK_EVERY, self._check)

    def key_pressed(self) -> None:
        self.last_key = time.monotonic()

    def _check(self) -> None:
        now = time.monotonic()
        if now - self.last_key >= IDLE or now - self.last_full >= AT_LEAST_EVERY:
            if gc.get_count()[2] or now - self.last_full >= AT_LEAST_EVERY:  # something reached the old generation
                gc.collect()
                self.last_full = now
