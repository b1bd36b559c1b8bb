"""The desk command's app builds the main lists while the dashboard is read (screens/modes.py): they
are ready before their key is pressed, show what they would have shown, and a user who types at
once is not held up or confused by it."""

from __future__ import annotations

import datetime as dt
import gc

import pytest

from desk import demo
from screens.app import make_app
from screens.collector import FULL_AFTER, IDLE
from screens.dashboard import DashboardScreen
from screens.modes import PREPARED
from screens.widgets.row_list import RowList
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, type_text, visible_rows

TODAY = dt.date(2026, 11, 23)
pytestmark = pytest.mark.usefixtures("collector_left_as_found")


async def prepared(pilot, app) -> None:
    for _ in range(200):  # the preparer waits a little after the dashboard, then builds one per step
        if not app.mode_preparer.waiting():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"not prepared: {app.mode_preparer.waiting()}")


async def test_the_main_lists_are_built_behind_the_dashboard_and_show_their_rows(ws, config_path) -> None:
    demo.load_demo(ws)
    app = make_app(ws, config_path, today=lambda: TODAY, prepare_modes=True)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert app.mode_preparer.started  # by the dashboard's first figures (how far it got depends on timing)
        await prepared(pilot, app)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.current_mode == "dashboard"
        assert [len(app.get_screen_stack(mode)) for mode in PREPARED] == [1] * len(PREPARED)
        await pilot.press("l")
        assert type(app.screen).__name__ == "LogScreen"
        assert app.screen.query_one(RowList).row_count > 0  # the first page was there before the key
        await pilot.press("a")
        assert type(app.screen).__name__ == "AgendaScreen" and app.screen.query_one("#agenda").row_count > 0
        await pilot.press("o", "slash")
        await settle(pilot)
        await type_text(pilot, "groen")
        await settle(pilot)
        assert any("Groen" in row for row in visible_rows(app.screen.query_one(RowList)))


async def test_keys_pressed_at_once_land_where_they_were_typed(ws, config_path) -> None:
    demo.load_demo(ws)
    app = make_app(ws, config_path, today=lambda: TODAY, prepare_modes=True)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "slash")  # before anything is prepared
        await type_text(pilot, "groen")
        await prepared(pilot, app)
        await settle(pilot)
        assert type(app.screen).__name__ == "OrganisationsScreen"
        assert app.screen.query_one("#search").value == "groen"
        assert app.screen.shown_query == "groen"


def test_only_the_desk_command_prepares(ws, config_path) -> None:
    """Tests and other hosts of the app get the plain one unless they ask; the console script asks."""
    from screens import launch  # noqa: PLC0415

    assert make_app(ws, config_path).mode_preparer is None
    assert "prepare_modes=True" in open(launch.__file__, encoding="utf-8").read()


async def test_the_collector_waits_while_the_desk_command_starts(ws, config_path) -> None:
    """Python's collector is off from the start of the desk command's app until the main lists are
    built; then it runs again, with what exists by then frozen (screens/collector.py)."""
    from screens.launch import desk_app  # noqa: PLC0415

    demo.load_demo(ws)
    app = desk_app(ws, config_path)
    assert not gc.isenabled()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await prepared(pilot, app)
        await settle(pilot)
        assert gc.isenabled() and gc.get_freeze_count() > 0


async def test_the_collector_is_back_at_the_latest_after_a_while(ws, config_path, monkeypatch) -> None:
    """Also when the main lists are never built (here: their preparation waits longer than the test)."""
    from screens import collector, launch, modes  # noqa: PLC0415

    monkeypatch.setattr(modes, "START_AFTER", 60.0)
    monkeypatch.setattr(collector, "BACK_AT_LATEST", 0.2)
    app = launch.desk_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        for _ in range(100):
            if gc.isenabled():
                break
            await pilot.pause(0.05)
        assert gc.isenabled() and app.mode_preparer.waiting() == list(PREPARED)


async def test_a_full_collection_comes_when_nobody_types(ws, config_path) -> None:
    app = make_app(ws, config_path, today=lambda: TODAY, prepare_modes=True)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await prepared(pilot, app)
        await settle(pilot)
        collector = app.mode_preparer.collector
        assert gc.get_freeze_count() > 0 and gc.get_threshold()[2] == FULL_AFTER
        before = collector.last_key
        await pilot.press("o")
        assert collector.last_key > before  # the key was seen
        garbage = []
        for _ in range(3):
            cycle: list = []
            cycle.append(cycle)
            garbage.append(cycle)
        gc.collect(1)  # the cycles survive into the old generation
        del garbage, cycle
        full_before = gc.get_stats()[2]["collections"]
        collector._check()  # a key just now: no full collection
        assert gc.get_stats()[2]["collections"] == full_before
        collector.last_key -= IDLE  # as if nobody typed for a while
        collector._check()
        assert gc.get_stats()[2]["collections"] == full_before + 1


async def test_a_new_status_reaches_the_lists_built_ahead(ws, config_path) -> None:
    """The first setup (or the event mode) changes what the status bar says: the lists built behind
    the dashboard show it too when they are opened, not what was current when they were built."""
    from desk.core.config import make_user  # noqa: PLC0415
    from screens.widgets.status_bar import StatusBar  # noqa: PLC0415

    demo.load_demo(ws)
    app = make_app(ws, config_path, today=lambda: TODAY, prepare_modes=True)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await prepared(pilot, app)
        ws.user = make_user("Nieuwe Naam", "NN")  # as the setup screen does, which then refreshes the bars
        app.refresh_status()
        await pilot.press("o")
        await settle(pilot)
        assert "Nieuwe Naam (NN)" in str(app.screen.query_one(StatusBar).render())
