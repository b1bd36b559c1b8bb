"""Every file and folder Desk creates is private (files 0600, folders 0700), a temporary copy is
private from its first byte, and what a kill leaves behind is swept at the next start.

Run as processes with the common umask 022, under which a file made without care is 0644."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk.core.config import load_user, make_user, save_user
from desk.files import writing
from desk.work.opening import open_workspace
from tests.test_cli_maintenance import DESK

PASSPHRASE = "rivierstad-2026"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DESK_DB"}  # Desk's default folder
    return {**env, "XDG_DATA_HOME": str(tmp_path / "xdg-data"), **extra}


def _desk(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DESK), *args], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
                          env=_env(tmp_path, **extra), preexec_fn=lambda: os.umask(0o022))


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _loose(folder: Path) -> list[str]:
    """Everything under ``folder`` (and itself) that is not private, with its mode."""
    found = [folder, *folder.rglob("*")]
    return [f"{p} {oct(_mode(p))}" for p in found
            if _mode(p) != (0o700 if p.is_dir() else 0o600) and not p.is_symlink()]


def test_everything_desk_creates_is_private(tmp_path: Path) -> None:
    data = tmp_path / "xdg-data" / "desk"
    assert _desk(tmp_path, "demo").returncode == 0
    db = data / "desk.sqlite"
    assert db.exists()
    made = _desk(tmp_path, "backup")
    assert made.returncode == 0, made.stderr
    exports = data / "exports"
    exports.mkdir(mode=0o700)
    exported = _desk(tmp_path, "export", "contacts", "--out", str(exports / "contacten.csv"))
    assert exported.returncode == 0, exported.stderr
    person = _desk(tmp_path, "export", "person", "abdi.warsame@taalcafedeverbinding.example", "--out", str(exports))
    assert person.returncode == 0, person.stderr
    assert _loose(data) == []
    encrypted = _desk(tmp_path, "encrypt", DESK_PASSPHRASE=PASSPHRASE)
    assert encrypted.returncode == 0, encrypted.stderr
    again = _desk(tmp_path, "backup", DESK_PASSPHRASE=PASSPHRASE)
    assert again.returncode == 0, again.stderr
    assert _loose(data) == []
    assert len(list((data / "backups").iterdir())) == 2


def test_config_is_private_from_its_first_save(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        config = tmp_path / "nieuw" / "config.json"
        save_user(config, make_user("Jet de Vries", "JdV"))
        assert _mode(config) == 0o600 and _mode(config.parent) == 0o700
        loose = tmp_path / "oud.json"
        loose.write_text("{}")
        loose.chmod(0o644)
        save_user(loose, make_user("Jet de Vries", "JdV"))  # replaced by a private file, not rewritten
        assert _mode(loose) == 0o600 and load_user(loose).initials == "JdV"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["nieuw", "oud.json"]
        loose.chmod(0o644)  # as an older Desk wrote it: the next start makes it private
        assert load_user(loose).initials == "JdV" and _mode(loose) == 0o600
    finally:
        os.umask(old_umask)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    data = tmp_path / "xdg-data" / "desk"
    assert _desk(tmp_path, "demo").returncode == 0
    return data / "desk.sqlite"


def test_a_killed_backup_leaves_only_a_private_temp_and_the_next_start_sweeps_it(tmp_path: Path,
                                                                                demo_db: Path) -> None:
    """Watch for the temporary copy to appear, check its mode at once, and kill the backup then
    (after a random few milliseconds): the next start removes what it left."""
    backups_dir = demo_db.parent / "backups"
    rng = random.Random(5)
    left = 0
    for _ in range(10):
        victim = subprocess.Popen([str(DESK), "backup"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, env=_env(tmp_path), preexec_fn=lambda: os.umask(0o022))
        seen: list[int] = []
        while victim.poll() is None and not seen:
            for temp in backups_dir.glob("*.tmp") if backups_dir.is_dir() else []:
                try:
                    seen.append(_mode(temp))
                except FileNotFoundError:
                    pass
        time.sleep(rng.random() * 0.02)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=60)
        assert all(mode == 0o600 for mode in seen), [oct(mode) for mode in seen]
        temps = list(backups_dir.glob("*.tmp"))
        left += len(temps)
        assert _loose(backups_dir) == []
        opened = _desk(tmp_path, "export", "organisations", "--out", "-")  # the next start
        assert opened.returncode == 0, opened.stderr
        assert list(backups_dir.glob("*.tmp")) == []
    print(f"{left} of 10 kills left a temporary backup behind")
    assert left, "no kill landed while the copy was written: the test proved nothing"


def test_leftover_temps_are_swept_at_start_but_one_being_written_is_kept(tmp_path: Path, demo_db: Path) -> None:
    backups_dir = demo_db.parent / "backups"
    backups_dir.mkdir(exist_ok=True)
    leftovers = [backups_dir / "desk-20260101T000000Z-handmatig.sqlite.tmp",
                 backups_dir / "desk-20260101T000000Z-voor-migratie.sqlite.tmp",
                 backups_dir / "desk-20260101T000000Z-dagelijks.sqlite.omzetten",
                 demo_db.with_name("desk.sqlite.omzetten"), demo_db.with_name("desk.sqlite.omzetten.json.tmp")]
    for path in leftovers:
        path.write_bytes(b"SQLite format 3\x00 persoonsgegevens")
    someone_elses = backups_dir / "notities.tmp"
    someone_elses.write_text("niet van Desk")
    being_written = backups_dir / "desk-20260101T000001Z-handmatig.sqlite.tmp"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(being_written)!r}, os.O_CREAT | os.O_WRONLY, 0o600)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        opened = _desk(tmp_path, "export", "organisations", "--out", "-")
        assert opened.returncode == 0, opened.stderr
        assert [p for p in leftovers if p.exists()] == []
        assert someone_elses.exists() and being_written.exists()
    finally:
        holder.kill()
        holder.wait()


def test_looser_folders_are_tightened_at_start_and_desk_says_so(tmp_path: Path, demo_db: Path) -> None:
    data = demo_db.parent
    ws = open_workspace(demo_db, None)
    exports = writing.exports_dir(ws)
    ws.close()
    assert _mode(exports) == 0o700
    for folder in (data, data / "backups", exports):
        folder.mkdir(exist_ok=True)
        folder.chmod(0o755)
    opened = _desk(tmp_path, "export", "organisations", "--out", "-")
    assert opened.returncode == 0, opened.stderr
    assert [_mode(f) for f in (data, data / "backups", exports)] == [0o700] * 3
    assert opened.stderr.count("nu alleen voor jou") == 3
    elsewhere = tmp_path / "eigen-map"
    elsewhere.mkdir()
    elsewhere.chmod(0o755)
    own = elsewhere / "desk.sqlite"
    assert _desk(tmp_path, "demo", "--db", str(own)).returncode == 0
    assert _mode(elsewhere) == 0o755  # a folder the user chose is theirs; only Desk's own are tightened
    assert _mode(own) == 0o600
    assert stat.S_ISDIR((elsewhere).stat().st_mode)
