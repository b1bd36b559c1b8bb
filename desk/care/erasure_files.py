"""Erasing a person from the files Desk wrote beside the database, and the whole erasure.

Which files: everything under ``exports/`` and ``backups/`` beside the database, and the files
beside it whose name starts with the database's (left-over temporary copies). The live database,
its -wal and -shm are erased by ``privacy.erase_in_database``.

What happens to them:
- an SQLite file (a backup, whatever made it) is erased like the live database, in place, and
  vacuumed: a backup stays useful for recovery and no longer holds the person. Deleting every backup
  that holds a person would delete nearly all of them, since a person is in every backup made after
  they were entered. One that cannot be opened (another passphrase, damaged) is deleted: it cannot be
  checked, so it may not stay.
- any other file (CSV, XLSX, hand-over notes, access exports) is deleted: they are outputs that can
  be made again, and redacting a workbook in place could leave it broken.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import db as storage
from db.backup import backup_dir_for
from db.connection import DRIVER_ERRORS
from db.errors import StorageError
from desk.care import privacy
from desk.care.redaction import Matcher
from desk.core.workspace import Workspace
from desk.records.persons import get_person

SQLITE_MAGIC = b"SQLite format 3\x00"
# Said after every erasure: Desk cannot take back what left it.
OUTSIDE_REACH = [
    "e-mails die al verstuurd zijn (ook doorverwijzingen en overdrachten die u mailde);",
    "bestanden die buiten de mappen van Desk zijn gekopieerd of opgeslagen (ook op een usb-stick of in de cloud);",
    "back-ups die u zelf buiten de map backups hebt gemaakt, en kopieën van de database;",
    "het klembord, en afgedrukte rapporten en lijsten.",
]


@dataclass(frozen=True)
class FoundFile:
    path: Path
    is_database: bool

    @property
    def action(self) -> str:
        return "opschonen" if self.is_database else "verwijderen"


@dataclass
class ErasureReport:
    name: str
    tables: dict[str, int]
    cleaned: list[Path] = field(default_factory=list)
    deleted: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        rows = [f"{self.name} is gewist.", "", "Opgeschoond in de database (rijen per tabel):"]
        rows += [f"  {table}: {count}" for table, count in sorted(self.tables.items())] or ["  (niets)"]
        rows += ["", f"Back-ups opgeschoond: {len(self.cleaned)}"] + [f"  {p}" for p in self.cleaned]
        rows += [f"Bestanden verwijderd: {len(self.deleted)}"] + [f"  {p}" for p in self.deleted]
        if self.failed:
            rows += ["Niet gelukt:"] + [f"  {text}" for text in self.failed]
        return rows + ["", "Buiten het bereik van Desk (zelf nagaan):"] + [f"  - {text}" for text in OUTSIDE_REACH]


def _candidate_files(db_path: Path) -> list[Path]:
    db_path = Path(db_path).absolute()
    live = {db_path.name + suffix for suffix in ("", "-wal", "-shm", "-journal")}
    found = [p for p in db_path.parent.glob(f"{db_path.name}*") if p.name not in live]
    for folder in (db_path.parent / "exports", backup_dir_for(db_path)):
        if folder.is_dir():
            found += folder.rglob("*")
    return sorted(p for p in found if p.is_file() and not p.is_symlink())


def _is_database(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(16) == SQLITE_MAGIC


def _file_mentions(path: Path, matcher: Matcher) -> bool:
    if zipfile.is_zipfile(path):  # XLSX: the text is in the XML members
        with zipfile.ZipFile(path) as archive:
            return any(matcher.mentions_bytes(archive.read(member)) for member in archive.namelist())
    return matcher.mentions_bytes(path.read_bytes())


def files_to_erase(ws: Workspace, person_id: str) -> list[FoundFile]:
    """The files under Desk's folders that hold the person. SQLite files that are not plain (an
    encrypted backup) count as holding them: they cannot be searched byte by byte."""
    person = get_person(ws, person_id)
    matcher = Matcher.for_person(person.name, person.email, person.phone)
    found = []
    for path in _candidate_files(ws.path):
        try:
            if _is_database(path):
                found.append(FoundFile(path, True))  # searched inside when erased
            elif _file_mentions(path, matcher):
                found.append(FoundFile(path, False))
        except (OSError, zipfile.BadZipFile):
            found.append(FoundFile(path, False))  # unreadable: it cannot be shown to be clean
    # A database file is listed only when it holds them, or cannot be read to tell.
    return [f for f in found if not f.is_database or _database_mentions(f.path, ws, person_id, matcher)]


def _database_mentions(path: Path, ws: Workspace, person_id: str, matcher: Matcher) -> bool:
    try:
        copy = storage.connection.raw_connect(path, ws.passphrase)
        try:
            if copy.execute("SELECT 1 FROM persons WHERE id = ? AND name != ?",
                            [person_id, privacy.ERASED_NAME]).fetchone():
                return True
            return privacy.database_mentions(copy, matcher)
        finally:
            copy.close()
    except DRIVER_ERRORS:
        return True


def erase_everywhere(ws: Workspace, person_id: str, files: list[FoundFile]) -> ErasureReport:
    """Erase the person from the database and from the listed files (confirmed by the user)."""
    person = get_person(ws, person_id)
    report = ErasureReport(person.name, privacy.erase_in_database(ws, person_id))
    for found in files:
        try:
            if found.is_database and _erase_in_copy(found.path, ws, person):
                report.cleaned.append(found.path)
                continue
            found.path.unlink(missing_ok=True)
            report.deleted.append(found.path)
        except OSError as exc:
            report.failed.append(f"{found.path}: {exc.strerror or exc}")
    return report


def _erase_in_copy(path: Path, ws: Workspace, person) -> bool:
    """Erase in a backup as in the live database; False when it cannot be opened (then it is
    deleted). The copy keeps its own schema: no migration, the erasure reads the schema as it is."""
    try:
        database = storage.connection.connect(path, ws.passphrase)
    except (StorageError, *DRIVER_ERRORS):
        return False
    try:
        copy = Workspace(database, path, ws.user, ws.passphrase)
        privacy.erase_in_database(copy, person.id, person)
        database.execute("PRAGMA journal_mode = DELETE")
        database.execute("VACUUM")
    except DRIVER_ERRORS:
        return False
    finally:
        database.close()
    os.chmod(path, 0o600)
    return True
