"""The team sync in the app: the status bar tells when it last synced and what waits; ctrl+y syncs
(in a child process, so the app stays responsive) and what a colleague entered shows up; a register
that cannot be reached is said in the status bar and the work stays."""

from __future__ import annotations

import asyncio


from desk.core.config import make_user, save_user
from desk.records.organisations import create_organisation
from desk.work.opening import open_workspace
from screens.app import make_app
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle
from tests.team_helpers import laptops, new_register


def status(app) -> str:
    return str(app.screen.query_one("StatusBar").render())


async def wait_for(pilot, condition, seconds: float = 60) -> None:
    for _ in range(int(seconds * 10)):
        await pilot.pause(0.1)
        if condition():
            return
    raise AssertionError("did not happen in time")


async def test_ctrl_y_brings_in_a_colleagues_work_and_the_status_bar_follows(server, tmp_path) -> None:
    a, b = laptops(tmp_path, new_register(server), "A", "B")
    a.join()
    b.join()
    config = b.path.parent / "config.json"
    user = make_user("Bert Bakker", "BB").model_copy(update={"team_register": b.conninfo})
    save_user(config, user)
    with a.desk() as ws:
        create_organisation(ws, {"name": "Kringloop Oost"})
    a.sync()
    ws = open_workspace(b.path, user)
    try:
        create_organisation(ws, {"name": "Eigen werk van Bert"})
        app = make_app(ws, config)
        async with app.run_test(size=TERMINAL_SIZE) as pilot:
            await settle(pilot)
            # the round at start takes the new organisation up and brings Kringloop Oost in
            await wait_for(pilot, lambda: "wachten" not in status(app) and "team: gesynchroniseerd" in status(app))
            names = {row[0] for row in ws.db.execute("SELECT name FROM organisations")}
            assert names == {"Kringloop Oost", "Eigen werk van Bert"}
            create_organisation(ws, {"name": "Na de start"})
            app.refresh_status()
            await pilot.pause()
            assert "2 wijzigingen wachten" in status(app)  # the organisation and its line in the audit
            await pilot.press("ctrl+y")
            await wait_for(pilot, lambda: "wachten" not in status(app))
        assert a.sync().pulled == 2  # what B pushed at its start and on ctrl+y
        assert ("Na de start",) in a.rows("SELECT name FROM organisations")
    finally:
        ws.close()


async def test_an_unreachable_register_is_said_and_the_work_waits(server, tmp_path) -> None:
    a, b = laptops(tmp_path, new_register(server), "A", "B")
    a.join()
    b.join()
    config = b.path.parent / "config.json"
    user = make_user("Bert Bakker", "BB").model_copy(update={"team_register": "postgresql://x@/desk?host=/nergens"})
    save_user(config, user)
    ws = open_workspace(b.path, user)
    try:
        create_organisation(ws, {"name": "Op het evenement"})
        app = make_app(ws, config)
        async with app.run_test(size=TERMINAL_SIZE) as pilot:
            await wait_for(pilot, lambda: "register niet bereikbaar" in status(app))
            assert "2 wijzigingen wachten" in status(app)
            await pilot.press("n")  # typing goes on
            await settle(pilot)
            await asyncio.sleep(0)
    finally:
        ws.close()


async def test_a_conflict_is_reviewed_in_the_app_and_the_replaced_value_put_back(server, tmp_path) -> None:
    from desk.records.organisations import get_organisation, update_organisation
    from screens.sync_reviews import SyncReviewsScreen
    from tests.pilot_helpers import type_text

    a, b = laptops(tmp_path, new_register(server), "A", "B")
    with a.desk() as ws:
        org_id = create_organisation(ws, {"name": "De Groene Fietser", "city": "Rivierstad"}).id
    a.join()
    b.join()
    with a.desk() as ws:
        update_organisation(ws, org_id, {"name": "De Groene Fietser", "city": "Waterdorp"})
    with b.desk() as ws:
        update_organisation(ws, org_id, {"name": "De Groene Fietser", "city": "Heuveldorp"})
    a.sync()
    b.sync()  # Waterdorp was first; Heuveldorp waits for review
    config = b.path.parent / "config.json"
    user = make_user("Bert Bakker", "BB")  # no register set: the app does not sync by itself here
    save_user(config, user)
    ws = open_workspace(b.path, user)
    try:
        app = make_app(ws, config)
        async with app.run_test(size=TERMINAL_SIZE) as pilot:
            await settle(pilot)
            assert "1 conflict te bekijken" in status(app)
            await pilot.press("ctrl+p")
            await type_text(pilot, "Conflicten van")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, SyncReviewsScreen)
            table = app.screen.query_one("DataTable")
            row = [str(cell) for cell in table.get_row_at(0)]
            assert row[:4] == ["Organisatie De Groene Fietser", "Plaats", "Waterdorp", "Heuveldorp"]
            await pilot.press("t")
            await settle(pilot)
            assert table.row_count == 0
            await pilot.press("escape")
            await settle(pilot)
            assert "te bekijken" not in status(app) and "3 wijzigingen wachten" in status(app)
        assert get_organisation(ws, org_id).city == "Heuveldorp"
    finally:
        ws.close()
    b.sync()
    a.sync()
    with a.desk() as ws:
        assert get_organisation(ws, org_id).city == "Heuveldorp"  # the new edit reached the team
    assert a.rows("SELECT resolved_by FROM sync_reviews") == [("BB",)]
