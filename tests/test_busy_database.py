"""Another process holding the write lock (a long `desk import`): the command line gives up after the
busy timeout with one Dutch line, the app waits as long as it takes, says so, and loses nothing.

The other process is real: a Python child that opens the same file, takes the write lock with
BEGIN IMMEDIATE and keeps it until the test tells it to let go.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from db.errors import DatabaseBusyError
from desk.core.config import make_user
from desk.core.workspace import BusyWaiter, Workspace
from desk.records import contacts, organisations
from desk.work import drafts
from desk.work.opening import open_workspace
from screens.busy import BUSY_NOTICE, BusyNotice
from screens.intake import IntakeScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, type_text
from tests.sqlite_helpers import LockHolder

ROOT = Path(__file__).resolve().parents[1]
GENEROUS = 600  # tries of 0.1 s: a minute, only ever used up when something is wrong


def _count(ws: Workspace, table: str) -> int:
    with ws.read() as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# --- the workspace's waiting policy, against a really locked file ----------------------------------

def test_by_default_a_write_gives_up_with_a_dutch_busy_error_and_writes_nothing(ws: Workspace) -> None:
    with LockHolder(ws.path):
        with pytest.raises(DatabaseBusyError, match="De database is bezig"):
            organisations.create_organisation(ws, {"name": "Wachtend BV"})
    assert _count(ws, "organisations") == 0
    organisations.create_organisation(ws, {"name": "Wachtend BV"})
    assert _count(ws, "organisations") == 1


class PatientWaiter(BusyWaiter):
    """Waits as long as it takes; lets the lock go in the other process after a few tries."""

    def __init__(self, holder: LockHolder | None = None, release_after: int = 3) -> None:
        self.holder, self.release_after = holder, release_after
        self.tries = 0
        self.done_calls = 0
        self.waiting = threading.Event()

    def keep_waiting(self, waited: float) -> bool:
        self.tries += 1
        self.waiting.set()
        if self.holder is not None and self.tries == self.release_after:
            self.holder.release()
        return True

    def done(self) -> None:
        self.done_calls += 1


def test_a_patient_waiter_is_asked_after_each_try_and_the_write_lands_once_the_lock_is_free(
        ws: Workspace) -> None:
    with LockHolder(ws.path) as holder:
        waiter = PatientWaiter(holder, release_after=3)
        ws.busy_waiter = waiter
        organisations.create_organisation(ws, {"name": "Geduld BV"})
    assert waiter.tries >= 3
    assert waiter.done_calls == 1
    assert _count(ws, "organisations") == 1
    organisations.create_organisation(ws, {"name": "Meteen BV"})  # no wait, so no more calls
    assert waiter.done_calls == 1


def test_reads_in_other_threads_go_on_while_a_writer_waits_for_another_process(ws: Workspace) -> None:
    organisations.create_organisation(ws, {"name": "Al Aanwezig"})
    waiter = PatientWaiter()
    ws.busy_waiter = waiter
    with LockHolder(ws.path) as holder:
        writer = threading.Thread(target=organisations.create_organisation, args=(ws, {"name": "Later BV"}))
        writer.start()
        assert waiter.waiting.wait(timeout=60)
        counted: list[int] = []
        reader = threading.Thread(target=lambda: counted.append(_count(ws, "organisations")))
        reader.start()
        reader.join(timeout=60)
        assert counted == [1]  # read while the writer was still waiting
        assert writer.is_alive()
        holder.release()
        writer.join(timeout=60)
    assert not writer.is_alive()
    assert _count(ws, "organisations") == 2


def test_another_connection_opened_and_closed_in_this_process_leaves_the_locks_alone(ws: Workspace) -> None:
    """The daily backup opens the file a second time in the app's process. That must not drop the
    app's locks: then the next Desk process to finish deleted the WAL, and what the app wrote after
    it (while a third process held the lock, even) went into a deleted file."""
    from db.connection import connect

    connect(ws.path).close()
    for _ in range(2):
        with LockHolder(ws.path):
            with pytest.raises(DatabaseBusyError):
                organisations.create_organisation(ws, {"name": "Tijdens de import"})
    organisations.create_organisation(ws, {"name": "Na de import"})
    seen = subprocess.run([sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("
                           "'SELECT name FROM organisations').fetchall())", str(ws.path)],
                          capture_output=True, text=True, timeout=60)
    assert seen.stdout.strip() == "[('Na de import',)]", seen.stderr


def test_the_command_line_says_in_one_dutch_line_that_the_database_is_busy(tmp_path: Path) -> None:
    db_file = tmp_path / "bezig.sqlite"
    open_workspace(db_file, None).close()
    with LockHolder(db_file):
        result = subprocess.run([sys.executable, "-m", "desk.cli", "demo", "--db", str(db_file)], cwd=ROOT,
                                capture_output=True, text=True, timeout=120, env={**os.environ})
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "De database is bezig" in lines[0]


# --- the app: it starts, shows a notice while it waits, and loses nothing --------------------------

async def test_the_app_starts_while_another_process_writes(tmp_path: Path, config_path: Path) -> None:
    from screens.app import make_app
    from screens.dashboard import DashboardScreen

    db_file = tmp_path / "tijdens-import.sqlite"
    open_workspace(db_file, make_user("Veld Werker", "VW")).close()
    with LockHolder(db_file):
        ws = open_workspace(db_file, make_user("Veld Werker", "VW"))  # needs no write lock once seeded
        app = make_app(ws, config_path)
        async with app.run_test(size=TERMINAL_SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, IntakeScreen)
    ws.close()


# --- the app: notice, no crash, nothing lost -------------------------------------------------------

def _notice(app) -> str | None:
    notices = list(app.screen.query(BusyNotice))
    return str(notices[0].render()) if notices else None


async def _until(pilot, condition) -> None:
    for _ in range(GENEROUS):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("the condition never became true")


async def test_the_app_waits_with_a_notice_while_another_process_writes_and_loses_no_typing(
        tmp_path: Path, config_path: Path) -> None:
    from screens.app import make_app

    db_file = tmp_path / "gedeeld.sqlite"
    ws = open_workspace(db_file, make_user("Veld Werker", "VW"))
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        intake = app.screen
        assert isinstance(intake, IntakeScreen)
        with LockHolder(db_file) as holder:
            await type_text(pilot, "Fietsenmaker Spaak")
            await pilot.press("tab")
            await type_text(pilot, "Joost")
            await _until(pilot, lambda: _notice(app) is not None)  # the draft autosave waits
            assert _notice(app) == BUSY_NOTICE
            await type_text(pilot, " de Vries")  # the screen still takes keys meanwhile
            assert intake.query_one("#person_name").value == "Joost de Vries"
            assert drafts.load_draft(ws, drafts.INTAKE) is None
            holder.release()
            await _until(pilot, lambda: (drafts.load_draft(ws, drafts.INTAKE) or {}).get("person_name")
                         == "Joost de Vries")
            await _until(pilot, lambda: _notice(app) is None)
        assert drafts.load_draft(ws, drafts.INTAKE)["organisation"] == "Fietsenmaker Spaak"

        with LockHolder(db_file) as holder:
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: _notice(app) is not None)
            assert contacts.count_contacts(ws) == 0
            assert intake.query_one("#organisation").value == "Fietsenmaker Spaak"  # still in the form
            holder.release()
            await _until(pilot, lambda: contacts.count_contacts(ws) == 1)
            await settle(pilot)
        assert _notice(app) is None
        assert app.screen is intake and intake.query_one("#organisation").value == ""
        assert not app.crash_message
    assert drafts.load_draft(ws, drafts.INTAKE) is None
    [saved] = contacts.list_contacts(ws, limit=5)
    assert saved.organisation_name == "Fietsenmaker Spaak"
    ws.close()

