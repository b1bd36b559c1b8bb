"""The error log: tracebacks of unexpected errors, kept beside the database for whoever helps.

One file per data folder (``desk-fout.log``), readable by the owner only since a traceback can
hold personal data, appended to and rotated at about 1 MB so that it never grows without bound.
"""

from __future__ import annotations

import logging
import os
from importlib import metadata
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desk.core import paths

LOG_NAME = "desk-fout.log"
MAX_BYTES = 1_000_000


def log_path(db_path: Path | None) -> Path:
    """Beside the database; when its folder is not there (a mistyped --db), in Desk's data folder."""
    if db_path is not None and Path(db_path).parent.is_dir():
        return Path(db_path).parent / LOG_NAME
    return paths.default_db_path().parent / LOG_NAME


def desk_version() -> str:
    try:
        return metadata.version("desk")
    except metadata.PackageNotFoundError:
        return "onbekend"


class _PrivateRotatingFile(RotatingFileHandler):
    """A rotating log file created 0600, that raises when it cannot be written (so we can say so)."""

    def _open(self):
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        raise  # emit() calls this inside its except block: the error it is handling goes on up


def record_error(db_path: Path | None, error: BaseException, what: str) -> Path:
    """Append ``error`` with its traceback, the time and Desk's version; returns the log's path.

    Raises OSError when the file cannot be written.
    """
    path = log_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = _PrivateRotatingFile(path, maxBytes=MAX_BYTES, backupCount=1, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s Desk " + desk_version() + ": %(message)s"))
    record = logging.LogRecord("desk", logging.ERROR, __file__, 0, what, None,
                               (type(error), error, error.__traceback__))
    try:
        handler.handle(record)
    finally:
        handler.close()
    return path
