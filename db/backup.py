"""Backups of a live database: VACUUM INTO a temporary file, check it, then rename into place.

Never a file copy: a copy of a WAL database without its -wal file can miss every recent commit.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import sqlite_utils

from db.connection import DRIVER_ERRORS, raw_connect
from db.errors import StorageError, storage_error_for
from db.temporary import private_temporary

TEMPORARY_SUFFIX = ".tmp"
FTS_SHADOWS = ("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")


def backup_to(db: sqlite_utils.Database, target: Path, passphrase: str | None = None) -> Path:
    """Write a consistent copy of ``db`` to ``target``; the file appears only once it checks out.

    The copy of an encrypted database is encrypted with the same passphrase.
    """
    target = Path(target)
    _check_target(target)
    tmp = target.with_name(target.name + TEMPORARY_SUFFIX)
    try:
        # VACUUM INTO takes an empty file: created private here, it never has the umask's mode.
        with private_temporary(tmp):
            db.conn.execute("VACUUM INTO ?", [str(tmp)])
            _check_copy(db, tmp, passphrase)
            os.replace(tmp, target)
    except (*DRIVER_ERRORS, OSError) as exc:
        known = storage_error_for(exc)
        if known is not None:
            raise type(known)(f"Back-up naar {target} is mislukt. {known}") from exc
        raise StorageError(f"Back-up naar {target} is mislukt: {exc}.") from exc
    return target


def _check_target(target: Path) -> None:
    """Refuse, before any work, a place the copy cannot go: moving it into place would replace a
    folder, a FIFO or a device such as /dev/null, and SQLite's own error for an unwritable folder
    ("unable to open database file") does not say which."""
    if not target.parent.is_dir():
        raise StorageError(f"De map {target.parent} bestaat niet; er is geen back-up gemaakt.")
    if target.is_dir():
        raise StorageError(f"{target} is een map; geef een bestandsnaam op voor de back-up.")
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        raise StorageError(f"{target} is geen gewoon bestand (maar een apparaat, pijp of socket); "
                           "kies een gewoon bestand voor de back-up.")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise StorageError(f"Kan niet schrijven in de map {target.parent} (alleen-lezen of geen toestemming); "
                           "er is geen back-up gemaakt.")


def _check_copy(db: sqlite_utils.Database, copy: Path, passphrase: str | None) -> None:
    conn = raw_connect(copy, passphrase)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StorageError(f"De back-up {copy} is niet in orde.")
        check_row_counts(conn, row_counts(db.conn))
    finally:
        conn.close()


def row_counts(conn) -> dict[str, int]:
    """Rows per table; the full-text indexes' own tables are left out (a copy may pack them anew)."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
            for table in tables if not table.endswith(FTS_SHADOWS) and not table.startswith("sqlite_")}


def check_row_counts(copy_conn, expected: dict[str, int]) -> None:
    for table, count in expected.items():
        copied = copy_conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
        if copied != count:
            raise StorageError(f"De back-up mist rijen in {table} ({copied} van {count}).")


def backup_dir_for(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def timestamped_backup(db: sqlite_utils.Database, db_path: Path, reason: str, passphrase: str | None = None,
                       made_at: dt.datetime | None = None) -> Path:
    """Back up into the backups folder beside the database, named by time (``made_at``, the app's
    clock; now when not given) and reason."""
    folder = backup_dir_for(db_path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return backup_to(db, folder / backup_name(db_path, made_at or dt.datetime.now(dt.UTC), reason), passphrase)


def backup_name(db_path: Path, made_at: dt.datetime, reason: str) -> str:
    stamp = made_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{Path(db_path).stem}-{stamp}-{reason}.sqlite"
