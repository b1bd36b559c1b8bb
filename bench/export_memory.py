"""Peak memory and time of ``desk export contacts`` at 500,000 contact moments (issue 7).

Usage: python bench/export_memory.py [--contacts 500000] [--formats csv,xlsx] [--keep]

Fills a temporary database through the app's schema with bulk inserts (the services would take an
hour for this many): 50,000 organisations, 100,000 persons, 500,000 contact moments with a person,
one or two needs and, for some, an event; the full-text triggers run as they would. Then runs the
real command line as a child process and reports its peak resident memory (from the rusage of that
child, as resource.getrusage(RUSAGE_CHILDREN) would) and wall-clock time: for an export of nothing
(the fixed cost of Python and Desk), of a tenth of the rows and of all of them. Bounded memory shows as
the same peak for a tenth and for all. For scale it also times the sqlite3 shell's own CSV output of
the contacts table. Prints figures; asserts nothing.

The database is filled by a child process: this process imports nothing of Desk, because a child
forked from a large parent starts out with the parent's resident size in its peak.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DESK = Path(sys.executable).with_name("desk")
WORDS = ["Groen", "Buurt", "Kracht", "Circulair", "Zorg", "Energie", "Atelier", "Werk", "Kans", "Stad"]
SENTENCES = [
    "Kennismaking; de ondernemer zoekt personeel uit de doelgroep.",
    "Besproken: financiering via het MKB-fonds en een lening van de gemeente.",
    "Vraag over een vergunning voor het terras; doorverwezen naar Vergunningen.",
    "Op zoek naar een pand in de binnenstad, liefst maatschappelijke huur.",
    "=HYPERLINK(\"http://voorbeeld\") stond in de notitie; moet onschadelijk blijven.",
    "+31 6 12345678 is het nummer van de eigenaar.",
]
START = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)


def fill(db_path: Path, n_orgs: int, n_persons: int, n_contacts: int) -> None:
    sys.path.insert(0, str(ROOT))
    from desk.core.config import make_user  # noqa: PLC0415
    from desk.records import terms  # noqa: PLC0415 - see the module docstring
    from desk.work.opening import open_workspace  # noqa: PLC0415

    ws = open_workspace(db_path, make_user("Bench Mark", "BM"))
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    stamp = {"created_at": now, "updated_at": now, "created_by": "BM", "updated_by": "BM"}
    channels = list(terms.ids_by_label(ws, terms.CHANNEL).values())
    needs = list(terms.ids_by_label(ws, terms.NEED).values())
    org_ids = [str(uuid.uuid4()) for _ in range(n_orgs)]
    person_ids = [str(uuid.uuid4()) for _ in range(n_persons)]
    event_ids = [str(uuid.uuid4()) for _ in range(20)]
    with ws.write() as db:
        db["organisations"].insert_all(
            ({"id": org_id, "name": f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {i}", "kvk": f"{80000000 + i:08d}",
              "city": "Rivierstad", "notes": "", "search_text": "", **stamp} for i, org_id in enumerate(org_ids)),
            batch_size=5000)
        db["persons"].insert_all(
            ({"id": person_id, "name": f"Persoon {i}", "email": f"p{i}@voorbeeld.example", "phone": "06 12345678",
              "notes": "", **stamp} for i, person_id in enumerate(person_ids)), batch_size=5000)
        db["person_organisations"].insert_all(
            ({"person_id": person_id, "organisation_id": org_ids[i % n_orgs]} for i, person_id in enumerate(person_ids)),
            batch_size=5000)
        db["events"].insert_all(({"id": event_id, "name": f"Evenement {i}", "date": "2024-03-01", **stamp}
                                 for i, event_id in enumerate(event_ids)))
    step = (dt.datetime(2026, 11, 1, tzinfo=dt.UTC) - START) / n_contacts
    batch = 20_000
    for first in range(0, n_contacts, batch):
        contacts, links, contact_needs = [], [], []
        for i in range(first, min(first + batch, n_contacts)):
            contact_id = str(uuid.uuid4())
            person = rng.randrange(n_persons)
            contacts.append({"id": contact_id, "occurred_at": (START + step * i).isoformat(timespec="seconds"),
                             "channel_id": rng.choice(channels), "organisation_id": org_ids[person % n_orgs],
                             "subject": f"Gesprek {i}", "notes": rng.choice(SENTENCES),
                             "event_id": rng.choice(event_ids) if i % 10 == 0 else None, "author": "BM",
                             "version": 1, **stamp})
            links.append({"contact_id": contact_id, "person_id": person_ids[person]})
            contact_needs.extend({"contact_id": contact_id, "term_id": term_id}
                                 for term_id in rng.sample(needs, 1 + i % 2))
        with ws.write() as db:
            db["contacts"].insert_all(contacts, batch_size=5000)
            db["contact_persons"].insert_all(links, batch_size=5000)
            db["contact_needs"].insert_all(contact_needs, batch_size=5000)
    ws.close()


def run_measured(command: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        print(process.stderr.read().decode(), file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, process.returncode  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=500_000)
    parser.add_argument("--formats", default="csv", help="comma-separated: csv, jsonl, xlsx")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--fill", metavar="DB", help=argparse.SUPPRESS)  # the child that fills the database
    parser.add_argument("--query", action="store_true", help=argparse.SUPPRESS)  # the child that prints the SQL
    args = parser.parse_args()
    if args.fill:
        fill(Path(args.fill), n_orgs=max(args.contacts // 10, 1), n_persons=max(args.contacts // 5, 1),
             n_contacts=args.contacts)
        return
    if args.query:
        sys.path.insert(0, str(ROOT))
        from desk.files import export_filters, export_kinds  # noqa: PLC0415 - see the module docstring

        query = export_kinds.KINDS["contacts"].query(export_filters.ExportFilter())
        print(f"SELECT {query.columns} {query.source} ORDER BY {', '.join(query.order)};")
        return
    folder = Path(tempfile.mkdtemp(prefix="desk-export-bench-"))
    db_path = folder / "bench.sqlite"
    start = time.perf_counter()
    subprocess.run([sys.executable, __file__, "--fill", str(db_path), "--contacts", str(args.contacts)], check=True)
    print(f"filled {args.contacts:,} contact moments in {time.perf_counter() - start:.0f} s "
          f"({db_path.stat().st_size / 1e6:.0f} MB database, {folder})")
    tenth = (START + (dt.datetime(2026, 11, 1, tzinfo=dt.UTC) - START) / 10).date()
    print(f"{'export':<34} {'rows':>9} {'seconds':>8} {'peak RSS MB':>12} {'file MB':>8}")
    for fmt in args.formats.split(","):
        for label, extra, rows in (("nothing (fixed cost)", ["--from", "2099-01-01"], 0),
                                   ("a tenth", ["--to", tenth.isoformat()], args.contacts // 10),
                                   ("all", [], args.contacts)):
            out = folder / f"out.{fmt}"
            seconds, peak, code = run_measured([str(DESK), "export", "contacts", "--format", fmt, "--out", str(out),
                                                "--db", str(db_path), *extra])
            size = out.stat().st_size / 1e6 if out.exists() else 0
            print(f"{fmt + ' ' + label:<34} {rows:>9,} {seconds:>8.1f} {peak:>12.0f} {size:>8.0f}"
                  + ("  FAILED" if code else ""))
    sqlite3_shell = shutil.which("sqlite3")
    if sqlite3_shell:
        same_query = subprocess.run([sys.executable, __file__, "--query"], capture_output=True, text=True,
                                    check=True).stdout
        for label, sql in (("sqlite3 shell -csv, bare table", "SELECT * FROM contacts ORDER BY occurred_at"),
                           ("sqlite3 shell -csv, same query", same_query)):
            seconds, peak, _code = run_measured([sqlite3_shell, "-csv", "-header", str(db_path), sql])
            print(f"{label:<34} {args.contacts:>9,} {seconds:>8.1f} {peak:>12.0f}")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
