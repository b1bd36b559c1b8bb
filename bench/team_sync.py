"""Team sync at scale (issue 19): founding a register from a laptop's file, a new laptop joining it,
and a day at an event (50 intakes with a new organisation each) going up from one laptop and coming
in on the other, against a real PostgreSQL (pgserver, in a temporary folder).

    python bench/team_sync.py --scale 1.0            generate the design-scale file first
    python bench/team_sync.py --source FILE.sqlite   start from a copy of a generated file

Prints figures and the event day's ratio to its limit (1 s per sync); asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EVENT_INTAKES = 50
SYNC_LIMIT_S = 1.0


def _history_bytes(conninfo: str) -> tuple[int, int]:
    from db import register

    with register.connect(conninfo) as conn:
        return conn.execute("SELECT count(*), coalesce(sum(octet_length(changeset)), 0) FROM desk_history").fetchone()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--source", type=Path, help="a generated database to copy (skips generating)")
    args = parser.parse_args()

    import pgserver

    from desk.core.config import make_user
    from desk.team import sync
    from desk.work import intake
    from desk.work.opening import open_workspace

    work = Path(tempfile.mkdtemp(prefix="desk-team-bench-"))
    a_path, b_path = work / "a" / "desk.sqlite", work / "b" / "desk.sqlite"
    a_path.parent.mkdir()
    b_path.parent.mkdir()
    if args.source:
        shutil.copy(args.source, a_path)
    else:
        from bench.generate import generate

        generate(a_path, scale=args.scale)
    server = pgserver.get_server(work / "postgres", cleanup_mode="stop")
    try:
        from tests.team_helpers import new_register

        conninfo = new_register(server)
        started = time.perf_counter()
        sync.join(a_path, conninfo, author="A")
        founding = time.perf_counter() - started
        versions, stored = _history_bytes(conninfo)
        print(f"founding: {founding:.1f} s, {versions} versions, {stored / 1e6:.1f} MB in the register")

        started = time.perf_counter()
        sync.join(b_path, conninfo, author="B")
        joining = time.perf_counter() - started
        print(f"a new laptop joins: {joining:.1f} s")

        ws = open_workspace(a_path, make_user("Anna", "A"))
        try:
            for n in range(EVENT_INTAKES):
                intake.save_intake(ws, {"organisation_name": f"Evenementstarter {n:02}", "person_name": f"Starter {n}",
                                        "subject": "Kennismaking op de beurs", "notes": "Wil een pand delen",
                                        "confirm_new_organisation": True})
        finally:
            ws.close()
        before_versions, before_bytes = _history_bytes(conninfo)
        started = time.perf_counter()
        up = sync.run_round(a_path, conninfo, author="A")
        push = time.perf_counter() - started
        started = time.perf_counter()
        down = sync.run_round(b_path, conninfo, author="B")
        pull = time.perf_counter() - started
        after_versions, after_bytes = _history_bytes(conninfo)
        rows = _rows_after(conninfo, before_versions)
        size = after_bytes - before_bytes
        print(f"event day ({EVENT_INTAKES} intakes): push {push * 1000:.0f} ms ({push / SYNC_LIMIT_S:.2f}x limit), "
              f"pull on the other laptop {pull * 1000:.0f} ms ({pull / SYNC_LIMIT_S:.2f}x limit); "
              f"{up.pushed} changeset(s) up, {down.pulled} down")
        print(f"bytes per change: {size} bytes for {rows} changed rows = {size / max(rows, 1):.0f} bytes per row")
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)


def _rows_after(conninfo: str, after: int) -> int:
    import apsw

    from db import register

    with register.connect(conninfo) as conn:
        return sum(sum(1 for _ in apsw.Changeset.iter(e.changeset)) for e in register.pull(conn, after))


if __name__ == "__main__":
    main()
