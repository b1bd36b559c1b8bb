"""Temporary files that hold data (a backup being written, a database being converted, a config
being saved): private from their first byte, and swept at the next start when a kill left them.

Each is created with O_EXCL and mode 0600 and kept under an exclusive flock while it is written,
so that a sweep in another Desk process (a second window starting) never removes one that is still
being written: it only removes what nobody holds."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterable, Iterator
from pathlib import Path


@contextlib.contextmanager
def private_temporary(path: Path) -> Iterator[Path]:
    """Create ``path`` empty, readable by the owner only, and hold it while the block writes it.
    An old one (a kill left it) is replaced. On an error the file is removed."""
    path = Path(path)
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield path
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    finally:
        os.close(fd)  # only after any SQLite connection on the file is closed: see db/connection.py


def sweep(folder: Path, patterns: Iterable[str]) -> list[Path]:
    """Remove the files in ``folder`` matching ``patterns`` that no process holds; returns them."""
    removed = []
    for pattern in patterns:
        for path in Path(folder).glob(pattern) if Path(folder).is_dir() else []:
            if path.is_file() and not path.is_symlink() and _unheld(path):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def _unheld(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def make_private(folder: Path) -> bool:
    """Tighten a folder of ours to 0700 when it is looser and this user owns it; True if changed."""
    try:
        info = Path(folder).stat()
    except OSError:
        return False
    if info.st_mode & 0o077 == 0 or info.st_uid != os.getuid():
        return False
    try:
        os.chmod(folder, info.st_mode & 0o700 | 0o700)
    except OSError:
        return False
    return True
