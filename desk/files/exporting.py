"""Exports of contact moments, organisations with their persons (the address list), referrals and
follow-ups as CSV, JSON Lines or XLSX.

Exports stream: records are fetched a page at a time from one statement (never all rows at once)
and written as they come. XLSX goes through openpyxl's write-only mode, which writes rows to a
temporary file as inline strings, so no sheet or string table grows in memory.

CSV opens correctly in Excel with Dutch settings: UTF-8 with BOM, ``;`` by default, and cells that
would run as a formula neutralised (desk.files.csv_safety). CSV and XLSX have Dutch headers and one row per
record, except the address list: one row per contact person of an organisation. JSON Lines has one
object per record with English keys (the field names), lists as lists and times in UTC.

What each kind holds is in desk.files.export_kinds; which records, in desk.files.export_filters.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from db.row_stream import stream_pages
from desk.core import clock
from desk.core.clock import LOCAL_TZ
from desk.core.errors import DeskError
from desk.core.workspace import Workspace
from desk.files.choices import DELIMITERS, FORMATS  # noqa: F401 - DELIMITERS: as exporting.DELIMITERS too
from desk.files.csv_safety import CHECK_FIRST, escape_guard, neutralise
from desk.files.export_filters import ExportFilter
from desk.files.export_kinds import KINDS, Column
from desk.files.writing import write_file_privately

FORMAT_NAMES = {"csv": "CSV", "jsonl": "JSON Lines", "xlsx": "Excel (xlsx)"}
PAGE_SIZE = 1000
PROGRESS_EVERY = 500


# --- reading: a page at a time --------------------------------------------------------------------

def iter_records(ws: Workspace, kind: str, flt: ExportFilter | None = None,
                 page_size: int = PAGE_SIZE) -> Iterator[dict]:
    """The records of ``kind`` one by one, fetched ``page_size`` at a time (never all rows at once).

    One statement, read by a process of its own (db/row_stream.py): it runs on the other core
    while this one writes the rows, the export shows the database as it was when it started, and
    the app goes on reading and writing meanwhile."""
    spec = KINDS[kind]
    query = spec.query(flt or ExportFilter())
    sql = f"SELECT {query.columns} {query.source} ORDER BY {', '.join(query.order)}"
    for names, page in stream_pages(ws.path, ws.passphrase, sql, query.params, page_size):
        # Rows as tuples, one dict each: sqlite-utils' dict per row was a tenth of the time.
        for row in page:
            record = dict(zip(names, row))
            for key in query.json_keys:
                record[key] = json.loads(record[key]) if record[key] else []
            yield spec.finish(record)


def count_records(ws: Workspace, kind: str, flt: ExportFilter | None = None) -> int:
    query = KINDS[kind].query(flt or ExportFilter())
    with ws.read() as db:
        return db.execute(f"SELECT count(*) {query.source}", query.params).fetchone()[0]


# --- writing --------------------------------------------------------------------------------------

def cell_text(column: Column, value: object) -> str:
    """A value as the text of a CSV or XLSX cell."""
    return _TO_TEXT[column.kind](value)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _list_text(value: object) -> str:
    return "" if value is None else ", ".join(str(item) for item in value)


def _bool_text(value: object) -> str:
    return "" if value is None else "ja" if value else "nee"


def _moment_text(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    # Stored as "YYYY-MM-DDTHH:MM:SS+00:00": the local hour is looked up once per hour of UTC.
    if len(text) == 25 and text[13] == ":":
        local_hour = _local_hour(text[:13], text[19:])
        if local_hour is not None:
            return local_hour + text[13:16]
    return dt.datetime.fromisoformat(text).astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


@functools.lru_cache(maxsize=1 << 16)
def _local_hour(hour: str, offset: str) -> str | None:
    """ "YYYY-MM-DD HH" in local time for an hour of UTC, or None when the local clock does not move
    by whole hours against it throughout that hour (then the minutes differ too)."""
    start = dt.datetime.fromisoformat(f"{hour}:00:00{offset}").astimezone(LOCAL_TZ)
    end = (start + dt.timedelta(minutes=59, seconds=59)).astimezone(LOCAL_TZ)
    if start.utcoffset() != end.utcoffset() or start.minute or start.second:
        return None
    return start.strftime("%Y-%m-%d %H")


_TO_TEXT = {"text": _text, "list": _list_text, "bool": _bool_text, "moment": _moment_text}


def _write_csv(rows: Iterable[dict], columns: tuple[Column, ...], stream: IO[bytes], delimiter: str) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    plan = [(column.key, _TO_TEXT[column.kind]) for column in columns]
    first = CHECK_FIRST  # neutralise() only for a cell that may start like a formula: most do not
    try:
        writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([neutralise(column.header) for column in columns])
        for row in rows:
            cells = [to_text(row.get(key)) for key, to_text in plan]
            writer.writerow([cell if cell[:1] not in first else neutralise(cell) for cell in cells])
        text.flush()
    finally:
        text.detach()  # the caller owns the binary stream


def _write_jsonl(records: Iterable[dict], stream: IO[bytes]) -> None:
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")


def _write_xlsx(rows: Iterable[dict], columns: tuple[Column, ...], stream: IO[bytes], title: str) -> None:
    from openpyxl import Workbook  # noqa: PLC0415 - only loaded for an XLSX export
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    bold = Font(bold=True)

    def text_cell(text: str, font: Font | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, escape_guard(ILLEGAL_CHARACTERS_RE.sub("", text)))
        cell.data_type = "s"  # text, never a formula, whatever it starts with
        if font:
            cell.font = font
        return cell

    sheet.append([text_cell(column.header, bold) for column in columns])
    for row in rows:
        sheet.append([text_cell(cell_text(column, row.get(column.key))) for column in columns])
    book.save(stream)


def _counted(records: Iterable[dict], counter: list[int], progress: Callable[[int], None] | None) -> Iterator[dict]:
    for record in records:
        yield record
        counter[0] += 1
        if progress and counter[0] % PROGRESS_EVERY == 0:
            progress(counter[0])


def write_export(ws: Workspace, kind: str, fmt: str, stream: IO[bytes], flt: ExportFilter | None = None,
                 delimiter: str = ";", progress: Callable[[int], None] | None = None) -> int:
    """Write the records of ``kind`` as ``fmt`` to a binary stream; return how many records.
    ``progress`` is called now and then with the number written so far."""
    spec = KINDS[kind]
    if fmt not in FORMATS:
        raise DeskError(f"Exporteren als {fmt} kan niet; kies uit: {', '.join(FORMATS)}.")
    counter = [0]
    records = _counted(iter_records(ws, kind, flt), counter, progress)
    if fmt == "jsonl":
        _write_jsonl(records, stream)
    else:
        rows = (row for record in records for row in spec.rows(record))
        if fmt == "csv":
            _write_csv(rows, spec.columns, stream, delimiter)
        else:
            _write_xlsx(rows, spec.columns, stream, spec.plural.capitalize())
    if progress:
        progress(counter[0])
    return counter[0]


def audit_export(ws: Workspace, kind: str, fmt: str, target_text: str, flt: ExportFilter | None = None) -> None:
    """Every export of personal data is on record: what, as what, where to, and which selection."""
    summary = f"{fmt} naar {target_text}"
    if flt and flt.description:
        summary += f" ({flt.description})"
    with ws.write():
        ws.audit("export", kind, "", summary)


def export_to_file(ws: Workspace, kind: str, fmt: str, target: Path, flt: ExportFilter | None = None,
                   delimiter: str = ";", progress: Callable[[int], None] | None = None) -> int:
    """Write the export privately (0600, never half-written) and record it in the audit log."""
    return write_file_privately(target, lambda stream: write_export(ws, kind, fmt, stream, flt, delimiter, progress),
                                audited_move(ws, kind, fmt, target, flt))


def audited_move(ws: Workspace, kind: str, fmt: str, target: Path,
                 flt: ExportFilter | None = None) -> Callable[[Callable[[], None]], None]:
    """For write_file_privately: the finished file moves into place inside the transaction that
    records the export, so there is never a file without its audit entry or the reverse. The rows
    themselves are read without the write lock, so the app keeps writing meanwhile."""

    def publish(move_into_place: Callable[[], None]) -> None:
        with ws.write():
            audit_export(ws, kind, fmt, str(target), flt)
            move_into_place()

    return publish


def default_filename(kind: str, fmt: str, now: dt.datetime | None = None) -> str:
    now = (now or clock.now_local()).astimezone(LOCAL_TZ)
    return f"desk-{KINDS[kind].plural}-{now:%Y%m%d-%H%M%S}.{fmt}"


def count_text(kind: str, count: int) -> str:
    spec = KINDS[kind]
    return f"{count} {spec.singular if count == 1 else spec.plural}"
