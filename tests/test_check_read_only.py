"""`desk check` on a file Desk may not write: a healthy one is called healthy, a damaged one damaged.

A read-only disk is a small tmpfs remounted read-only (we run as root, and permission bits do not
stop root); a chmod 0444 file is checked too."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk import demo
from desk.work.opening import open_workspace
from tests.test_cli_maintenance import run_desk


@pytest.fixture(scope="module")
def healthy_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "desk.sqlite"
    ws = open_workspace(path, None)
    demo.load_demo(ws)
    ws.close()
    return path


def _mount(folder: Path, *options: str) -> bool:
    return subprocess.run(["mount", *options, str(folder)], capture_output=True).returncode == 0


@pytest.fixture
def read_only_disk(tmp_path: Path, healthy_demo: Path) -> Iterator[Path]:
    """A folder on a read-only file system holding a copy of the demo database; its parent
    ``staging`` path is where a test may change the file before the disk turns read-only."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount(disk, "-t", "tmpfs", "-o", "size=16m", "tmpfs"):
        pytest.fail("kan hier geen tmpfs aankoppelen (geen root of geen mount)")
    try:
        shutil.copyfile(healthy_demo, disk / "desk.sqlite")
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def _make_read_only(disk: Path) -> None:
    assert _mount(disk, "-o", "remount,ro"), "remount read-only failed"
    with pytest.raises(OSError):
        (disk / "probe").write_text("x")


def test_healthy_file_on_a_read_only_disk_is_called_healthy(read_only_disk: Path) -> None:
    _make_read_only(read_only_disk)
    result = run_desk("check", "--db", str(read_only_disk / "desk.sqlite"))
    assert result.returncode == 0, result.stderr
    assert "alleen-lezen maar gezond" in result.stdout
    assert sorted(p.name for p in read_only_disk.iterdir()) == ["desk.sqlite"]


def test_damaged_file_on_a_read_only_disk_is_called_damaged(read_only_disk: Path) -> None:
    path = read_only_disk / "desk.sqlite"
    data = bytearray(path.read_bytes())
    for index in range(8192, 60_000, 7):
        data[index] = 0x55
    path.write_bytes(bytes(data))
    _make_read_only(read_only_disk)
    result = run_desk("check", "--db", str(path))
    assert result.returncode == 1 and "niet in orde" in result.stderr and "Traceback" not in result.stderr
    assert "gezond" not in result.stdout + result.stderr


def test_damaged_search_index_on_a_read_only_disk_is_found(read_only_disk: Path) -> None:
    import sqlite3  # noqa: PLC0415

    conn = sqlite3.connect(read_only_disk / "desk.sqlite")
    conn.execute("DELETE FROM contacts_fts_data WHERE id > 10")
    conn.commit()
    conn.close()
    _make_read_only(read_only_disk)
    result = run_desk("check", "--db", str(read_only_disk / "desk.sqlite"))
    assert result.returncode == 1 and "contacts_fts" in result.stderr


def test_chmod_0444_healthy_file_is_not_called_damaged(tmp_path: Path, healthy_demo: Path) -> None:
    path = tmp_path / "desk.sqlite"
    shutil.copyfile(healthy_demo, path)
    path.chmod(0o444)
    result = run_desk("check", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert "gezond" in result.stdout or "in orde" in result.stdout
    assert path.stat().st_mode & 0o777 == 0o444
