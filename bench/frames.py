"""Key press to the first frame that shows what the user waited for.

Pilot's ``press`` waits until the process has been idle for a while (about 110 ms for a key that
does nothing), so timing ``press`` measures the harness as much as Desk. Here the key goes straight
to the app's driver, and every frame the app composes (``App._display``, also called headless) is
checked against a condition: the time is taken at the first frame in which the condition holds,
for example "the organisation's screen is up and shows its name". The wait loop polls every
half millisecond; that is the harness's own share. Start-up is timed the same way, from the
process's start to the first frame that shows the dashboard (``watch`` before the app runs).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable

from textual import events
from textual.app import App

POLL = 0.0005
TIMEOUT = 30.0


class FrameClock:
    def __init__(self, app: App) -> None:
        self.app = app
        self._ready: Callable[[], bool] | None = None
        self._drawn_at: float | None = None
        original = app._display

        def display(screen, renderable) -> None:
            # A frame composed while Textual batches updates (App.delay_update, 50 ms after a mode
            # switch) is dropped there, never shown: it does not count.
            if (renderable is not None and not app._batch_count and self._ready is not None
                    and self._drawn_at is None and self._ready()):
                self._drawn_at = time.perf_counter()
            original(screen, renderable)

        app._display = display  # the app composes each frame, then hands it to the driver here

    def watch(self, ready: Callable[[], bool]) -> None:
        """From now on, note the first frame in which ``ready()`` is true."""
        self._ready, self._drawn_at = ready, None

    async def drawn(self, what: str) -> float:
        """The ``perf_counter`` time of the frame that ``watch`` waits for, once it has come."""
        start = time.perf_counter()
        while self._drawn_at is None:
            if time.perf_counter() - start > TIMEOUT:
                raise TimeoutError(f"no frame showed {what} within {TIMEOUT:g} s")
            await asyncio.sleep(POLL)
        self._ready = None
        return self._drawn_at

    async def press(self, key: str, ready: Callable[[], bool]) -> float:
        """Milliseconds from sending ``key`` to the first frame in which ``ready()`` is true."""
        self.watch(ready)
        start = time.perf_counter()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(self.app)
        self.app._driver.send_message(event)
        return (await self.drawn(f"the result of {key!r}") - start) * 1000


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie (linear between the two nearest)."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]
