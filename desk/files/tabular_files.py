"""Reading a CSV or XLSX file that someone else made: a partner list, a list from an event, a KvK
extract. Finds the encoding (UTF-8 with or without BOM, UTF-16 as Excel's "Unicode text", a file
that is Windows-1252 throughout) and the delimiter (``;``, ``,`` or tab), and keeps for every record
the line of the file where it starts, so that a report can point at it. The header is line 1; a
quoted cell with line breaks makes a record span several lines, and the next record's number counts
them.

Files are streamed, never read whole: ``read_table`` reads the file once to check it (encoding,
cell lengths, the number of rows, the uncompressed size of an XLSX) and refuses what is out of
bounds before anything is written; ``SourceTable.rows()`` reads it again, row by row, for the import.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desk.core.errors import DeskError
from desk.files.choices import MAX_CELL_CHARS, MAX_ROWS, MAX_XLSX_BYTES, number_text
from desk.files.csv_safety import restore

DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {";": "puntkomma (;)", ",": "komma (,)", "\t": "tab"}
ENCODING_NAMES = {"utf-8-sig": "UTF-8 met BOM", "utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}
XLSX_SUFFIXES = (".xlsx", ".xlsm")

MAX_LINE_CHARS = 8 * 1024 * 1024  # a physical line of a CSV: far more than 100 columns of long cells
# openpyxl keeps the whole table of shared strings in memory, even read-only: about 180 bytes per
# string plus the text (measured: 500,000 strings in 15 MB took the process to 137 MB). Both bounds
# keep that under 200 MB whatever the strings look like.
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024
MAX_SHARED_STRINGS = 500_000
_SHARED_STRINGS = "xl/sharedStrings.xml"
_STRING_ITEM = re.compile(rb"<(?:\w+:)?si[\s/>]")  # <si>, <si/> or with a namespace prefix
_SNIFF_CHARS = 64 * 1024

# surrogateescape turns every byte the decoder cannot read into one of these.
_UNREADABLE = re.compile("[\udc80-\udcff]")
_NON_ASCII_READ = re.compile("[^\x00-\x7f\udc80-\udcff]")


@dataclass(frozen=True)
class SourceRow:
    line: int  # where the record starts in the file (the header is line 1); the row number in a sheet
    values: list[str]
    problem: str | None = None  # Dutch, when the row cannot be read as the header says (field count)


@dataclass(frozen=True)
class SourceTable:
    path: Path
    headers: list[str]
    row_count: int
    encoding: str | None = None  # None for XLSX
    delimiter: str | None = None
    encoding_guessed: bool = False  # Windows-1252 because the file is not UTF-8 anywhere

    @property
    def description(self) -> str:
        """Dutch, e.g. ``CSV, UTF-8 met BOM, scheidingsteken puntkomma (;), 12 rijen``."""
        count = f"{number_text(self.row_count)} {'rij' if self.row_count == 1 else 'rijen'}"
        if self.encoding is None:
            return f"Excel (xlsx), {count}"
        encoding = ENCODING_NAMES.get(self.encoding, self.encoding)
        if self.encoding_guessed:
            encoding += " (geraden: het bestand is geen UTF-8; anders kies je de tekenset met --encoding)"
        return (f"CSV, {encoding}, scheidingsteken "
                f"{DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))}, {count}")

    def rows(self) -> Iterator[SourceRow]:
        """The data rows, read from the file again one at a time. DeskError (Dutch) when the file
        no longer reads as it did."""
        if self.encoding is None:
            records = _xlsx_records(self.path)
        else:
            records = _CsvRecords(self.path, self.encoding, self.delimiter, guessing=False)
        if next(records, None) is None:  # the header; none when the file was emptied since
            return
        width = len(self.headers)
        for line, cells in records:
            problem = None if self.encoding is None else _field_count_problem(cells, width, self.delimiter)
            yield SourceRow(line, cells, problem)


def read_table(path: Path, encoding: str | None = None, delimiter: str | None = None,
               max_rows: int = MAX_ROWS) -> SourceTable:
    """Check a CSV or XLSX file from start to end and return what it holds: its header, the number
    of rows, encoding and delimiter. Every cell is text, trimmed, with the CSV formula guard removed.
    DeskError (Dutch) when the file cannot be read or is out of bounds."""
    path = Path(path).expanduser()
    with _open(path) as stream:
        start = stream.read(4)
    if path.suffix.lower() in XLSX_SUFFIXES or start.startswith(b"PK\x03\x04"):
        _check_xlsx_size(path)
        return _checked(path, _xlsx_records(path), max_rows, encoding=None, delimiter=None)
    guessing = encoding is None
    encoding = encoding or _bom_encoding(start) or "utf-8"
    if delimiter is None:
        with _open_text(path, encoding) as text:
            delimiter = detect_delimiter(text.read(_SNIFF_CHARS))
    records = _CsvRecords(path, encoding, delimiter, guessing=guessing and encoding == "utf-8")
    table = _checked(path, records, max_rows, encoding, delimiter)
    if records.unreadable_line is not None:  # never mixed with UTF-8: _Lines refuses that
        _line, headers = next(iter(_CsvRecords(path, "cp1252", delimiter, guessing=False)))
        return SourceTable(path, headers, table.row_count, "cp1252", delimiter, encoding_guessed=True)
    return table


def _checked(path: Path, records, max_rows: int, encoding: str | None, delimiter: str | None) -> SourceTable:
    headers: list[str] | None = None
    count = 0
    for _line, cells in records:
        if headers is None:
            headers = cells
            continue
        count += 1
        if count > max_rows:
            raise DeskError(f"{path.name} heeft meer dan {number_text(max_rows)} rijen, de grens voor één import. "
                            "Splits het bestand, of verhoog de grens met --max-rows (bijvoorbeeld "
                            f"desk import organisations {path.name} --max-rows {max(max_rows * 10, 1_000_000)}).")
    if headers is None:
        raise DeskError("Het eerste werkblad is leeg." if encoding is None else "Het bestand is leeg.")
    if encoding is None:
        while headers and not headers[-1]:
            headers.pop()
    return SourceTable(path, headers, count, encoding, delimiter)


def _open(path: Path) -> io.BufferedReader:
    if path.exists() and not path.is_file() and not path.is_dir():  # a FIFO or device cannot be read twice
        raise DeskError(f"{path} is geen gewoon bestand; geef een CSV- of xlsx-bestand op.")
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise DeskError(f"Het bestand {path} bestaat niet.") from None
    except IsADirectoryError:
        raise DeskError(f"{path} is een map; geef een bestand op.") from None
    except OSError as exc:
        raise DeskError(f"Kan {path} niet lezen: {exc.strerror}.") from None


def _open_text(path: Path, encoding: str) -> io.TextIOWrapper:
    # newline="" as the csv module wants; surrogateescape so that an unreadable byte gets a line number
    return io.TextIOWrapper(_open(path), encoding=encoding, errors="surrogateescape", newline="")


def _bom_encoding(start: bytes) -> str | None:
    if start.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return None


def detect_delimiter(text: str) -> str:
    """csv.Sniffer on the start of the file; when it cannot tell, the most frequent candidate in the
    header line (a header seldom quotes a delimiter)."""
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(text, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        found = None
    if found in DELIMITERS and found in first_line:
        return found
    counts = {candidate: first_line.count(candidate) for candidate in DELIMITERS}
    return max(DELIMITERS, key=lambda candidate: counts[candidate])  # ties: the first, ';'


def _clean(value: object) -> str:
    return restore(str(value).strip()) if value is not None else ""


def _field_count_problem(cells: list[str], width: int, delimiter: str | None) -> str | None:
    """A record with another number of fields than the header was split wrongly (another delimiter,
    a stray quote); empty fields after the last column are harmless."""
    if len(cells) == width or (len(cells) > width and not any(cells[width:])):
        return None
    return (f"deze rij heeft {len(cells)} {'veld' if len(cells) == 1 else 'velden'} en de kopregel {width}; "
            f"staat er een ander scheidingsteken dan {DELIMITER_NAMES.get(delimiter, delimiter)} of een "
            "losse \" in?")


# --- CSV --------------------------------------------------------------------------------------------

class _Lines:
    """The physical lines of a text file, for csv.reader: each at most MAX_LINE_CHARS long, numbered,
    without NUL (the csv module refuses it; the cleaner would remove it anyway), and checked for
    bytes the encoding could not read.

    When guessing, the file was opened as UTF-8: a file with unreadable bytes and no UTF-8
    multibyte character at all is Windows-1252 throughout (``unreadable_line`` says so afterwards);
    unreadable bytes beside valid UTF-8 are refused, since any guess would garble one of them. The
    number of characters per line is the same either way (one per byte), so the rows, fields and
    cell lengths counted while checking are those of the file as Windows-1252."""

    def __init__(self, stream: io.TextIOWrapper, name: str, encoding: str, guessing: bool) -> None:
        self.stream = stream
        self.name = name
        self.encoding = encoding
        self.guessing = guessing
        self.number = 0
        self.unreadable_line: int | None = None
        self.utf8_line: int | None = None
        self.record: list[str] = []  # the lines of the record being read, to find a column in an error
        self.too_long = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.too_long:
            raise DeskError(f"{self.name}: regel {self.number} is langer dan {number_text(MAX_LINE_CHARS)} tekens; "
                            "dat is geen lijst die Desk kan inlezen.")
        line = self.stream.readline(MAX_LINE_CHARS + 1)
        if not line:
            raise StopIteration
        self.number += 1
        # Let csv read the first part of an overlong line: a cell over the limit in it gets its column.
        self.too_long = len(line) > MAX_LINE_CHARS
        if "\x00" in line:
            line = line.replace("\x00", "")
        if not line.isascii():
            self._check(line)
        self.record.append(line)
        return line

    def _check(self, line: str) -> None:
        if self.unreadable_line is None and _UNREADABLE.search(line):
            if not self.guessing:
                raise DeskError(f"{self.name}: regel {self.number} is niet te lezen als "
                                f"{ENCODING_NAMES.get(self.encoding, self.encoding)}. Kies de tekenset met "
                                "--encoding (utf-8, cp1252 voor Windows-1252, of utf-16).")
            self.unreadable_line = self.number
        if self.guessing and self.utf8_line is None and _NON_ASCII_READ.search(line):
            self.utf8_line = self.number
        if self.unreadable_line is not None and self.utf8_line is not None:
            raise DeskError(f"{self.name}: regel {self.unreadable_line} is geen geldige UTF-8, terwijl regel "
                            f"{self.utf8_line} dat wel is; Desk raadt dan geen tekenset. Sla het bestand op als "
                            "UTF-8, of kies de tekenset met --encoding (bijvoorbeeld --encoding cp1252).")

    def column_in_progress(self, delimiter: str) -> int:
        """The column csv.reader was reading when it stopped in the current record."""
        # Drop quoted parts (also an unclosed one at the end); the delimiters left separate the columns.
        return re.sub(r'"[^"]*("|$)', "", "".join(self.record)).count(delimiter) + 1


def _cell_too_long(name: str, line: int, column: int) -> DeskError:
    return DeskError(f"{name}: regel {line}, kolom {column}: een cel is langer dan {number_text(MAX_CELL_CHARS)} "
                     "tekens, de grens per cel. Ontbreekt er misschien een afsluitend aanhalingsteken (\")?")


class _CsvRecords:
    """(line, cells) of every record that is not empty, the header first."""

    def __init__(self, path: Path, encoding: str, delimiter: str, guessing: bool) -> None:
        self.path, self.encoding, self.delimiter, self.guessing = path, encoding, delimiter, guessing
        self.unreadable_line: int | None = None
        self._iterator = self._read()

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        return self._iterator

    def __next__(self) -> tuple[int, list[str]]:
        return next(self._iterator)

    def _read(self) -> Iterator[tuple[int, list[str]]]:
        # csv's own field limit (131,072 unless someone changed it) bounds what a reader holds; cells
        # over MAX_CELL_CHARS but under that limit are found after the record is read.
        with _open_text(self.path, self.encoding) as stream:
            lines = _Lines(stream, self.path.name, self.encoding, self.guessing)
            reader = csv.reader(lines, delimiter=self.delimiter)
            first = True
            while True:
                start = lines.number + 1
                lines.record.clear()
                try:
                    record = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    if "field larger than field limit" in str(exc):
                        raise _cell_too_long(self.path.name, start, lines.column_in_progress(self.delimiter)) from None
                    raise DeskError(f"{self.path.name}: regel {lines.number} is geen geldige CSV ({exc}).") from None
                longest = max(record, key=len, default="")
                if len(longest) > MAX_CELL_CHARS:
                    raise _cell_too_long(self.path.name, start, record.index(longest) + 1)
                if first and record:
                    record[0] = record[0].removeprefix("\ufeff")  # a second BOM, or one --encoding utf-8 kept
                if any(cell.strip() for cell in record):
                    first = False
                    yield start, [_clean(cell) for cell in record]
            self.unreadable_line = lines.unreadable_line


# --- XLSX -------------------------------------------------------------------------------------------

def _check_xlsx_size(path: Path) -> None:
    """Refuse a file that unpacks to more than MAX_XLSX_BYTES, or whose shared strings are more than
    openpyxl should hold, by the sizes the zip declares; zipfile never unpacks an entry beyond its
    declared size (a longer one fails its CRC check), so what is declared is what can be read. The
    shared strings are then counted, streamed, before openpyxl reads them."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_XLSX_BYTES:
                raise _too_large(path, f"is uitgepakt {_megabytes(unpacked)} MB, meer dan de grens van "
                                       f"{_megabytes(MAX_XLSX_BYTES)} MB voor een Excel-bestand")
            if _SHARED_STRINGS not in archive.namelist():
                return
            if archive.getinfo(_SHARED_STRINGS).file_size > MAX_SHARED_STRINGS_BYTES:
                raise _too_large(path, f"heeft {_megabytes(archive.getinfo(_SHARED_STRINGS).file_size)} MB aan "
                                       f"teksten (sharedStrings.xml), meer dan de grens van "
                                       f"{_megabytes(MAX_SHARED_STRINGS_BYTES)} MB")
            count, tail = 0, b""
            with archive.open(_SHARED_STRINGS) as strings:
                while chunk := strings.read(1024 * 1024):
                    # the end of the previous chunk goes along, for a tag split over two chunks
                    count += sum(1 for item in _STRING_ITEM.finditer(tail + chunk) if item.end() > len(tail))
                    tail = chunk[-8:]
                    if count > MAX_SHARED_STRINGS:
                        raise _too_large(path, f"heeft meer dan {number_text(MAX_SHARED_STRINGS)} verschillende "
                                               "teksten (sharedStrings.xml), de grens voor een Excel-bestand")
    except (zipfile.BadZipFile, OSError, EOFError):
        raise DeskError(f"{path.name} is geen leesbaar Excel-bestand (xlsx).") from None


def _megabytes(size: int) -> str:
    return number_text(size // 1024 // 1024)


def _too_large(path: Path, what: str) -> DeskError:
    return DeskError(f"{path.name} {what}. Sla het op als CSV (dat leest Desk regel voor regel), of splits het.")


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


def _xlsx_records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the first sheet's rows that are not empty, streamed (read-only mode)."""
    from xml.etree.ElementTree import ParseError  # noqa: PLC0415 - only for an XLSX import

    from openpyxl import load_workbook  # noqa: PLC0415 - only loaded for an XLSX import
    from openpyxl.utils import get_column_letter  # noqa: PLC0415
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    unreadable = DeskError(f"{path.name} is geen leesbaar Excel-bestand (xlsx).")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ParseError, ValueError):
        raise unreadable from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read what is really there
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            for column, value in enumerate(values, start=1):
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    raise DeskError(f"{path.name}: rij {number}, kolom {get_column_letter(column)}: de cel heeft "
                                    f"{number_text(len(value))} tekens, meer dan de grens van "
                                    f"{number_text(MAX_CELL_CHARS)} per cel.")
            cells = [_xlsx_text(value) for value in values]
            if any(cells):
                yield number, cells
    except (zipfile.BadZipFile, ParseError, KeyError, ValueError, EOFError):
        raise unreadable from None
    finally:
        book.close()
