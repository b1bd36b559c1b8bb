"""Encrypting the database at rest (SQLCipher) and back, with the passphrase kept in the OS
keyring when the user wants that. The WAL and every backup of an encrypted database are
encrypted too, because they are written through the same keyed connection."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import db as storage
from db.connection import APPLICATION_ID, DRIVER_ERRORS, quoted, is_plain_sqlite, sqlcipher
from db.errors import storage_error_for
from desk import backups
from desk.errors import DeskError

KEYRING_SERVICE = "desk"
PASSPHRASE_ENV = "DESK_PASSPHRASE"
MIN_LENGTH = 8


def is_encrypted(path: Path) -> bool:
    return Path(path).exists() and Path(path).stat().st_size > 0 and not is_plain_sqlite(Path(path))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise DeskError(f"Kies een wachtwoord van minstens {MIN_LENGTH} tekens.")


def _convert(source: Path, target: Path, source_key: str | None, target_key: str | None) -> None:
    """Copy every table of ``source`` into a new file ``target`` with another key (or none)."""
    if sqlcipher is None:
        raise DeskError("Versleuteling is niet beschikbaar: het pakket sqlcipher3 ontbreekt.")
    target.unlink(missing_ok=True)
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
    os.chmod(target, 0o600)


def _swap(db_path: Path, source_key: str | None, target_key: str | None) -> None:
    db_path = Path(db_path)
    converted = db_path.with_name(db_path.name + ".omzetten")
    with_wal = storage.open_database(db_path, source_key)  # also checkpoints on close
    try:
        # A process writing now (a long import) would commit into the old file and lose it: wait
        # for the write lock as any write does, and stop unchanged when it stays busy. The lock is
        # not held through the conversion: that reads the file with SQLCipher, and two SQLite
        # libraries on one file in one process break each other's locks (see design.md).
        with storage.connection.write_transaction(with_wal):
            pass
        with_wal.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except DRIVER_ERRORS as exc:
        raise storage_error_for(exc) or DeskError(f"Omzetten mislukt: {exc}.") from None
    finally:
        with_wal.close()
    try:
        _convert(db_path, converted, source_key, target_key)
        problems = backups.check_database(converted, target_key)
        if problems:
            raise DeskError(f"Omzetten mislukt: {problems[0]}")
        os.replace(converted, db_path)
    except DRIVER_ERRORS as exc:
        converted.unlink(missing_ok=True)
        raise storage_error_for(exc) or DeskError(f"Omzetten mislukt: {exc}.") from None
    except BaseException:
        converted.unlink(missing_ok=True)
        raise
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    for backup in backups.list_backups(db_path):
        copy = backup.path.with_name(backup.path.name + ".omzetten")
        _convert(backup.path, copy, source_key, target_key)
        os.replace(copy, backup.path)


def encrypt(db_path: Path, passphrase: str) -> None:
    """Encrypt the database and its existing backups in place."""
    check_passphrase(passphrase)
    if is_encrypted(db_path):
        raise DeskError(f"{db_path} is al versleuteld.")
    _swap(db_path, None, passphrase)


def decrypt(db_path: Path, passphrase: str) -> None:
    """Turn an encrypted database and its backups back into plain SQLite files."""
    if not is_encrypted(db_path):
        raise DeskError(f"{db_path} is niet versleuteld.")
    try:
        storage.open_database(db_path, passphrase).close()
    except storage.WrongPassphraseError as exc:
        raise DeskError(str(exc)) from None
    _swap(db_path, passphrase, None)


# --- where the passphrase comes from ---------------------------------------------------------

def _keyring():
    try:
        import keyring  # noqa: PLC0415 - optional at run time: no backend on a headless machine
        from keyring.errors import KeyringError  # noqa: PLC0415
    except ImportError:
        return None, Exception
    return keyring, KeyringError


def passphrase_from_keyring(db_path: Path) -> str | None:
    keyring, error = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, str(Path(db_path).resolve()))
    except (error, RuntimeError):
        return None


def store_in_keyring(db_path: Path, passphrase: str) -> bool:
    """Keep the passphrase in the OS keyring; False when this machine has none."""
    keyring, error = _keyring()
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
