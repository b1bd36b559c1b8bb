"""The daily backup at start, in the background: a process of its own (db/page_copy.py), so that
typing goes on at full speed meanwhile; stopped when Desk quits, and made again at the next start."""

from __future__ import annotations

import subprocess

from textual import work

from db.errors import StorageError
from desk.care import backups
from desk.core.errors import DeskError


class DailyBackup:
    """Mixed into the app, which has ``ws``, ``notify`` and ``refresh_status``."""

    _backup_process: subprocess.Popen | None = None
    _quitting = False

    @work(thread=True, exclusive=True, group="backup")
    def daily_backup(self) -> None:
        """A backup when the last one is more than a day old."""
        try:
            backups.ensure_daily_backup(self.ws.path, passphrase=self.ws.passphrase, started=self._backup_started)
        except (DeskError, StorageError) as exc:
            if not self._quitting:
                self.call_from_thread(self.notify, f"Back-up mislukt: {exc}", severity="error", timeout=10,
                                      markup=False)
        if not self._quitting:
            self.call_from_thread(self.refresh_status)

    def _backup_started(self, process: subprocess.Popen) -> None:
        self._backup_process = process

    def on_unmount(self) -> None:
        """A backup still being made is stopped: its half-made copy is swept at the next start."""
        self._quitting = True
        process = self._backup_process
        if process is not None and process.poll() is None:
            process.terminate()
