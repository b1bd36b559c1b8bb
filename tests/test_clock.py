"""One clock for all of Desk: a test or a child process can set the day; nothing else reads the
system clock for dates."""

from __future__ import annotations

import ast
import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from desk.core import clock
from desk.core.workspace import Workspace
from desk.records import organisations
from desk.work import followups

ROOT = Path(__file__).resolve().parent.parent
DESK = Path(sys.executable).with_name("desk")


def test_a_frozen_day_stamps_records_and_resolves_phrases(ws: Workspace) -> None:
    day = dt.date(2031, 2, 28)
    with clock.frozen(day):
        assert clock.today() == day
        org = organisations.create_organisation(ws, {"name": "Bakkerij Ochtendgloren"})
        followup = followups.create_followup(ws, title="Nabellen", due="morgen", organisation_id=org.id)
    assert org.created_at.startswith("2031-02-28")
    assert followup.due_date == dt.date(2031, 3, 1)
    assert clock.today() != day  # the clock runs again after the block


def test_today_is_the_dutch_day_whatever_the_laptops_time_zone() -> None:
    late_evening_utc = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)  # already 1 January in Amsterdam
    with clock.frozen(late_evening_utc):
        assert clock.today() == dt.date(2027, 1, 1)
        assert clock.utc_iso() == "2026-12-31T23:30:00+00:00"


def test_desk_now_sets_the_day_of_a_command_run_as_a_process(tmp_path: Path) -> None:
    db_file = tmp_path / "desk.sqlite"
    env = {**os.environ, clock.NOW_VARIABLE: "2030-05-15"}
    loaded = subprocess.run([str(DESK), "--db", str(db_file), "demo"], capture_output=True, text=True,
                            env=env, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    with sqlite3.connect(db_file) as conn:
        first_due, last_due = conn.execute(
            "SELECT min(due_date), max(due_date) FROM followups WHERE status = 'open'").fetchone()
        created = {row[0][:10] for row in conn.execute("SELECT created_at FROM organisations")}
    # The demo's open follow-ups lie around the day it is loaded on; its records are stamped that day.
    assert "2030-01-01" < first_due < "2030-05-15" < last_due < "2031-06-01"
    assert created == {"2030-05-15"}


def _reads_system_clock(node: ast.AST) -> bool:
    """``date.today()``, ``datetime.now(...)``, ``datetime.utcnow()``, ``datetime.today()``."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return False
    owner = node.func.value
    owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
    return (owner_name, node.func.attr) in {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"),
                                            ("datetime", "today")}


def test_no_module_but_the_clock_reads_the_system_date() -> None:
    offenders = []
    for folder in ("desk", "screens"):
        for source in sorted((ROOT / folder).rglob("*.py")):
            if source == ROOT / "desk" / "core" / "clock.py":
                continue
            tree = ast.parse(source.read_text(encoding="utf-8"))
            offenders += [f"{source.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
                          if _reads_system_clock(node)]
    assert offenders == []


def test_a_stored_time_that_is_no_timestamp_is_shown_as_stored() -> None:
    assert clock.local_text("2026-11-23T13:05:00+00:00") == "23-11-2026 14:05"
    assert clock.local_text("kapot") == "kapot"
    assert clock.local_text(None) == ""
