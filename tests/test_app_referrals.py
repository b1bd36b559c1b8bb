"""Referrals in the app: from an intake through every step, with the check follow-up and the figures."""

from __future__ import annotations

import datetime as dt

from desk.records import departments
from desk.work import followups, referrals
from screens.app import make_app
from screens.intake import IntakeScreen
from screens.prompt import PromptScreen
from screens.referral_detail import ReferralDetailScreen
from screens.referrals import ReferralsScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text, type_text

TODAY = dt.date(2026, 11, 23)


def figures_row(app, name: str) -> list[str]:
    table = app.screen.query_one("#figures")
    for index in range(table.row_count):
        row = [str(cell) for cell in table.get_row_at(index)]
        if row[0] == name:
            return row
    return []


async def test_referral_from_intake_walked_to_landed(ws, config_path) -> None:
    [vastgoed] = [d for d in departments.list_departments(ws) if d.name == "Vastgoed"]
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        await type_text(pilot, "Kringloopwinkel Nieuw Leven")
        await pilot.press("tab", "tab", "tab", "tab")
        await type_text(pilot, "vast")
        await pilot.press("tab")
        await type_text(pilot, "Zoekt een groter pand voor de winkel")
        app.screen.query_one("#referral_target").value = f"department:{vastgoed.id}"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [referral] = referrals.list_referrals(ws)
        assert (referral.status, referral.target_name, referral.needs) == ("open", "Vastgoed", ["Vastgoed"])
        assert referral.contact_id is not None

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralsScreen)
        await pilot.press("c")
        await settle(pilot)
        assert figures_row(app, "Vastgoed")[2:6] == ["1", "1", "0", "—"]
        await pilot.press("c")
        table = app.screen.query_one("#referrals")
        table.focus()
        table.move_cursor(row=1)  # the first row under the 'open' heading
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReferralDetailScreen)

        await pilot.press("g")  # cannot land before it is sent
        await pilot.pause()
        assert referrals.get_referral(ws, referral.id).status == "open"
        assert any("kan niet naar" in str(n.message) for n in app._notifications)

        await pilot.press("d")
        await settle(pilot)
        [check] = followups.open_followups(ws, referral_id=referral.id)
        assert check.due_date == TODAY + dt.timedelta(days=14)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await type_text(pilot, "Pand aan de Havenweg gevonden")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReferralDetailScreen)
        text = static_text(pilot, "#referral-text")
        assert "Status: geland" in text and "Pand aan de Havenweg gevonden" in text
        assert "doorgezet → in behandeling" in text
        assert followups.open_followups(ws, referral_id=referral.id) == []

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert figures_row(app, "Vastgoed")[2:6] == ["1", "0", "1", "100%"]


async def test_departments_are_editable_from_the_palette(make_app, ws) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "afdelingen")
        await pilot.press("enter")
        await settle(pilot)
        table = app.screen.query_one("#departments")
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        table.focus()
        table.move_cursor(row=names.index("Inkoop"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.click("#contact_name")
        await type_text(pilot, "Ruud Mulder")
        await pilot.click("#contact_email")
        await type_text(pilot, "geen-mail")
        await pilot.press("tab")  # checked when it is left
        await pilot.pause()
        assert "e-mailadres" in static_text(pilot, "#contact_email-error")
        await pilot.press("shift+tab", *["backspace"] * 9)
        await type_text(pilot, "r.mulder@rivierstad.example")
        await pilot.pause()
        assert static_text(pilot, "#contact_email-error") == ""  # gone as soon as it is right
        await pilot.press("ctrl+s")
        await settle(pilot)
    [inkoop] = [d for d in departments.list_departments(ws) if d.name == "Inkoop"]
    assert (inkoop.contact_name, inkoop.contact_email) == ("Ruud Mulder", "r.mulder@rivierstad.example")
