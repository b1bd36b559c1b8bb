"""The desk command's app keeps an empty intake form ready (screens/spare_intake.py): `n` shows it
at once, it behaves as a new form, and it is not used once what it was built from has changed."""

from __future__ import annotations

import datetime as dt

import pytest

from desk import demo
from desk.core import clock
from desk.records import contacts, departments, events
from screens.app import make_app
from screens.intake import IntakeScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, type_text

pytestmark = pytest.mark.usefixtures("collector_left_as_found")


def choices(screen, selector: str) -> list[str]:
    return [str(prompt) for prompt, _ in screen.query_one(selector)._options]


async def spare_ready(pilot, app) -> IntakeScreen:
    for _ in range(300):  # modes first, then the spare soon after
        if app.mode_preparer.spare_intake.screen is not None:
            return app.mode_preparer.spare_intake.screen
        await pilot.pause(0.05)
    raise AssertionError("no spare intake form was built")


async def test_n_shows_the_spare_form_and_it_saves_like_a_new_one(ws, config_path) -> None:
    demo.load_demo(ws)
    app = make_app(ws, config_path, prepare_modes=True)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        spare = await spare_ready(pilot, app)
        await pilot.press("n")
        assert app.screen is spare  # the very form built beforehand, shown without building
        await settle(pilot)
        assert app.screen.focused.id == "organisation"
        typed = app.screen.values()
        assert [typed[field] for field in ("organisation", "person_name", "needs", "notes")] == ["", "", "", ""]
        assert typed["channel"] == "Gesprek"
        await type_text(pilot, "Fietsatelier Reserve")
        await pilot.press("tab")
        await type_text(pilot, "Anne Vos")
        await pilot.click("#notes")
        await type_text(pilot, "kennismaking")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is spare and app.screen.query_one("#organisation").value == ""  # ready for the next one
        [saved] = [c for c in contacts.list_contacts(ws, limit=5) if c.organisation_name == "Fietsatelier Reserve"]
        assert saved.subject == "kennismaking"  # the first line of the notes

        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, IntakeScreen)
        second = await spare_ready(pilot, app)  # a new one, once the form has closed
        assert second is not spare
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is second and app.screen.query_one("#organisation").value == ""


async def test_the_spare_is_not_used_after_event_mode_went_on_and_new_choices_show(ws, config_path) -> None:
    demo.load_demo(ws)
    app = make_app(ws, config_path, prepare_modes=True)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        spare = await spare_ready(pilot, app)
        event = events.create_event(ws, {"name": "Impactbeurs Reserve", "date": clock.today().isoformat()})
        events.set_current_event(ws, event.id)
        departments.save_department(ws, {"name": "Afdeling Reservebank"})
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen) and app.screen is not spare
        assert "Impactbeurs Reserve" in str(app.screen.query_one("#intake-heading").render())
        assert app.screen.query_one("#channel").value == "Evenement"
        assert app.screen.query_one("#event_id").value == event.id
        assert any("Afdeling Reservebank" in target for target in choices(app.screen, "#referral_target"))


async def test_a_new_choice_reaches_a_spare_that_still_fits(ws, config_path) -> None:
    demo.load_demo(ws)
    app = make_app(ws, config_path, today=lambda: dt.date(2026, 12, 2), prepare_modes=True)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        spare = await spare_ready(pilot, app)
        departments.save_department(ws, {"name": "Afdeling Laatkomer"})
        events.create_event(ws, {"name": "Netwerkavond Laatkomer", "date": "2026-12-20"})
        await pilot.press("n")
        assert app.screen is spare
        await settle(pilot)
        assert any("Afdeling Laatkomer" in target for target in choices(app.screen, "#referral_target"))
        assert any("Netwerkavond Laatkomer" in label for label in choices(app.screen, "#event_id"))
