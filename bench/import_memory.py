"""Peak memory and time of ``desk import organisations`` on a large CSV (issue 14).

Usage: python bench/import_memory.py [--rows 1000000] [--xlsx] [--full] [--keep]

Writes a CSV of ``--rows`` organisations with a contact person each (as an address list from
another system would be: name, KvK-nummer, place, postcode, website, person, e-mail, phone, a note)
in a temporary folder, plus files with the first tenth of the default row limit and with exactly the
limit. Then runs the real command line as a child process on each, against a fresh database, and
reports its wall-clock time and peak resident memory (from the rusage of that child, as
resource.getrusage(RUSAGE_CHILDREN) would; ru_maxrss is VmHWM): the whole file with the default
limit (refused up front, without writing), a tenth of the limit and the limit itself imported for
real. Bounded memory shows as about the same peak for a tenth and for the limit. ``--xlsx`` also
imports the limit's rows as a workbook (written by openpyxl); ``--full`` the whole file with
``--max-rows`` raised to its size (a 1,000,000-row import takes long).
Prints figures; asserts nothing.

This process imports nothing of Desk but the row limit's number, so each child starts small.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESK = Path(sys.executable).with_name("desk")
HEADER = ["Naam", "KvK-nummer", "Plaats", "Postcode", "Website", "Contactpersoon", "E-mail", "Telefoon", "Notities"]
WORDS = ["Groen", "Buurt", "Kracht", "Circulair", "Zorg", "Energie", "Atelier", "Werk", "Kans", "Stad"]
PLACES = ["Dordrecht", "Zwijndrecht", "Gorinchem", "Papendrecht", "Sliedrecht", "Rotterdam", "Utrecht"]
NOTES = ["Kennismaking op de Impact Days.", "Zoekt personeel uit de doelgroep; \"warm\" contact.",
         "Vraag over financiering, eerder gesproken met het MKB-fonds.", ""]


def default_limit() -> int:
    sys.path.insert(0, str(ROOT))
    from desk.files.tabular_files import MAX_ROWS  # noqa: PLC0415 - a constant; the children do the work

    return MAX_ROWS


def write_csv(path: Path, rows: int) -> None:
    rng = random.Random(14)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADER)
        for i in range(rows):
            writer.writerow([f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {i} BV", f"{10_000_000 + i:08d}",
                             rng.choice(PLACES), f"{1000 + i % 9000} AB", f"www.bedrijf{i}.example", f"Persoon {i}",
                             f"p{i}@bedrijf{i}.example", f"06 {10_000_000 + i:08d}", rng.choice(NOTES)])


def first_rows(source: Path, target: Path, rows: int) -> None:
    with source.open("rb") as lines, target.open("wb") as out:
        for number, line in enumerate(lines):
            if number > rows:
                break
            out.write(line)


def write_xlsx(source: Path, target: Path) -> None:
    """The CSV as a workbook, in a child process (see the module docstring); openpyxl writes its
    strings inline, the rows streamed."""
    from openpyxl import Workbook  # noqa: PLC0415 - only in that child

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    with source.open(encoding="utf-8-sig", newline="") as lines:
        for row in csv.reader(lines, delimiter=";"):
            sheet.append(row)
    book.save(target)


def run_measured(command: list[str]) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit code, last line on stderr) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode().strip().splitlines()
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), stderr[0] if stderr else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--full", action="store_true", help="also import all rows with --max-rows raised")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--xlsx", action="store_true", help="also import the limit's rows as an XLSX")
    parser.add_argument("--write-xlsx", nargs=2, metavar=("CSV", "XLSX"), help=argparse.SUPPRESS)  # the child
    args = parser.parse_args()
    if args.write_xlsx:
        write_xlsx(*map(Path, args.write_xlsx))
        return
    limit = default_limit()
    folder = Path(tempfile.mkdtemp(prefix="desk-import-bench-"))
    whole = folder / "all.csv"
    start = time.perf_counter()
    write_csv(whole, args.rows)
    print(f"wrote {args.rows:,} rows in {time.perf_counter() - start:.0f} s ({whole.stat().st_size / 1e6:.0f} MB, "
          f"{folder}); default row limit {limit:,}")
    runs = [(f"{args.rows:,} rows, default limit", whole, [], args.rows)]
    for label, rows in (("a tenth of the limit", limit // 10), ("the limit", limit)):
        if rows <= args.rows:
            part = folder / f"first-{rows}.csv"
            first_rows(whole, part, rows)
            runs.append((label, part, [], rows))
            if args.xlsx and rows == limit:
                book = part.with_suffix(".xlsx")
                subprocess.run([sys.executable, __file__, "--write-xlsx", str(part), str(book)], check=True)
                runs.append((f"{label}, as XLSX ({book.stat().st_size / 1e6:.0f} MB)", book, [], rows))
    if args.full:
        runs.append((f"{args.rows:,} rows, --max-rows {args.rows}", whole, ["--max-rows", str(args.rows)], args.rows))
    print(f"{'import':<36} {'rows':>10} {'seconds':>8} {'peak RSS MB':>12} {'exit':>5}  first line on stderr")
    for number, (label, path, extra, rows) in enumerate(runs):
        db = folder / f"run-{number}.sqlite"
        seconds, peak, code, message = run_measured([str(DESK), "import", "organisations", str(path),
                                                     "--db", str(db), *extra])
        print(f"{label:<36} {rows:>10,} {seconds:>8.1f} {peak:>12.0f} {code:>5}  {message[:90]}")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
