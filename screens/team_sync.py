"""Syncing with the team's register from the app: at start, every few minutes, and on ctrl+y.

The round runs as ``desk sync`` in a child process (it opens the file with apsw, which must never
share this process with sqlite3); a worker thread waits for it, so typing never waits. When the
register cannot be reached the work stays here and the status bar says so; the next round takes
it along.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from textual import work
from textual.binding import Binding

from desk.team.status import team_status

EVERY_SECONDS = 300
ROUND_TIMEOUT_SECONDS = 600


class TeamSync:
    """Mixed into the app, which has ``ws``, ``config_path``, ``notify`` and ``refresh_status``; its
    key is in the app's BINDINGS (Textual collects bindings from its own classes only)."""

    BINDING = Binding("ctrl+y", "team_sync", "Synchroniseren", show=False, id="app.team_sync",
                      tooltip="Wijzigingen van het team ophalen en de eigen versturen")

    team_problem: str | None = None  # why the last round failed, shown in the status bar
    _team_process: subprocess.Popen | None = None

    def start_team_sync(self) -> None:
        """Sync now and every few minutes, when this database belongs to a team."""
        if self.ws.user is None or not self.ws.user.team_register or team_status(self.ws) is None:
            return
        self.sync_with_team(quiet=True)
        self.set_interval(EVERY_SECONDS, lambda: self.sync_with_team(quiet=True))

    def action_sync_reviews(self) -> None:
        from screens.sync_reviews import SyncReviewsScreen  # noqa: PLC0415 - not at start-up

        self.push_screen(SyncReviewsScreen(), lambda _: self.refresh_status())

    def action_team_sync(self) -> None:
        if team_status(self.ws) is None:
            self.notify("Deze database hoort niet bij een team. Sluit aan met: desk team join <adres>.",
                        severity="warning", markup=False)
            return
        self.notify("Synchroniseren met het team…", markup=False, timeout=3)
        self.sync_with_team(quiet=False)

    @work(thread=True, exclusive=False, group="team-sync")
    def sync_with_team(self, quiet: bool) -> None:
        if self._team_process is not None and self._team_process.poll() is None:
            return  # a round is running; it takes everything along
        env = {**os.environ, "DESK_CONFIG": str(self.config_path)}
        if self.ws.passphrase:
            env["DESK_PASSPHRASE"] = self.ws.passphrase
        self._team_process = subprocess.Popen(
            [sys.executable, "-m", "desk.cli", "--db", str(self.ws.path), "sync", "--json"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env)
        try:
            out, err = self._team_process.communicate(timeout=ROUND_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self._team_process.kill()
            out, err = "", "desk: de synchronisatie duurde te lang en is gestopt."
        if self._team_process.returncode == 0 and out.strip():
            self.team_problem = None
            outcome = json.loads(out.strip().splitlines()[-1])
            message = _summary(outcome)
        else:
            self.team_problem = (err.strip().splitlines() or ["onbekende fout"])[-1].removeprefix("desk: ")
            message = f"Synchroniseren lukte niet: {self.team_problem}"
        self.call_from_thread(self.refresh_status)
        if message and (not quiet or self.team_problem is None):  # a failed round at the back says it in the bar
            self.call_from_thread(self.notify, message, markup=False,
                                  severity="warning" if self.team_problem else "information")

    def on_unmount(self) -> None:
        process = self._team_process
        if process is not None and process.poll() is None:
            process.terminate()  # a round cut off is finished by the next one


def _summary(outcome: dict) -> str:
    """What a round brought, in a line; empty when it brought nothing."""
    parts = []
    if outcome["pulled"]:
        parts.append(f"{outcome['pulled']} keer wijzigingen van collega's binnengehaald")
    if outcome["reviews"]:
        parts.append(f"{outcome['reviews']} conflict{'en' if outcome['reviews'] != 1 else ''} om te bekijken")
    if outcome["blocked"]:
        parts.append(outcome["blocked"])
    return "; ".join(parts)
