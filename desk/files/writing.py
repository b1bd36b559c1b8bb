"""Files Desk writes for the user (exports, hand-over notes): beside the database, readable by the
owner only, and never half-written."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from desk.core.errors import DeskError
from desk.core.workspace import Workspace


def exports_dir(ws: Workspace) -> Path:
    """The ``exports`` folder beside the database, created for the owner only."""
    folder = Path(ws.path).parent / "exports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def write_file_privately(target: Path, write: Callable[[object], int],
                         publish: Callable[[Callable[[], None]], None] | None = None) -> int:
    """Write through ``write(binary_stream)`` to a temporary file beside ``target``, readable only by
    the user (0600: exports hold personal data), then move it into place in one step.

    ``publish(move_into_place)``, when given, is called with the finished file instead of moving it
    directly, so a caller can record the file in the same transaction as the move (an export and
    its audit entry: never one without the other)."""
    folder = target.parent
    if not folder.is_dir():
        raise DeskError(f"De map {folder} bestaat niet.")
    refuse_special_file(target)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise DeskError(f"Kan niet schrijven in de map {folder}: {os_reason(exc)}.") from None
    try:
        os.chmod(temporary, 0o600)
        with os.fdopen(handle, "wb") as stream:
            result = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        move_into_place = lambda: os.replace(temporary, target)  # noqa: E731
        if publish is None:
            move_into_place()
        else:
            publish(move_into_place)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise DeskError(f"Kan {target} niet schrijven: {os_reason(exc)}.") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result


def refuse_special_file(target: Path) -> None:
    """Refuse a target that exists but is not a regular file: moving a new file into place would
    replace a folder, a FIFO, a socket or a device such as /dev/null."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DeskError(f"Kan {target} niet gebruiken: {os_reason(exc)}.") from None
    if stat.S_ISDIR(mode):
        raise DeskError(f"{target} is een map; geef een bestandsnaam op.")
    if not stat.S_ISREG(mode):
        raise DeskError(f"{target} is geen gewoon bestand (maar een apparaat, pijp of socket); kies een gewoon "
                        f"bestand, of - voor de standaarduitvoer.")


def os_reason(exc: OSError) -> str:
    reasons = {errno.EACCES: "geen toestemming", errno.EPERM: "geen toestemming", errno.ENOSPC: "de schijf is vol",
               errno.EROFS: "alleen-lezen", errno.EDQUOT: "de opslaglimiet is bereikt",
               errno.ENOENT: "bestaat niet", errno.ENOTDIR: "een deel van het pad is geen map",
               errno.EISDIR: "is een map", errno.ENAMETOOLONG: "de naam is te lang"}
    return reasons.get(exc.errno, exc.strerror or str(exc))
