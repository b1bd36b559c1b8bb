"""The app's WAL checkpoints and search-index merges, in a thread of their own.

SQLite copies the write-ahead log back into the database file when a commit takes the log past
1,000 pages, and that commit waits for the copy and its fsync. An intake with a new organisation
writes about 200 pages (its rows, their indexes, the search index), so one save in five took
40-70 ms instead of 10 (bench/run.py, f.). The app's connection leaves this to a thread with a
connection of its own: half a second after the last commit it checkpoints PASSIVE, which waits for
no reader or writer and makes none wait. Commands that run and end keep SQLite's own checkpoints
(and closing the last connection checkpoints as well).

The search indexes' merges move here too (db/search_index.py): a commit that filled a level of
segments merged them itself, 15-60 ms in one save out of five to ten. The thread merges before it
checkpoints, so the merge's pages go into the same checkpoint.
"""

from __future__ import annotations

import threading
from pathlib import Path

from db import search_index
from db.connection import BUSY_TIMEOUT_MS, DRIVER_ERRORS, raw_connect

AFTER_COMMIT = 0.5  # seconds: the commits of one action (a save and its audit) land in one checkpoint
STOP_WAIT = 5.0  # seconds close() waits for a checkpoint under way


class Checkpointer:
    """Started by Workspace.checkpoint_apart. ``failed`` once its connection broke: the workspace then
    hands checkpoints back to SQLite."""

    def __init__(self, path: Path, passphrase: str | None) -> None:
        self.path, self.passphrase = path, passphrase
        self.failed = False
        self._committed = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="desk-checkpoint", daemon=True)
        self._thread.start()

    def committed(self) -> None:
        self._committed.set()

    def stop(self) -> None:
        self._stopping.set()
        self._committed.set()
        self._thread.join(STOP_WAIT)

    def _run(self) -> None:
        conn = None
        try:
            # An encrypted file's key is derived here (about 0.2 s), not on the caller's thread.
            conn = raw_connect(self.path, self.passphrase, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False)
            tables = _try(search_index.merge_apart, conn)
            while not self._stopping.is_set():
                self._committed.wait()
                self._stopping.wait(AFTER_COMMIT)
                self._committed.clear()  # what was committed meanwhile is in this checkpoint too
                if tables:
                    _try(search_index.merge_some, conn, tables)
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except DRIVER_ERRORS:
            self.failed = True
        finally:
            if conn is not None:
                conn.close()


def _try(step, conn, *args):
    """A merge that fails (a read-only file, a writer holding the lock past the timeout) is skipped:
    FTS5's own crisis merges keep the index bounded, and checkpoints go on. None when it failed."""
    try:
        return step(conn, *args)
    except DRIVER_ERRORS:
        return None
