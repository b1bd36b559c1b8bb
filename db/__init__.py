"""Storage: the SQLite file, its schema and migrations, search index and backups.

Knows tables and rows only; nothing of the domain.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from db import backup, connection, migrations
from db.connection import connect, write_transaction
from db.errors import (
    DamagedDatabaseError,
    NewerDatabaseError,
    NotADeskDatabaseError,
    PassphraseNeededError,
    StorageError,
    WrongPassphraseError,
)

__all__ = [
    "open_database",
    "write_transaction",
    "StorageError",
    "NewerDatabaseError",
    "NotADeskDatabaseError",
    "DamagedDatabaseError",
    "PassphraseNeededError",
    "WrongPassphraseError",
]


def open_database(path: Path, passphrase: str | None = None) -> sqlite_utils.Database:
    """Open the file, refuse one from a newer Desk, back up and migrate when the schema is behind."""
    db = connect(path, passphrase)
    try:
        migrations.check_not_newer(db)
        pending = migrations.pending(db)
        if pending and db.table_names():
            backup.timestamped_backup(db, path, "voor-migratie", passphrase)
        migrations.apply(db)
    except BaseException:
        db.close()
        raise
    return db
