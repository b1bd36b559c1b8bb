"""The desk command reads the dashboard's figures before the app loads (desk/work/dashboard.py),
so that its first frame shows them. What the dashboard shows must be what it would have read
itself, also when someone else saved in between."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from textual.widgets import Static

from desk.core.config import make_user
from desk.records import organisations
from desk.work import dashboard
from desk.work.opening import open_workspace
from screens.launch import desk_app
from screens.widgets.tables import FittedTable
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle

pytestmark = pytest.mark.usefixtures("collector_left_as_found")


def shown_count(app, key: str) -> str:
    return str(app.screen.query_one(f"#count-{key}", Static).render())


def add_organisations(ws, *names: str) -> None:
    for name in names:
        organisations.create_organisation(ws, {"name": name})


async def test_the_figures_read_ahead_are_the_ones_shown(ws, config_path) -> None:
    add_organisations(ws, "Groen Goud", "Koffie Kring", "Zon op Dak")
    app = desk_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert shown_count(app, "organisations") == "3"
        assert app.dashboard_ahead.take(app.screen._loaded_version) is None  # handed over once, then gone


async def test_a_save_by_another_process_after_the_read_ahead_is_shown_too(ws, config_path, db_path) -> None:
    add_organisations(ws, "Groen Goud")
    app = desk_app(ws, config_path)  # it has read one organisation
    other = open_workspace(db_path, make_user("Andere Collega", "AC"))  # another process's connection
    try:
        add_organisations(other, "Koffie Kring")
    finally:
        other.close()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert shown_count(app, "organisations") == "2"


async def test_the_first_frame_shows_the_figures(ws, config_path) -> None:
    """At a later start no frame of the dashboard shows its placeholder: the figures are in from the
    first one. (At the very first start the app's checkpoint thread writes the search index's merge
    setting, another connection's commit: the screen then reads the figures again itself.)"""
    add_organisations(ws, "Groen Goud", "Koffie Kring")
    async with desk_app(ws, config_path).run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
    app = desk_app(ws, config_path)
    frames: list[str] = []
    original = app._display

    def display(screen, renderable) -> None:  # every frame the app composes, also headless
        if renderable is not None and screen.is_current and screen.query("#count-organisations"):
            fitted = all(table._fitted_width == table.size.width for table in screen.query(FittedTable))
            frames.append((shown_count(app, "organisations"), fitted))
        original(screen, renderable)

    app._display = display
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
    assert frames and set(frames) == {("2", True)}  # and every table fitted to its width from the first


async def test_a_failed_read_ahead_leaves_the_reading_to_the_screen(ws, config_path, db_path) -> None:
    add_organisations(ws, "Groen Goud")
    with sqlite3.connect(db_path) as other:  # the read finds no targets table: it fails
        other.execute("ALTER TABLE targets RENAME TO targets_away")
    try:
        ahead = dashboard.ReadAhead(ws, dt.date(2026, 12, 7))
        assert ahead.take(ahead.version) is None
    finally:
        with sqlite3.connect(db_path) as other:
            other.execute("ALTER TABLE targets_away RENAME TO targets")
