"""The rows of one long query, read by a process of its own and handed over a page at a time.

For exports of every record. In one process the reading and the writing of the rows would take
turns: SQLite runs without Python's lock, but every row it returns is turned into Python objects
under that lock, which the writing holds (at the design scale an export of all contact moments
took 19 s, of which the query alone 10 s). In a child process the query runs on the other core
while this one writes: about the time of the slower of the two.

The child (``python -m db.row_stream``) gets the request as JSON on stdin and writes the column
names, then each page, as length-prefixed ``marshal`` frames (rows are tuples of text, numbers and
None), then an empty frame. One statement on a read-only connection of its own: the rows are the
database as it was when the statement began. A failure is one Dutch line on stderr and exit 1.
"""

from __future__ import annotations

import json
import marshal
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from db.connection import DRIVER_ERRORS, connect_reader
from db.errors import StorageError

_LENGTH = struct.Struct("<I")


def stream_pages(path: Path, passphrase: str | None, sql: str, params: list,
                 page_size: int) -> Iterator[tuple[list[str], list[tuple]]]:
    """(column names, rows) for each page of at most ``page_size`` rows. Closing the iterator early
    stops the child."""
    request = {"path": str(Path(path).absolute()), "passphrase": passphrase, "sql": sql, "params": params,
               "page_size": page_size}
    child = subprocess.Popen([sys.executable, "-m", "db.row_stream"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    finished = False
    try:
        child.stdin.write(json.dumps(request).encode("utf-8"))
        child.stdin.close()
        names = _read_frame(child)
        if names is not None:
            while (page := _read_frame(child)) is not None:
                yield names, page
        finished = True
    finally:
        if not finished:
            child.kill()
        error = child.stderr.read().decode("utf-8", "replace")
        child.stdout.close()
        child.stderr.close()
        child.wait()
        if finished and child.returncode:
            lines = error.strip().splitlines()
            raise StorageError(lines[-1] if lines else f"Het lezen is afgebroken (code {child.returncode}).")


def _read_frame(child: subprocess.Popen):
    """The next frame's value; None at the end, or when the child stopped in the middle of one (its
    exit code says which)."""
    head = child.stdout.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    data = child.stdout.read(length)
    return marshal.loads(data) if length and len(data) == length else None


def _write_frame(out, value) -> None:
    data = marshal.dumps(value) if value is not None else b""
    out.write(_LENGTH.pack(len(data)))
    out.write(data)


def main() -> int:
    request = json.loads(sys.stdin.read())
    out = sys.stdout.buffer
    try:
        reader = connect_reader(Path(request["path"]), request["passphrase"])  # read-only, busy timeout
        cursor = reader.conn.execute(request["sql"], request["params"])
        _write_frame(out, [column[0] for column in cursor.description])
        while page := cursor.fetchmany(request["page_size"]):
            _write_frame(out, page)
        _write_frame(out, None)
        out.flush()
    except DRIVER_ERRORS as exc:
        print(f"Het lezen uit de database is mislukt: {exc}.", file=sys.stderr)
        return 1
    except StorageError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except BrokenPipeError:  # the export stopped reading
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
