"""The organisations part of the app, driven headless with keys as a user would."""

from __future__ import annotations

from textual.command import CommandPalette

from desk.records import organisations
from screens.confirm import ConfirmScreen
from screens.help import HelpScreen
from screens.organisation_detail import OrganisationDetailScreen
from screens.organisation_form import OrganisationFormScreen
from screens.organisations import OrganisationsScreen
from screens.widgets.row_list import RowList
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import screen_text, settle, static_text, type_text, visible_rows


async def test_create_find_open_and_edit_an_organisation(make_app, ws) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationFormScreen)
        await type_text(pilot, "Zeepziederij Schuim")
        await pilot.press("tab")
        await type_text(pilot, "12345678")
        await pilot.click("#postcode")
        await type_text(pilot, "3311ab")
        await pilot.click("#city")
        await type_text(pilot, "Dordrecht")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert isinstance(app.screen, OrganisationDetailScreen)
        profile = static_text(pilot, "#profile")
        assert "12345678" in profile and "3311 AB" in profile and "Dordrecht" in profile
        assert "door TG" in profile

        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "zeepzie")
        await settle(pilot)
        rows = visible_rows(app.screen.query_one(RowList))
        assert len(rows) == 1 and rows[0].startswith("Zeepziederij Schuim")
        assert "1 organisatie" in static_text(pilot, "#result-count")

        await pilot.press("enter")  # leaves the search field for the list
        await pilot.press("enter")  # opens the organisation
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)

        await pilot.press("e")
        await settle(pilot)
        await pilot.click("#city")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "Zwijndrecht")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert "Zwijndrecht" in static_text(pilot, "#profile")

    stored = organisations.list_organisations(ws, "Zeepziederij")
    assert [row.city for row in stored] == ["Zwijndrecht"]


async def test_bad_kvk_and_postcode_show_dutch_errors_and_save_nothing(make_app, ws) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("o", "ctrl+n")
        await settle(pilot)
        await type_text(pilot, "Foutje BV")
        await pilot.click("#kvk")
        await type_text(pilot, "1234")
        await pilot.pause()
        assert static_text(pilot, "#kvk-error") == ""  # still typing: not wrong yet
        await pilot.click("#postcode")  # leaving the field checks it
        await pilot.pause()
        assert "8 cijfers" in static_text(pilot, "#kvk-error")
        await type_text(pilot, "12")
        await pilot.press("tab")
        await pilot.pause()
        assert "postcode" in static_text(pilot, "#postcode-error")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationFormScreen)
        assert "8 cijfers" in static_text(pilot, "#kvk-error")
        assert app.screen.focused.id == "kvk"
    assert organisations.count_organisations(ws) == 0


async def test_escape_asks_before_throwing_away_typed_text(make_app, ws) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("o", "ctrl+n")
        await settle(pilot)
        await type_text(pilot, "Half getypt")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep typing
        await pilot.pause()
        assert isinstance(app.screen, OrganisationFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)
    assert organisations.count_organisations(ws) == 0


async def test_letters_typed_in_search_do_not_trigger_screen_keys(make_app, ws) -> None:
    organisations.create_organisation(ws, {"name": "Dorpshuis De Ommezwaai"})
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "dorpshuis o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)
        assert visible_rows(app.screen.query_one(RowList))[0].startswith("Dorpshuis De Ommezwaai")


async def test_help_lists_the_keys_of_the_current_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = [description for _, description, _ in app.screen.rows]
        assert {"Nieuwe organisatie", "Zoeken", "Dashboard", "Stoppen"} <= set(descriptions)
        await pilot.press("escape")
        assert isinstance(app.screen, OrganisationsScreen)


async def test_palette_lists_every_action_in_dutch(make_app) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for expected in ("Nieuwe organisatie", "Zoeken", "Organisaties", "Dashboard", "Help", "Instellingen"):
            assert expected in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "nieuwe organ")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationFormScreen)


ENGLISH_FROM_TEXTUAL = ("Delete", "Focus Next", "Focus Previous", "Cursor", "Copy selected text", "Quit",
                        "Search for commands", "Move cursor", "Select all")


async def test_help_and_palette_are_dutch_while_typing_in_a_field_at_80x24(make_app) -> None:
    """With the search field focused, Textual's own keys (a text field's "Delete word left") stayed
    English in both; the help cut Desk's descriptions at 80 columns."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "search"
        await pilot.press("question_mark")
        await settle(pilot)
        if not isinstance(app.screen, HelpScreen):  # "?" was typed into the field: open help through the app
            app.action_help()
            await settle(pilot)
        shown = " ".join(screen_text(app).replace("│", " ").split())
        assert "Volgend veld" in shown and "Nieuwe organisatie" in shown
        assert not [word for word in ENGLISH_FROM_TEXTUAL if word in shown], shown
        assert "Typ een deel van naam, KvK-nummer, plaats of contactpersoon" in shown  # wrapped, not cut
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("ctrl+p")
        await settle(pilot)
        shown = screen_text(app)
        assert "Zoek een opdracht" in shown
        titles = [command.title for command in app.get_system_commands(app.screen_stack[-2])]
        assert titles and not [t for t in titles if any(word in t for word in ENGLISH_FROM_TEXTUAL)], titles


async def test_palette_and_theme_picker_say_in_dutch_that_nothing_matches(make_app) -> None:
    """Textual's own line for no match was "No matches found"; the query is typed text, shown as is."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "qqq[b]")
        await pilot.pause(0.8)  # Textual waits half a second before it says nothing matched
        shown = screen_text(app)
        assert "Niets gevonden voor qqq[b]" in shown and "No matches" not in shown, shown
        await pilot.press("enter")  # choosing the line only closes the palette
        await settle(pilot)
        assert not CommandPalette.is_open(app)

        await pilot.press("ctrl+p")
        await type_text(pilot, "Kleurenthema kiezen")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert "Zoek een kleurenthema" in screen_text(app)
        await type_text(pilot, "zzz")
        await pilot.pause(0.8)
        shown = screen_text(app)
        assert "Niets gevonden voor zzz" in shown, shown
        assert "No matches" not in shown
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "nord")
        await pilot.pause(0.8)
        assert "nord" in screen_text(app) and "Niets gevonden" not in screen_text(app)


async def test_first_start_asks_who_is_typing(tmp_path, config_path) -> None:
    from desk.core.config import load_user
    from desk.core.settings import organisation_name
    from desk.work.opening import open_workspace
    from screens.app import make_app

    ws = open_workspace(tmp_path / "fresh.sqlite", None)
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # cannot skip it
        await type_text(pilot, "Sanne de Groot")
        await pilot.press("tab")
        await type_text(pilot, "1!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "letters" in static_text(pilot, "#initials-error")
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "SdG")
        await pilot.press("tab")
        await type_text(pilot, "Gemeente Rivierstad")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Rivierstad" in app.title
    assert load_user(config_path).initials == "SdG"
    assert organisation_name(ws) == "Gemeente Rivierstad"
    ws.close()


async def test_first_start_on_demo_data_offers_the_municipality_as_a_hint(tmp_path, config_path) -> None:
    """The demo's fictional municipality was filled in as a value, kept by a quick ctrl+s."""
    from textual.widgets import Input

    from desk import demo
    from desk.work.opening import open_workspace
    from screens.app import make_app

    ws = open_workspace(tmp_path / "fresh.sqlite", None)
    demo.load_demo(ws)
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#organisation", Input)
        assert field.value == "" and field.placeholder == "bijv. Gemeente Rivierstad"
        await type_text(pilot, "Sanne de Groot")
        await pilot.press("tab")
        await type_text(pilot, "SdG")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "gemeente of provincie" in static_text(pilot, "#organisation-error")
    ws.close()


async def test_an_empty_dashboard_says_how_to_begin(make_app, ws) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Nog niets vastgelegd" in screen_text(app)
        organisations.create_organisation(ws, {"name": "Eerste BV"})
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "Nog niets vastgelegd" not in screen_text(app)


async def test_dashboard_shows_counts_and_opens_recent(make_app, ws) -> None:
    from desk import demo

    demo.load_demo(ws)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert static_text(pilot, "#count-organisations") == "38"  # 40 in the demo, 2 of them archived: as the list shows them
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)


async def test_o_from_an_organisation_reaches_the_list_and_letters_in_a_form_stay_in_it(make_app, ws) -> None:
    """`o` on an organisation's screen used to do nothing (already in that mode), so a search typed
    next fired the detail's own keys; after `d`, `o` came back to the detail instead of the list."""
    organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("o")
        await settle(pilot)
        app.screen.query_one(RowList).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)

        await pilot.press("enter", "d")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationFormScreen)
        app.screen.query_one("Checkbox").focus()  # not a text field: a letter reaches the app's keys
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationFormScreen)


async def test_the_dashboard_counts_the_organisations_the_list_shows(make_app, ws) -> None:
    """The dashboard counted archived organisations too (43 where the list showed 41)."""
    for name in ("Fietsatelier Oost", "Zorgboerderij De Hoeve", "Bakkerij Vos"):
        organisations.create_organisation(ws, {"name": name})
    partner = organisations.create_organisation(ws, {"name": "Ondernemersloket", "is_partner": True})
    gone = organisations.create_organisation(ws, {"name": "Oud Partnerbureau", "is_partner": True})
    organisations.set_archived(ws, gone.id, True)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert static_text(pilot, "#count-organisations") == "4"
        assert static_text(pilot, "#count-partners") == "1"
        await pilot.press("o")
        await settle(pilot)
        assert static_text(pilot, "#result-count") == "4 organisaties"
    assert organisations.get_organisation(ws, partner.id).is_partner
