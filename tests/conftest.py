"""Shared fixtures: a real SQLite file in a temporary directory, a configured user, the real app.

A test module that fixes the day it runs on declares ``TODAY``; the clock (desk.core.clock) then stands
at noon of that day for its tests, so records are stamped on the day the test reasons about and no
test depends on the date it runs on.
"""

from __future__ import annotations

import gc
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.core import clock
from desk.core.config import make_user, save_user
from desk.core.workspace import Workspace
from desk.work.opening import open_workspace

TERMINAL_SIZE = (120, 40)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's own config or database."""
    monkeypatch.setenv("DESK_CONFIG", str(tmp_path / "config" / "config.json"))
    monkeypatch.setenv("DESK_DB", str(tmp_path / "env-default.sqlite"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture(autouse=True)
def clock_at_modules_today(request: pytest.FixtureRequest) -> Iterator[None]:
    today = getattr(request.module, "TODAY", None)
    if today is None:
        yield
        return
    with clock.frozen(today):
        yield


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real PostgreSQL for the team register's tests, in a temporary folder on a Unix socket
    (pgserver); one per test module, each test makes a database of its own on it."""
    import pgserver  # noqa: PLC0415 - only the team tests need it

    srv = pgserver.get_server(tmp_path_factory.mktemp("postgres"), cleanup_mode="stop")
    yield srv
    srv.cleanup()


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "config.json"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "desk.sqlite"


@pytest.fixture
def ws(db_path: Path, config_path: Path) -> Workspace:
    user = make_user("Test Gebruiker", "TG")
    save_user(config_path, user)
    workspace = open_workspace(db_path, user)
    yield workspace
    workspace.close()


@pytest.fixture
def make_app(ws: Workspace, config_path: Path):
    from screens.app import make_app as factory

    def build():
        return factory(ws, config_path)

    return build


@pytest.fixture
def demo_db(tmp_path: Path, config_path: Path) -> Path:
    """A database with the demo data, loaded by the ``desk demo`` command, and a configured user:
    for the tests that run ``desk`` itself as a process."""
    from tests.web_client import DESK  # noqa: PLC0415

    save_user(config_path, make_user("Test Gebruiker", "TG"))
    db = tmp_path / "desk.sqlite"
    loaded = subprocess.run([str(DESK), "--db", str(db), "demo"], capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    return db


@pytest.fixture
def collector_left_as_found():
    """The desk command's app pauses Python's garbage collection while it starts and then changes
    it (screens/collector.py); its tests use this so that the rest of the suite runs with the usual
    settings."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)
    gc.enable()
