"""Import of organisations with persons: round trips through CSV and XLSX into an empty database,
encodings, delimiters, quoted newlines, formula guards, line numbers, all or nothing, matching, and
``desk import`` as a process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desk.core.config import make_user
from desk.core.errors import DeskError
from desk.files import exporting, import_mapping, importing
from desk.files.tabular_files import read_table
from desk.records import organisations, persons
from desk.work.opening import open_workspace

DESK = Path(sys.executable).with_name("desk")
HEADER = "Naam;KvK-nummer;Plaats;Postcode;Website;Contactpersoon;E-mail;Telefoon;Notities\r\n"


@pytest.fixture
def empty_ws(tmp_path):
    """A second, empty database: what an import on another laptop starts from."""
    workspace = open_workspace(tmp_path / "other.sqlite", make_user("Andere Gebruiker", "AG"))
    yield workspace
    workspace.close()


def fill_organisations(ws) -> None:
    partner = organisations.create_organisation(ws, {
        "name": "=Gelijk Delen Stichting", "kvk": "87654321", "branch_number": "000012345678",
        "legal_form": "Stichting", "street": "Voorstraat 1", "postcode": "3311ab", "city": "Dordrecht",
        "municipality": "Dordrecht", "website": "www.gelijkdelen.example", "impact_type": "Impact first",
        "themes": ["Arbeidsparticipatie", "Zorg & welzijn"], "sdgs": "8, 10", "is_partner": True,
        "ecosystem_domains": ["Netwerk"], "notes": "Regel een;\nregel twee, met \"quotes\"\n-min aan het begin"})
    cafe = organisations.create_organisation(ws, {
        "name": "Café Zoë", "kvk": "12345678", "postcode": "1234 AB", "city": "Zwijndrecht",
        "themes": ["Circulaire economie"], "sdgs": [12], "archived": True})
    organisations.create_organisation(ws, {"name": "Alleen Een Naam"})
    persons.create_person(ws, {"name": "Zoë Jansen", "email": "zoe@cafe.example", "phone": "+31 6 12345678",
                               "role": "eigenaar", "notes": "@zoe op sociale media",
                               "organisation_ids": [cafe.id, partner.id]})
    persons.create_person(ws, {"name": "Ahmed El Amrani", "role": "-coördinator", "organisation_ids": [partner.id]})


def snapshot(ws) -> list[dict]:
    """Everything of the organisations and persons except ids and stamps."""
    result = []
    for record in exporting.iter_records(ws, "organisations"):
        record = {key: value for key, value in record.items() if key != "id"}
        record["persons"] = sorted(({k: v for k, v in p.items() if k != "id"} for p in record["persons"]),
                                   key=lambda p: p["name"])
        result.append(record)
    return result


def import_file(ws, path: Path, **options) -> importing.ImportResult:
    table = read_table(path)
    return importing.import_organisations(ws, table, import_mapping.guess_mapping(table.headers), **options)


def organisation_count(ws) -> int:
    return ws.db.execute("SELECT count(*) FROM organisations WHERE deleted_at IS NULL").fetchone()[0]


# --- round trips ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_into_an_empty_database(ws, empty_ws, tmp_path, fmt) -> None:
    fill_organisations(ws)
    target = tmp_path / f"adressen.{fmt}"
    exporting.export_to_file(ws, "organisations", fmt, target)
    result = import_file(empty_ws, target)
    assert result.written and not result.errors
    assert snapshot(empty_ws) == snapshot(ws)
    zoe = empty_ws.db.execute("SELECT phone, notes FROM persons WHERE email = 'zoe@cafe.example'").fetchall()
    assert zoe == [("+31 6 12345678", "@zoe op sociale media")]  # one person, linked to both organisations
    names = [r[0] for r in empty_ws.db.execute("SELECT name FROM organisations ORDER BY name")]
    assert names == ["=Gelijk Delen Stichting", "Alleen Een Naam", "Café Zoë"]
    again = import_file(empty_ws, target)  # importing the same file twice changes nothing
    assert {o.action for o in again.outcomes} == {importing.SKIP} and snapshot(empty_ws) == snapshot(ws)


def test_csv_export_with_comma_imports_too(ws, empty_ws, tmp_path) -> None:
    fill_organisations(ws)
    target = tmp_path / "adressen.csv"
    exporting.export_to_file(ws, "organisations", "csv", target, delimiter=",")
    table = read_table(target)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    import_file(empty_ws, target)
    assert snapshot(empty_ws) == snapshot(ws)


# --- reading files --------------------------------------------------------------------------------


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "lijst.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_windows_1252_file(empty_ws, tmp_path) -> None:
    path = write(tmp_path, "Bedrijfsnaam;Plaats;Contactpersoon\r\nCafé Zoë;Zwijndrecht;Zoë Müller\r\n", "cp1252")
    table = read_table(path)
    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert "Windows-1252" in table.description
    assert list(table.rows())[0].values == ["Café Zoë", "Zwijndrecht", "Zoë Müller"]
    import_file(empty_ws, path)
    assert empty_ws.db.execute("SELECT name, city FROM organisations").fetchall() == [("Café Zoë", "Zwijndrecht")]
    assert empty_ws.db.execute("SELECT name FROM persons").fetchall() == [("Zoë Müller",)]


@pytest.mark.parametrize(("encoding", "expected"), [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"),
                                                    ("utf-16", "utf-16")])
def test_utf8_with_and_without_bom_and_utf16(tmp_path, encoding, expected) -> None:
    table = read_table(write(tmp_path, "naam\tplaats\r\nCafé Zoë\tDordrecht\r\n", encoding))
    assert table.encoding == expected and table.delimiter == "\t"
    assert table.headers == ["naam", "plaats"] and list(table.rows())[0].values == ["Café Zoë", "Dordrecht"]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiter_is_detected_even_with_others_inside_quotes(tmp_path, delimiter) -> None:
    d = delimiter
    text = (f"Naam{d}Plaats{d}Notities\n\"Koffie{d} thee en taart\"{d}Dordrecht{d}\"a; b, c\"\n"
            f"Fietsatelier{d}Gorinchem{d}\"x,y;z\"\n")
    table = read_table(write(tmp_path, text))
    assert table.delimiter == delimiter
    assert [row.values[0] for row in table.rows()] == [f"Koffie{d} thee en taart", "Fietsatelier"]


def test_quoted_newlines_keep_the_line_numbers_of_the_file(empty_ws, tmp_path) -> None:
    text = (HEADER
            + 'Eerste BV;;Dordrecht;;;;;;"notitie over\r\ndrie\r\nregels"\r\n'  # lines 2-4
            + "\r\n"  # an empty line 5 is skipped
            + 'Tweede BV;1234;Gorinchem;;;;;;"twee\nregels"\r\n'  # line 6: a KvK-nummer of 4 digits
            + ";;Papendrecht;;;;;;\r\n"  # line 8: no name
            + "Vierde BV;;;1234 SA;;;;;\r\n")  # line 9: a postcode that does not exist (SA)
    path = write(tmp_path, text)
    table = read_table(path)
    assert [row.line for row in table.rows()] == [2, 6, 8, 9]
    assert list(table.rows())[0].values[-1] == "notitie over\r\ndrie\r\nregels"
    result = import_file(empty_ws, path)
    assert not result.written and result.refused
    assert [(o.line, o.action) for o in result.errors] == [(6, "fout"), (8, "fout"), (9, "fout")]
    assert "KvK-nummer: een KvK-nummer heeft 8 cijfers ('1234' klopt niet)" in result.errors[0].message
    assert "Naam: is verplicht" in result.errors[1].message
    assert "Postcode" in result.errors[2].message
    assert organisation_count(empty_ws) == 0


def test_formula_guard_is_removed_on_import(empty_ws, tmp_path) -> None:
    path = write(tmp_path, HEADER + "'=Gelijk BV;;;;;Zoë;zoe@x.example;'+31 6 12345678;'-min\r\n", "utf-8-sig")
    import_file(empty_ws, path)
    assert empty_ws.db.execute("SELECT name, notes FROM organisations").fetchall() == [("=Gelijk BV", "-min")]
    assert empty_ws.db.execute("SELECT phone FROM persons").fetchall() == [("+31 6 12345678",)]


def test_xlsx_numbers_and_a_number_kvk(empty_ws, tmp_path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Company", "CoC number", "City", "SDGs", "Contact person", "Phone"])
    sheet.append(["Fietsatelier Oost", 12345678, "Dordrecht", 8, "Ahmed", "0612345678"])
    sheet.append([None, None, None, None, None, None])
    sheet.append(["Tweede", 1234, None, None, None, None])
    path = tmp_path / "lijst.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.encoding is None and [row.line for row in table.rows()] == [2, 4]
    result = import_file(empty_ws, path)
    assert [(o.line, o.action) for o in result.errors] == [(4, "fout")]
    result = import_file(empty_ws, path, skip_invalid=True)
    assert result.written
    assert empty_ws.db.execute("SELECT name, kvk, city FROM organisations").fetchall() == [
        ("Fietsatelier Oost", "12345678", "Dordrecht")]


def test_unreadable_files_are_dutch_errors(tmp_path) -> None:
    with pytest.raises(DeskError, match="bestaat niet"):
        read_table(tmp_path / "weg.csv")
    with pytest.raises(DeskError, match="leeg"):
        read_table(write(tmp_path, "\r\n\r\n"))
    with pytest.raises(DeskError, match="geen leesbaar Excel-bestand"):
        read_table(write(tmp_path, "geen zip", name="kapot.xlsx"))


# --- mapping --------------------------------------------------------------------------------------


def test_headers_in_dutch_and_english_are_mapped() -> None:
    headers = ["Bedrijfsnaam", "KvK nr", "Woonplaats", "ZIP", "Address", "web", "Gemeente", "Contact",
               "E-mailadres", "Tel", "Functie", "Thema's", "Type", "Iets anders"]
    assert import_mapping.guess_mapping(headers) == [
        "name", "kvk", "city", "postcode", "street", "website", "municipality", "person_name", "person_email",
        "person_phone", "person_role", "themes", "impact_type", None]


def test_plain_naam_is_the_person_when_another_column_is_the_organisation() -> None:
    assert import_mapping.guess_mapping(["Naam", "Plaats"]) == ["name", "city"]
    assert import_mapping.guess_mapping(["Organisatie", "Naam", "E-mail"]) == ["name", "person_name", "person_email"]
    assert import_mapping.guess_mapping(["Naam", "Naam"]) == ["name", "person_name"]


def test_mapping_can_be_corrected() -> None:
    headers = ["Wie", "Wat", "Plaats"]
    mapping = import_mapping.apply_overrides(headers, import_mapping.guess_mapping(headers),
                                        ["Wie=naam", "wat=notities", "Plaats=-"])
    assert mapping == ["name", "notes", None]
    moved = import_mapping.apply_overrides(headers, mapping, ["Wat=Naam"])  # a field belongs to one column
    assert moved == [None, "name", None]
    with pytest.raises(ValueError, match="geen kolom 'Hoe'"):
        import_mapping.apply_overrides(headers, mapping, ["Hoe=naam"])
    with pytest.raises(ValueError, match="onbekend veld 'schoenmaat'"):
        import_mapping.field_for("schoenmaat")


def test_without_a_name_column_nothing_happens(empty_ws, tmp_path) -> None:
    path = write(tmp_path, "Plaats\r\nDordrecht\r\n")
    with pytest.raises(DeskError, match="Geen kolom voor de naam"):
        import_file(empty_ws, path)


# --- all or nothing, skip-invalid, dry run --------------------------------------------------------


def test_one_invalid_row_refuses_the_whole_import(empty_ws, tmp_path) -> None:
    path = write(tmp_path, HEADER + "Goed BV;;;;;;;;\r\nFout BV;;;;;;geen-mail;;\r\nOok Goed;;;;;;;;\r\n")
    result = import_file(empty_ws, path)
    assert result.refused and not result.written
    [error] = result.errors
    assert error.line == 3 and "E-mail: 'geen-mail' is geen geldig e-mailadres" in error.message
    assert [o.action for o in result.outcomes] == ["nieuw", "fout", "nieuw"]  # what would have happened
    assert organisation_count(empty_ws) == 0
    assert empty_ws.db.execute("SELECT count(*) FROM audit WHERE action IN ('aangemaakt', 'import')").fetchone() == (0,)


def test_an_unknown_theme_is_an_error_of_that_row(empty_ws, tmp_path) -> None:
    path = write(tmp_path, "Naam;Thema's\r\nGoed BV;Onderwijs\r\nRaar BV;Ruimtevaart\r\n")
    result = import_file(empty_ws, path)
    assert [(o.line, o.message) for o in result.errors] == [(3, "Thema's: 'Ruimtevaart' staat niet in de lijst")]
    assert organisation_count(empty_ws) == 0
    result = import_file(empty_ws, path, skip_invalid=True)
    assert result.written and organisation_count(empty_ws) == 1


def test_skip_invalid_writes_the_valid_rows(empty_ws, tmp_path) -> None:
    path = write(tmp_path, HEADER + "Goed BV;;;;;Jan;jan@goed.example;;\r\nFout BV;1;;;;;;;\r\nOok Goed;;;;;;;;\r\n")
    result = import_file(empty_ws, path, skip_invalid=True)
    assert result.written and not result.refused
    assert [o.line for o in result.errors] == [3]
    names = [r[0] for r in empty_ws.db.execute("SELECT name FROM organisations ORDER BY name")]
    assert names == ["Goed BV", "Ook Goed"]
    assert empty_ws.db.execute("SELECT summary FROM audit WHERE action = 'import'").fetchone()[0] == (
        "lijst.csv: 2 nieuw, 1 fout; 1 contactpersoon nieuw of gekoppeld")


def test_dry_run_writes_nothing(empty_ws, tmp_path) -> None:
    path = write(tmp_path, HEADER + "Goed BV;;;;;Jan;jan@goed.example;;\r\n")
    before = empty_ws.db.execute("SELECT count(*) FROM audit").fetchone()
    result = import_file(empty_ws, path, dry_run=True)
    assert result.dry_run and not result.written
    assert [(o.action, o.organisation, o.person) for o in result.outcomes] == [("nieuw", "Goed BV", "Jan")]
    assert organisation_count(empty_ws) == 0
    assert empty_ws.db.execute("SELECT count(*) FROM persons").fetchone() == (0,)
    assert empty_ws.db.execute("SELECT count(*) FROM audit").fetchone() == before


# --- matching existing organisations --------------------------------------------------------------


@pytest.fixture
def existing(ws):
    org = organisations.create_organisation(ws, {"name": "Stichting De Verbinding", "kvk": "11111111",
                                                 "city": "Dordrecht", "website": "verbinding.example"})
    persons.create_person(ws, {"name": "Ria Bos", "email": "ria@verbinding.example", "organisation_ids": [org.id]})
    return org


def matching_file(tmp_path) -> Path:
    return write(tmp_path, "Naam;KvK;Plaats;Contactpersoon;E-mail\r\n"
                           "Verbinding BV;11111111;Zwijndrecht;Ria Bos;ria@verbinding.example\r\n"  # by KvK
                           "de verbinding;;;Nieuwe Collega;nieuw@verbinding.example\r\n")  # by name


def test_existing_are_skipped_by_default(ws, existing, tmp_path) -> None:
    result = import_file(ws, matching_file(tmp_path))
    assert [(o.action, o.message) for o in result.outcomes] == [
        ("overslaan", "bestaat al: zelfde KvK-nummer als Stichting De Verbinding"),
        ("overslaan", "organisatie overgeslagen op regel 2")]
    org = organisations.get_organisation(ws, existing.id)
    assert org.city == "Dordrecht" and [p.name for p in org.persons] == ["Ria Bos"]


def test_update_overwrites_what_the_file_has_and_adds_persons(ws, existing, tmp_path) -> None:
    result = import_file(ws, matching_file(tmp_path), existing="update")
    assert [o.action for o in result.outcomes] == ["bijwerken", "contactpersoon erbij"]
    org = organisations.get_organisation(ws, existing.id)
    assert org.name == "Verbinding BV" and org.city == "Zwijndrecht"
    assert org.website == "https://verbinding.example"  # an empty cell keeps what was there
    assert [p.name for p in org.persons] == ["Nieuwe Collega", "Ria Bos"]
    assert organisation_count(ws) == 1


def test_name_match_by_normalised_name(ws, existing, tmp_path) -> None:
    path = write(tmp_path, "Naam;Plaats\r\nDE VERBINDING B.V.;Papendrecht\r\n")
    [outcome] = import_file(ws, path, existing="update").outcomes
    assert (outcome.action, outcome.message) == ("bijwerken", "zelfde naam als Stichting De Verbinding")


def test_same_name_with_another_kvk_is_another_organisation(ws, existing, tmp_path) -> None:
    path = write(tmp_path, "Naam;KvK-nummer\r\nDe Verbinding;22222222\r\n")
    [outcome] = import_file(ws, path).outcomes
    assert outcome.action == "nieuw" and organisation_count(ws) == 2


def test_add_creates_beside_a_name_match_and_refuses_a_kvk_match(ws, existing, tmp_path) -> None:
    result = import_file(ws, write(tmp_path, "Naam\r\nDe Verbinding\r\n"), existing="add")
    assert [(o.action, o.message) for o in result.outcomes] == [
        ("toevoegen", "nieuw, naast de bestaande met zelfde naam als Stichting De Verbinding")]
    assert organisation_count(ws) == 2
    result = import_file(ws, write(tmp_path, "Naam;KvK\r\nAnders;11111111\r\n", name="kvk.csv"), existing="add")
    assert result.refused and "hoort al bij Stichting De Verbinding" in result.errors[0].message
    assert organisation_count(ws) == 2


def test_a_former_kvk_finds_the_organisation_but_is_not_restored(ws, existing, tmp_path) -> None:
    organisations.update_organisation(ws, existing.id, {**existing.as_input().model_dump(), "kvk": "33333333"})
    path = write(tmp_path, "Naam;KvK\r\nVerbinding;11111111\r\n")
    [outcome] = import_file(ws, path, existing="update").outcomes
    assert (outcome.action, outcome.message) == ("bijwerken", "eerder KvK-nummer als Stichting De Verbinding")
    assert organisations.get_organisation(ws, existing.id).kvk == "33333333"


# --- the command line -----------------------------------------------------------------------------


def run_desk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DESK), *args], capture_output=True, text=True, env=dict(os.environ), timeout=60)


def count_in(db: Path, table: str) -> int:
    return sqlite3.connect(db).execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_cli_import_dry_run_then_real(tmp_path) -> None:
    db = tmp_path / "desk.sqlite"
    path = write(tmp_path, "Bedrijf;Plaats;Wie\r\nCafé Zoë;Dordrecht;Zoë\r\n", "cp1252")
    dry = run_desk("import", "organisations", str(path), "--dry-run", "--map", "Wie=contactpersoon", "--db", str(db))
    assert dry.returncode == 0, dry.stderr
    assert "Windows-1252" in dry.stdout and "Wie → Contactpersoon" in dry.stdout
    assert "regel 2: nieuw — Café Zoë · Zoë" in dry.stdout and "niets opgeslagen" in dry.stdout
    assert count_in(db, "organisations") == 0
    real = run_desk("import", "organisations", str(path), "--map", "Wie=contactpersoon", "--db", str(db))
    assert real.returncode == 0, real.stderr
    assert "Ingelezen: 1 nieuw; 1 contactpersoon nieuw of gekoppeld." in real.stdout
    assert count_in(db, "organisations") == 1 and count_in(db, "persons") == 1
    again = run_desk("import", "organisations", str(path), "--existing", "update", "--db", str(db))
    assert again.returncode == 0 and "1 bijwerken" in again.stdout


def test_cli_refused_import_reports_each_line_on_stderr(tmp_path) -> None:
    db = tmp_path / "desk.sqlite"
    path = write(tmp_path, HEADER + "Goed BV;;;;;;;;\r\nFout BV;1;;;;;;;\r\n;;;;;;;;\"x\ny\"\r\nNog Een;;;;;;;;\r\n")
    result = run_desk("import", "organisations", str(path), "--db", str(db))
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "desk: import geweigerd, er is niets opgeslagen: 2 van 4 rijen hebben een fout."
    assert lines[1].startswith("regel 3: KvK-nummer:") and lines[2] == "regel 4: Naam: is verplicht"
    assert "--skip-invalid" in lines[3] and "Traceback" not in result.stderr
    assert count_in(db, "organisations") == 0
    skipped = run_desk("import", "organisations", str(path), "--skip-invalid", "--db", str(db))
    assert skipped.returncode == 0 and "2 nieuw, 2 fout" in skipped.stdout
    assert "regel 3 niet ingelezen" in skipped.stderr
    assert count_in(db, "organisations") == 2


@pytest.mark.parametrize(("args", "code", "fragment"), [
    (("--map", "Naam=schoenmaat"), 2, "onbekend veld 'schoenmaat'"),
    (("--existing", "vervang"), 2, "invalid choice"),
    (("--map", "Hoe=naam"), 1, "geen kolom 'Hoe'"),
])
def test_cli_import_option_errors(tmp_path, args, code, fragment) -> None:
    path = write(tmp_path, "Naam\r\nGoed BV\r\n")
    result = run_desk("import", "organisations", str(path), *args, "--db", str(tmp_path / "d.sqlite"))
    assert result.returncode == code and fragment in result.stderr and result.stderr.count("\n") == 1


def test_cli_missing_file_is_one_dutch_line(tmp_path) -> None:
    result = run_desk("import", "organisations", str(tmp_path / "weg.csv"), "--db", str(tmp_path / "d.sqlite"))
    assert result.returncode == 1 and result.stderr.startswith("desk: Het bestand") and "bestaat niet" in result.stderr
