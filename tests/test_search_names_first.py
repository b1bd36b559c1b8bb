"""Searching the organisations: the names that start with what was typed come first, in name order,
then the other hits by relevance. A first letter thus shows the organisations whose name begins
with it (read from the name index, not by ranking every hit), and each letter more narrows the
same hits."""

from __future__ import annotations

from desk.records import organisations
from screens.widgets.row_list import RowList
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text, type_text, visible_rows

ORGANISATIONS = [
    {"name": "Groene Werkplaats"},
    {"name": "gebroeders Bos"},  # lower case: order by name ignores case
    {"name": "Atelier Noord", "city": "Groningen"},  # a hit by its city, not its name
    {"name": "Bakkerij Goud"},  # a word of the name starts with g, the name does not
    {"name": "Fietsenmaker Oost"},  # no hit
]


def names_on_screen(row_list: RowList) -> list[str]:
    return [line.split("  ")[0] for line in visible_rows(row_list)]


async def search_for(pilot, text: str) -> RowList:
    """From the start: the organisations list, its search field, ``text`` typed; the list shown."""
    await settle(pilot)
    await pilot.press("o", "slash")
    await type_text(pilot, text)
    await settle(pilot)
    return pilot.app.screen.query_one(RowList)


async def test_one_letter_shows_names_that_start_with_it_then_the_other_hits(ws, make_app) -> None:
    for data in ORGANISATIONS:
        organisations.create_organisation(ws, data)
    gone = organisations.create_organisation(ws, {"name": "Glasblazerij"})
    organisations.set_archived(ws, gone.id, True)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        row_list = await search_for(pilot, "g")
        shown = names_on_screen(row_list)
        assert shown[:2] == ["gebroeders Bos", "Groene Werkplaats"]
        assert sorted(shown[2:]) == ["Atelier Noord", "Bakkerij Goud"]
        assert row_list.row_count == 4 and static_text(pilot, "#result-count") == "4 organisaties"

        await type_text(pilot, "r")  # "gr": the same kind of order over fewer hits
        await settle(pilot)
        assert names_on_screen(row_list) == ["Groene Werkplaats", "Atelier Noord"]
        assert static_text(pilot, "#result-count") == "2 organisaties"


async def test_pages_of_a_search_hold_every_hit_once_across_names_and_other_hits(ws, make_app) -> None:
    """More names with the letter than a page, and hits by city after them: the list's pages, read
    while scrolling to the end, are every hit once, names first."""
    with ws.write():
        for number in range(130):
            organisations.create_organisation(ws, {"name": f"Kaasmakerij {number:03d}"})
        for number in range(20):
            organisations.create_organisation(ws, {"name": f"Atelier {number:02d}", "city": "Kampen"})
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        row_list = await search_for(pilot, "k")
        assert row_list.row_count == 150 and static_text(pilot, "#result-count") == "150 organisaties"
        row_list.focus()
        await pilot.press("end")
        await settle(pilot)
        assert row_list.cursor == 149
        rows = [row_list.row_at(index).name for index in range(row_list.row_count)]
        assert rows[:130] == [f"Kaasmakerij {number:03d}" for number in range(130)]
        assert sorted(rows[130:]) == [f"Atelier {number:02d}" for number in range(20)]


def test_a_page_past_the_names_skips_them_exactly(ws) -> None:
    """A page that begins past the names (offset beyond them) starts at the right other hit."""
    with ws.write():
        for number in range(7):
            organisations.create_organisation(ws, {"name": f"Molen {number}"})
        for number in range(9):
            organisations.create_organisation(ws, {"name": f"Atelier {number}", "city": "Middelburg"})
    pages = [organisations.list_organisations(ws, "m", offset, 4, include_archived=False)
             for offset in range(0, 16, 4)]
    names = [row.name for page in pages for row in page]
    assert names[:7] == [f"Molen {number}" for number in range(7)]
    assert sorted(names[7:]) == [f"Atelier {number}" for number in range(9)]
    assert organisations.count_organisations(ws, "m", include_archived=False) == 16


def test_typed_text_that_is_not_plain_ascii_words_is_ranked_as_before(ws) -> None:
    """Names compare without case only for ASCII (SQLite's NOCASE), so other text keeps the ranked
    order over the same hits."""
    organisations.create_organisation(ws, {"name": "Ébéniste Ouest"})
    organisations.create_organisation(ws, {"name": "Atelier", "city": "Eindhoven"})
    assert sorted(row.name for row in organisations.list_organisations(ws, "é")) == ["Atelier", "Ébéniste Ouest"]
    assert [row.name for row in organisations.list_organisations(ws, "eb")] == ["Ébéniste Ouest"]
