"""Two Desk processes on one file, and a writer killed at random moments: nothing lost, nothing
damaged, no 'database is locked' reaching the user."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from desk.care import backups
from desk.work.opening import open_workspace

ROOT = Path(__file__).resolve().parents[1]

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from desk.records import organisations
    from desk.core.config import make_user
    from desk.work.opening import open_workspace

    path, label, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    ws = open_workspace(path, make_user("Schrijver", "SW"))
    errors = 0
    for number in range(count):
        try:
            organisations.create_organisation(ws, {"name": f"{label} {number}"})
        except Exception as exc:  # every error counts against the test
            errors += 1
            print(f"ERROR {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            continue
        print(number, flush=True)
    print(f"DONE {errors}", flush=True)
""")


def _run_writer(path: Path, label: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), label, str(count)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_write_a_thousand_each_without_errors(tmp_path: Path) -> None:
    path = tmp_path / "gedeeld.sqlite"
    open_workspace(path, None).close()
    writers = [_run_writer(path, label, 1000) for label in ("AA", "BB")]
    outputs = [w.communicate(timeout=600) for w in writers]
    for (out, err), writer in zip(outputs, writers):
        assert writer.returncode == 0, err
        assert out.splitlines()[-1] == "DONE 0", err
        assert "locked" not in err
    ws = open_workspace(path, None)
    names = {row[0] for row in ws.db.execute("SELECT name FROM organisations")}
    assert {f"{label} {n}" for label in ("AA", "BB") for n in range(1000)} <= names
    # Each process sees the other's rows.
    assert ws.db.execute("SELECT count(*) FROM organisations").fetchone()[0] == 2000
    ws.close()


def test_writer_killed_two_hundred_times_loses_nothing_it_reported(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    open_workspace(path, None).close()
    rng = random.Random(20261123)
    kills = intact = missing = 0
    reported: set[str] = set()
    for round_number in range(200):
        label = f"R{round_number}"
        writer = _run_writer(path, label, 100_000)
        # Wait for the first committed write, then kill at a random moment in the burst.
        first = writer.stdout.readline()
        deadline = time.monotonic() + rng.uniform(0.0, 0.05)
        lines = [first]
        while time.monotonic() < deadline:
            lines.append(writer.stdout.readline())
        writer.kill()
        rest, _ = writer.communicate(timeout=30)
        kills += 1
        for line in [*lines, *rest.splitlines()]:
            line = line.strip()
            if line.isdigit():
                reported.add(f"{label} {line}")
        problems = backups.check_database(path)
        intact += not problems
        ws = open_workspace(path, None)
        present = {row[0] for row in ws.db.execute("SELECT name FROM organisations WHERE name LIKE ?", [f"{label} %"])}
        ws.close()
        missing += len({r for r in reported if r.startswith(label + " ")} - present)
    print(f"kills {kills} / intact {intact} / committed rows missing {missing} ({len(reported)} reported)")
    assert (kills, intact, missing) == (200, 200, 0)
    assert len(reported) >= 200  # every round committed at least its first write before the kill
