"""Reading a CSV or XLSX file that someone else made: a partner list, a list from an event, a KvK
extract. Finds the encoding (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode text", else
Windows-1252) and the delimiter (``;``, ``,`` or tab), and keeps for every record the line of the
file where it starts, so that a report can point at it. The header is line 1; a quoted cell with
line breaks makes a record span several lines, and the next record's number counts them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from desk.csv_safety import restore
from desk.errors import DeskError

DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {";": "puntkomma (;)", ",": "komma (,)", "\t": "tab"}
ENCODING_NAMES = {"utf-8-sig": "UTF-8 met BOM", "utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class SourceRow:
    line: int  # where the record starts in the file (the header is line 1); the row number in a sheet
    values: list[str]


@dataclass(frozen=True)
class SourceTable:
    path: Path
    headers: list[str]
    rows: list[SourceRow]
    encoding: str | None = None  # None for XLSX
    delimiter: str | None = None

    @property
    def description(self) -> str:
        """Dutch, e.g. ``CSV, UTF-8 met BOM, scheidingsteken puntkomma (;), 12 rijen``."""
        count = f"{len(self.rows)} {'rij' if len(self.rows) == 1 else 'rijen'}"
        if self.encoding is None:
            return f"Excel (xlsx), {count}"
        return (f"CSV, {ENCODING_NAMES.get(self.encoding, self.encoding)}, scheidingsteken "
                f"{DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))}, {count}")


def read_table(path: Path, encoding: str | None = None, delimiter: str | None = None) -> SourceTable:
    """Read a whole CSV or XLSX file (import files are lists, not logs). Every cell is text, trimmed,
    with the CSV formula guard removed. DeskError (Dutch) when the file cannot be read."""
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DeskError(f"Het bestand {path} bestaat niet.") from None
    except IsADirectoryError:
        raise DeskError(f"{path} is een map; geef een bestand op.") from None
    except OSError as exc:
        raise DeskError(f"Kan {path} niet lezen: {exc.strerror}.") from None
    if path.suffix.lower() in XLSX_SUFFIXES or data.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, data)
    encoding = encoding or detect_encoding(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise DeskError(f"{path.name} is niet te lezen als {ENCODING_NAMES.get(encoding, encoding)}.") from None
    delimiter = delimiter or detect_delimiter(text)
    headers, rows = _parse_csv(text, delimiter)
    return SourceTable(path, headers, rows, encoding, delimiter)


def detect_encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def detect_delimiter(text: str) -> str:
    """csv.Sniffer on the start of the file; when it cannot tell, the most frequent candidate in the
    header line (a header seldom quotes a delimiter)."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(text[:_SNIFF_BYTES], delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        found = None
    if found in DELIMITERS and found in first_line:
        return found
    counts = {candidate: first_line.count(candidate) for candidate in DELIMITERS}
    return max(DELIMITERS, key=lambda candidate: counts[candidate])  # ties: the first, ';'


def _clean(value: object) -> str:
    return restore(str(value).strip()) if value is not None else ""


def _parse_csv(text: str, delimiter: str) -> tuple[list[str], list[SourceRow]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    headers: list[str] | None = None
    rows: list[SourceRow] = []
    try:
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in record):
                continue
            if headers is None:
                headers = [_clean(cell) for cell in record]
            else:
                rows.append(SourceRow(start, [_clean(cell) for cell in record]))
    except csv.Error as exc:
        raise DeskError(f"Regel {reader.line_num}: het bestand is geen geldige CSV ({exc}).") from None
    if headers is None:
        raise DeskError("Het bestand is leeg.")
    return headers, rows


def _xlsx_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a KvK-nummer typed as a number
    elif isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    elif isinstance(value, bool):
        value = "ja" if value else "nee"
    return _clean(value)


def _read_xlsx(path: Path, data: bytes) -> SourceTable:
    from openpyxl import load_workbook  # noqa: PLC0415 - only loaded for an XLSX import
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415
    from zipfile import BadZipFile  # noqa: PLC0415

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError):
        raise DeskError(f"{path.name} is geen leesbaar Excel-bestand (xlsx).") from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read what is really there
        headers: list[str] | None = None
        rows: list[SourceRow] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_xlsx_text(value) for value in values]
            if not any(cells):
                continue
            if headers is None:
                headers = cells
            else:
                rows.append(SourceRow(number, cells))
    finally:
        book.close()
    if headers is None:
        raise DeskError("Het eerste werkblad is leeg.")
    while headers and not headers[-1]:
        headers.pop()
    return SourceTable(path, headers, rows)
