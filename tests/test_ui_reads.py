"""The app's UI thread reads through a connection of its own (Workspace.read_apart): it never waits
while a worker reads or writes through the shared connection, it sees its own rows inside its own
write, and that connection never writes.

Nothing here measures time. The worker holds on until the test lets go (at most GENEROUS seconds):
a read that had waited for it would only return after that, when the worker is gone."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desk.care import encryption
from desk.core.workspace import Workspace
from desk.records import organisations
from desk.work.opening import open_workspace
from screens.dashboard import DashboardScreen
from screens.widgets.status_bar import StatusBar
from tests.conftest import TERMINAL_SIZE

GENEROUS = 60
PASSPHRASE = "rivierstad-2026"


def _count(ws: Workspace) -> int:
    with ws.read() as db:
        return db.execute("SELECT count(*) FROM organisations").fetchone()[0]


class WorkerHolding:
    """A thread inside ``ws.read()``, or inside ``ws.write()`` with one organisation added and not
    committed, until ``release()``."""

    def __init__(self, ws: Workspace, writing: bool = False) -> None:
        self.ws, self.writing = ws, writing
        self.inside, self.let_go = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)
        self.thread.start()
        assert self.inside.wait(GENEROUS)

    def _hold(self) -> None:
        with self.ws.write() if self.writing else self.ws.read():
            if self.writing:
                organisations.create_organisation(self.ws, {"name": "Nog Niet Vastgelegd"})
            self.inside.set()
            self.let_go.wait(GENEROUS)

    def still_holding(self) -> bool:
        return self.thread.is_alive() and not self.let_go.is_set()

    def release(self) -> None:
        self.let_go.set()
        self.thread.join(GENEROUS)

    def __enter__(self) -> WorkerHolding:
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def test_the_reading_thread_reads_while_a_worker_holds_the_shared_connection(ws: Workspace) -> None:
    organisations.create_organisation(ws, {"name": "Al Aanwezig"})
    ws.read_apart()
    with WorkerHolding(ws) as worker:
        assert _count(ws) == 1
        assert worker.still_holding()


def test_a_workers_write_is_seen_once_committed_and_never_waited_for(ws: Workspace) -> None:
    ws.read_apart()
    with WorkerHolding(ws, writing=True) as worker:
        assert _count(ws) == 0  # not committed yet
        assert worker.still_holding()
    assert _count(ws) == 1


def test_inside_its_own_write_the_reading_thread_sees_what_it_wrote(ws: Workspace) -> None:
    ws.read_apart()
    with pytest.raises(RuntimeError), ws.write():
        organisations.create_organisation(ws, {"name": "Eigen Schrijver"})  # reads its row back
        assert _count(ws) == 1
        raise RuntimeError("terugdraaien")
    assert _count(ws) == 0


def test_the_reading_connection_refuses_to_write(ws: Workspace) -> None:
    ws.read_apart()
    with ws.read() as db, pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM organisations")


def test_an_encrypted_file_gets_its_reading_connection_in_the_background(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    open_workspace(path, None).close()
    encryption.encrypt(path, PASSPHRASE)
    ws = open_workspace(path, None, passphrase=PASSPHRASE)
    organisations.create_organisation(ws, {"name": "Versleuteld BV"})
    ws.read_apart()
    for thread in threading.enumerate():
        if thread.name == "desk-reader":  # the key is derived there, not on this thread
            thread.join(GENEROUS)
    with WorkerHolding(ws) as worker:
        assert _count(ws) == 1
        assert worker.still_holding()
    ws.close()


async def test_the_app_starts_and_shows_its_status_while_a_worker_holds_the_connection(ws: Workspace,
                                                                                        make_app) -> None:
    with WorkerHolding(ws) as worker:
        app = make_app()
        async with app.run_test(size=TERMINAL_SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert "Test Gebruiker (TG)" in str(app.screen.query_one(StatusBar).render())
            assert worker.still_holding()  # the dashboard's own figures wait for it, in their worker
            worker.release()
            await pilot.pause()
            await app.workers.wait_for_complete()
