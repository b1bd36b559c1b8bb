"""The one place where Desk opens SQLite connections.

Every connection gets the same settings: WAL journal, synchronous=FULL, foreign keys on and a busy
timeout, so that a second Desk window waits briefly instead of failing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from db.errors import (
    DamagedDatabaseError,
    DatabaseBusyError,
    NotADeskDatabaseError,
    PassphraseNeededError,
    StorageError,
    WrongPassphraseError,
    storage_error_for,
)

# "DESK" in ASCII; marks a file as ours so that we never migrate somebody else's database.
APPLICATION_ID = 0x4445534B
BUSY_TIMEOUT_MS = 5000


SQLITE_HEADER = b"SQLite format 3\x00"

try:  # SQLCipher: the same SQLite, with encryption of the file, its WAL and its copies
    import sqlcipher3.dbapi2 as sqlcipher
except ImportError:  # pragma: no cover - the package is a dependency; only a broken install lacks it
    sqlcipher = None

DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error,) + ((sqlcipher.Error,) if sqlcipher else ())


def is_plain_sqlite(path: Path) -> bool:
    """True for a readable unencrypted SQLite file (or an empty one)."""
    with open(path, "rb") as handle:
        header = handle.read(16)
    return not header or header == SQLITE_HEADER


def raw_connect(path: Path, passphrase: str | None = None, **options):
    """A DB-API connection to ``path``: plain sqlite3, or SQLCipher with the key set when a
    passphrase is given. Every connection to an encrypted file goes through here."""
    if not passphrase:
        return sqlite3.connect(str(path), **options)
    if sqlcipher is None:
        raise StorageError("Versleuteling is niet beschikbaar: het pakket sqlcipher3 ontbreekt.")
    conn = sqlcipher.connect(str(path), **options)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported by us, not on stderr
    except sqlcipher.Error:
        pass
    conn.execute("PRAGMA key = " + quoted(passphrase))
    return conn


def is_writable(path: Path) -> bool:
    """Whether SQLite can write ``path`` and create its -wal and -shm beside it."""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def read_only_connect(path: Path, passphrase: str | None = None):
    """A connection that never writes, for checking a file Desk may not change (a read-only
    disk or file). Always SQLCipher's SQLite (3.53, plain files too): its integrity_check also
    checks the full-text indexes, which the stdlib's 3.40 can only check with a write.

    A WAL database on a read-only disk without its -shm cannot be opened for reading; it is then
    opened as immutable, which is only right when no -wal holds commits the file lacks."""
    if sqlcipher is None:
        raise StorageError("Controleren van een alleen-lezen bestand vraagt het pakket sqlcipher3.")
    uri = Path(path).absolute().as_uri()
    wal = Path(str(path) + "-wal")
    immutable = not Path(str(path) + "-shm").exists() and not (wal.exists() and wal.stat().st_size)
    conn = sqlcipher.connect(uri + ("?mode=ro&immutable=1" if immutable else "?mode=ro"), uri=True,
                             isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    except sqlcipher.Error:
        pass
    if passphrase:
        conn.execute("PRAGMA key = " + quoted(passphrase))
    return conn


def quoted(text: str) -> str:
    """A string literal for SQL that takes no parameters (PRAGMA key, ATTACH ... KEY)."""
    return "'" + text.replace("'", "''") + "'"


def connect(path: Path, passphrase: str | None = None) -> sqlite_utils.Database:
    """Open (or create) the database file at ``path`` with Desk's settings; with a passphrase the
    file is (or becomes) encrypted with SQLCipher.

    Raises StorageError with a Dutch message when the file cannot be used.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise StorageError(f"De map {path.parent} bestaat niet.")
    is_new = not path.exists() or path.stat().st_size == 0
    if not is_new and not os.access(path, os.R_OK):
        raise StorageError(f"Geen leesrechten op {path}.")
    if not is_new and not os.access(path, os.W_OK):
        raise StorageError(f"Het bestand {path} is alleen-lezen; Desk moet erin kunnen schrijven.")
    if is_new:
        _create_private_file(path)
    # The file is read by SQLite first, never by open(): closing any other handle on a database
    # file drops this process's POSIX locks on it, and the next Desk process to close then deletes
    # the WAL under the connections still open here (measured: the app's later writes were lost).
    conn = None
    try:
        conn = raw_connect(path, passphrase, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        table_count = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except DRIVER_ERRORS as exc:
        if conn is not None:
            conn.close()
        if passphrase and not is_new:
            raise WrongPassphraseError(f"Het wachtwoord opent {path} niet.") from None
        if not is_new and not is_plain_sqlite(path):  # SQLite could not use it, so nothing here holds it
            raise PassphraseNeededError(f"{path} is versleuteld of geen Desk-database; geef het wachtwoord "
                                        "(bij het starten, of in DESK_PASSPHRASE).") from None
        raise NotADeskDatabaseError(f"{path} is geen Desk-database (of het bestand is beschadigd).") from exc
    if table_count and app_id != APPLICATION_ID:
        conn.close()
        raise NotADeskDatabaseError(f"{path} is een SQLite-bestand, maar geen Desk-database.")
    if table_count:
        _quick_check(conn, path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Freed pages are overwritten, so erased personal data does not linger in the file.
        conn.execute("PRAGMA secure_delete = ON")
        if app_id != APPLICATION_ID:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except DRIVER_ERRORS as exc:
        conn.close()
        raise StorageError(f"Kan {path} niet openen: {exc}.") from exc
    return sqlite_utils.Database(conn)


def connect_reader(path: Path, passphrase: str | None = None) -> sqlite_utils.Database:
    """A second connection to a database that ``connect`` opened, for reads only. Through the same
    library as that one (one library per file per process); in WAL mode it reads what is committed
    while the other connection writes."""
    conn = raw_connect(path, passphrase, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                       check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # an encrypted file's key is derived here
    except DRIVER_ERRORS:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


# A full quick_check reads every page; above this size start-up only reads the schema and one page
# of each table, and `desk check` does the thorough work.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def _quick_check(conn, path: Path) -> None:
    try:
        if path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        else:
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                conn.execute(f"SELECT * FROM [{table}] LIMIT 1").fetchall()
            result = "ok"
    except DRIVER_ERRORS as exc:
        result = str(exc)
    if result != "ok":
        conn.close()
        first = result.splitlines()[0].strip(" *")[:100]
        raise DamagedDatabaseError(f"{path} is beschadigd ({first}); 'desk check' geeft details.")


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by the owner only (the data is personal)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise StorageError(f"Kan {path} niet aanmaken: {_OS_REASONS.get(exc.errno, exc.strerror)}.") from exc


_OS_REASONS = {errno.EACCES: "geen toestemming", errno.EPERM: "geen toestemming", errno.EROFS: "alleen-lezen",
               errno.ENOSPC: "de schijf is vol", errno.EDQUOT: "de opslaglimiet is bereikt"}


def begin_immediate(db: sqlite_utils.Database, wait_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Begin a write transaction, waiting at most ``wait_ms`` for another connection's write lock.

    Raises DatabaseBusyError when the lock stayed taken; nothing has started then, so the caller
    may simply try again. The connection's own busy timeout is restored afterwards.
    """
    conn = db.conn
    if wait_ms != BUSY_TIMEOUT_MS:
        conn.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except DRIVER_ERRORS as exc:
        busy = storage_error_for(exc)
        if isinstance(busy, DatabaseBusyError):
            raise busy from exc
        raise
    finally:
        if wait_ms != BUSY_TIMEOUT_MS:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@contextlib.contextmanager
def write_transaction(db: sqlite_utils.Database, begun: bool = False) -> Iterator[sqlite_utils.Database]:
    """One write transaction, begun IMMEDIATE so that it takes the write lock up front.

    A deferred transaction that reads and then writes fails at once with "database is locked"
    when another process wrote in between; IMMEDIATE waits for the busy timeout instead.
    ``begun`` says the caller already ran ``begin_immediate`` (to wait its own way); otherwise
    nested use becomes a savepoint.
    """
    if db.conn.in_transaction and not begun:
        with db.atomic():
            yield db
        return
    if not begun:
        begin_immediate(db)
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")
