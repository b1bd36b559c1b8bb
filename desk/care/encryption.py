"""Encrypting the database at rest (SQLCipher) and back, with the passphrase kept in the OS
keyring when the user wants that. The WAL and every backup of an encrypted database are
encrypted too, because they are written through the same keyed connection."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import db as storage
from db.connection import APPLICATION_ID, DRIVER_ERRORS, is_plain_sqlite, quoted, raw_connect, sqlcipher
from db.errors import storage_error_for
from db.temporary import private_temporary, sweep
from desk.care import backups
from desk.core.errors import DeskError

KEYRING_SERVICE = "desk"
PASSPHRASE_ENV = "DESK_PASSPHRASE"
MIN_LENGTH = 8


ENCRYPTED, PLAIN = "versleuteld", "onversleuteld"
_RERUN = {ENCRYPTED: "desk encrypt", PLAIN: "desk decrypt"}
CONVERTING_SUFFIX = ".omzetten"


def is_encrypted(path: Path) -> bool:
    """By the file's header. Never call it on a database this process has open with SQLite:
    closing any other handle on the file drops the process's locks (see db/connection.py)."""
    return Path(path).exists() and Path(path).stat().st_size > 0 and not is_plain_sqlite(Path(path))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise DeskError(f"Kies een wachtwoord van minstens {MIN_LENGTH} tekens.")


# --- one resumable conversion: a journal beside the database ----------------------------------
#
# encrypt and decrypt convert the database and every backup. The journal <db>.omzetten.json is
# written first, with the target form and the files; each file is then converted into a private
# temporary file, synced and renamed over the original, and a file already in the target form is
# skipped; the journal goes last. A rerun after a kill at any moment finishes the same job, and
# Desk refuses to open the database while the journal is there.

def journal_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + CONVERTING_SUFFIX + ".json")


def unfinished_target(db_path: Path) -> str | None:
    """The form an interrupted conversion was heading for (ENCRYPTED or PLAIN), or None."""
    journal = _read_journal(journal_path(db_path))
    return journal["target"] if journal else None


def unfinished_message(db_path: Path) -> str | None:
    """The one Dutch line that tells the user to finish an interrupted conversion, or None."""
    target = unfinished_target(db_path)
    if target is None:
        return None
    return (f"Het omzetten van {db_path} naar {target} is onderbroken; voer '{_RERUN[target]}' opnieuw uit "
            "om het af te maken (het wachtwoord uit DESK_PASSPHRASE of gevraagd).")


def sweep_leftovers(db_path: Path) -> list[Path]:
    """Remove the temporary files a killed conversion left, unless a journal says it must resume."""
    db_path = Path(db_path)
    if journal_path(db_path).exists():
        return []
    return (sweep(db_path.parent, [db_path.name + CONVERTING_SUFFIX, journal_path(db_path).name + ".tmp"])
            + sweep(backups.db_backup.backup_dir_for(db_path), [f"{db_path.stem}-*.sqlite{CONVERTING_SUFFIX}"]))


def encrypt(db_path: Path, passphrase: str) -> None:
    """Encrypt the database and its existing backups in place; resumes an interrupted run."""
    check_passphrase(passphrase)
    _convert_all(Path(db_path), passphrase, ENCRYPTED)


def decrypt(db_path: Path, passphrase: str) -> None:
    """Turn an encrypted database and its backups back into plain SQLite files; resumes an
    interrupted run."""
    _convert_all(Path(db_path), passphrase, PLAIN)


def _convert_all(db_path: Path, passphrase: str, target: str) -> None:
    journal = journal_path(db_path)
    pending = _read_journal(journal)
    if pending is not None and pending["target"] != target:
        raise DeskError(unfinished_message(db_path))
    if sqlcipher is None:
        raise DeskError("Versleuteling is niet beschikbaar: het pakket sqlcipher3 ontbreekt.")
    files = _files(db_path, pending)
    todo = [path for path in files if path.exists() and _form(path) != target]
    if pending is None and not todo:
        raise DeskError(f"{db_path} is al versleuteld." if target == ENCRYPTED else f"{db_path} is niet versleuteld.")
    for path in files:  # a wrong passphrase is found before anything changes
        if path.exists() and _form(path) == ENCRYPTED:
            _check_key(path, passphrase)
    if db_path in todo:  # first, so that a busy database stops the run before anything changes
        _checkpoint(db_path, passphrase if target == PLAIN else None)
    if pending is None:
        _write_journal(journal, target, files)
    for path in todo:
        _convert_file(path, target, passphrase)
    for suffix in ("-wal", "-shm"):  # left by the old form; empty after the checkpoint
        leftover = Path(str(db_path) + suffix)
        if leftover.exists() and (suffix == "-shm" or leftover.stat().st_size == 0):
            leftover.unlink()
    journal.unlink()
    _sync_folder(db_path.parent)


def needs_conversion(db_path: Path, target: str) -> bool:
    """Whether the database or a backup is not yet in the ``target`` form (or a run was cut off)."""
    pending = _read_journal(journal_path(db_path))
    return pending is not None or any(p.exists() and _form(p) != target for p in _files(Path(db_path), pending))


def _files(db_path: Path, pending: dict | None) -> list[Path]:
    """The database and its backups, and what an interrupted run listed. Read by header, so
    only while no connection to the database exists in this process."""
    files = [db_path, *(b.path for b in backups.list_backups(db_path))]
    if pending is not None:
        files += [Path(name) for name in pending["files"] if Path(name) not in files]
    return files


def _form(path: Path) -> str:
    return ENCRYPTED if is_encrypted(path) else PLAIN


def _check_key(path: Path, passphrase: str) -> None:
    try:
        conn = raw_connect(path, passphrase)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except DRIVER_ERRORS:
        raise DeskError(f"Het wachtwoord opent {path} niet; er is niets (meer) veranderd.") from None


def _convert_file(path: Path, target: str, passphrase: str) -> None:
    source_key, target_key = (None, passphrase) if target == ENCRYPTED else (passphrase, None)
    try:
        with private_temporary(path.with_name(path.name + CONVERTING_SUFFIX)) as converted:
            _convert(path, converted, source_key, target_key)
            problems = backups.check_database(converted, target_key)
            if problems:
                raise DeskError(f"Omzetten van {path} mislukt: {problems[0]}")
            _sync_file(converted)
            os.replace(converted, path)
        _sync_folder(path.parent)
    except DRIVER_ERRORS as exc:
        raise storage_error_for(exc) or DeskError(f"Omzetten van {path} mislukt: {exc}.") from None


def _checkpoint(db_path: Path, key: str | None) -> None:
    """Move every commit from the -wal into the file, which is what gets converted.

    A process writing now (a long import) would commit into the old file and lose it: wait for the
    write lock as any write does, and stop unchanged when it stays busy. The lock is not held
    through the conversion: that reads the file with SQLCipher, and two SQLite libraries on one
    file in one process break each other's locks (see design.md)."""
    try:
        with_wal = storage.connection.connect(db_path, key)
    except storage.WrongPassphraseError as exc:
        raise DeskError(str(exc)) from None
    try:
        with storage.connection.write_transaction(with_wal):
            pass
        with_wal.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except DRIVER_ERRORS as exc:
        raise storage_error_for(exc) or DeskError(f"Omzetten mislukt: {exc}.") from None
    finally:
        with_wal.close()


def _convert(source: Path, target: Path, source_key: str | None, target_key: str | None) -> None:
    """Copy every table of ``source`` into the empty private file ``target`` with another key (or none)."""
    conn = sqlcipher.connect(str(source), isolation_level=None)  # reads a plain file when no key is set
    try:
        if source_key:
            conn.execute("PRAGMA key = " + quoted(source_key))
        conn.execute(f"ATTACH DATABASE {quoted(str(target))} AS converted KEY {quoted(target_key or '')}")
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.application_id = {APPLICATION_ID}")
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA converted.user_version = {version}")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()


def _read_journal(journal: Path) -> dict | None:
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("target") not in _RERUN or not isinstance(data.get("files"), list):
        raise DeskError(f"{journal} is onleesbaar; zet het terug of vraag hulp voordat je Desk weer gebruikt.")
    return data


def _write_journal(journal: Path, target: str, files: list[Path]) -> None:
    with private_temporary(journal.with_name(journal.name + ".tmp")) as temporary:
        with temporary.open("w", encoding="utf-8") as stream:
            json.dump({"target": target, "files": [str(path) for path in files]}, stream, indent=2)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, journal)
    _sync_folder(journal.parent)


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """A rename is only durable once the folder that holds it is synced."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- where the passphrase comes from ---------------------------------------------------------

def open_keyring():
    """The keyring module and its error class; (None, Exception) where it is not installed."""
    try:
        import keyring  # noqa: PLC0415 - optional at run time: no backend on a headless machine
        from keyring.errors import KeyringError  # noqa: PLC0415
    except ImportError:
        return None, Exception
    return keyring, KeyringError


def passphrase_from_keyring(db_path: Path) -> str | None:
    keyring, error = open_keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, str(Path(db_path).resolve()))
    except (error, RuntimeError):
        return None


def store_in_keyring(db_path: Path, passphrase: str) -> bool:
    """Keep the passphrase in the OS keyring; False when this machine has none."""
    keyring, error = open_keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(KEYRING_SERVICE, str(Path(db_path).resolve()), passphrase)
    except (error, RuntimeError):
        return False
    return True


def find_passphrase(db_path: Path, ask: Callable[[str], str] | None = None) -> str | None:
    """DESK_PASSPHRASE, then the keyring, then asking (when there is someone to ask)."""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    stored = passphrase_from_keyring(db_path)
    if stored:
        return stored
    if ask is not None and sys.stdin.isatty():
        return ask(f"Wachtwoord voor {db_path}: ")
    return None
