"""A Workspace is an open Desk database plus the user working in it.

Every service takes one. Reads and writes go through ``read()`` and ``write()``: the lock lets
the screens' thread workers share the connection one at a time, and ``write()`` is one
transaction begun IMMEDIATE. The app's UI thread reads through a connection of its own
(``read_apart``), so that it never waits while a worker holds the shared one. While another
process holds the write lock, ``write()`` asks the workspace's BusyWaiter whether to keep
waiting: the command line gives up after the busy timeout, the app waits as long as it takes
and says so on screen.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

import db as storage
from db.connection import BUSY_TIMEOUT_MS, DRIVER_ERRORS, begin_immediate, connect_reader
from db.errors import DatabaseBusyError, StorageError
from desk.core.checkpoints import Checkpointer
from desk.core.clock import utc_iso
from desk.core.config import UserConfig

# One try at the write lock waits this long inside SQLite, holding the workspace lock; between
# tries the workspace lock is free for a short pause, so other threads' reads go on meanwhile.
LOCK_TRY_MS = 200
PAUSE_BETWEEN_TRIES = 0.05
SQLITE_CHECKPOINT_PAGES = 1000  # SQLite's own wal_autocheckpoint


class BusyWaiter:
    """How long ``Workspace.write()`` waits for another process's write lock, and who hears of it.

    This one is the command line's: it gives up after the busy timeout, and the write raises
    DatabaseBusyError. The app has its own, which waits as long as it takes and shows a notice.
    """

    def keep_waiting(self, waited: float) -> bool:
        """Called after each failed try, in the writing thread, with the seconds waited so far."""
        return waited < BUSY_TIMEOUT_MS / 1000

    def done(self) -> None:
        """Called once in the writing thread when a write that had to wait stops waiting."""


class Workspace:
    def __init__(self, database: sqlite_utils.Database, path: Path, user: UserConfig | None,
                 passphrase: str | None = None):
        self.db = database
        self.path = Path(path)
        self.user = user
        self.passphrase = passphrase  # set when the file is encrypted; backups use it too
        self._lock = threading.RLock()
        self._reader: tuple[int, sqlite_utils.Database] | None = None  # (thread, connection): read_apart
        self._own = threading.local()  # .reader: a thread's own connection in reading_apart()
        self._writing: int | None = None  # the thread in write(), once its transaction has begun
        self._closed = False
        self._checkpoints: Checkpointer | None = None
        self.busy_waiter = BusyWaiter()

    @property
    def author(self) -> str:
        return self.user.initials if self.user else "?"

    def read_apart(self) -> None:
        """From now on the calling thread (the app's UI thread) reads through a read-only connection
        of its own. In WAL mode that one sees every commit; inside this thread's own write() it reads
        the shared connection, which holds the rows not committed yet. Writes stay on the shared one.

        An encrypted file's key takes about 0.2 s to derive on a new connection, so that one opens in
        a thread; until it is open, reads go through the shared connection as before."""
        thread = threading.get_ident()
        if self._reader is not None and self._reader[0] == thread:  # a second app on the same workspace
            return
        if self.passphrase:
            threading.Thread(target=self._open_reader, args=(thread,), name="desk-reader", daemon=True).start()
        else:
            self._open_reader(thread)

    def _open_reader(self, thread: int) -> None:
        try:
            reader = connect_reader(self.path, self.passphrase)
        except (*DRIVER_ERRORS, StorageError):  # the shared connection still serves every read
            return
        self._reader = thread, reader
        if self._closed:  # closed while it opened in its thread: close() may not have seen it
            reader.close()

    @contextlib.contextmanager
    def reading_apart(self) -> Iterator[None]:
        """Until the block ends, the calling thread reads through a connection of its own: it takes
        no lock that another thread waits for (the dashboard read ahead while the app starts)."""
        reader = connect_reader(self.path, self.passphrase)
        self._own.reader = reader
        try:
            yield
        finally:
            self._own.reader = None
            reader.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        own = getattr(self._own, "reader", None)
        if own is not None:
            yield own
            return
        reader, here = self._reader, threading.get_ident()
        if reader is not None and reader[0] == here and self._writing != here:
            yield reader[1]
            return
        with self._lock:
            yield self.db

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        with self._lock:
            if self.db.conn.in_transaction:  # an outer write() of this thread: a savepoint in it
                with storage.write_transaction(self.db):
                    yield self.db
                return
            self._begin_when_free()
            self._writing = threading.get_ident()
            try:
                with storage.write_transaction(self.db, begun=True):
                    yield self.db
            finally:
                self._writing = None
            self._after_commit()

    def checkpoint_apart(self) -> None:
        """From now on the write-ahead log is copied back into the file by a thread of its own, not
        by the commit that fills it (desk/core/checkpoints.py). For the app, which lives long and
        saves often; a command that runs and ends keeps SQLite's own checkpoints."""
        if self._checkpoints is None:
            self.db.execute("PRAGMA wal_autocheckpoint = 0")
            self._checkpoints = Checkpointer(self.path, self.passphrase)

    def _after_commit(self) -> None:
        checkpoints = self._checkpoints
        if checkpoints is None:
            return
        if checkpoints.failed:  # its connection broke: SQLite's own checkpoints again
            self._checkpoints = None
            self.db.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_CHECKPOINT_PAGES}")
        else:
            checkpoints.committed()

    def _begin_when_free(self) -> None:
        """BEGIN IMMEDIATE, trying again while another process writes, as the busy waiter allows.

        Called holding the lock, and returns holding it; in between tries it lets go, so a
        reader on the UI thread does not freeze behind a writer that waits for another process.
        """
        started = time.monotonic()
        waited = False
        try:
            while True:
                try:
                    begin_immediate(self.db, LOCK_TRY_MS)
                    return
                except DatabaseBusyError:
                    waited = True
                    if not self.busy_waiter.keep_waiting(time.monotonic() - started):
                        raise
                self._lock.release()
                try:
                    time.sleep(PAUSE_BETWEEN_TRIES)
                finally:
                    self._lock.acquire()
        finally:
            if waited:
                self.busy_waiter.done()

    def data_version(self) -> tuple[int, int]:
        """Equal for two calls when nothing was committed in between: by another process (SQLite's
        data_version) or through the shared connection (its total_changes)."""
        with self._lock:
            return self.db.execute("PRAGMA data_version").fetchone()[0], self.db.conn.total_changes

    def audit(self, action: str, entity: str, entity_id: str, summary: str = "") -> None:
        """Record who changed what; call inside ``write()`` so it shares the transaction."""
        self.db["audit"].insert(
            {"at": utc_iso(), "author": self.author, "action": action, "entity": entity,
             "entity_id": entity_id, "summary": summary}
        )

    def stamp_new(self) -> dict[str, str]:
        now = utc_iso()
        return {"created_at": now, "updated_at": now, "created_by": self.author, "updated_by": self.author}

    def stamp_changed(self) -> dict[str, str]:
        return {"updated_at": utc_iso(), "updated_by": self.author}

    def close(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.stop()
        with self._lock:
            self._closed = True
            if self._reader is not None:
                self._reader[1].close()
            self.db.close()
