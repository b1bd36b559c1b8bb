"""Open follow-ups as an .ics calendar: all-day and timed (UTC) events, no RRULE, no VTIMEZONE; and
``desk export followups`` run as a real process."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from desk.core.config import make_user
from desk.core.errors import DeskError
from desk.files.calendar_export import followups_ics, write_ics
from desk.files.writing import write_file_privately
from desk.records import organisations
from desk.work import followups
from desk.work.opening import open_workspace

TODAY = dt.date(2026, 11, 23)  # a Monday; "vrijdag" is 27 November 2026, winter time (UTC+1)
DESK = Path(sys.executable).with_name("desk")


def make_followups(ws) -> dict:
    """An all-day one, a timed one, a repeating one, a done one and a done repeating one."""
    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    made = {
        "all_day": followups.create_followup(ws, title="Offerte nabellen", due="3 maart 2027",
                                             organisation_id=org.id, today=TODAY),
        "timed": followups.create_followup(ws, title="Gesprek werkplekken", due="vrijdag 14:00",
                                           organisation_id=org.id, today=TODAY),
        "monthly": followups.create_followup(ws, title="Maandoverleg", due="15 december 2026",
                                             recurrence="elke maand", organisation_id=org.id, today=TODAY),
    }
    done = followups.create_followup(ws, title="Al afgehandeld", due="morgen", organisation_id=org.id, today=TODAY)
    followups.mark_done(ws, done.id, today=TODAY)
    repeating = followups.create_followup(ws, title="Kwartaalcheck", due="1 december 2026",
                                          recurrence="elk kwartaal", organisation_id=org.id, today=TODAY)
    made["next_quarter"] = followups.mark_done(ws, repeating.id, today=TODAY)
    made["done_ids"] = {done.id, repeating.id}
    made["org"] = org
    return made


def export(ws) -> tuple[Calendar, bytes, int]:
    out = io.BytesIO()
    count = followups_ics(ws, out)
    return Calendar.from_ical(out.getvalue()), out.getvalue(), count


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_every_open_followup_is_one_event_and_done_ones_are_left_out(ws) -> None:
    made = make_followups(ws)
    calendar, _raw, count = export(ws)
    open_ids = {item.id for item in followups.open_followups(ws)}
    assert len(open_ids) == 4 and made["next_quarter"].id in open_ids
    events = calendar.walk("VEVENT")
    assert count == len(events) == len(open_ids)
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    assert set(uids) == {f"{followup_id}@desk" for followup_id in open_ids}
    assert not {f"{followup_id}@desk" for followup_id in made["done_ids"]} & set(uids)
    assert calendar.walk("VTODO") == []


def test_calendar_header(ws) -> None:
    make_followups(ws)
    calendar, _raw, _count = export(ws)
    assert str(calendar["VERSION"]) == "2.0"
    assert "Desk" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Desk opvolging"


def test_all_day_followup_is_a_date_event_ending_the_next_day(ws) -> None:
    made = make_followups(ws)
    calendar, _raw, _count = export(ws)
    event = events_by_uid(calendar)[f"{made['all_day'].id}@desk"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is dt.date and start == dt.date(2027, 3, 3)
    assert type(end) is dt.date and end == dt.date(2027, 3, 4)


def test_timed_followup_is_thirty_minutes_in_utc(ws) -> None:
    made = make_followups(ws)
    assert made["timed"].due_date == dt.date(2026, 11, 27) and made["timed"].due_time == "14:00"
    calendar, raw, _count = export(ws)
    event = events_by_uid(calendar)[f"{made['timed'].id}@desk"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    # 14:00 in Amsterdam in November (CET, UTC+1) is 13:00 UTC.
    assert start == dt.datetime(2026, 11, 27, 13, 0, tzinfo=dt.UTC)
    assert start.utcoffset() == dt.timedelta(0)
    assert end - start == dt.timedelta(minutes=30)
    assert b"DTSTART:20261127T130000Z" in raw


def test_summer_time_is_converted_too(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Zomerbedrijf"})
    item = followups.create_followup(ws, title="Zomerbezoek", due="1 juli 2027 9:30", organisation_id=org.id,
                                     today=TODAY)
    out = io.BytesIO()
    write_ics([item], out)
    event = Calendar.from_ical(out.getvalue()).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == dt.datetime(2027, 7, 1, 7, 30, tzinfo=dt.UTC)  # CEST, UTC+2


def test_summary_description_and_no_rrule_or_vtimezone(ws) -> None:
    made = make_followups(ws)
    calendar, raw, _count = export(ws)
    for event in calendar.walk("VEVENT"):
        summary = str(event["SUMMARY"])
        assert "Fietsatelier Oost" in summary and " — " in summary
        assert "Vastgelegd in Desk" in str(event["DESCRIPTION"])
        assert "RRULE" not in event
        assert event.decoded("DTSTAMP").utcoffset() == dt.timedelta(0)
    by_uid = events_by_uid(calendar)
    assert str(by_uid[f"{made['all_day'].id}@desk"]["SUMMARY"]) == "Offerte nabellen — Fietsatelier Oost"
    monthly = by_uid[f"{made['monthly'].id}@desk"]
    assert "Herhaalt: elke maand" in str(monthly["DESCRIPTION"])
    assert "Herhaalt" not in str(by_uid[f"{made['all_day'].id}@desk"]["DESCRIPTION"])
    assert b"RRULE" not in raw and b"VTIMEZONE" not in raw
    assert calendar.walk("VTIMEZONE") == []
    assert raw.count(b"\r\n") == raw.count(b"\n")  # RFC 5545 line ends


def test_text_stream_gets_the_same_calendar(ws) -> None:
    make_followups(ws)
    text = io.StringIO()
    count = followups_ics(ws, text)
    assert count == 4
    assert len(Calendar.from_ical(text.getvalue()).walk("VEVENT")) == 4


def test_empty_export_is_a_valid_calendar(ws) -> None:
    calendar, _raw, count = export(ws)
    assert count == 0 and calendar.walk("VEVENT") == []


# --- the command line -----------------------------------------------------------------------------


def run_desk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DESK), *args], capture_output=True, text=True, env=dict(os.environ), timeout=60)


@pytest.fixture
def prepared_db(tmp_path: Path) -> Path:
    path = tmp_path / "export.sqlite"
    workspace = open_workspace(path, make_user("Test Gebruiker", "TG"))
    try:
        make_followups(workspace)
    finally:
        workspace.close()
    return path


def test_cli_exports_a_private_ics_file(prepared_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "uit" / "opvolging.ics"
    target.parent.mkdir()
    result = run_desk("export", "followups", "--format", "ics", "--out", str(target), "--db", str(prepared_db))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "4 opvolgingen geëxporteerd naar" in result.stderr and result.stderr.count("\n") == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert len(Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 4
    assert [p.name for p in target.parent.iterdir()] == ["opvolging.ics"]  # no temporary file left
    audit = sqlite3.connect(prepared_db).execute(
        "SELECT entity, summary FROM audit WHERE action = 'export'").fetchall()
    assert audit == [("followups", f"ics naar {target}")]


def test_cli_replaces_an_existing_file_and_keeps_it_private(prepared_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "opvolging.ics"
    target.write_text("oud")
    target.chmod(0o644)
    result = run_desk("export", "followups", "--out", str(target), "--db", str(prepared_db))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cli_out_dash_writes_the_calendar_to_stdout(prepared_db: Path) -> None:
    result = run_desk("export", "followups", "--out", "-", "--db", str(prepared_db))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    calendar = Calendar.from_ical(result.stdout)
    assert len(calendar.walk("VEVENT")) == 4


def test_cli_format_that_does_not_fit_the_kind_is_a_dutch_usage_error(prepared_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "x.ics"
    result = run_desk("export", "contacts", "--format", "ics", "--out", str(target), "--db", str(prepared_db))
    assert result.returncode == 2
    assert result.stderr.startswith("desk: ") and result.stderr.count("\n") == 1
    assert "kan niet voor contacts" in result.stderr and "csv" in result.stderr
    assert not target.exists()


def test_cli_missing_output_folder_is_one_dutch_line_exit_1(prepared_db: Path, tmp_path: Path) -> None:
    result = run_desk("export", "followups", "--out", str(tmp_path / "bestaat-niet" / "x.ics"),
                      "--db", str(prepared_db))
    assert result.returncode == 1
    assert result.stderr.startswith("desk: ") and result.stderr.count("\n") == 1
    assert "bestaat niet" in result.stderr and "Traceback" not in result.stderr
    audit = sqlite3.connect(prepared_db).execute("SELECT count(*) FROM audit WHERE action = 'export'").fetchone()
    assert audit == (0,)


def test_cli_export_help_is_dutch() -> None:
    result = run_desk("export", "--help")
    assert result.returncode == 0
    assert "--format" in result.stdout and "ics" in result.stdout and "standaarduitvoer" in result.stdout


def test_failed_write_leaves_no_file_and_says_why_in_dutch(tmp_path: Path) -> None:
    def full_disk(stream) -> int:
        stream.write(b"BEGIN:VCALENDAR\r\n")
        raise OSError(errno.ENOSPC, "No space left on device")

    target = tmp_path / "opvolging.ics"
    with pytest.raises(DeskError, match="de schijf is vol"):
        write_file_privately(target, full_disk)
    assert list(tmp_path.iterdir()) == []
