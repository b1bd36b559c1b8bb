"""encrypt and decrypt killed (kill -9) at random moments, as processes, then run again: every file
ends in the target form with all its rows, and nothing is left beside them.

Before this, a kill during `desk encrypt` left an encrypted database beside plaintext backups and
the rerun refused ("is al versleuteld"). Half of the kills are timed from the start of the process,
spread over the measured duration of one whole run, so they land in start-up too; the other half are
timed from the start of converting one of the four files (a child that runs the command in-process
with a timer), so kills land inside every conversion however loaded the machine is."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from db.connection import SQLITE_HEADER, raw_connect
from desk import demo
from desk.care import backups, encryption
from desk.work.opening import open_workspace
from tests.test_cli_maintenance import DESK

PASSPHRASE = "rivierstad-2026"
TRIES = 30
WORKERS = 3


def _desk(command: str, db: Path) -> subprocess.Popen:
    return subprocess.Popen([str(DESK), command, "--db", str(db)], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, encryption.PASSPHRASE_ENV: PASSPHRASE})


def _counts(path: Path, passphrase: str | None) -> dict[str, int]:
    conn = raw_connect(path, passphrase)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for t in tables}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def plain_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database with three backups."""
    folder = tmp_path_factory.mktemp("plain")
    path = folder / "desk.sqlite"
    ws = open_workspace(path, None)
    demo.load_demo(ws)
    ws.close()
    for reason in ("handmatig", "dagelijks", "voor-herstel"):
        backups.make_backup(path, reason)
        time.sleep(1.01)  # backups are named by the second
    return folder


@pytest.fixture(scope="module")
def encrypted_folder(plain_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("encrypted") / "data"
    shutil.copytree(plain_folder, folder)
    encryption.encrypt(folder / "desk.sqlite", PASSPHRASE)
    return folder


def _emails(plain_folder: Path) -> list[bytes]:
    conn = sqlite3.connect(plain_folder / "desk.sqlite")
    found = [r[0].encode() for r in conn.execute("SELECT email FROM persons WHERE email LIKE '%@%' LIMIT 20")]
    conn.close()
    assert found
    return found


def _measure(command: str, source: Path, where: Path) -> float:
    folder = where / "measure"
    shutil.copytree(source, folder)
    started = time.monotonic()
    finished = _desk(command, folder / "desk.sqlite")
    _, err = finished.communicate(timeout=120)
    assert finished.returncode == 0, err
    return time.monotonic() - started


# Runs `desk <command>` in this process; when the conversion of file number N (1-4) begins, a timer
# starts that SIGKILLs the process after the given seconds, wherever it is by then.
KILLED_DURING_A_FILE = textwrap.dedent("""
    import os, signal, sys, threading
    from desk.care import encryption
    from desk.cli.commands import main

    command, db, file_number, delay = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    convert_file = encryption._convert_file
    started = []

    def convert_with_a_timer(*args):
        started.append(args[0])
        if len(started) == file_number:
            timer = threading.Timer(delay, os.kill, (os.getpid(), signal.SIGKILL))
            timer.daemon = True
            timer.start()
        convert_file(*args)

    encryption._convert_file = convert_with_a_timer
    sys.exit(main([command, "--db", db]))
""")


def _kill_then_rerun(command: str, source: Path, folder: Path, delay: float, file_number: int | None = None) -> bool:
    """One try; True when the kill cut a conversion off (its journal was left behind). Without a
    file number the kill comes ``delay`` seconds after the process started, with one ``delay``
    seconds after the conversion of that file began."""
    shutil.copytree(source, folder)
    db = folder / "desk.sqlite"
    if file_number is None:
        victim = _desk(command, db)
        time.sleep(delay)
        victim.send_signal(signal.SIGKILL)
    else:
        victim = subprocess.Popen([sys.executable, "-c", KILLED_DURING_A_FILE, command, str(db), str(file_number),
                                   str(delay)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, encryption.PASSPHRASE_ENV: PASSPHRASE})
    victim.communicate(timeout=120)
    interrupted = encryption.journal_path(db).exists()
    if interrupted:  # the next start of Desk says what to do, in one line, and opens nothing
        started = subprocess.run([str(DESK), "export", "organisations", "--out", "-", "--db", str(db)],
                                 capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120,
                                 env={**os.environ, encryption.PASSPHRASE_ENV: PASSPHRASE})
        assert started.returncode == 1 and started.stderr.count("\n") == 1, started.stderr
        assert f"desk {command}" in started.stderr
    rerun = _desk(command, db)
    _, err = rerun.communicate(timeout=120)
    done_before = "al versleuteld" in err or "niet versleuteld" in err  # the kill came after the end
    assert rerun.returncode == 0 or (done_before and not interrupted), err
    return interrupted


def _check_folder(folder: Path, encrypted: bool, expected: dict[str, int], emails: list[bytes]) -> None:
    db = folder / "desk.sqlite"
    files = [db, *(b.path for b in backups.list_backups(db))]
    assert len(files) == 4
    leftovers = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p not in files
                       and not (p.name.endswith(("-wal", "-shm")) and p.stat().st_size == 0))
    assert leftovers == []
    for path in files:
        data = path.read_bytes()
        if encrypted:
            assert not data.startswith(SQLITE_HEADER), path
            assert not any(email in data for email in emails), path
        else:
            assert data.startswith(SQLITE_HEADER), path
        counts = _counts(path, PASSPHRASE if encrypted else None)
        assert counts == expected, path


@pytest.mark.parametrize("command", ["encrypt", "decrypt"])
def test_kill_at_any_moment_then_rerun_finishes(command: str, plain_folder: Path, encrypted_folder: Path,
                                                tmp_path: Path) -> None:
    source = plain_folder if command == "encrypt" else encrypted_folder
    expected = _counts(plain_folder / "desk.sqlite", None)
    emails = _emails(plain_folder)
    duration = _measure(command, source, tmp_path)
    rng = random.Random(15)
    # Even tries: one delay in each of the equal slices of the whole run, at a random place in its
    # slice. Odd tries: each of the four files in turn, at a random moment of the time a file takes
    # at most (a quarter of the run, start-up included).
    half = TRIES // 2
    timed_from_start = [(duration * (slot + rng.random()) / half, None) for slot in range(half)]
    timed_from_a_file = [(rng.random() * duration / 4, 1 + slot % 4) for slot in range(TRIES - half)]
    tries = [kill for pair in zip(timed_from_start, timed_from_a_file, strict=True) for kill in pair]

    def one(slot: int) -> bool:
        folder = tmp_path / f"try-{slot}"
        delay, file_number = tries[slot]
        interrupted = _kill_then_rerun(command, source, folder, delay, file_number)
        _check_folder(folder, command == "encrypt", expected, emails)
        return interrupted

    with ThreadPoolExecutor(WORKERS) as pool:
        interrupted = list(pool.map(one, range(TRIES)))
    from_a_file = interrupted[1::2]
    print(f"{command}: {duration:.2f} s per run; {sum(interrupted)} of {TRIES} kills cut a conversion off, "
          f"{sum(from_a_file)} of the {len(from_a_file)} timed from a file")
    assert any(from_a_file), "no kill landed inside a conversion: the test proved nothing"


# Runs `desk encrypt` in this process and kills it (SIGKILL) as soon as the first file, the database,
# is converted: the moment between the database and the backups, every time.
KILLED_AFTER_THE_DATABASE = textwrap.dedent("""
    import os, signal, sys
    from desk.care import encryption
    from desk.cli.commands import main

    convert_file = encryption._convert_file

    def convert_then_die(path, *args):
        convert_file(path, *args)
        os.kill(os.getpid(), signal.SIGKILL)

    encryption._convert_file = convert_then_die
    sys.exit(main(["encrypt", "--db", sys.argv[1]]))
""")


def test_resuming_with_another_passphrase_is_refused_and_changes_nothing(plain_folder: Path,
                                                                         tmp_path: Path) -> None:
    """Cut an encrypt off after the database is done but before the backups are, then rerun it
    with another passphrase: refused in one line before any file changes; the first one finishes."""
    folder = tmp_path / "afgebroken"
    shutil.copytree(plain_folder, folder)
    db = folder / "desk.sqlite"
    killed = subprocess.run([sys.executable, "-c", KILLED_AFTER_THE_DATABASE, str(db)], capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL,
                            env={**os.environ, encryption.PASSPHRASE_ENV: PASSPHRASE})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert encryption.journal_path(db).exists() and encryption.is_encrypted(db)
    assert any(not encryption.is_encrypted(backup) for backup in (folder / "backups").rglob("*.sqlite"))
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    wrong = subprocess.run([str(DESK), "encrypt", "--db", str(db)], capture_output=True, text=True, timeout=120,
                           stdin=subprocess.DEVNULL, env={**os.environ, encryption.PASSPHRASE_ENV: "een-ander-wachtwoord"})
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "opent" in wrong.stderr, wrong.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    rerun = _desk("encrypt", db)
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    _check_folder(folder, True, _counts(plain_folder / "desk.sqlite", None), _emails(plain_folder))
