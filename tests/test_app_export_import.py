"""The export dialog and the import wizard in the real app, driven headless."""

from __future__ import annotations

import csv
import io
import stat

from textual.widgets import DataTable, Input, ProgressBar, Select

from desk.records import contacts, events, organisations, persons
from screens.app import make_app
from screens.export_dialog import ExportDialog
from screens.import_wizard import ImportWizard
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text, type_text


def exported_files(ws) -> list:
    return sorted((ws.path.parent / "exports").glob("desk-*"))


async def test_export_dialog_writes_a_filtered_csv_into_exports(ws, config_path) -> None:
    org = organisations.create_organisation(ws, {"name": "Café Zoë"})
    other = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    days = events.create_event(ws, {"name": "Impact Days", "date": "2026-03-12"})
    contacts.create_contact(ws, {"organisation_id": org.id, "subject": "Op het evenement", "event_id": days.id,
                                 "notes": "+31 6 bellen"})
    contacts.create_contact(ws, {"organisation_id": other.id, "subject": "Gewoon gesprek"})
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        dialog = ExportDialog()
        app.push_screen(dialog)
        await settle(pilot)
        assert not dialog.query_one("#row-subject").display and dialog.query_one("#row-delimiter").display
        dialog.query_one("#event", Select).value = days.id
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        [target] = exported_files(ws)
        assert "1 contactmoment geëxporteerd naar" in static_text(pilot, "#export-status")
        assert str(target) in static_text(pilot, "#export-status")
        assert dialog.query_one(ProgressBar).percentage == 1
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert target.suffix == ".csv" and stat.S_IMODE(target.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    assert [(row["Onderwerp"], row["Notities"]) for row in rows] == [("Op het evenement", "'+31 6 bellen")]
    assert ws.db.execute("SELECT entity FROM audit WHERE action = 'export'").fetchall() == [("contacts",)]


async def test_export_dialog_person_and_bad_period(ws, config_path) -> None:
    org = organisations.create_organisation(ws, {"name": "Café Zoë"})
    persons.create_person(ws, {"name": "Zoë Jansen", "email": "zoe@cafe.example", "organisation_ids": [org.id]})
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        dialog = ExportDialog()
        app.push_screen(dialog)
        await settle(pilot)
        dialog.query_one("#date_from", Input).value = "ooit"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Datum niet herkend" in static_text(pilot, "#export-error")
        assert list((ws.path.parent / "exports").glob("*")) == []
        dialog.query_one("#kind", Select).value = "person"
        await pilot.pause()
        assert dialog.query_one("#row-subject").display and not dialog.query_one("#row-date_from").display
        dialog.query_one("#subject", Input).value = "zoe@cafe.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Inzage voor Zoë Jansen" in static_text(pilot, "#export-status")
    written = sorted(p.suffix for p in (ws.path.parent / "exports").glob("inzage-*"))
    assert written == [".json", ".md"]


async def test_import_wizard_previews_then_imports(ws, config_path, tmp_path) -> None:
    organisations.create_organisation(ws, {"name": "Stichting De Verbinding", "kvk": "11111111"})
    path = tmp_path / "lijst.csv"
    path.write_bytes(("Bedrijf;KvK;Plaats;Wie;Telefoon\r\n"
                      "Café Zoë;;Dordrecht;Zoë Jansen;'+31 6 12345678\r\n"
                      "De Verbinding;11111111;Zwijndrecht;Ria Bos;\r\n"
                      "Fout BV;123;;;\r\n").encode("cp1252"))
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        wizard = ImportWizard()
        app.push_screen(wizard)
        await settle(pilot)
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await settle(pilot)
        assert "Windows-1252" in static_text(pilot, "#file-info") and "3 rijen" in static_text(pilot, "#file-info")
        assert wizard.mapping() == ["name", "kvk", "city", None, "person_phone"]
        wizard.query_one("#map-3", Select).value = "person_name"  # "Wie" is the contact person
        await settle(pilot)
        preview = wizard.query_one("#preview", DataTable)
        rows = [[str(cell) for cell in preview.get_row_at(i)] for i in range(preview.row_count)]
        assert [row[:3] + row[4:] for row in rows] == [["2", "nieuw", "Café Zoë", "Zoë Jansen"],
                                                       ["3", "overslaan", "De Verbinding", "Ria Bos"],
                                                       ["4", "fout", "Fout BV", ""]]
        assert rows[1][3] == "bestaat al: zelfde KvK-nummer als Stichting De Verbinding"
        assert rows[2][3].startswith("KvK-nummer: een KvK-nummer heeft 8 cijfers")
        assert "Voorbeeld" in static_text(pilot, "#import-summary")
        assert organisations.count_organisations(ws) == 1  # the preview wrote nothing

        await pilot.press("ctrl+s")  # refused: one row is wrong
        await settle(pilot)
        assert "Niets opgeslagen" in static_text(pilot, "#import-summary")
        assert organisations.count_organisations(ws) == 1

        await pilot.click("#skip-invalid")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Ingelezen: 1 nieuw, 1 overslaan, 1 fout" in static_text(pilot, "#import-summary")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ImportWizard)
    [cafe] = [row for row in organisations.list_organisations(ws) if row.name == "Café Zoë"]
    assert [(p.name, p.phone) for p in organisations.get_organisation(ws, cafe.id).persons] == [
        ("Zoë Jansen", "+31 6 12345678")]


async def test_the_export_dialog_opens_with_its_first_field_focused(ws, config_path) -> None:
    """Nothing had focus: typed keys went nowhere and ctrl+s exported everything unseen."""
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        app.action_export()
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.focused is app.screen.query_one("#kind", Select)
