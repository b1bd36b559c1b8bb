"""`end` in the organisations list: the cursor on the true last row, read from the end of the name
index (no OFFSET past every row before it), and scrolling back up from there."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from textual.app import App, ComposeResult

from desk.records import organisations
from screens.widgets.row_list import Column, RowList
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, visible_rows

LIVE = 250


def fill(ws) -> list[str]:
    """LIVE organisations in name order, and archived ones among them and after them."""
    with ws.write():
        names = [f"Organisatie {number:03d}" for number in range(LIVE)]
        for name in names:
            organisations.create_organisation(ws, {"name": name})
        for name in ("Organisatie 100a", "Zwijsen Archief", "Zz Archief"):
            organisations.set_archived(ws, organisations.create_organisation(ws, {"name": name}).id, True)
    return names


@contextlib.contextmanager
def traced(ws) -> Iterator[list[str]]:
    """The statements SQLite runs meanwhile, on the shared connection and on the one the app's UI
    thread reads through (the test runs in that thread)."""
    with ws.read() as db:
        connections = list({id(conn): conn for conn in (db.conn, ws.db.conn)}.values())
    statements: list[str] = []
    for conn in connections:
        conn.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        for conn in connections:
            conn.set_trace_callback(None)


def offsets(statements: list[str]) -> list[int]:
    return [int(found) for sql in statements if "FROM organisations" in sql
            for found in re.findall(r"\bOFFSET (\d+)", sql)]


async def open_list(pilot) -> RowList:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    return pilot.app.screen.query_one(RowList)


async def test_end_goes_to_the_last_row_without_stepping_over_the_rows_before(ws, make_app) -> None:
    names = fill(ws)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        row_list = await open_list(pilot)
        assert row_list.row_count == LIVE
        with traced(ws) as statements:
            await pilot.press("end")
            await settle(pilot)
            shown = visible_rows(row_list)
        assert row_list.cursor == LIVE - 1 and row_list.selected_row.name == names[-1]
        assert shown[-1].startswith(names[-1]) and shown[0].startswith(names[LIVE - len(shown)])
        assert offsets(statements) and max(offsets(statements)) < LIVE // 2, statements

        await pilot.press("up")
        assert row_list.selected_row.name == names[-2]
        for _ in range(4):
            await pilot.press("pageup")
        await settle(pilot)
        index = row_list.cursor
        assert index < LIVE - 100 and row_list.selected_row.name == names[index]
        assert [line.split("  ")[0] for line in visible_rows(row_list)] == names[row_list.scroll_offset.y:][
            :len(visible_rows(row_list))]
        await pilot.press("home")
        assert row_list.selected_row.name == names[0]


async def test_back_at_the_end_after_archiving_the_last_row_the_rows_are_recounted(ws, make_app) -> None:
    """The list comes back with its cursor kept and the old count until it has counted again; pages
    read from the end with the old count are read again with the new one."""
    names = fill(ws)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        row_list = await open_list(pilot)
        await pilot.press("end", "enter")
        await settle(pilot)
        await pilot.press("x", "j")  # archive the last organisation: yes
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        row_list = app.screen.query_one(RowList)
        assert row_list.row_count == LIVE - 1
        assert row_list.selected_row.name == names[-2]
        assert visible_rows(row_list)[-1].startswith(names[-2])
        assert [row_list.row_at(index).name for index in range(LIVE - 120, LIVE - 1)] == names[LIVE - 120:-1]


async def test_pages_read_from_the_end_follow_a_new_count() -> None:
    """A list shown with a count that turns out one too high (the old count, kept until the new one
    came) reads its end again once counted."""
    rows = [f"regel {number:03d}" for number in range(249)]

    class One(App):
        def compose(self) -> ComposeResult:
            yield RowList([Column("Regel", str)])

    app = One()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        row_list = app.query_one(RowList)
        row_list.set_source(250, lambda offset, limit: rows[offset:offset + limit], rows[:100],
                            fetch_from_end=lambda offset, limit: rows[len(rows) - offset - limit:len(rows) - offset])
        row_list.focus()
        await pilot.press("end")
        await pilot.pause()
        assert row_list.row_at(248) == "regel 247"  # counted from a last row that is not there
        row_list.set_count(249)
        await pilot.pause()
        assert row_list.selected_row == "regel 248"
        assert [row_list.row_at(index) for index in range(140, 249)] == rows[140:]
