"""How the row tables share the width among their columns, and show a long fill page first
(screens/widgets/tables.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App

from screens.widgets.tables import (
    FIRST_ROWS,
    READABLE_COLUMN,
    SMALLEST_COLUMN,
    FittedTable,
    fit_columns,
    fit_widths,
)

naturals = st.lists(st.integers(min_value=1, max_value=80), min_size=1, max_size=7)


@given(naturals, st.integers(min_value=0, max_value=200))
def test_the_widths_fit_and_no_column_grows(natural, room) -> None:
    widths = fit_widths(natural, room)
    assert all(1 <= width <= want for width, want in zip(widths, natural, strict=True))
    if sum(min(want, SMALLEST_COLUMN) for want in natural) <= room:
        assert sum(widths) <= room  # only when even the smallest widths do not fit does it scroll
    if sum(natural) <= room:
        assert widths == natural


@given(naturals, st.integers(min_value=0, max_value=200))
def test_a_short_column_keeps_its_width_while_a_longer_one_is_cut(natural, room) -> None:
    widths = fit_widths(natural, room)
    for short, long in ((i, j) for i in range(len(natural)) for j in range(len(natural))):
        if natural[short] <= natural[long] and widths[long] < natural[long] and widths[short] < natural[short]:
            assert abs(widths[short] - widths[long]) <= 1  # both cut: they share equally


def test_a_date_stays_whole_and_the_subject_takes_what_is_left() -> None:
    assert fit_widths([16, 60, 9, 40, 4], 70) == [16, 21, 9, 20, 4]


@given(naturals, st.integers(min_value=20, max_value=200), st.data())
def test_the_main_column_gets_more_and_the_table_stays_as_wide(natural, width, data) -> None:
    main = data.draw(st.integers(0, len(natural) - 1))
    shown, even = fit_columns(natural, width, 2)
    _, favoured = fit_columns(natural, width, 2, main=main)
    assert sum(favoured) <= sum(even)
    assert favoured[main] >= even[main] and favoured[main] <= natural[main]
    for index, (a, b) in enumerate(zip(even, favoured, strict=True)):
        if index != main:
            assert b <= a and (b == a or b >= READABLE_COLUMN)


def test_an_optional_column_goes_before_the_others_become_unreadable() -> None:
    shown, widths = fit_columns([5, 30, 35, 14], 38, 2, optional=(3,))
    assert shown == [0, 1, 2]
    shown, widths = fit_columns([5, 30, 35, 14], 118, 2, optional=(3,))
    assert shown == [0, 1, 2, 3] and widths == [5, 30, 35, 14]
    shown, widths = fit_columns([14, 15, 60, 28, 16], 78, 2, optional=(4, 3), main=2)
    assert shown == [0, 1, 2, 3] and widths == [14, 15, 23, 18]  # at 80: Organisatie stays readable
    shown, widths = fit_columns([14, 15, 60, 28, 16], 118, 2, optional=(4, 3), main=2)
    assert shown == [0, 1, 2, 3, 4] and widths[2] > widths[3] >= READABLE_COLUMN


# --- a long fill: the first page at once, the rest after it ---------------------------------------

class OneTable(App):
    def compose(self):
        yield FittedTable("Nr", "Naam", id="rows")


def numbered(count: int, prefix: str = "rij") -> list:
    return [((str(n), f"{prefix} {n}"), f"{prefix}-{n}") for n in range(count)]


async def test_a_long_fill_shows_its_first_rows_at_once_and_the_rest_after() -> None:
    app = OneTable()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(FittedTable)
        table.fill(numbered(1000))
        assert table.row_count == FIRST_ROWS  # before any frame: the first page only
        for _ in range(50):
            await pilot.pause()
        assert table.row_count == 1000
        assert [table.get_row_at(i)[1] for i in (0, 500, 999)] == ["rij 0", "rij 500", "rij 999"]


async def test_the_cursor_keeps_its_line_beyond_the_first_page() -> None:
    app = OneTable()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(FittedTable)
        table.fill(numbered(1000))
        for _ in range(50):
            await pilot.pause()
        table.move_cursor(row=700)
        table.fill(numbered(1000, "nieuw"))
        for _ in range(50):
            await pilot.pause()
        assert table.cursor_row == 700 and table.get_row_at(700)[1] == "nieuw 700"


async def test_a_new_fill_while_the_old_one_is_still_coming_shows_only_the_new_rows() -> None:
    app = OneTable()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(FittedTable)
        table.fill(numbered(1000, "oud"))
        await pilot.pause()
        table.fill(numbered(300, "nieuw"))
        table.remove("nieuw-250")  # not added yet
        for _ in range(50):
            await pilot.pause()
        names = [table.get_row_at(i)[1] for i in range(table.row_count)]
        assert names == [f"nieuw {n}" for n in range(300) if n != 250]
