"""The daily backup at start: made once a day, in the background."""

from __future__ import annotations

from desk.care import backups
from desk.records import organisations
from screens.dashboard import DashboardScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text


async def test_first_start_of_the_day_makes_a_checked_backup(make_app, ws) -> None:
    organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    assert backups.list_backups(ws.path) == []
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert static_text(pilot, "#count-organisations") == "1"
        status = str(app.screen.query_one("StatusBar").render())
        assert "back-up" in status and "nog geen back-up" not in status
    [made] = backups.list_backups(ws.path)
    assert made.reason == backups.DAILY
    assert backups.check_database(made.path) == []  # the copy opens and checks out

    second = make_app()  # the same day: no second backup
    async with second.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
    assert len(backups.list_backups(ws.path)) == 1
