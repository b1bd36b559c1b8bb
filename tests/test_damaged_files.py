"""Damaged or odd database files: a clear message, a recovery screen, nothing overwritten."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import db as storage
from desk import demo
from desk.care import backups
from desk.work.opening import open_workspace
from screens.recovery import RecoveryApp

DESK = Path(sys.executable).with_name("desk")


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for index in range(8192, min(len(data), 60_000), 7):
        data[index] = 0x55
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "desk.sqlite"
    ws = open_workspace(path, None)
    demo.load_demo(ws)
    ws.close()
    backups.make_backup(path, backups.DAILY)
    _damage(path)
    return path


def test_damaged_file_is_refused_with_a_clear_error(damaged: Path) -> None:
    before = damaged.read_bytes()
    with pytest.raises(storage.DamagedDatabaseError, match="beschadigd"):
        storage.open_database(damaged)
    assert damaged.read_bytes() == before
    assert backups.check_database(damaged)


async def test_recovery_screen_restores_the_latest_backup(damaged: Path) -> None:
    app = RecoveryApp(damaged, "beschadigd")
    async with app.run_test() as pilot:
        assert "laatste back-up" in str(app.query_one("#advice").render())
        await pilot.press("h")
        await pilot.pause()
    assert app.return_value is True
    assert backups.check_database(damaged) == []
    assert damaged.with_name("desk.sqlite.beschadigd").exists()
    assert sqlite3.connect(damaged).execute("SELECT count(*) FROM organisations").fetchone()[0] == 40


async def test_recovery_screen_quits_without_changing_anything(damaged: Path) -> None:
    before = damaged.read_bytes()
    app = RecoveryApp(damaged, "beschadigd")
    async with app.run_test() as pilot:
        await pilot.press("q")
    assert app.return_value is False and damaged.read_bytes() == before


def test_read_only_file_is_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite"
    open_workspace(path, None).close()
    path.chmod(0o400)
    try:
        if os.access(path, os.W_OK):  # root can write anyway; check the message path directly
            with pytest.raises(storage.StorageError):
                storage.connection.connect(tmp_path / "nope" / "x.sqlite")
        else:
            with pytest.raises(storage.StorageError, match="alleen-lezen"):
                storage.open_database(path)
    finally:
        path.chmod(0o600)


def test_cli_on_a_damaged_file_prints_one_line(damaged: Path) -> None:
    result = subprocess.run([str(DESK), "demo", "--db", str(damaged)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "beschadigd" in result.stderr
    assert "Traceback" not in result.stderr
