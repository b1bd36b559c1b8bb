"""The log screen and the organisation timeline."""

from __future__ import annotations

import datetime as dt

from textual.widgets import SelectionList

from desk.core.clock import LOCAL_TZ
from desk.records import contacts, events, organisations, persons
from screens.confirm import ConfirmScreen
from screens.contact_detail import ContactDetailScreen
from screens.log import LogScreen
from screens.organisation_detail import OrganisationDetailScreen
from screens.widgets.row_list import RowList
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text, type_text, visible_rows


def _seed(ws):
    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost", "themes": ["Arbeidsparticipatie"]})
    other = organisations.create_organisation(ws, {"name": "Zorgboerderij De Hoeve", "themes": ["Zorg & welzijn"]})
    event = events.create_event(ws, {"name": "MKB-dag 2026", "date": "2026-05-20", "place": "Rivierstad"})
    when = lambda day: dt.datetime(2026, 5, day, 10, 0, tzinfo=LOCAL_TZ)  # noqa: E731
    contacts.create_contact(ws, {"organisation_id": org.id, "occurred_at": when(1), "subject": "Eerste kennismaking",
                                 "notes": "Zoekt leerwerkplekken", "needs": ["Personeel/doelgroep vinden"]})
    contacts.create_contact(ws, {"organisation_id": org.id, "occurred_at": when(20), "subject": "Op de MKB-dag",
                                 "channel": "Evenement", "event_id": event.id, "needs": ["Financiering"]})
    contacts.create_contact(ws, {"organisation_id": other.id, "occurred_at": when(10), "subject": "Vergunning stal",
                                 "channel": "Telefoon", "needs": ["Vergunningen"]})
    return org


async def test_log_lists_newest_first_and_filters(make_app, ws) -> None:
    _seed(ws)
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        rows = visible_rows(app.screen.query_one(RowList))
        assert [r.split()[2] for r in rows] == ["Fietsatelier", "Zorgboerderij", "Fietsatelier"]
        assert "Op de MKB-dag" in rows[0]
        await pilot.press("slash")
        await type_text(pilot, "leerwerk")
        await settle(pilot)
        assert "1 contactmoment" in static_text(pilot, "#log-count")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f")
        await type_text(pilot, "9-5-2026")
        await settle(pilot)
        assert "2 contactmomenten" in static_text(pilot, "#log-count")
        app.screen.query_one("#theme").value = "Zorg & welzijn"
        await settle(pilot)
        rows = visible_rows(app.screen.query_one(RowList))
        assert len(rows) == 1 and "Zorgboerderij" in rows[0]


async def test_timeline_newest_first_and_delete_asks(make_app, ws) -> None:
    org = _seed(ws)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        app.push_screen(OrganisationDetailScreen(org.id))
        await settle(pilot)
        timeline = app.screen.query_one("#timeline")
        assert [str(timeline.get_row_at(i)[1]) for i in range(timeline.row_count)] == ["Op de MKB-dag",
                                                                                     "Eerste kennismaking"]
        app.screen.query_one("#org-tabs").active = "tab-timeline"
        await pilot.pause()
        timeline.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert app.screen.query_one("#timeline").row_count == 1
    assert contacts.count_contacts(ws) == 2


def test_edit_keeps_the_previous_version(ws) -> None:
    org = _seed(ws)
    row = contacts.timeline(ws, org.id)[0]
    contact = contacts.get_contact(ws, row.id)
    changed = contacts.update_contact(ws, contact.id, {**contact.model_dump(), "notes": "Nieuwe tekst", "person_ids": []})
    assert changed.version == 2
    [old] = contacts.versions(ws, contact.id)
    assert old["notes"] == contact.notes and old["replaced_by"] == "TG"


async def test_editing_a_contact_moment_changes_who_was_present(make_app, ws) -> None:
    """The edit form lists the organisation's contact persons with those present ticked; the saved
    version has the new company, the earlier one is kept."""
    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    anna = persons.create_person(ws, {"name": "Anna de Wit", "organisation_ids": [org.id]})
    bram = persons.create_person(ws, {"name": "Bram Bakker", "organisation_ids": [org.id]})
    contact = contacts.create_contact(ws, {"organisation_id": org.id, "subject": "Kennismaking",
                                           "person_ids": [anna.id]})
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        app.push_screen(ContactDetailScreen(contact.id))
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        present = app.screen.query_one(SelectionList)
        assert [present.get_option_at_index(i).prompt.plain for i in range(present.option_count)] == [
            "Anna de Wit", "Bram Bakker"]
        assert present.selected == [anna.id]
        present.focus()
        await pilot.press("space", "down", "space")  # Anna off, Bram on
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Bram Bakker" in static_text(pilot, "#contact-text")
    saved = contacts.get_contact(ws, contact.id)
    assert saved.persons == [(bram.id, "Bram Bakker")] and saved.version == 2
    [old] = contacts.versions(ws, contact.id)
    assert old["subject"] == "Kennismaking"


async def test_a_contact_moment_opened_from_the_log_leads_to_its_organisation(make_app, ws) -> None:
    _seed(ws)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("l")
        await settle(pilot)
        app.screen.query_one(RowList).focus()
        await pilot.press("end", "enter")  # the oldest: "Eerste kennismaking" at Fietsatelier Oost
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert "Fietsatelier Oost" in static_text(pilot, "#org-title")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)  # the contact moment closed on the way
