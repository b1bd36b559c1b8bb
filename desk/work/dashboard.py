"""What the dashboard shows, read in one go, and read ahead while the app starts.

At the design scale the dashboard's reads take 100-160 ms, about as long as Textual takes to load
and draw its first frame. The ``desk`` command starts them in a thread as soon as the database is
open (``ReadAhead``); SQLite runs without Python's lock, so both go on at once, and the screen
takes the result when it first loads.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from desk.core.workspace import Workspace
from desk.records import contacts
from desk.work import certifications, followups, overview, targets

ROWS = 15  # rows per list: enough to fill a tall terminal
EXPIRING_WITHIN_DAYS = 60


@dataclass(frozen=True)
class Dashboard:
    figures: dict[str, int]  # organisations, partners, archived, persons, overdue, today
    running: list  # the referrals open longest
    recent: list  # the latest contact moments
    expiring: list  # certifications that expire soon
    realised: list  # this year's targets and how far they are


def read(ws: Workspace, today: dt.date, rows: int = ROWS) -> Dashboard:
    figures = vars(overview.counts(ws))
    figures["overdue"], figures["today"] = followups.due_counts(ws, today)
    return Dashboard(figures, overview.longest_open_referrals(ws, limit=rows), contacts.list_contacts(ws, limit=rows),
                     certifications.expiring(ws, EXPIRING_WITHIN_DAYS, today)[:rows],
                     targets.realisations(ws, today.year, today))


class ReadAhead:
    """``read`` started now in a thread, on a connection of its own (nothing waits for its lock).

    ``take`` hands the result over once, and only while it is still right: when nothing was
    committed since this object was made and the day is the same. Otherwise, or when the read
    failed, ``take`` gives None and the screen reads again itself (and reports what fails)."""

    def __init__(self, ws: Workspace, today: dt.date, rows: int = ROWS) -> None:
        self.ws = ws
        self.version = (ws.data_version(), today)  # before the read: a commit after it is noticed
        self._result: Dashboard | None = None
        self._done = threading.Event()
        self._taken = False
        threading.Thread(target=self._read, args=(today, rows), name="desk-dashboard-ahead", daemon=True).start()

    def _read(self, today: dt.date, rows: int) -> None:
        try:
            with self.ws.reading_apart():
                self._result = read(self.ws, today, rows)
        except Exception:  # noqa: BLE001 - the screen's own read reports it
            self._result = None
        finally:
            self._done.set()

    def take(self, version: tuple) -> Dashboard | None:
        """The read-ahead result, when ``version`` (the workspace's data version and the day, as
        the screen took them before loading) is still the one it was read at. Waits for it."""
        if self._taken:
            return None
        self._taken = True
        self._done.wait()
        result, self._result = self._result, None  # the app keeps this object: not the rows too
        return result if version == self.version else None
