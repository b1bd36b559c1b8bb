"""backup, restore, check, encrypt, decrypt and report on the command line, as real processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desk import demo
from desk.care import backups
from desk.work.opening import open_workspace

DESK = Path(sys.executable).with_name("desk")


def run_desk(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DESK), *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env}, stdin=subprocess.DEVNULL)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "desk.sqlite"
    ws = open_workspace(path, None)
    demo.load_demo(ws)
    ws.close()
    return path


def test_backup_check_and_restore(demo_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kopie.sqlite"
    made = run_desk("backup", "--db", str(demo_db), "--out", str(copy))
    assert made.returncode == 0, made.stderr
    assert copy.stat().st_mode & 0o777 == 0o600
    assert run_desk("check", "--db", str(demo_db)).returncode == 0
    conn = sqlite3.connect(demo_db)
    conn.execute("DELETE FROM referral_history")
    conn.commit()
    conn.close()
    restored = run_desk("restore", str(copy), "--db", str(demo_db))
    assert restored.returncode == 0, restored.stderr
    assert "vorige stand" in restored.stderr
    assert sqlite3.connect(demo_db).execute("SELECT count(*) FROM referral_history").fetchone()[0] > 0
    assert any(b.reason == "voor-herstel" for b in backups.list_backups(demo_db))


def test_check_reports_damage_with_exit_1(demo_db: Path) -> None:
    data = bytearray(demo_db.read_bytes())
    for index in range(8192, 60_000, 7):
        data[index] = 0x55
    demo_db.write_bytes(bytes(data))
    result = run_desk("check", "--db", str(demo_db))
    assert result.returncode == 1 and "niet in orde" in result.stderr and "Traceback" not in result.stderr


def test_restore_refuses_a_file_that_is_not_a_backup(demo_db: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("geen database")
    result = run_desk("restore", str(junk), "--db", str(demo_db))
    assert result.returncode == 1 and result.stderr.count("\n") == 1


def test_encrypt_use_and_decrypt_from_the_command_line(demo_db: Path, tmp_path: Path) -> None:
    secret = b"Koffiebranderij De Tweede Kans"
    assert secret in demo_db.read_bytes()
    assert run_desk("encrypt", "--db", str(demo_db), DESK_PASSPHRASE="lang-genoeg-1").returncode == 0
    assert secret not in demo_db.read_bytes()
    refused = run_desk("check", "--db", str(demo_db))
    assert refused.returncode == 1 and "versleuteld" in refused.stderr
    wrong = run_desk("export", "organisations", "--format", "csv", "--out", "-", "--db", str(demo_db),
                     DESK_PASSPHRASE="niet-goed-123")
    assert wrong.returncode == 1 and "wachtwoord" in wrong.stderr and wrong.stderr.count("\n") == 1
    exported = run_desk("export", "organisations", "--format", "csv", "--out", "-", "--db", str(demo_db),
                        DESK_PASSPHRASE="lang-genoeg-1")
    assert exported.returncode == 0 and "Tweede Kans" in exported.stdout
    assert run_desk("decrypt", "--db", str(demo_db), DESK_PASSPHRASE="lang-genoeg-1").returncode == 0
    assert secret in demo_db.read_bytes()


def test_report_from_the_command_line(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    result = run_desk("report", "--from", "1-1-2026", "--to", "31-10-2026", "--format", "html", "--out", str(out),
                      "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<h1>Voortgangsrapportage" in page and "01-01-2026 t/m 31-10-2026" in page
    markdown = run_desk("report", "--from", "1-1-2026", "--to", "31-10-2026", "--format", "md", "--out", "-",
                        "--db", str(demo_db))
    assert markdown.stdout.startswith("# Voortgangsrapportage")
    backwards = run_desk("report", "--from", "1-1-2026", "--to", "1-1-2025", "--format", "md", "--out", "-",
                         "--db", str(demo_db))
    assert backwards.returncode == 1 and "einddatum" in backwards.stderr
