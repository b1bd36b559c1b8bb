"""Event mode says how to end it, ends by itself after the event's day, and is one key away."""

from __future__ import annotations

import datetime as dt

from desk.records import events
from screens.app import make_app
from screens.events import EventsScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import screen_text, settle

TODAY = dt.date(2026, 12, 2)


def test_event_mode_ends_after_the_events_day(ws) -> None:
    fair = events.create_event(ws, {"name": "Beursvloer", "date": "2026-12-04", "place": "Rivierstad"})
    events.set_current_event(ws, fair.id, today=TODAY)
    assert events.current_event(ws, TODAY).name == "Beursvloer"
    assert events.current_event(ws, dt.date(2026, 12, 4)).name == "Beursvloer"
    assert events.current_event(ws, dt.date(2026, 12, 5)) is None


def test_switched_on_for_a_past_event_it_lasts_the_day(ws) -> None:
    """Typing in last week's contact moments: on for the rest of today, off tomorrow."""
    past = events.create_event(ws, {"name": "MKB-dag", "date": "2026-11-25", "place": "Rivierstad"})
    events.set_current_event(ws, past.id, today=TODAY)
    assert events.current_event(ws, TODAY).name == "MKB-dag"
    assert events.current_event(ws, TODAY + dt.timedelta(days=1)) is None
    events.set_current_event(ws, None)
    assert events.current_event(ws, TODAY) is None


async def test_the_status_bar_says_how_to_end_it_and_ctrl_e_does(ws, config_path) -> None:
    fair = events.create_event(ws, {"name": "Beursvloer", "date": "2026-12-04", "place": "Rivierstad"})
    events.set_current_event(ws, fair.id, today=TODAY)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=TERMINAL_SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert "Evenement: Beursvloer · ctrl+e zet uit" in screen_text(app)
        await pilot.press("ctrl+e")
        await settle(pilot)
        shown = screen_text(app)
        assert "Evenementmodus uit (was: Beursvloer)." in shown
        assert "Evenement: Beursvloer" not in shown
        assert events.current_event(ws, TODAY) is None

        await pilot.press("ctrl+e")  # off: the same key chooses an event
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        await pilot.press("enter")
        await settle(pilot)
        shown = " ".join(screen_text(app).replace("▌", " ").split())  # the notice wraps
        assert "Evenementmodus aan: Beursvloer, tot en met 04-12-2026. ctrl+e zet hem uit." in shown
        assert events.current_event(ws, TODAY).name == "Beursvloer"
