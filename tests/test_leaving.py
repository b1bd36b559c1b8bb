"""ctrl+q with something typed and not saved asks first (it used to quit at once)."""

from __future__ import annotations

from desk.work import drafts
from screens.intake import IntakeScreen
from screens.leaving import QuitQuestion
from screens.organisation_form import OrganisationFormScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import screen_text, settle, type_text


async def test_quitting_an_unsaved_intake_asks_and_keeps_it_as_a_draft(make_app, ws) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Bakkerij Vos")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitQuestion)
        assert "als concept" in " ".join(screen_text(app).replace("│", " ").split())
        await pilot.press("n")  # Verder werken
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen) and app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("ctrl+q")  # once more while asked: stop
        await settle(pilot)
    assert app.return_code == 0
    draft = drafts.load_draft(ws, drafts.INTAKE)
    assert draft is not None and "Bakkerij Vos" in str(draft)


async def test_an_unsaved_form_says_what_is_lost(make_app) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationFormScreen)
        await type_text(pilot, "Nieuwe Zaak")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, QuitQuestion)
        assert "gaat verloren" in app.screen.question
        await pilot.press("j")
        await settle(pilot)
    assert app.return_code == 0 and not app.is_running


async def test_with_nothing_typed_ctrl_q_stops_at_once(make_app) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert not app.is_running and app.return_code == 0
