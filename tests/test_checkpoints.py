"""The app's write-ahead log is copied back into the database file by a thread of its own
(desk/core/checkpoints.py), not by the commit that fills it. Nothing here measures time: a wait
for the thread gives up only after GENEROUS seconds."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from desk.core.workspace import Workspace
from desk.records import organisations
from desk.work.opening import open_workspace

GENEROUS = 30


def in_database_file(path: Path, text: str) -> bool:
    return text.encode() in path.read_bytes()


def wait_until(condition) -> bool:
    deadline = time.monotonic() + GENEROUS
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def checkpoint_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "desk-checkpoint"]


def test_a_commit_leaves_the_copying_to_the_thread_which_does_it_soon_after(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "desk.sqlite", None)
    ws.checkpoint_apart()
    assert ws.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0  # no commit copies the log back
    organisations.create_organisation(ws, {"name": "Terugschrijverij Noord"})
    assert wait_until(lambda: in_database_file(ws.path, "Terugschrijverij Noord"))
    ws.close()
    assert not checkpoint_threads()


def test_without_it_the_commit_stays_in_the_log_until_sqlite_copies_it(tmp_path: Path) -> None:
    """The other half of the test above: with SQLite's own checkpoints off and no thread, the file
    does not get the row (so the test above sees the thread's work, not SQLite's)."""
    ws = open_workspace(tmp_path / "desk.sqlite", None)
    ws.db.execute("PRAGMA wal_autocheckpoint = 0")
    organisations.create_organisation(ws, {"name": "Blijft In Het Logboek"})
    assert not in_database_file(ws.path, "Blijft In Het Logboek")
    assert in_database_file(Path(f"{ws.path}-wal"), "Blijft In Het Logboek")
    ws.close()


def test_a_rolled_back_write_wakes_no_checkpoint_and_the_app_keeps_working(ws: Workspace) -> None:
    ws.checkpoint_apart()
    try:
        with ws.write():
            organisations.create_organisation(ws, {"name": "Nooit Bewaard"})
            raise RuntimeError("terug")
    except RuntimeError:
        pass
    organisations.create_organisation(ws, {"name": "Wel Bewaard"})
    assert wait_until(lambda: in_database_file(ws.path, "Wel Bewaard"))
    assert [row.name for row in organisations.list_organisations(ws)] == ["Wel Bewaard"]


async def test_the_app_checkpoints_apart(ws: Workspace, make_app) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert ws.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        assert checkpoint_threads()


def search_segments_rows(path: Path) -> int:
    import sqlite3  # noqa: PLC0415

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM organisations_fts_data").fetchone()[0]
    finally:
        conn.close()


def automerge(ws: Workspace, table: str) -> int | None:
    row = ws.db.execute(f"SELECT v FROM {table}_config WHERE k = 'automerge'").fetchone()
    return row[0] if row else None


def test_commits_leave_the_search_index_merges_to_the_thread(tmp_path: Path) -> None:
    """The same 40 saves in two files: with the thread, the commits merge no segments themselves
    and the thread does; without merges, the segments pile up. Search finds every name either way."""
    names = [f"Zoekwerk {number:02d} Oost" for number in range(40)]
    unmerged = open_workspace(tmp_path / "unmerged.sqlite", None)
    unmerged.db.execute("INSERT INTO organisations_fts(organisations_fts, rank) VALUES ('automerge', 0)")
    merged = open_workspace(tmp_path / "merged.sqlite", None)
    merged.checkpoint_apart()
    assert wait_until(lambda: all(automerge(merged, table) == 0
                                  for table in ("organisations_fts", "persons_fts", "contacts_fts")))
    for name in names:
        organisations.create_organisation(unmerged, {"name": name})
        organisations.create_organisation(merged, {"name": name})
    assert wait_until(lambda: search_segments_rows(merged.path) < search_segments_rows(unmerged.path))
    for ws in (merged, unmerged):
        ws.db.execute("INSERT INTO organisations_fts(organisations_fts) VALUES ('integrity-check')")
        assert sorted(o.name for o in organisations.list_organisations(ws, "zoekwerk", 0, 100)) == names
        ws.close()
