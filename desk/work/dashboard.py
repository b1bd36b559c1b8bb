"""What the dashboard shows, read in one go, and read before the app loads.

The dashboard's reads take 26 ms at the design scale and about 120 ms at four times that. The
``desk`` command reads them once, before Textual loads (``ReadAhead``), so that its first frame
shows the figures. They were read in a thread while Textual loaded, but both need Python's one
lock: each step of a query gives it up and waits to get it back from the UI thread, so the read
took 280-350 ms there and the dashboard waited for it.
"""

from __future__ import annotations

import datetime as dt
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
    """``read`` now, on the thread that starts the app, before the app loads.

    ``take`` hands the result over once, and only while it is still right: when nothing was
    committed since this object was made and the day is the same. Otherwise, or when the read
    failed, ``take`` gives None and the screen reads again itself (and reports what fails)."""

    def __init__(self, ws: Workspace, today: dt.date, rows: int = ROWS) -> None:
        self.version = (ws.data_version(), today)  # before the read: a commit after it is noticed
        self._result: Dashboard | None = None
        self._taken = False
        try:
            self._result = read(ws, today, rows)
        except Exception:  # noqa: BLE001 - the screen's own read reports it
            self._result = None

    def take(self, version: tuple) -> Dashboard | None:
        """The result, when ``version`` (the workspace's data version and the day, as the screen
        took them) is still the one it was read at."""
        if self._taken:
            return None
        self._taken = True
        result, self._result = self._result, None  # the app keeps this object: not the rows too
        return result if version == self.version else None
