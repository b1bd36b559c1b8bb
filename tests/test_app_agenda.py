"""The agenda and follow-ups in the app, with a fixed today."""

from __future__ import annotations

import datetime as dt

from desk.records import organisations
from desk.work import followups
from screens.agenda import AgendaScreen
from screens.app import make_app
from screens.organisation_detail import OrganisationDetailScreen
from screens.prompt import PromptScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text, type_text

TODAY = dt.date(2026, 11, 25)  # a Wednesday


def agenda_rows(app) -> list[tuple[str, ...]]:
    table = app.screen.query_one("#agenda")
    return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def section_of(rows, title: str) -> str:
    current = ""
    for row in rows:
        if row[1] == "" and row[3] == "":  # a section: no date phrase, no organisation
            current = row[0].split(" (")[0]
        elif row[2] == title:
            return current
    raise AssertionError(f"{title} not in agenda")


async def test_add_by_phrase_then_done_and_snooze(ws, config_path) -> None:
    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    followups.create_followup(ws, title="Oude belofte", due="gisteren", organisation_id=org.id, today=TODAY)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        app.push_screen(OrganisationDetailScreen(org.id))
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        await type_text(pilot, "Overlegtafel voorbereiden")
        await pilot.press("tab")
        await type_text(pilot, "vrijdag")
        await pilot.pause()
        assert "vr 27 nov 2026" in static_text(pilot, "#due-error")
        await pilot.press("tab")
        await type_text(pilot, "elke week")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        await pilot.press("escape")

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        rows = agenda_rows(app)
        assert section_of(rows, "Oude belofte") == "Te laat"
        assert section_of(rows, "Overlegtafel voorbereiden") == "Deze week"
        assert "1 te laat" in static_text(pilot, "#agenda-summary")

        table = app.screen.query_one("#agenda")
        table.move_cursor(row=[r[2] for r in rows].index("Overlegtafel voorbereiden"))
        await pilot.press("space")
        await settle(pilot)
        rows = agenda_rows(app)
        assert section_of(rows, "Overlegtafel voorbereiden") == "Later"
        [following] = [f for f in followups.open_followups(ws) if f.title == "Overlegtafel voorbereiden"]
        assert following.due_date == dt.date(2026, 12, 4)

        table.move_cursor(row=[r[2] for r in rows].index("Oude belofte"))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await type_text(pilot, "ooit")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # refused, with a message
        await pilot.press(*["backspace"] * 4)
        await type_text(pilot, "morgen")
        await pilot.press("enter")
        await settle(pilot)
        assert section_of(agenda_rows(app), "Oude belofte") == "Deze week"

        await pilot.press("d")
        await settle(pilot)
        assert static_text(pilot, "#count-overdue") == "0"


async def test_export_from_the_agenda_writes_a_private_ics(ws, config_path) -> None:
    from icalendar import Calendar

    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    followups.create_followup(ws, title="Bellen", due="vrijdag", organisation_id=org.id, today=TODAY)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
    target = ws.path.parent / "exports" / "desk-opvolging-20261125.ics"
    assert target.stat().st_mode & 0o777 == 0o600
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event.decoded("dtstart") == dt.date(2026, 11, 27)


async def test_a_long_group_shows_its_first_rows_and_counts_them_all(ws, config_path, monkeypatch) -> None:
    """With thousands of open follow-ups each group shows its first GROUP_LIMIT rows (by due date)."""
    monkeypatch.setattr("screens.agenda.GROUP_LIMIT", 2)
    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    for title, due in (("Eerste", "over 3 weken"), ("Tweede", "over 4 weken"), ("Derde", "over 5 weken"),
                       ("Oud", "gisteren")):
        followups.create_followup(ws, title=title, due=due, organisation_id=org.id, today=TODAY)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("a")
        await settle(pilot)
        rows = agenda_rows(app)
        titles = [row[2] for row in rows]
        assert ("Later (3)", "", "de eerste 2 van 3 getoond", "", "") in rows
        assert "Eerste" in titles and "Tweede" in titles and "Derde" not in titles
        assert section_of(rows, "Oud") == "Te laat"
        assert "Te laat (1)" in [row[0] for row in rows]
        assert "1 te laat" in static_text(pilot, "#agenda-summary")


async def test_g_is_the_report_space_is_done_and_ctrl_z_takes_it_back(ws, config_path) -> None:
    """`g` used to mark the selected follow-up done in the agenda (no undo), while the footer says it
    opens the report everywhere; after done the cursor jumped to the top."""
    from screens.report import ReportScreen

    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    for title, due in (("Offerte nabellen", "morgen"), ("Plan bespreken", "vrijdag"), ("Terugkoppelen", "+1w")):
        followups.create_followup(ws, title=title, due=due, organisation_id=org.id, today=TODAY)
    followups.create_followup(ws, title="Maandoverleg", due="vandaag", recurrence="elke maand",
                              organisation_id=org.id, today=TODAY)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await pilot.press("a")
        await settle(pilot)
        table = app.screen.query_one("#agenda")
        titles = [row[2] for row in agenda_rows(app)]
        table.move_cursor(row=titles.index("Plan bespreken"))
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert {f.title for f in followups.open_followups(ws)} >= {"Plan bespreken"}

        await pilot.press("a")
        await settle(pilot)
        table = app.screen.query_one("#agenda")
        row = [r[2] for r in agenda_rows(app)].index("Plan bespreken")
        table.move_cursor(row=row)
        await pilot.press("space")
        await settle(pilot)
        assert "Plan bespreken" not in [r[2] for r in agenda_rows(app)]
        assert table.cursor_row == row  # on the row that took its place, not back at the top
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "Plan bespreken" in [r[2] for r in agenda_rows(app)]
        assert agenda_rows(app)[table.cursor_row][2] == "Plan bespreken"

        table.move_cursor(row=[r[2] for r in agenda_rows(app)].index("Maandoverleg"))
        await pilot.press("space")
        await settle(pilot)
        assert [f.due_date for f in followups.open_followups(ws) if f.title == "Maandoverleg"] == [dt.date(2026, 12, 25)]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [f.due_date for f in followups.open_followups(ws) if f.title == "Maandoverleg"] == [TODAY]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [f.due_date for f in followups.open_followups(ws) if f.title == "Maandoverleg"] == [TODAY]
