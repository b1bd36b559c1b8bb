"""Exports of contact moments, the address list, referrals and follow-ups (CSV, JSON Lines, XLSX),
formula neutralising, paging, filters, the audit log, the AVG export and ``desk export`` as a process."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.errors import StorageError
from desk.core.clock import LOCAL_TZ
from desk.core.config import make_user
from desk.core.errors import DeskError
from desk.files import access_request, export_filters, export_kinds, exporting
from desk.files.csv_safety import escape_guard, neutralise, restore
from desk.records import contacts, departments, events, organisations, persons
from desk.work import followups, referrals
from desk.work.opening import open_workspace

DESK = Path(sys.executable).with_name("desk")
TODAY = dt.date(2026, 11, 23)


def at(day: str, time: str = "10:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=LOCAL_TZ)


def make_log(ws) -> dict:
    """Two organisations, three persons, four contact moments (one at an event, one with a formula-like
    note), a referral and two follow-ups."""
    cafe = organisations.create_organisation(ws, {"name": "Café Zoë", "kvk": "12345678", "city": "Dordrecht",
                                                  "themes": ["Arbeidsparticipatie"]})
    bakery = organisations.create_organisation(ws, {"name": "=Bakkerij Brood", "city": "Gorinchem",
                                                    "themes": ["Circulaire economie"]})
    zoe = persons.create_person(ws, {"name": "Zoë Jansen", "email": "zoe@cafe.example", "phone": "+31 6 12345678",
                                     "organisation_ids": [cafe.id]})
    piet = persons.create_person(ws, {"name": "Piet Bakker", "email": "piet@brood.example", "phone": "0612345670",
                                      "role": "eigenaar", "organisation_ids": [bakery.id]})
    kees = persons.create_person(ws, {"name": "Kees Collega", "email": "kees@cafe.example",
                                      "phone": "0618765432", "organisation_ids": [cafe.id]})
    days = events.create_event(ws, {"name": "Impact Days", "date": "2026-03-12", "place": "Rivierstad"})
    made = {
        "cafe": cafe, "bakery": bakery, "zoe": zoe, "piet": piet, "kees": kees, "event": days,
        "first": contacts.create_contact(ws, {
            "organisation_id": cafe.id, "occurred_at": at("2026-01-15"), "channel": "Gesprek",
            "person_ids": [zoe.id, kees.id], "subject": "Kennismaking", "notes": "Zoë zoekt personeel.\nTweede regel.",
            "needs": ["Personeel/doelgroep vinden", "Financiering"]}),
        "event_contact": contacts.create_contact(ws, {
            "organisation_id": bakery.id, "occurred_at": at("2026-03-12", "14:00"), "channel": "Evenement",
            "person_ids": [piet.id], "subject": "Op de Impact Days", "notes": "=HYPERLINK(\"http://x\")",
            "event_id": days.id, "needs": ["Vastgoed"]}),
        "mention": contacts.create_contact(ws, {
            "organisation_id": bakery.id, "occurred_at": at("2026-04-01"), "channel": "Telefoon",
            "person_ids": [piet.id], "subject": "Terugbellen",
            "notes": "Piet kent Zoe Jansen van het café; zij wil samenwerken."}),
        "late": contacts.create_contact(ws, {
            "organisation_id": cafe.id, "occurred_at": at("2026-06-30", "23:30"), "channel": "E-mail",
            "person_ids": [kees.id], "subject": "Offerte", "notes": "Alleen Kees."}),
    }
    [permits] = [d for d in departments.list_departments(ws) if d.name == "Vergunningen"]
    made["referral"] = referrals.create_referral(ws, organisation_id=cafe.id, department_id=permits.id,
                                                 question="Terrasvergunning", needs=["Vergunningen"],
                                                 contact_id=made["first"].id)
    made["followup"] = followups.create_followup(ws, title="Nabellen over personeel", due="3 februari 2027",
                                                 organisation_id=cafe.id, today=TODAY)
    made["bakery_followup"] = followups.create_followup(ws, title="Pand bekijken", due="1 december 2026",
                                                        organisation_id=bakery.id, today=TODAY)
    return made


def export_bytes(ws, kind: str, fmt: str, **kwargs) -> tuple[bytes, int]:
    out = io.BytesIO()
    count = exporting.write_export(ws, kind, fmt, out, **kwargs)
    return out.getvalue(), count


def csv_rows(data: bytes, delimiter: str = ";") -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=delimiter))


# --- the formula guard ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+31 6 12345678", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''+x"])
def test_formula_like_cells_are_guarded_and_restored(text) -> None:
    guarded = neutralise(text)
    assert guarded.startswith("'") and guarded[1:] == text
    assert restore(guarded) == text


@pytest.mark.parametrize("text", ["", "Café", "'t Hoekje", "06 12345678", "a=b", "'", "''"])
def test_plain_cells_are_left_alone(text) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


@given(st.text())
def test_guard_round_trip_for_any_text(text) -> None:
    assert restore(neutralise(text)) == text
    assert neutralise(text)[:1] not in {"=", "+", "-", "@", "\t", "\r"}
    assert restore(escape_guard(text)) == text


# --- formats --------------------------------------------------------------------------------------


def test_contacts_csv_is_excel_friendly(ws) -> None:
    made = make_log(ws)
    data, count = export_bytes(ws, "contacts", "csv")
    assert count == 4
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Datum en tijd;Organisatie;KvK-nummer;Contactpersonen;Kanaal")
    assert "\r\n" in text
    rows = csv_rows(data)
    assert [row["Onderwerp"] for row in rows] == ["Kennismaking", "Op de Impact Days", "Terugbellen", "Offerte"]
    first = rows[0]
    assert first["Datum en tijd"] == "2026-01-15 10:00"  # local time
    assert first["Contactpersonen"] == "Kees Collega, Zoë Jansen"
    assert first["Ondersteuningsvragen"] == "Personeel/doelgroep vinden, Financiering"
    assert first["Notities"] == "Zoë zoekt personeel.\nTweede regel."
    assert first["Auteur"] == "TG" and first["Id"] == made["first"].id
    event_row = rows[1]
    assert event_row["Notities"] == "'=HYPERLINK(\"http://x\")"
    assert event_row["Organisatie"] == "'=Bakkerij Brood"
    assert event_row["Evenement"] == "Impact Days" and event_row["Kanaal"] == "Evenement"


@pytest.mark.parametrize(("option", "delimiter"), [(",", ","), ("tab", "\t")])
def test_other_delimiters(ws, option, delimiter) -> None:
    make_log(ws)
    data, _count = export_bytes(ws, "contacts", "csv", delimiter=exporting.DELIMITERS[option])
    assert data.decode("utf-8-sig").splitlines()[0].split(delimiter)[:2] == ["Datum en tijd", "Organisatie"]
    assert len(csv_rows(data, delimiter)) == 4


def test_address_list_has_a_row_per_person_and_neutralised_phone(ws) -> None:
    made = make_log(ws)
    organisations.create_organisation(ws, {"name": "Zonder Mensen"})
    data, count = export_bytes(ws, "organisations", "csv")
    assert count == 3
    rows = csv_rows(data)
    assert [(row["Naam"], row["Contactpersoon"]) for row in rows] == [
        ("'=Bakkerij Brood", "Piet Bakker"), ("Café Zoë", "Kees Collega"), ("Café Zoë", "Zoë Jansen"),
        ("Zonder Mensen", "")]
    zoe = rows[2]
    assert zoe["Telefoon"] == "'+31 6 12345678" and zoe["E-mail"] == "zoe@cafe.example"
    assert zoe["KvK-nummer"] == "12345678" and zoe["Thema's"] == "Arbeidsparticipatie"
    assert zoe["Partner"] == "nee" and zoe["Organisatie-id"] == made["cafe"].id


def test_jsonl_has_english_keys_lists_and_utc(ws) -> None:
    make_log(ws)
    data, count = export_bytes(ws, "contacts", "jsonl")
    lines = data.decode("utf-8").splitlines()
    assert count == len(lines) == 4
    first = json.loads(lines[0])
    assert first["occurred_at"] == "2026-01-15T09:00:00+00:00"
    assert first["persons"] == ["Kees Collega", "Zoë Jansen"]
    assert first["needs"] == ["Personeel/doelgroep vinden", "Financiering"]
    assert json.loads(lines[1])["notes"] == "=HYPERLINK(\"http://x\")"  # JSON is data, not a spreadsheet
    organisations_data, _count = export_bytes(ws, "organisations", "jsonl")
    cafe = [json.loads(line) for line in organisations_data.decode().splitlines()][1]
    assert cafe["name"] == "Café Zoë" and cafe["is_partner"] is False
    assert [p["name"] for p in cafe["persons"]] == ["Kees Collega", "Zoë Jansen"]


def test_xlsx_cells_are_text_never_formulas(ws, tmp_path) -> None:
    from openpyxl import load_workbook

    make_log(ws)
    target = tmp_path / "log.xlsx"
    count = exporting.export_to_file(ws, "contacts", "xlsx", target)
    assert count == 4
    sheet = load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Datum en tijd", "Organisatie", "KvK-nummer")
    assert len(rows) == 5
    notes_column = rows[0].index("Notities")
    cell = sheet.cell(row=3, column=notes_column + 1)
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"
    assert sheet.cell(row=3, column=2).value == "=Bakkerij Brood"


def test_followups_and_referrals_export(ws) -> None:
    made = make_log(ws)
    data, count = export_bytes(ws, "followups", "csv")
    rows = csv_rows(data)
    assert count == 2 and [row["Wat"] for row in rows] == ["Pand bekijken", "Nabellen over personeel"]
    assert rows[1]["Datum"] == "2027-02-03" and rows[1]["Status"] == "open"
    data, count = export_bytes(ws, "referrals", "csv")
    [row] = csv_rows(data)
    assert row["Naar"] == "Vergunningen" and row["Soort"] == "afdeling" and row["Vraag"] == "Terrasvergunning"
    assert row["Contactmoment-id"] == made["first"].id and row["Status"] == "open"


# --- streaming ------------------------------------------------------------------------------------


def test_an_export_shows_the_database_as_it_was_when_it_started(ws) -> None:
    """The export reads on a connection of its own: saving goes on during it (nothing waits for the
    export), and what is saved meanwhile is in the next export, not half in this one."""
    made = make_log(ws)
    records = exporting.iter_records(ws, "contacts", page_size=1)
    first = next(records)
    contacts.create_contact(ws, {"organisation_id": made["cafe"].id, "occurred_at": at("2026-12-01"),
                                 "subject": "Tijdens de export"})
    subjects_then = [first["subject"], *(r["subject"] for r in records)]
    assert subjects_then == ["Kennismaking", "Op de Impact Days", "Terugbellen", "Offerte"]
    assert [r["subject"] for r in exporting.iter_records(ws, "contacts")][-1] == "Tijdens de export"


@pytest.mark.parametrize("kind", list(export_kinds.KINDS))
def test_paging_gives_every_record_once(ws, kind) -> None:
    made = make_log(ws)
    for number in range(5):  # same time, same name: the keyset must still move on
        contacts.create_contact(ws, {"organisation_id": made["cafe"].id, "occurred_at": at("2026-05-05"),
                                     "subject": f"Zelfde tijd {number}"})
        organisations.create_organisation(ws, {"name": f"Zelfde {number}"})
    everything = [r["id"] for r in exporting.iter_records(ws, kind, page_size=1000)]
    paged = [r["id"] for r in exporting.iter_records(ws, kind, page_size=2)]
    assert paged == everything and len(set(paged)) == len(paged) == exporting.count_records(ws, kind)


def test_an_export_stopped_halfway_leaves_the_database_free(ws) -> None:
    """The next page is read in a thread while a page is written: stopping early (a full disk, a
    closed window) must not leave that thread holding the database."""
    made = make_log(ws)
    records = exporting.iter_records(ws, "contacts", page_size=1)
    assert next(records)["subject"] == "Kennismaking"
    records.close()
    contacts.create_contact(ws, {"organisation_id": made["cafe"].id, "occurred_at": at("2026-06-01"),
                                 "subject": "Daarna"})
    assert "Daarna" in [r["subject"] for r in exporting.iter_records(ws, "contacts", page_size=1)]


def test_a_failing_read_is_one_dutch_error(ws) -> None:
    make_log(ws)
    with ws.write() as db:  # the export's query no longer fits the table
        db.execute("ALTER TABLE contacts RENAME COLUMN subject TO onderwerp")
    with pytest.raises(StorageError, match="^Het lezen uit de database is mislukt: no such column"):
        list(exporting.iter_records(ws, "contacts"))


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1),
                    timezones=st.just(dt.timezone.utc)))
def test_moment_cells_are_local_time_to_the_minute(moment) -> None:
    """The export looks the local hour up once per hour of UTC; it must match converting each moment."""
    stored = moment.replace(microsecond=0).isoformat()
    column = export_kinds.KINDS["contacts"].columns[0]
    expected = dt.datetime.fromisoformat(stored).astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
    assert exporting.cell_text(column, stored) == expected


def test_progress_is_reported(ws) -> None:
    make_log(ws)
    seen: list[int] = []
    exporting.write_export(ws, "contacts", "csv", io.BytesIO(), progress=seen.append)
    assert seen[-1] == 4


# --- filters --------------------------------------------------------------------------------------


def subjects(ws, **filters) -> list[str]:
    flt = export_filters.build_filter(ws, **filters)
    return [r["subject"] for r in exporting.iter_records(ws, "contacts", flt)]


def test_contact_filters(ws) -> None:
    made = make_log(ws)
    assert subjects(ws, date_from=dt.date(2026, 3, 12), date_to=dt.date(2026, 6, 30)) == [
        "Op de Impact Days", "Terugbellen", "Offerte"]  # 23:30 on the last day is inside
    assert subjects(ws, date_to=dt.date(2026, 6, 29)) == ["Kennismaking", "Op de Impact Days", "Terugbellen"]
    assert subjects(ws, event="impact days") == ["Op de Impact Days"]
    assert subjects(ws, organisation="cafe zoe") == ["Kennismaking", "Offerte"]
    assert subjects(ws, organisation="12345678") == ["Kennismaking", "Offerte"]
    assert subjects(ws, organisation=made["bakery"].id) == ["Op de Impact Days", "Terugbellen"]
    assert subjects(ws, theme="circulaire economie") == ["Op de Impact Days", "Terugbellen"]
    assert subjects(ws, need="Financiering") == ["Kennismaking"]
    assert subjects(ws, author="TG") == ["Kennismaking", "Op de Impact Days", "Terugbellen", "Offerte"]
    assert subjects(ws, author="XX") == []


def test_other_kinds_filter_too(ws) -> None:
    make_log(ws)

    def names(kind: str, key: str, **filters) -> list[str]:
        return [r[key] for r in exporting.iter_records(ws, kind, export_filters.build_filter(ws, **filters))]

    assert names("organisations", "name", event="Impact Days") == ["=Bakkerij Brood"]
    assert names("organisations", "name", theme="Arbeidsparticipatie") == ["Café Zoë"]
    assert names("organisations", "name", date_from=dt.date(2026, 6, 1)) == ["Café Zoë"]
    assert names("referrals", "question", need="Vergunningen") == ["Terrasvergunning"]
    assert names("referrals", "question", need="Financiering") == []
    assert names("followups", "title", date_to=dt.date(2026, 12, 31)) == ["Pand bekijken"]
    assert names("followups", "title", organisation="Café Zoë") == ["Nabellen over personeel"]


def test_unknown_filter_values_are_dutch_errors(ws) -> None:
    make_log(ws)
    with pytest.raises(DeskError, match="Geen evenement"):
        export_filters.build_filter(ws, event="Beursvloer")
    with pytest.raises(DeskError, match="Geen organisatie"):
        export_filters.build_filter(ws, organisation="Bestaat Niet")
    with pytest.raises(DeskError, match="Onbekend thema"):
        export_filters.build_filter(ws, theme="Ruimtevaart")
    with pytest.raises(ValueError, match="Datum niet herkend"):
        export_filters.parse_period("ooit", None, TODAY)
    with pytest.raises(ValueError, match="voor hij begint"):
        export_filters.parse_period("1 maart 2026", "1 februari 2026", TODAY)
    assert export_filters.parse_period("2026-01-01", "31 januari 2026", TODAY) == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))


def test_export_to_file_is_private_and_audited(ws, tmp_path) -> None:
    make_log(ws)
    target = tmp_path / "log.csv"
    flt = export_filters.build_filter(ws, event="Impact Days")
    assert exporting.export_to_file(ws, "contacts", "csv", target, flt) == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    [audit] = ws.db.execute("SELECT entity, summary, author FROM audit WHERE action = 'export'").fetchall()
    assert audit == ("contacts", f"csv naar {target} (evenement Impact Days (12-03-2026))", "TG")


# --- per-person data (AVG) ------------------------------------------------------------------------


def test_access_request_holds_everything_about_the_person_and_nobody_else(ws, tmp_path) -> None:
    made = make_log(ws)
    zoe = made["zoe"]
    person = access_request.find_person(ws, "ZOE@cafe.example")
    assert person.id == zoe.id
    data = access_request.collect(ws, zoe.id)
    assert data["person"]["phone"] == "+31 6 12345678" and data["person"]["source"] == f"contactpersoon {zoe.id}"
    assert [org["name"] for org in data["organisations"]] == ["Café Zoë"]
    assert [c["id"] for c in data["contacts"]] == [made["first"].id]
    assert data["contacts"][0]["notes"].startswith("Zoë zoekt personeel") and data["contacts"][0]["other_participants"] == 1
    assert [m["id"] for m in data["mentions"]] == [made["mention"].id]  # "Zoe Jansen" without the accent
    assert "notities van contactmoment" in data["mentions"][0]["source"]
    assert [r["question"] for r in data["referrals"]] == ["Terrasvergunning"]
    assert [f["title"] for f in data["followups"]] == ["Nabellen over personeel"]
    assert [(a["action"], a["entity_id"]) for a in data["audit"]] == [("aangemaakt", zoe.id)]

    json_path, md_path = access_request.write_access_request(ws, zoe.id, tmp_path / "verzoek")
    assert (json_path.name, md_path.name) == ("verzoek.json", "verzoek.md")
    for path in (json_path, md_path):
        text = path.read_text(encoding="utf-8")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "Zoë Jansen" in text and "Kennismaking" in text and "Piet kent Zoe Jansen" in text
        for other in ("Kees Collega", "kees@cafe.example", "0618765432", "+31 6 18765432", "piet@brood.example",
                      "0612345670", "+31 6 12345670",
                      "Alleen Kees"):
            assert other not in text
    markdown = md_path.read_text(encoding="utf-8")
    assert markdown.startswith("# Inzage persoonsgegevens: Zoë Jansen")
    assert "## Vermeldingen in andere notities (1)" in markdown and "Bron: " in markdown
    assert json.loads(json_path.read_text(encoding="utf-8"))["person"]["email"] == "zoe@cafe.example"
    [audit] = ws.db.execute("SELECT entity, entity_id FROM audit WHERE action = 'export'").fetchall()
    assert audit == ("person", zoe.id)


def test_access_request_into_a_folder_and_unknown_person(ws, tmp_path) -> None:
    made = make_log(ws)
    json_path, md_path = access_request.write_access_request(ws, made["piet"].id, tmp_path)
    assert json_path.parent == tmp_path and re.fullmatch(r"inzage-\d{8}-[0-9a-f]{8}\.json", json_path.name)
    assert md_path.with_suffix(".json") == json_path
    with pytest.raises(DeskError, match="Geen contactpersoon"):
        access_request.find_person(ws, "niemand@example.org")


# --- the command line -----------------------------------------------------------------------------


def run_desk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DESK), *args], capture_output=True, env=dict(os.environ), timeout=60)


@pytest.fixture
def prepared_db(tmp_path: Path) -> tuple[Path, dict]:
    path = tmp_path / "export.sqlite"
    workspace = open_workspace(path, make_user("Test Gebruiker", "TG"))
    try:
        made = make_log(workspace)
    finally:
        workspace.close()
    return path, made


def test_cli_exports_contacts_as_csv_file(prepared_db, tmp_path) -> None:
    db, _made = prepared_db
    target = tmp_path / "log.csv"
    result = run_desk("export", "contacts", "--out", str(target), "--db", str(db), "--from", "1 maart 2026",
                      "--to", "2026-04-30", "--event", "Impact Days")
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode() == f"1 contactmoment geëxporteerd naar {target}\n"
    assert [row["Onderwerp"] for row in csv_rows(target.read_bytes())] == ["Op de Impact Days"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    audit = sqlite3.connect(db).execute("SELECT entity, summary FROM audit WHERE action = 'export'").fetchall()
    assert audit == [("contacts", f"csv naar {target} (van 2026-03-01, tot en met 2026-04-30, "
                                  "evenement Impact Days (12-03-2026))")]


def test_cli_stdout_jsonl_and_xlsx_file(prepared_db, tmp_path) -> None:
    from openpyxl import load_workbook

    db, made = prepared_db
    result = run_desk("export", "organisations", "--format", "jsonl", "--out", "-", "--db", str(db),
                      "--organisation", made["cafe"].id)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["name"] for line in result.stdout.decode().splitlines()] == ["Café Zoë"]
    target = tmp_path / "adressen.xlsx"
    result = run_desk("export", "organisations", "--format", "xlsx", "--out", str(target), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert load_workbook(target).worksheets[0].max_row == 4  # header + three persons


def test_cli_csv_with_comma_to_stdout(prepared_db) -> None:
    db, _made = prepared_db
    result = run_desk("export", "followups", "--format", "csv", "--delimiter", ",", "--out", "-", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert [row["Wat"] for row in csv_rows(result.stdout, ",")] == ["Pand bekijken", "Nabellen over personeel"]


@pytest.mark.parametrize(("args", "fragment"), [
    (("contacts", "--format", "xlsx", "--out", "-"), "xlsx kan niet naar de standaarduitvoer"),
    (("followups", "--format", "csv", "--need", "Vastgoed", "--out", "x.csv"), "--need kan niet bij followups"),
    (("followups", "--from", "morgen", "--out", "x.ics"), "--from kan niet bij followups als ics"),
    (("contacts", "--from", "ooit", "--out", "x.csv"), "Datum niet herkend"),
    (("contacts", "--format", "ics", "--out", "x.ics"), "kan niet voor contacts"),
    (("person", "--out", "x"), "geef het id of e-mailadres"),
    (("contacts", "iemand@example.org", "--out", "x.csv"), "alleen 'export person'"),
])
def test_cli_usage_errors_are_one_dutch_line_exit_2(prepared_db, args, fragment) -> None:
    db, _made = prepared_db
    result = run_desk("export", *args, "--db", str(db))
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert stderr.startswith("desk: ") and stderr.count("\n") == 1 and fragment in stderr


def test_cli_unknown_event_is_exit_1(prepared_db, tmp_path) -> None:
    db, _made = prepared_db
    result = run_desk("export", "contacts", "--event", "Beursvloer", "--out", str(tmp_path / "x.csv"), "--db", str(db))
    assert result.returncode == 1
    assert result.stderr.decode() == "desk: Geen evenement 'Beursvloer'.\n"
    assert not (tmp_path / "x.csv").exists()


def test_cli_person_export(prepared_db, tmp_path) -> None:
    db, made = prepared_db
    result = run_desk("export", "person", "zoe@cafe.example", "--out", str(tmp_path / "inzage.md"), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Inzage voor Zoë Jansen" in result.stderr.decode()
    data = json.loads((tmp_path / "inzage.json").read_text(encoding="utf-8"))
    assert data["person"]["id"] == made["zoe"].id
    assert (tmp_path / "inzage.md").read_text(encoding="utf-8").startswith("# Inzage")
    missing = run_desk("export", "person", "niemand@example.org", "--out", str(tmp_path), "--db", str(db))
    assert missing.returncode == 1 and "Geen contactpersoon" in missing.stderr.decode()
