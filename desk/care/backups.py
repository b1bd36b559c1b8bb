"""Backups of the database: daily at start (and before every migration, see db/), by hand, with
rotation; restoring one; and checking a database for damage."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import db as storage
from db import backup as db_backup
from db.connection import APPLICATION_ID, DRIVER_ERRORS, is_writable, raw_connect, read_only_connect
from db.errors import DatabaseBusyError, StorageError, storage_error_for
from db.temporary import make_private, sweep
from desk.core import clock
from desk.core.errors import DeskError
from desk.core.workspace import Workspace

DAILY = "dagelijks"
KEEP_DAILY, KEEP_WEEKLY = 7, 4
_STAMP = re.compile(r"-(\d{8}T\d{6}Z)-([\w-]+)\.sqlite$")


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: dt.datetime
    reason: str


def list_backups(db_path: Path) -> list[Backup]:
    """Backups beside the database, newest first."""
    folder = db_backup.backup_dir_for(db_path)
    found = []
    for path in folder.glob(f"{Path(db_path).stem}-*.sqlite") if folder.is_dir() else []:
        match = _STAMP.search(path.name)
        if match:
            made = dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            found.append(Backup(path, made, match.group(2)))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def make_backup(db_path: Path, reason: str = "handmatig", target: Path | None = None,
                passphrase: str | None = None) -> Path:
    """A checked copy made over its own connection, so the app keeps working meanwhile; the copy
    of an encrypted database is encrypted too."""
    database = storage.connection.connect(Path(db_path), passphrase)
    try:
        if target is not None:
            return db_backup.backup_to(database, Path(target), passphrase)
        return db_backup.timestamped_backup(database, Path(db_path), reason, passphrase, made_at=clock.now_utc())
    finally:
        database.close()


def sweep_leftovers(db_path: Path) -> list[Path]:
    """Remove the temporary copies a killed backup left in backups/ (they hold personal data)."""
    return sweep(db_backup.backup_dir_for(db_path), [f"{Path(db_path).stem}-*.sqlite{db_backup.TEMPORARY_SUFFIX}"])


def make_folders_private(db_path: Path, with_data_folder: bool) -> list[Path]:
    """Tighten Desk's own folders (backups/, exports/ and, when it is Desk's default, the data
    folder) to 0700 where they are looser; returns the folders changed."""
    folder = Path(db_path).parent
    ours = [folder] if with_data_folder else []
    ours += [db_backup.backup_dir_for(db_path), folder / "exports"]
    return [path for path in ours if make_private(path)]


def ensure_daily_backup(db_path: Path, now: dt.datetime | None = None, passphrase: str | None = None,
                        started: Callable[[subprocess.Popen], None] | None = None) -> Path | None:
    """Back up when the newest backup is more than a day old; then rotate. Returns the new file.

    The copy is made by a process of its own (db/page_copy.py) and starts from a backup that the
    rotation would remove once today's exists, so that only the pages changed since are written.
    ``started`` hears of the process, so that the app can stop it when it quits."""
    now = now or clock.now_utc()
    backups = list_backups(db_path)
    if backups and now - backups[0].made_at < dt.timedelta(days=1):
        return None
    target = db_backup.backup_dir_for(db_path) / db_backup.backup_name(db_path, now, DAILY)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    reusable = [b for b in backups if b.path not in _kept([Backup(target, now, DAILY), *backups])]
    _run_page_copy(Path(db_path), target, reusable[0].path if reusable else None, passphrase, started)
    rotate(db_path)
    return target


def _run_page_copy(db_path: Path, target: Path, base: Path | None, passphrase: str | None,
                   started: Callable[[subprocess.Popen], None] | None) -> None:
    request = {"source": str(db_path.absolute()), "target": str(target.absolute()),
               "base": str(base) if base else None, "passphrase": passphrase}
    process = subprocess.Popen([sys.executable, "-m", "db.page_copy"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if started is not None:
        started(process)
    _, error = process.communicate(json.dumps(request))
    if process.returncode != 0:
        lines = error.strip().splitlines()
        raise StorageError(lines[-1] if lines else f"De back-up is afgebroken (code {process.returncode}).")


def rotate(db_path: Path) -> list[Path]:
    """Per kind of backup (daily, by hand, before a migration or restore, ...), keep the newest of
    each of the last 7 days and of each of the 4 weeks before: none is kept for ever, so an erased
    person does not live on in an old copy."""
    found = list_backups(db_path)
    keep = _kept(found)
    removed = [b.path for b in found if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _kept(found: list[Backup]) -> set[Path]:
    """The backups the rotation keeps (see ``rotate``)."""
    found = sorted(found, key=lambda b: b.made_at, reverse=True)
    keep: set[Path] = set()
    for reason in {b.reason for b in found}:
        days: set[dt.date] = set()
        weeks: set[tuple[int, int]] = set()
        for b in (b for b in found if b.reason == reason):  # newest first
            day = b.made_at.date()
            if day not in days and len(days) < KEEP_DAILY:
                days.add(day)
                keep.add(b.path)
                continue
            week = day.isocalendar()[:2]
            if day not in days and week not in weeks and len(weeks) < KEEP_WEEKLY:
                weeks.add(week)
                keep.add(b.path)
    return keep


def last_backup_time(db_path: Path) -> dt.datetime | None:
    backups = list_backups(db_path)
    return backups[0].made_at if backups else None


def check_database(path: Path, passphrase: str | None = None) -> list[str]:
    """Problems found by SQLite's integrity and foreign-key checks and the full-text indexes'
    own check, in Dutch; an empty list means the database is in order. A file Desk may not
    write (read-only disk or file) is checked without writing: see ``is_read_only``."""
    problems: list[str] = []
    if not Path(path).is_file():
        return [f"{path} bestaat niet."]
    read_only = is_read_only(path)
    try:
        if read_only:
            conn = read_only_connect(Path(path), passphrase)
        else:
            # Not read-only: the full-text 'integrity-check' is phrased as an INSERT (it changes nothing).
            conn = raw_connect(Path(path), passphrase, isolation_level=None)
    except DRIVER_ERRORS as exc:
        return [f"Het bestand kan niet geopend worden: {exc}."]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]  # read-only: FTS too
        if rows != ["ok"]:
            problems += [f"Integriteit: {row}" for row in rows[:20]]
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check").fetchall()[:20]:
            problems.append(f"Verwijzing: rij {rowid} in {table} wijst naar een ontbrekende rij in {parent}.")
        for index in () if read_only else ("organisations_fts", "persons_fts", "contacts_fts"):
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [index]).fetchone():
                try:
                    conn.execute(f"INSERT INTO {index}({index}, rank) VALUES('integrity-check', 1)")
                except DRIVER_ERRORS as exc:
                    _raise_if_busy(exc)
                    problems.append(f"Zoekindex {index}: {exc}.")
    except DRIVER_ERRORS as exc:
        _raise_if_busy(exc)
        if read_only and "unable to open" in str(exc):
            return [f"{path} staat op een alleen-lezen plek met een logbestand (-wal) dat niet verwerkt kan "
                    "worden; kopieer de database met de -wal en -shm naar een schrijfbare map en controleer daar."]
        problems.append(f"Het bestand is beschadigd: {exc}.")
    finally:
        conn.close()
    return problems


def is_read_only(path: Path) -> bool:
    """A file on a read-only disk, or one Desk has no write permission on."""
    return not is_writable(Path(path))


def _raise_if_busy(exc: Exception) -> None:
    """A lock held by another process says nothing about damage: report it as what it is."""
    busy = storage_error_for(exc)
    if isinstance(busy, DatabaseBusyError):
        raise busy from None


def restore(db_path: Path, source: Path, passphrase: str | None = None) -> Path | None:
    """Replace the database with a backup, after checking it and backing up the current one.
    Returns the backup of the current state (None when there was no database)."""
    source = Path(source)
    if not source.is_file():
        raise DeskError(f"{source} bestaat niet.")
    try:
        probe = raw_connect(source, passphrase)
        app_id = probe.execute("PRAGMA application_id").fetchone()[0]
        probe.close()
    except DRIVER_ERRORS:
        raise DeskError(f"{source} is geen Desk-database (of het wachtwoord past er niet bij).") from None
    if app_id != APPLICATION_ID:
        raise DeskError(f"{source} is geen Desk-database.")
    problems = check_database(source, passphrase)
    if problems:
        raise DeskError(f"{source} is niet in orde: {problems[0]}")
    present = Path(db_path).exists() and Path(db_path).stat().st_size > 0
    target = storage.connection.connect(Path(db_path), passphrase)
    erased = _erased_ids(target)
    try:
        # SQLite's backup step waits for as long as another process writes; ask for the lock first,
        # so that a busy database is reported (after the usual wait) before anything is touched.
        with storage.connection.write_transaction(target):
            pass
        safety = make_backup(db_path, "voor-herstel", passphrase=passphrase) if present else None
        source_conn = raw_connect(source, passphrase)
        try:
            source_conn.backup(target.conn)
        finally:
            source_conn.close()
    except DRIVER_ERRORS as exc:
        raise storage_error_for(exc) or StorageError(f"Terugzetten is mislukt: {exc}.") from exc
    finally:
        target.close()
    restored = storage.open_database(Path(db_path), passphrase)  # migrates an older backup, refuses a newer one
    _reapply_erasures(restored, Path(db_path), passphrase, erased)
    return safety


def _erased_ids(database) -> list[str]:
    from desk.care import privacy  # noqa: PLC0415 - the erasure imports much of desk

    return privacy.erased_ids(Workspace(database, Path(), None))


def _reapply_erasures(database, db_path: Path, passphrase: str | None, erased: list[str]) -> None:
    """Erase again whoever was erased after the backup was made: the backup still holds them."""
    from desk.care import privacy  # noqa: PLC0415

    try:
        privacy.reapply_erasures(Workspace(database, db_path, None, passphrase), erased)
    finally:
        database.close()
