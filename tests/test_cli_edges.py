"""The edges of the command line, as real processes: a folder as database, special files as --out,
a read-only or full disk, a database another process is writing, and an error nobody foresaw.
Each gives one Dutch line on stderr and exit 1, never a traceback, and changes nothing."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sqlite_helpers import LockHolder, count

DESK = Path(sys.executable).with_name("desk")
PASSPHRASE = "lang-genoeg-wachtwoord"


def run_desk(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DESK), *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "DESK_PASSPHRASE": PASSPHRASE, **env}, stdin=subprocess.DEVNULL)


def assert_one_dutch_line(result: subprocess.CompletedProcess, *phrases: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stderr.startswith("desk: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    result = run_desk("demo", "--db", str(path), DESK_CONFIG=str(path.with_name("config.json")))
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "desk.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "leeg" / "desk.sqlite"
    path.parent.mkdir()
    made = run_desk("--db", str(path), "toolbox", "export", "--format", "md", "--out", "-")
    assert made.returncode == 0, made.stderr
    return path


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB file system of its own (tmpfs); the demo needs about 2 MB."""
    folder = tmp_path / "kleine-schijf"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.fail(f"kan geen tmpfs koppelen (root met CAP_SYS_ADMIN nodig): {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def _resize(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


# --- --db at a folder ---------------------------------------------------------------------------

FOLDER_CASES = {
    "app start": [],
    "demo": ["demo"],
    "import": ["import", "organisations", "x.csv"],
    "export": ["export", "contacts", "--out", "-"],
    "toolbox export": ["toolbox", "export", "--format", "md", "--out", "-"],
    "report": ["report", "--from", "1-1-2026", "--to", "31-12-2026", "--format", "md", "--out", "-"],
    "backup": ["backup"],
    "restore": ["restore", "x.sqlite"],
    "check": ["check"],
    "encrypt": ["encrypt"],
    "decrypt": ["decrypt"],
}


@pytest.mark.parametrize("words", FOLDER_CASES.values(), ids=FOLDER_CASES.keys())
def test_a_folder_as_database_is_one_dutch_line(words: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    assert_one_dutch_line(run_desk("--db", str(folder), *words, cwd=tmp_path), f"{folder} is een map")
    assert_one_dutch_line(run_desk(*words, cwd=tmp_path, DESK_DB=str(folder)), f"{folder} is een map")
    assert list(folder.iterdir()) == []


# --- special files as --out ---------------------------------------------------------------------

def _make_special(kind: str, path: Path) -> socket.socket | None:
    if kind == "device":
        # A copy of /dev/null (character device 1,3) in tmp_path: the real one as --out would be
        # replaced by a regular file on this machine if the refusal ever broke. Without root there
        # is no mknod: then a link to /dev/null, which only root could replace (a broken refusal
        # would replace the link, and the test sees that).
        try:
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            path.symlink_to("/dev/null")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(path))
        return listener
    return None


OUT_COMMANDS = {
    "export": ["export", "contacts", "--out"],
    "report": ["report", "--from", "1-1-2020", "--to", "31-12-2030", "--format", "md", "--out"],
    "toolbox export": ["toolbox", "export", "--format", "html", "--out"],
    "backup": ["backup", "--out"],
}


@pytest.mark.parametrize("kind", ["device", "fifo", "socket"])
@pytest.mark.parametrize("words", OUT_COMMANDS.values(), ids=OUT_COMMANDS.keys())
def test_a_special_file_as_out_is_refused_and_left_alone(kind: str, words: list[str], demo_db: Path,
                                                          tmp_path: Path) -> None:
    special = tmp_path / "s"  # short: a socket path has a length limit
    listener = _make_special(kind, special)
    before = os.stat(special)
    audits = count(demo_db, "SELECT count(*) FROM audit")
    try:
        result = run_desk("--db", str(demo_db), *words, str(special))
    finally:
        if listener is not None:
            listener.close()
    assert_one_dutch_line(result, "geen gewoon bestand")
    after = os.stat(special)
    assert (stat.S_IFMT(after.st_mode), after.st_ino, after.st_rdev) == (
        stat.S_IFMT(before.st_mode), before.st_ino, before.st_rdev)
    assert count(demo_db, "SELECT count(*) FROM audit") == audits
    assert {p.name for p in tmp_path.iterdir()} - {"desk.sqlite-wal", "desk.sqlite-shm"} == {"desk.sqlite", "s"}


# --- a read-only and a full disk ----------------------------------------------------------------

def test_writing_to_a_read_only_file_system_is_one_dutch_line(demo_db: Path, small_disk: Path) -> None:
    _resize(small_disk, "ro")
    for words in (["backup", "--out", str(small_disk / "kopie.sqlite")],
                  ["export", "contacts", "--out", str(small_disk / "contacten.csv")],
                  ["report", "--from", "1-1-2020", "--to", "31-12-2030", "--format", "md",
                   "--out", str(small_disk / "rapport.md")]):
        assert_one_dutch_line(run_desk("--db", str(demo_db), *words), "alleen-lezen")
    assert list(small_disk.iterdir()) == []
    assert count(demo_db, "SELECT count(*) FROM audit WHERE action = 'export'") == 0


def test_a_backup_into_a_missing_folder_is_one_dutch_line(demo_db: Path, tmp_path: Path) -> None:
    assert_one_dutch_line(run_desk("--db", str(demo_db), "backup", "--out", str(tmp_path / "weg" / "b.sqlite")),
                          "bestaat niet")


def test_a_full_disk_during_the_demo_leaves_nothing_and_the_demo_can_run_again(small_disk: Path) -> None:
    database = small_disk / "desk.sqlite"
    assert_one_dutch_line(run_desk("--db", str(database), "demo"), "De schijf is vol")
    for table in ("organisations", "persons", "contacts", "events", "referrals", "followups", "toolbox_answers"):
        assert count(database, f"SELECT count(*) FROM {table}") == 0, table
    assert count(database, "SELECT count(*) FROM settings WHERE value LIKE '%Rivierstad%'") == 0
    _resize(small_disk, "size=8M")
    again = run_desk("--db", str(database), "demo")
    assert again.returncode == 0, again.stderr
    assert count(database, "SELECT count(*) FROM organisations") == 40


def test_a_full_disk_during_an_import_is_one_dutch_line_and_saves_nothing(small_disk: Path, tmp_path: Path) -> None:
    database = small_disk / "desk.sqlite"
    made = run_desk("--db", str(database), "toolbox", "export", "--format", "md", "--out", "-")
    assert made.returncode == 0, made.stderr
    rows = [f"Bedrijf {number} BV;Rivierstad;{'lange notitie ' * 25}" for number in range(6000)]
    csv = tmp_path / "veel.csv"
    csv.write_text("naam;plaats;notities\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert_one_dutch_line(run_desk("--db", str(database), "import", "organisations", str(csv)), "De schijf is vol")
    assert count(database, "SELECT count(*) FROM organisations") == 0


# --- a database another process is writing ------------------------------------------------------


def test_a_command_that_cannot_get_the_write_lock_says_so_and_changes_nothing(
        empty_db: Path, demo_template: Path, tmp_path: Path) -> None:
    csv = tmp_path / "een.csv"
    csv.write_text("naam;plaats\nAtelier Rivieroever;Rivierstad\n", encoding="utf-8")
    out = tmp_path / "contacten.csv"
    commands = {
        "demo": ["demo"],
        "import": ["import", "organisations", str(csv)],
        "export": ["export", "organisations", "--out", str(out)],
        "restore": ["restore", str(demo_template)],
        "encrypt": ["encrypt"],
        "decrypt": ["decrypt"],  # refused as not encrypted, or as busy: either way nothing changes
        "check": ["check"],
    }
    before = {table: count(empty_db, f"SELECT count(*) FROM {table}") for table in ("organisations", "audit", "settings")}
    with LockHolder(empty_db):
        env = {**os.environ, "DESK_PASSPHRASE": PASSPHRASE}
        running = {name: subprocess.Popen([str(DESK), "--db", str(empty_db), *words], stdin=subprocess.DEVNULL,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                   for name, words in commands.items()}
        results = {name: subprocess.CompletedProcess(p.args, p.wait(timeout=120), *p.communicate())
                   for name, p in running.items()}
    for name, result in results.items():
        if name == "decrypt":
            assert_one_dutch_line(result)
            continue
        assert_one_dutch_line(result, "De database is bezig")
    after = {table: count(empty_db, f"SELECT count(*) FROM {table}") for table in before}
    assert after == before
    assert empty_db.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not out.exists()
    assert not (empty_db.parent / "backups").exists()


# --- what nobody foresaw ------------------------------------------------------------------------

def test_an_unexpected_error_is_one_line_and_its_traceback_goes_to_a_log_beside_the_database(
        demo_db: Path, tmp_path: Path) -> None:
    # A damaged row (a date that is no date) trips the export over something it does not expect.
    # Should exports learn to cope with it, this test needs another way in.
    conn = sqlite3.connect(demo_db)
    conn.execute("UPDATE contacts SET occurred_at = 'kapot' WHERE seq = (SELECT min(seq) FROM contacts)")
    conn.commit()
    conn.close()
    out = tmp_path / "uit" / "contacten.xlsx"
    out.parent.mkdir()
    log = tmp_path / "desk-fout.log"
    result = run_desk("--db", str(demo_db), "export", "contacts", "--format", "xlsx", "--out", str(out))
    assert_one_dutch_line(result, "onverwachts", str(log))
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "ValueError" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert list(out.parent.iterdir()) == []  # no export and no half-written temporary file
    assert count(demo_db, "SELECT count(*) FROM audit WHERE action = 'export'") == 0


def test_a_usage_error_still_exits_2() -> None:
    result = run_desk("demo", "--onbekend")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
