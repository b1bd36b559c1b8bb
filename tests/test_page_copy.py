"""The daily backup writes only the pages changed since the backup it starts from, from one
snapshot of the live file, also while another process writes; the copy is a plain, checked file."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from db.connection import raw_connect
from db.errors import StorageError
from desk import demo
from desk.care import backups
from desk.records import organisations
from desk.work.opening import open_workspace

MONDAY = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
ROOT = Path(__file__).resolve().parents[1]


def _copy(source: Path, target: Path, base: Path | None = None, passphrase: str | None = None) -> dict:
    """The copying process, as the daily backup runs it."""
    request = {"source": str(source), "target": str(target), "base": str(base) if base else None,
               "passphrase": passphrase}
    done = subprocess.run([sys.executable, "-m", "db.page_copy"], input=json.dumps(request), text=True,
                          capture_output=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _rows(path: Path, passphrase: str | None = None) -> dict[str, list[str]]:
    """Every row of every table (full-text shadow tables too), in a stable order."""
    conn = raw_connect(path, passphrase)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                 "AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        return {table: sorted(repr(row) for row in conn.execute(f"SELECT * FROM [{table}]")) for table in tables}
    finally:
        conn.close()


def _demo_database(tmp_path: Path, passphrase: str | None = None):
    ws = open_workspace(tmp_path / "desk.sqlite", None, passphrase=passphrase)
    demo.load_demo(ws)
    return ws


def test_a_day_with_one_edit_writes_a_few_pages_and_the_copy_is_the_live_data(tmp_path: Path) -> None:
    ws = _demo_database(tmp_path)
    first = _copy(ws.path, tmp_path / "first.sqlite")
    assert first["method"] == "pages" and first["written"] == first["pages"] > 20

    organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})  # still in the WAL
    second = _copy(ws.path, tmp_path / "second.sqlite", base=tmp_path / "first.sqlite")
    assert second["method"] == "pages"
    assert 0 < second["written"] < second["pages"] / 4
    assert not (tmp_path / "first.sqlite").exists()  # it became the second
    assert _rows(tmp_path / "second.sqlite") == _rows(ws.path)
    assert backups.check_database(tmp_path / "second.sqlite") == []
    assert not list(tmp_path.glob("second.sqlite-*"))  # a rollback-journal file: no -wal beside it
    assert (tmp_path / "second.sqlite").stat().st_mode & 0o777 == 0o600


def test_the_copy_of_an_encrypted_database_is_encrypted_with_the_same_key(tmp_path: Path) -> None:
    ws = _demo_database(tmp_path, passphrase="rivierstad-2026")
    organisations.create_organisation(ws, {"name": "Zwaantje Quibus BV"})
    _copy(ws.path, tmp_path / "copy.sqlite", passphrase="rivierstad-2026")
    assert b"Quibus" not in (tmp_path / "copy.sqlite").read_bytes()
    assert _rows(tmp_path / "copy.sqlite", "rivierstad-2026") == _rows(ws.path, "rivierstad-2026")


WRITER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
    conn.execute("PRAGMA journal_mode = WAL")
    n = 0
    while True:
        n += 1
        conn.execute("INSERT INTO tick(n, filler) VALUES (?, randomblob(3000))", [n])
        time.sleep(float(sys.argv[2]))
""")


@pytest.mark.parametrize("pause", [0.02, 0.0])  # a writer with pauses, and one that never stops
def test_a_copy_made_while_another_process_writes_is_one_consistent_moment(tmp_path: Path, pause: float) -> None:
    ws = _demo_database(tmp_path)
    with sqlite3.connect(ws.path) as conn:
        conn.execute("CREATE TABLE tick(n INTEGER PRIMARY KEY, filler BLOB)")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(ws.path), str(pause)])
    try:
        base = None
        methods = set()
        for round_ in range(4):
            target = tmp_path / f"copy-{round_}.sqlite"
            methods.add(_copy(ws.path, target, base)["method"])
            with sqlite3.connect(target) as copy:
                assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                count, highest = copy.execute("SELECT count(*), coalesce(max(n), 0) FROM tick").fetchone()
            assert count == highest  # every insert up to one moment, none after it
            base = target
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    if pause:
        assert methods == {"pages"}
    with sqlite3.connect(ws.path) as live:
        assert live.execute("SELECT count(*) FROM tick").fetchone()[0] >= highest


def test_the_daily_backup_reuses_the_file_the_rotation_drops(tmp_path: Path) -> None:
    ws = _demo_database(tmp_path)
    made = []
    for day in range(9):
        organisations.create_organisation(ws, {"name": f"Dag {day} BV"})
        made.append(backups.ensure_daily_backup(ws.path, MONDAY + dt.timedelta(days=day)))
    kept = backups.list_backups(ws.path)
    assert len(kept) == 8 and kept[0].path == made[-1]
    assert not made[0].exists()  # dropped by the rotation: its file became a newer backup
    assert _rows(made[-1]) == _rows(ws.path)
    assert backups.check_database(made[-1]) == []
    assert backups.ensure_daily_backup(ws.path, MONDAY + dt.timedelta(days=8, hours=3)) is None


def test_a_stopped_backup_leaves_only_a_temporary_file_that_the_next_start_sweeps(tmp_path: Path) -> None:
    ws = _demo_database(tmp_path)
    with pytest.raises(StorageError, match="afgebroken"):
        backups.ensure_daily_backup(ws.path, MONDAY, started=lambda process: process.kill())
    assert backups.list_backups(ws.path) == []
    backups.sweep_leftovers(ws.path)
    assert not [p for p in (tmp_path / "backups").iterdir()]


def test_a_backup_that_cannot_be_written_says_why_in_dutch(tmp_path: Path) -> None:
    ws = _demo_database(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / f"desk-{MONDAY:%Y%m%dT%H%M%SZ}-dagelijks.sqlite.tmp").mkdir()  # the working file's place is taken
    with pytest.raises(StorageError) as raised:
        backups.ensure_daily_backup(ws.path, MONDAY)
    assert "back-up" in str(raised.value).lower() and "Traceback" not in str(raised.value)
    assert os.listdir(folder) == [f"desk-{MONDAY:%Y%m%dT%H%M%SZ}-dagelijks.sqlite.tmp"]
