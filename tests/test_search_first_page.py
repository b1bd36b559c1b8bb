"""The organisations search shows its first page before it counts: the count follows, and a
search with fewer hits than a page is not counted at all."""

from __future__ import annotations

from desk.records import organisations
from screens.widgets.row_list import RowList
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text, type_text


def fill(ws, count: int) -> None:
    with ws.write():
        for number in range(count):
            organisations.create_organisation(ws, {"name": f"Bakkerij {number:03d}"})
    organisations.create_organisation(ws, {"name": "Fietsenmaker Oost"})


async def open_search(pilot) -> None:
    await settle(pilot)
    await pilot.press("o", "slash")
    await settle(pilot)


async def test_many_hits_first_page_then_the_count(ws, make_app) -> None:
    fill(ws, 150)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await open_search(pilot)
        await type_text(pilot, "bakkerij")
        await settle(pilot)
        assert app.screen.query_one(RowList).row_count == 150
        assert static_text(pilot, "#result-count") == "150 organisaties"
        app.screen.query_one(RowList).focus()
        await pilot.press("end")
        assert app.screen.query_one(RowList).selected_row.name == "Bakkerij 149"


async def test_a_page_of_hits_is_its_own_count(ws, make_app) -> None:
    fill(ws, 150)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await open_search(pilot)
        statements: list[str] = []
        ws.db.conn.set_trace_callback(statements.append)
        try:
            await type_text(pilot, "fiets")
            await settle(pilot)
        finally:
            ws.db.conn.set_trace_callback(None)
        assert app.screen.query_one(RowList).row_count == 1
        assert static_text(pilot, "#result-count") == "1 organisatie"
        assert not [s for s in statements if "count(*)" in s and "organisations" in s], statements
