"""The ``desk`` command, run as a real process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

DESK = Path(sys.executable).with_name("desk")


def run_desk(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([str(DESK), *args], capture_output=True, text=True, env=env, timeout=60)


def test_version_and_help() -> None:
    version = run_desk("--version")
    assert version.returncode == 0 and version.stdout.startswith("desk ")
    help_ = run_desk("--help")
    assert help_.returncode == 0
    assert "demo" in help_.stdout and "--db" in help_.stdout


def test_demo_loads_then_refuses_a_non_empty_database(tmp_path: Path) -> None:
    db_file = tmp_path / "demo.sqlite"
    first = run_desk("demo", "--db", str(db_file))
    assert first.returncode == 0, first.stderr
    assert "40 organisaties" in first.stdout
    second = run_desk("demo", "--db", str(db_file))
    assert second.returncode == 1
    assert second.stderr.count("\n") == 1 and "niet leeg" in second.stderr
    assert "Traceback" not in second.stderr
    count = sqlite3.connect(db_file).execute("SELECT count(*) FROM organisations").fetchone()[0]
    assert count == 40


def test_desk_db_environment_variable_is_used(tmp_path: Path) -> None:
    db_file = tmp_path / "via-env.sqlite"
    result = run_desk("demo", env_extra={"DESK_DB": str(db_file)})
    assert result.returncode == 0, result.stderr
    assert db_file.exists()


def test_missing_folder_is_one_dutch_line_exit_1(tmp_path: Path) -> None:
    result = run_desk("demo", "--db", str(tmp_path / "bestaat-niet" / "x.sqlite"))
    assert result.returncode == 1
    assert result.stderr.startswith("desk: ") and result.stderr.count("\n") == 1
    assert "bestaat niet" in result.stderr


def test_newer_database_is_refused(tmp_path: Path) -> None:
    db_file = tmp_path / "new.sqlite"
    assert run_desk("demo", "--db", str(db_file)).returncode == 0
    conn = sqlite3.connect(db_file)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('desk', 'm900_x', 'x')")
    conn.commit()
    conn.close()
    result = run_desk("demo", "--force", "--db", str(db_file))
    assert result.returncode == 1
    assert "nieuwere versie" in result.stderr and "Traceback" not in result.stderr


def test_not_a_desk_file_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "boekhouding.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE facturen (nr INTEGER)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    result = run_desk("demo", "--db", str(other))
    assert result.returncode == 1 and "geen Desk-database" in result.stderr
    assert other.read_bytes() == before


def test_usage_error_exits_2_with_one_line() -> None:
    result = run_desk("vlieg")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "desk --help" in result.stderr
