"""A Workspace is an open Desk database plus the user working in it.

Every service takes one. Reads and writes go through ``read()`` and ``write()``: the lock lets
the screens' thread workers share the connection one at a time, and ``write()`` is one
transaction begun IMMEDIATE.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

import db as storage
from desk.clock import utc_iso
from desk.config import UserConfig


class Workspace:
    def __init__(self, database: sqlite_utils.Database, path: Path, user: UserConfig | None,
                 passphrase: str | None = None):
        self.db = database
        self.path = Path(path)
        self.user = user
        self.passphrase = passphrase  # set when the file is encrypted; backups use it too
        self._lock = threading.RLock()

    @property
    def author(self) -> str:
        return self.user.initials if self.user else "?"

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite_utils.Database]:
        with self._lock:
            yield self.db

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        with self._lock, storage.write_transaction(self.db):
            yield self.db

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
        with self._lock:
            self.db.close()


def open_workspace(path: Path, user: UserConfig | None, create_folder: bool = False,
                   passphrase: str | None = None) -> Workspace:
    """Open the database (migrating it if needed) and make sure the default lists exist."""
    from desk import certifications, departments, terms  # noqa: PLC0415 - they need Workspace

    path = Path(path)
    if create_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    workspace = Workspace(storage.open_database(path, passphrase), path, user, passphrase)
    terms.seed_defaults(workspace)
    departments.seed_defaults(workspace)
    certifications.seed_defaults(workspace)
    return workspace
