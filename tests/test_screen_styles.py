"""A screen shown again is restyled only when the stylesheet changed meanwhile (screens/base.py):
going back is quick, and a theme chosen while a screen was hidden still reaches it."""

from __future__ import annotations

from textual.color import Color

from desk import demo
from screens.app import make_app
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle


async def test_a_theme_chosen_while_a_screen_was_hidden_reaches_it(ws, config_path) -> None:
    demo.load_demo(ws)
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        before = app.screen.styles.background
        await pilot.press("d")
        await settle(pilot)
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert type(app.screen).__name__ == "OrganisationsScreen"
        assert app.screen.styles.background != before
        assert app.screen.styles.background == Color.parse(app.current_theme.background)
