"""Search-while-typing and list opening at 50,000 organisations (foundation figures).

Usage: python bench/search_50k.py [--orgs 50000]

Rows are bulk-inserted through the app's own schema (the services would take minutes for this
many), then the organisations list's per-keystroke query is timed against the bare FTS5 query on
the same file, and the real app is started headless to time opening the list and typing a search.
Prints medians and the ratio; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desk import organisations  # noqa: E402
from desk.clock import new_id, utc_iso  # noqa: E402
from desk.config import make_user  # noqa: E402
from desk.search import fts_query  # noqa: E402
from desk.workspace import open_workspace  # noqa: E402

WORDS = ["Groen", "Buurt", "Kracht", "Circulair", "Zorg", "Energie", "Atelier", "Werk", "Kans", "Stad",
         "Fiets", "Koffie", "Textiel", "Bouw", "Voedsel", "Leer", "Samen", "Tweede", "Oost", "West"]
KINDS = ["BV", "Stichting", "Coöperatie", "Werkplaats", "Collectief", "& Zn"]
CITIES = ["Dordrecht", "Zwijndrecht", "Papendrecht", "Sliedrecht", "Gorinchem", "Rivierstad"]
PREFIXES = ["g", "gr", "groe", "groen b", "kof", "dord", "circ", "zorg ate", "9123", "samen kr"]


def fill(ws, count: int) -> None:
    rng = random.Random(50_000)
    now = utc_iso()
    rows = [
        {"id": new_id(), "name": f"{rng.choice(WORDS)}{rng.choice(WORDS).lower()} {rng.choice(KINDS)} {i}",
         "kvk": f"{90000000 + i:08d}", "city": rng.choice(CITIES), "notes": "", "search_text": "",
         "created_at": now, "updated_at": now, "created_by": "BM", "updated_by": "BM"}
        for i in range(count)
    ]
    with ws.write() as db:
        db["organisations"].insert_all(rows, batch_size=5000)


def median_ms(fn, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure_queries(ws) -> None:
    conn = ws.db.conn
    print(f"{'prefix':<10} {'app query ms':>13} {'bare FTS ms':>12} {'ratio':>6}")
    ratios = []
    for prefix in PREFIXES:
        match = fts_query(prefix)

        def app_query() -> None:
            organisations.count_organisations(ws, prefix, include_archived=False)
            organisations.list_organisations(ws, prefix, 0, 100, include_archived=False)

        def bare_query() -> None:
            conn.execute("SELECT count(*) FROM organisations_fts WHERE organisations_fts MATCH ?", [match]).fetchone()
            conn.execute("SELECT rowid FROM organisations_fts WHERE organisations_fts MATCH ? ORDER BY rank LIMIT 100",
                         [match]).fetchall()

        app_ms, bare_ms = median_ms(app_query), median_ms(bare_query)
        ratios.append(app_ms / bare_ms)
        print(f"{prefix:<10} {app_ms:>13.2f} {bare_ms:>12.2f} {app_ms / bare_ms:>6.2f}")
    print(f"median ratio app/bare: {statistics.median(ratios):.2f}  (target <= 2)")


async def measure_app(ws, config: Path) -> None:
    from screens.app import make_app
    from screens.widgets.row_list import RowList

    app = make_app(ws, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        start = time.perf_counter()
        await pilot.press("o")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        opened = (time.perf_counter() - start) * 1000
        rows = app.screen.query_one(RowList).row_count
        print(f"open organisations list with {rows:,} rows: {opened:.0f} ms")
        await pilot.press("slash")
        per_key = []
        for char in "groen":
            start = time.perf_counter()
            await pilot.press(char)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            per_key.append((time.perf_counter() - start) * 1000)
        print("keystroke to updated list (ms): " + ", ".join(f"{ms:.0f}" for ms in per_key)
              + f"; {app.screen.query_one(RowList).row_count:,} matches")
        start = time.perf_counter()
        await pilot.press("escape", "end")
        await pilot.pause()
        print(f"jump to the last of {app.screen.query_one(RowList).row_count:,} rows: "
              f"{(time.perf_counter() - start) * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=50_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    ws = open_workspace(folder / "bench.sqlite", make_user("Bench Mark", "BM"))
    start = time.perf_counter()
    fill(ws, args.orgs)
    print(f"inserted {args.orgs:,} organisations in {time.perf_counter() - start:.1f} s ({folder})")
    measure_queries(ws)
    asyncio.run(measure_app(ws, folder / "config.json"))


if __name__ == "__main__":
    main()
