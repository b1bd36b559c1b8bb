"""A backup that writes only what changed: the live database copied page by page from one pinned
snapshot into an older backup that is due for removal, so that a day with few edits writes few
pages instead of the whole file. Runs as its own process (``python -m db.page_copy``, the request
as JSON on stdin) at a lower priority, so the app in use keeps its processor, its GIL and its locks.

Why the raw file can be read while the app writes: in WAL mode only a checkpoint writes the
database file, and a checkpoint copies nothing back while a reader holds the WAL's read lock 0,
the lock a reader takes when it starts on an empty WAL. So: checkpoint the WAL empty, start a read,
and check that the WAL is still empty; then the file on disk is that read's snapshot until it
ends. When the WAL cannot be emptied (the app keeps writing), the copy is a VACUUM INTO instead.

Why a process of its own: closing any descriptor of a database file releases every POSIX lock
the process holds on it, also those of other connections. Here the only connection is our own, and
the file's descriptor is closed after it.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
import traceback
from pathlib import Path

from db.backup import TEMPORARY_SUFFIX, check_row_counts, row_counts
from db.connection import BUSY_TIMEOUT_MS, DRIVER_ERRORS, raw_connect
from db.errors import StorageError

PAGES_PER_READ = 256
PIN_TRIES = 10
PIN_WAIT_MS = 50

def copy_database(source: Path, target: Path, base: Path | None, passphrase: str | None) -> dict:
    """Write a checked copy of ``source`` to ``target``, starting from ``base`` when given: ``base``
    (a backup due for removal) becomes the copy and only its pages that differ from the snapshot
    are written. The copy is made as ``target`` + ".tmp" and appears only once it checks out.
    Returns what was done: method, pages, pages written, seconds."""
    started = time.perf_counter()
    working = target.with_name(target.name + TEMPORARY_SUFFIX)
    working.unlink(missing_ok=True)
    if base is not None:
        os.replace(base, working)
    working_fd = os.open(working, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(working_fd, fcntl.LOCK_EX)  # a sweep at another start leaves it alone (db/temporary.py)
        os.fchmod(working_fd, 0o600)
        result, counts = _copy_snapshot(source, working, working_fd, passphrase)
        _check_copy(working, passphrase, counts)
        os.posix_fadvise(working_fd, 0, 0, os.POSIX_FADV_DONTNEED)  # the copy leaves the page cache to the app
        os.replace(working, target)
    except BaseException:
        working.unlink(missing_ok=True)
        raise
    finally:
        os.close(working_fd)
    return {**result, "seconds": round(time.perf_counter() - started, 3)}


def _copy_snapshot(source: Path, working: Path, working_fd: int, passphrase: str | None) -> tuple[dict, dict | None]:
    """The copy itself, and the snapshot's row counts to check it against (None: not known)."""
    conn = raw_connect(source, passphrase, isolation_level=None)
    source_fd = os.open(source, os.O_RDONLY)
    try:
        if _pin_snapshot(conn, source):
            page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher answers in text
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            written = _write_differing(source_fd, working_fd, page_size, pages)
            counts = row_counts(conn)
            conn.execute("ROLLBACK")
            return {"method": "pages", "pages": pages, "written": written}, counts
        # VACUUM INTO reads its own snapshot, outside any transaction of ours: its rows cannot be
        # counted against the live file, which the app may have changed since.
        os.ftruncate(working_fd, 0)  # VACUUM INTO takes an empty file
        conn.execute("VACUUM INTO ?", [str(working)])
        return {"method": "vacuum", "pages": None, "written": None}, None
    finally:
        conn.close()
        os.close(source_fd)  # after the connection: see the module's docstring


def _pin_snapshot(conn, source: Path) -> bool:
    """Begin a read on an empty WAL (see the module's docstring); False when it never was empty."""
    wal = Path(f"{source}-wal")
    # Short waits: another process writing for long (an import) means the fallback, not a stall.
    conn.execute(f"PRAGMA busy_timeout = {PIN_WAIT_MS}")
    try:
        for attempt in range(PIN_TRIES):
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            conn.execute("BEGIN")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not busy and (not wal.exists() or wal.stat().st_size == 0):
                return True
            conn.execute("ROLLBACK")
            time.sleep(0.05 * (attempt + 1))
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _write_differing(source_fd: int, target_fd: int, page_size: int, pages: int) -> int:
    """Make the target byte for byte the first ``pages`` pages of the source; returns how many
    pages had to be written."""
    chunk = PAGES_PER_READ * page_size
    total = pages * page_size
    written = 0
    for offset in range(0, total, chunk):
        wanted = os.pread(source_fd, min(chunk, total - offset), offset)
        present = os.pread(target_fd, len(wanted), offset)
        if wanted == present:
            continue
        for start in range(0, len(wanted), page_size):
            page = wanted[start:start + page_size]
            if page != present[start:start + page_size]:
                os.pwrite(target_fd, page, offset + start)
                written += 1
    os.ftruncate(target_fd, total)
    os.fsync(target_fd)
    return written


def _check_copy(target: Path, passphrase: str | None, counts: dict[str, int] | None) -> None:
    """The copy is a rollback-journal file (no -wal beside a backup) that passes SQLite's quick
    check and has the snapshot's rows. Not the full integrity check, which also matches every
    index against its table: 22 of the 24 s at the design scale, for a copy that is the snapshot's
    own pages byte for byte; what could go wrong here is a torn page, and the quick check walks
    every page of every b-tree."""
    conn = raw_connect(target, passphrase, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StorageError(f"De back-up {target} is niet in orde.")
        check_row_counts(conn, counts or {})
    finally:
        conn.close()


def main() -> int:
    """The request on stdin: {"source", "target", "base" (or null), "passphrase" (or null)}; the
    result as JSON on stdout, or one Dutch line on stderr and exit 1."""
    try:
        os.nice(10)
    except OSError:
        pass
    request = json.loads(sys.stdin.read())
    base = Path(request["base"]) if request["base"] else None
    try:
        result = copy_database(Path(request["source"]), Path(request["target"]), base, request["passphrase"])
    except (StorageError, OSError, *DRIVER_ERRORS) as exc:
        print(str(exc) if isinstance(exc, StorageError) else f"De back-up is mislukt: {exc}.", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the app logs the traceback; its last line is ours
        traceback.print_exc()
        print(f"De back-up is mislukt door een onverwachte fout ({type(exc).__name__}).", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
