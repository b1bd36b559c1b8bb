"""What a user sets stays: the colour theme and their own keys, in the config file of this machine."""

from __future__ import annotations

import json

from desk.core.config import load_user, save_user
from desk.work.opening import open_workspace
from screens.app import make_app
from screens.dashboard import DashboardScreen
from screens.report import ReportScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import screen_text, settle


async def test_the_chosen_theme_is_kept_after_a_restart(ws, db_path, config_path) -> None:
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
        app.action_change_theme()
        await settle(pilot)
        assert "Zoek een kleurenthema" in screen_text(app)
        await pilot.press(*"nord", "enter")
        await settle(pilot)
        assert app.theme == "nord"
    assert json.loads(config_path.read_text(encoding="utf-8"))["theme"] == "nord"
    ws.close()

    again = open_workspace(db_path, load_user(config_path))
    app = make_app(again, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
    again.close()


async def test_keys_from_the_config_file_replace_desks_own(ws, db_path, config_path) -> None:
    user = ws.user.model_copy(update={"keys": {"app.report": "f5", "app.help": "f1"}})
    save_user(config_path, user)
    ws.user = load_user(config_path)
    app = make_app(ws, config_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert "f5 Rapportage" in screen_text(app)  # the footer shows the user's key
        await pilot.press("g")  # no longer the report's key
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)


async def test_changing_the_name_keeps_theme_and_keys(ws, config_path) -> None:
    ws.user = ws.user.model_copy(update={"theme": "nord", "keys": {"app.report": "f5"}})
    save_user(config_path, ws.user)
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        app.action_settings()
        await settle(pilot)
        app.screen.query_one("#name").value = "Andere Naam"
        app.screen.query_one("#organisation").value = "Gemeente Rivierstad"
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = load_user(config_path)
    assert (saved.name, saved.theme, saved.keys) == ("Andere Naam", "nord", {"app.report": "f5"})
