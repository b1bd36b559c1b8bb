"""What ``desk export`` and ``desk import`` offer, as plain values. The command line builds its
parser at every start, the app's included, so the parser takes these from here rather than from
the modules that do the work (tests/test_import_hygiene.py)."""

from __future__ import annotations

FORMATS = ("csv", "jsonl", "xlsx")  # desk.files.exporting's; a calendar (ics) is written elsewhere
DELIMITERS = {";": ";", ",": ",", "tab": "\t"}  # as typed after --delimiter -> the character
EXISTING = ("skip", "update", "add")  # what an import does with an organisation that is already there

MAX_ROWS = 100_000  # per import, unless the user raises it (desk import --max-rows)
MAX_CELL_CHARS = 100_000
MAX_XLSX_BYTES = 100 * 1024 * 1024  # unpacked; the sheets are streamed


def number_text(number: int) -> str:
    """``100000`` as Dutch write it: ``100.000``."""
    return f"{number:,}".replace(",", ".")
