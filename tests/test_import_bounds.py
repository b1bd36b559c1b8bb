"""What an import refuses, run as a user runs it (``python -m desk.cli import organisations FILE``):
files out of bounds (an XLSX that unpacks too large, too many rows, an overlong cell) are refused up
front with one Dutch line and nothing written; a row with another number of fields than the header
and a file that mixes UTF-8 with other bytes are errors with their line; a Windows-1252 file is
still read and said; invisible characters are removed from what is imported. And the wizard in the
app shows the same errors."""

from __future__ import annotations

import os
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from textual.widgets import DataTable

from desk.core.errors import DeskError
from desk.files import import_mapping, importing
from desk.files.tabular_files import read_table
from desk.records import organisations
from screens.app import make_app
from screens.import_wizard import ImportWizard
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text, type_text

MiB = 1024 * 1024


def desk_import(path: Path, db: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desk.cli", "import", "organisations", str(path), "--db", str(db),
                           *options], capture_output=True, text=True, timeout=300)


def organisations_in(db: Path) -> list[tuple]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT name, city, notes FROM organisations ORDER BY name").fetchall()


def assert_refused(result: subprocess.CompletedProcess, db: Path, *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    for fragment in fragments:
        assert fragment in result.stderr
    assert organisations_in(db) == []


_NS = 'xmlns="http://schemas.openxmlformats.org/'
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XLSX_PARTS = {
    "[Content_Types].xml": f'<Types {_NS}package/2006/content-types"><Default Extension="rels" ContentType="'
    'application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
    f'application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/><Override '
    f'PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPE}.worksheet+xml"/><Override PartName="/xl/'
    f'sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/></Types>',
    "_rels/.rels": f'<Relationships {_NS}package/2006/relationships"><Relationship Id="rId1" Type="{_REL}/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook {_NS}spreadsheetml/2006/main" xmlns:r="{_REL}"><sheets><sheet name="Blad1" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships {_NS}package/2006/relationships"><Relationship Id="rId1" '
    f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{_REL}/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>',
    # Naam | Plaats, then Groen BV | Dordrecht: cells that point at the first four shared strings
    "xl/worksheets/sheet1.xml": f'<worksheet {_NS}spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s">'
    '<v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s">'
    '<v>3</v></c></row></sheetData></worksheet>',
}


def workbook_with_shared_strings(path: Path, filler: int = 0, city: str = "Dordrecht",
                                 block: bytes = b"<si><t>" + b"A" * (MiB - 16) + b"</t></si>") -> Path:
    """An XLSX as Excel writes it (cells point into xl/sharedStrings.xml), made with zipfile so that
    the shared strings can be padded with ``filler`` blocks, by default MiBs of one repeated string
    (deflate packs a GiB of that into about a MB), and hold a cell longer than Excel would write."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as stream:
            stream.write(f'<sst {_NS}spreadsheetml/2006/main"><si><t>Naam</t></si><si><t>Plaats</t></si><si><t>'
                         f'Groen BV</t></si><si><t>{city}</t></si>'.encode())
            for _ in range(filler):
                stream.write(block)
            stream.write(b"</sst>")
    return path


# --- XLSX -----------------------------------------------------------------------------------------

def test_a_workbook_with_shared_strings_imports(tmp_path) -> None:
    path = workbook_with_shared_strings(tmp_path / "gewoon.xlsx", filler=1)
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert result.returncode == 0, result.stderr
    assert organisations_in(db) == [("Groen BV", "Dordrecht", "")]


def test_xlsx_whose_shared_strings_expand_to_a_gibibyte_is_refused_up_front(tmp_path) -> None:
    path = workbook_with_shared_strings(tmp_path / "bom.xlsx", filler=1024)
    assert path.stat().st_size < 8 * MiB
    assert zipfile.ZipFile(path).getinfo("xl/sharedStrings.xml").file_size > 1024 * MiB
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert_refused(result, db, "bom.xlsx is uitgepakt 1.024 MB, meer dan de grens van 100 MB")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(("filler", "block", "expected"), [
    (17, None, "heeft 17 MB aan teksten (sharedStrings.xml), meer dan de grens van 16 MB"),
    (500_001, b"<si/>", "heeft meer dan 500.000 verschillende teksten (sharedStrings.xml)"),
])
def test_xlsx_with_more_shared_strings_than_openpyxl_should_hold_is_refused(tmp_path, filler, block,
                                                                            expected) -> None:
    """openpyxl reads every shared string into memory before the first row, even read-only."""
    options = {"block": block} if block else {}
    path = workbook_with_shared_strings(tmp_path / "teksten.xlsx", filler=filler, **options)
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert_refused(result, db, f"teksten.xlsx {expected}", "Sla het op als CSV")
    assert result.stderr.count("\n") == 1


def test_xlsx_that_unpacks_larger_than_it_declares_is_refused_while_reading(tmp_path) -> None:
    """The sizes in the zip may lie: zipfile stops at the declared size and the check of the
    content (CRC) fails, so the lie cannot make Desk read more than was declared."""
    real = workbook_with_shared_strings(tmp_path / "echt.xlsx", filler=4)
    data = bytearray(real.read_bytes())
    central = data.find(b"PK\x01\x02")  # the central directory, where zipfile reads the sizes
    entry = data.find(b"xl/sharedStrings.xml", central) - 46  # the name follows a 46-byte header
    assert data[entry:entry + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, entry + 24, 1000)  # declare 1,000 bytes instead of 4 MiB
    path = tmp_path / "gelogen.xlsx"
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo("xl/sharedStrings.xml").file_size == 1000
    db = tmp_path / "desk.sqlite"
    assert_refused(desk_import(path, db), db, "gelogen.xlsx is geen leesbaar Excel-bestand (xlsx).")


def test_xlsx_with_an_overlong_cell_names_row_and_column(tmp_path) -> None:
    path = workbook_with_shared_strings(tmp_path / "lang.xlsx", city="x" * 200_000)
    db = tmp_path / "desk.sqlite"
    assert_refused(desk_import(path, db), db, "lang.xlsx: rij 2, kolom B: de cel heeft 200.000 tekens",
                   "grens van 100.000")


# --- rows and cells -------------------------------------------------------------------------------

def write(tmp_path: Path, text: str | bytes, name: str = "lijst.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_more_rows_than_the_limit_is_refused_up_front_and_the_limit_can_be_raised(tmp_path) -> None:
    path = write(tmp_path, "Naam;Plaats\r\n" + "".join(f"Bedrijf {i};Dordrecht\r\n" for i in range(11)))
    db = tmp_path / "desk.sqlite"
    refused = desk_import(path, db, "--max-rows", "10")
    assert_refused(refused, db, "lijst.csv heeft meer dan 10 rijen, de grens voor één import", "--max-rows")
    assert refused.stderr.count("\n") == 1
    raised = desk_import(path, db, "--max-rows", "11")
    assert raised.returncode == 0, raised.stderr
    assert len(organisations_in(db)) == 11


def test_the_default_row_limit_is_100000(tmp_path) -> None:
    path = write(tmp_path, "Naam\n" + "".join(f"B{i}\n" for i in range(100_001)))
    db = tmp_path / "desk.sqlite"
    assert_refused(desk_import(path, db), db, "meer dan 100.000 rijen", "--max-rows")


@pytest.mark.parametrize("value", ["0", "-5", "veel"])
def test_max_rows_must_be_a_positive_number(tmp_path, value) -> None:
    path = write(tmp_path, "Naam\nGroen BV\n")
    result = desk_import(path, tmp_path / "desk.sqlite", "--max-rows", value)
    assert result.returncode == 2 and "geen aantal rijen" in result.stderr and result.stderr.count("\n") == 1


def test_a_fifty_megabyte_cell_is_refused_with_line_and_column(tmp_path) -> None:
    path = write(tmp_path, "Naam;Notities;Plaats\r\nGoed BV;kort;Dordrecht\r\nLang BV;" + "x" * 50_000_000
                 + ";Gorinchem\r\n")
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert_refused(result, db, "lijst.csv: regel 3, kolom 2: een cel is langer dan 100.000 tekens")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("length", [100_001, 131_072, 131_073])
def test_a_cell_just_over_the_limit_is_refused_and_one_at_the_limit_is_read(tmp_path, length) -> None:
    """Around the limit of 100,000 and around the csv module's own (131,072), which Desk leaves as it is."""
    at_limit = write(tmp_path, "Naam;Plaats;Notities\r\nGoed BV;Dordrecht;" + "x" * 100_000 + "\r\n", "goed.csv")
    db = tmp_path / "desk.sqlite"
    result = desk_import(at_limit, db)
    assert result.returncode == 0, result.stderr
    over = write(tmp_path, "Naam;Plaats;Notities\r\nLang BV;Dordrecht;" + "x" * length + "\r\n", "lang.csv")
    refused = desk_import(over, db)
    assert refused.returncode == 1 and "lang.csv: regel 2, kolom 3: een cel is langer dan 100.000" in refused.stderr
    assert [name for name, _, _ in organisations_in(db)] == ["Goed BV"]


def test_an_unclosed_quote_is_a_long_cell_at_the_line_where_it_opens(tmp_path) -> None:
    path = write(tmp_path, 'Naam;Plaats;Notities\r\nGoed BV;Dordrecht;kort\r\nOpen BV;Gorinchem;"begint\r\n'
                 + "en gaat door\r\n" * 20_000)
    db = tmp_path / "desk.sqlite"
    assert_refused(desk_import(path, db), db, "regel 3, kolom 3: een cel is langer dan 100.000 tekens",
                   "aanhalingsteken")


def test_a_row_with_another_field_count_is_an_error_with_its_line(tmp_path) -> None:
    path = write(tmp_path, "Naam;Plaats;Notities\r\n"
                           "Goed BV;Dordrecht;;\r\n"  # an empty field after the last column is harmless
                           "Mixed A,Utrecht,,,,\r\n"
                           "Ook Goed BV;Zwijndrecht;\"a; b\"\r\n"
                           "Te Veel BV;Gorinchem;x;y\r\n"
                           "\r\n\r\n")  # empty lines at the end are fine
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert_refused(result, db)
    lines = result.stderr.splitlines()
    assert lines[0] == "desk: import geweigerd, er is niets opgeslagen: 2 van 4 rijen hebben een fout."
    assert lines[1].startswith("regel 3: deze rij heeft 1 veld en de kopregel 3; staat er een ander scheidingsteken")
    assert lines[2].startswith("regel 5: deze rij heeft 4 velden en de kopregel 3")
    skipped = desk_import(path, db, "--skip-invalid")
    assert skipped.returncode == 0 and "regel 3 niet ingelezen" in skipped.stderr
    assert [name for name, _, _ in organisations_in(db)] == ["Goed BV", "Ook Goed BV"]


def test_many_errors_are_counted_not_all_listed(tmp_path) -> None:
    path = write(tmp_path, "Naam;KvK\r\n" + "".join(f"Fout {i};123\r\n" for i in range(250)))
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert_refused(result, db, "250 van 250 rijen hebben een fout", "... en nog 150 rijen met een fout.")
    assert len(result.stderr.splitlines()) == 1 + 100 + 1 + 1


# --- encodings ------------------------------------------------------------------------------------

def test_utf8_mixed_with_other_bytes_is_refused_with_the_line_of_the_first_bad_byte(tmp_path) -> None:
    path = write(tmp_path, "Naam;Plaats\r\n".encode() + "Straße BV;Köln\r\n".encode("utf-8")
                 + "Gewoon BV;Dordrecht\r\n".encode() + "Café Zoë;Zwijndrecht\r\n".encode("cp1252"))
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert_refused(result, db, "lijst.csv: regel 4 is geen geldige UTF-8, terwijl regel 2 dat wel is",
                   "--encoding")
    assert result.stderr.count("\n") == 1
    as_utf8 = desk_import(path, db, "--encoding", "utf-8")
    assert_refused(as_utf8, db, "regel 4 is niet te lezen als UTF-8", "--encoding")


def test_a_windows_1252_file_is_still_read_and_the_guess_is_said(tmp_path) -> None:
    path = write(tmp_path, "Naam;Plaats\r\nCafé Zoë;Zwijndrecht\r\nStraße BV;Dordrecht\r\n".encode("cp1252"))
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert result.returncode == 0, result.stderr
    assert "Windows-1252 (geraden: het bestand is geen UTF-8" in result.stdout
    assert [name for name, _, _ in organisations_in(db)] == ["Café Zoë", "Straße BV"]


def test_a_windows_1252_header_is_read_as_windows_1252_too(tmp_path) -> None:
    table = read_table(write(tmp_path, "Naam;Plaats;Opmerking (één regel)\r\nCafé Zoë;Zwijndrecht;\r\n"
                             .encode("cp1252")))
    assert table.encoding == "cp1252" and table.headers == ["Naam", "Plaats", "Opmerking (één regel)"]
    assert [row.values for row in table.rows()] == [["Café Zoë", "Zwijndrecht", ""]]


def test_valid_utf8_is_never_read_as_windows_1252(tmp_path) -> None:
    path = write(tmp_path, "Naam;Plaats\r\nStraße BV;Köln\r\n")
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert result.returncode == 0 and "CSV, UTF-8," in result.stdout
    assert organisations_in(db) == [("Straße BV", "Köln", "")]


# --- invisible characters -------------------------------------------------------------------------

def test_nul_bidi_and_zero_width_characters_are_removed_on_import(tmp_path) -> None:
    path = write(tmp_path, "Naam;Plaats;Notities\r\n"
                           "Evil\u202eVB.exe;Dord\u200brecht;\"regel een\r\nregel\u2066 twee\u2069\"\r\n"
                           "Nul\x00 BV;\ufeffZwijndrecht;\x00\r\n"
                           "Bank\u200dABN;\u200e\u061cGorinchem\u200f;\r\n"
                           "👩\u200d💻 Studio;Utrecht;👩\u200d💻\r\n")
    db = tmp_path / "desk.sqlite"
    result = desk_import(path, db)
    assert result.returncode == 0, result.stderr
    assert organisations_in(db) == [("BankABN", "Gorinchem", ""),
                                    ("EvilVB.exe", "Dordrecht", "regel een\r\nregel twee"),
                                    ("Nul BV", "Zwijndrecht", ""),
                                    ("👩\u200d💻 Studio", "Utrecht", "👩\u200d💻")]


def test_a_fifo_is_refused_since_an_import_reads_its_file_twice(tmp_path) -> None:
    fifo = tmp_path / "pijp.csv"
    os.mkfifo(fifo)
    db = tmp_path / "desk.sqlite"
    assert_refused(desk_import(fifo, db), db, "is geen gewoon bestand")


def test_a_file_that_changes_after_the_check_stops_the_import_and_nothing_is_written(ws, tmp_path) -> None:
    path = write(tmp_path, "Naam;Plaats\r\nGroen BV;Dordrecht\r\nBlauw BV;Gorinchem\r\n")
    table = read_table(path)
    path.write_bytes("Naam;Plaats\r\nStraße BV;Köln\r\n".encode() + "Café;Zwijndrecht\r\n".encode("cp1252"))
    with pytest.raises(DeskError, match="regel 3 is niet te lezen als UTF-8"):
        importing.import_organisations(ws, table, import_mapping.guess_mapping(table.headers))
    assert organisations.count_organisations(ws) == 0
    path.write_bytes(b"Naam;Plaats\r\nGroen BV;Dordrecht\r\n")  # the same workspace imports again afterwards
    table = read_table(path)
    result = importing.import_organisations(ws, table, import_mapping.guess_mapping(table.headers))
    assert result.written and organisations.count_organisations(ws) == 1


# --- the wizard in the app ------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "expected"), [
    ("Naam;Plaats\r\nStraße BV;Köln\r\n".encode() + "Café;Zwijndrecht\r\n".encode("cp1252"),
     "lijst.csv: regel 3 is geen geldige UTF-8, terwijl regel 2 dat wel is"),
    (("Naam;Notities\r\nLang BV;" + "x" * 200_000 + "\r\n").encode(),
     "lijst.csv: regel 2, kolom 2: een cel is langer dan 100.000 tekens"),
])
async def test_wizard_shows_why_a_file_is_refused(ws, config_path, tmp_path, content, expected) -> None:
    path = write(tmp_path, content)
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        app.push_screen(ImportWizard())
        await settle(pilot)
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await settle(pilot)
        assert expected in static_text(pilot, "#import-summary")
        assert app.screen.query_one("#preview", DataTable).row_count == 0


async def test_wizard_previews_a_row_with_another_field_count_as_an_error(ws, config_path, tmp_path) -> None:
    path = write(tmp_path, "Naam;Plaats\r\nGoed BV;Dordrecht\r\nMixed A,Utrecht,,,,\r\n")
    app = make_app(ws, config_path)
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        wizard = ImportWizard()
        app.push_screen(wizard)
        await settle(pilot)
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await settle(pilot)
        preview = wizard.query_one("#preview", DataTable)
        rows = [[str(cell) for cell in preview.get_row_at(i)] for i in range(preview.row_count)]
        assert [row[:2] for row in rows] == [["2", "nieuw"], ["3", "fout"]]
        assert rows[1][3].startswith("deze rij heeft 1 veld en de kopregel 2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Niets opgeslagen: 1 rij heeft een fout" in static_text(pilot, "#import-summary")
    assert organisations_in(ws.path) == []
