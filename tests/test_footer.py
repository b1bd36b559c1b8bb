"""The footer (screens/widgets/footer.py) shows the screen's keys from its first frame and is
composed again only when the keys it shows change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from desk import demo
from screens.app import make_app
from screens.widgets.footer import DeskFooter
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import screen_text, settle


def footer_keys(app) -> list:
    return list(app.screen.query_one(DeskFooter).query(FooterKey))


async def test_the_footer_is_not_composed_again_for_the_same_keys(ws, config_path) -> None:
    demo.load_demo(ws)
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        shown = footer_keys(app)
        assert shown and any(key.description == "Organisaties" for key in shown)
        await pilot.press("tab")  # the focus moves to the next table: the bindings are refreshed, the keys stay
        await settle(pilot)
        assert footer_keys(app) == shown  # the same widgets: nothing was composed again


async def test_the_footer_follows_keys_that_change(ws, config_path) -> None:
    app = make_app(ws, config_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert "g Rapportage" in screen_text(app)
        app.set_keymap({"app.report": "f5"})
        await settle(pilot)
        assert "f5 Rapportage" in screen_text(app) and "g Rapportage" not in screen_text(app)
