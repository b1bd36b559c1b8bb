"""One person written into every table, column and file kind Desk writes, then erased: afterwards no
byte of the database, its -wal, any backup or any file under the data folder names them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from desk.care import backups, erasure_files, privacy
from desk.files import access_request, exporting
from desk.files.writing import exports_dir, write_file_privately
from desk.records import contacts, departments, organisations, persons
from desk.toolbox import export as toolbox_export
from desk.toolbox import workbook
from desk.work import drafts, followups, intake, referrals
from screens.app import make_app
from screens.confirm import ConfirmScreen
from screens.erasure import ErasureReportScreen
from screens.organisation_detail import OrganisationDetailScreen
from screens.person_detail import PersonDetailScreen
from tests.pilot_helpers import settle, static_text

NAME, EMAIL, PHONE = "Renée Quibusvelt", "renee.q@tuinhuis.example", "0612345678"
# What must not be found, compared with the bytes in lower case: the name with and without its
# accent (UTF-8 and as a slug), the surname alone (as the search indexes keep it), the e-mail and
# the phone number in the forms it was typed (the last digits cover +31 6 12345678 too).
FORBIDDEN = [NAME.lower().encode(), b"renee quibusvelt", b"renee-quibusvelt", b"quibusvelt", EMAIL.encode(),
             b"12345678", b"1234 5678"]
DESK = Path(sys.executable).with_name("desk")


def _write(path: Path, text: str) -> None:
    write_file_privately(path, lambda stream: stream.write(text.encode("utf-8")))


def seed_everywhere(ws) -> str:
    """The person, entered through Desk's own services wherever Desk keeps text, and every file."""
    org = organisations.create_organisation(ws, {"name": "Tuinhuis BV", "notes": f"Opgericht door {NAME}, tel 06-12345678"})
    contact = intake.save_intake(ws, {"organisation_id": org.id, "person_name": NAME, "person_email": EMAIL,
                                      "person_phone": PHONE, "subject": f"Kennismaking {NAME}",
                                      "notes": "Renée wil een moestuin; Quibusvelt belt terug",
                                      "follow_up_text": f"volgende week {NAME} bellen"})
    person_id = next(p.id for p in organisations.get_organisation(ws, org.id).persons if p.name == NAME)
    contacts.update_contact(ws, contact.id, {**contact.model_dump(), "person_ids": [person_id],
                                             "notes": "Gebeld op 06-12345678, mail naar " + EMAIL.upper()})
    contacts.update_contact(ws, contact.id, {**contacts.get_contact(ws, contact.id).model_dump(),
                                             "person_ids": [person_id], "notes": "bijgewerkt"})
    other_org = organisations.create_organisation(ws, {"name": "Buurman BV"})
    persons.create_person(ws, {"name": "Bram Bakker", "organisation_ids": [other_org.id],
                               "notes": f"Kent {NAME} (+31 6 12345678) van de tuinclub"})
    intake.save_intake(ws, {"organisation_id": other_org.id, "person_name": "Bram Bakker",
                            "notes": f"Bram noemde renee quibusvelt, {EMAIL}"})
    referral = referrals.create_referral(ws, organisation_id=org.id, question=f"Subsidie voor {NAME}",
                                         department_id=departments.list_departments(ws)[0].id,
                                         internal_contact="Afdeling Groen", contact_id=contact.id)
    referrals.change_status(ws, referral.id, referrals.SENT, note=f"Gemaild met {NAME} ({EMAIL})")
    referrals.change_status(ws, referral.id, referrals.IN_PROGRESS, note=f"{NAME} belde: 06 1234 5678")
    followups.create_followup(ws, title=f"Terugbellen RENEE QUIBUSVELT 0031612345678", due="morgen",
                              organisation_id=other_org.id)
    content = workbook.content_for(ws)
    round_ = workbook.current_round(ws)
    item = content.modules[0].items[0]
    workbook.save_answer(ws, round_.id, item.id, answer=f"Besproken met {NAME}", note=EMAIL)
    workbook.reset(ws, round_.id, 1)
    workbook.save_answer(ws, round_.id, item.id, answer=f"Opnieuw met {NAME}")
    drafts.save_draft(ws, drafts.INTAKE, {"organisation": "Tuinhuis BV", "person_name": NAME, "phone": "06-12345678"})

    folder = exports_dir(ws)
    for kind in ("contacts", "organisations", "referrals", "followups"):
        for fmt in exporting.FORMATS:
            exporting.export_to_file(ws, kind, fmt, folder / f"{kind}.{fmt}")
    _write(folder / "overdracht.txt", referrals.handover_note(ws, referral.id))
    _write(folder / "toolbox.md", toolbox_export.to_markdown(ws, None))
    access_request.write_access_request(ws, person_id, folder)
    access_request.write_access_request(ws, person_id, folder)  # a second one, beside the first
    ics = subprocess.run([str(DESK), "export", "followups", "--format", "ics", "--out", str(folder / "agenda.ics"),
                          "--db", str(ws.path)], capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert ics.returncode == 0, ics.stderr
    assert backups.ensure_daily_backup(ws.path) is not None
    backups.make_backup(ws.path)
    return person_id


def _contents(path: Path) -> bytes:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return b"".join(archive.read(member) for member in archive.namelist())
    return path.read_bytes()


def hits(data_folder: Path) -> dict[str, list[bytes]]:
    """Every file under the data folder (database, -wal, backups, exports) that holds a forbidden form."""
    found = {}
    for path in sorted(p for p in data_folder.rglob("*") if p.is_file()):
        text = _contents(path).lower()
        forms = [form for form in FORBIDDEN if form in text]
        if forms:
            found[str(path.relative_to(data_folder))] = forms
    return found


def test_erased_through_the_service_nothing_is_left_anywhere(ws) -> None:
    person_id = seed_everywhere(ws)
    folder = ws.path.parent
    before = hits(folder)
    assert {"exports/contacts.xlsx", "exports/overdracht.txt", "exports/agenda.ics"} <= set(before)
    assert {"desk.sqlite", "desk.sqlite-wal"} & set(before)
    assert len([name for name in before if name.startswith("backups/")]) == 2
    inzage = sorted(p.name for p in (folder / "exports").glob("inzage-*"))
    assert len(inzage) == 4  # two access exports, neither overwriting the other
    assert not any(b"quibusvelt" in row[0].lower().encode() or "renee" in row[0].lower()
                   for row in ws.db.execute("SELECT summary FROM audit WHERE action = 'export'"))

    files = erasure_files.files_to_erase(ws, person_id)
    assert {str(f.path.relative_to(folder)) for f in files} == set(before) - {"desk.sqlite", "desk.sqlite-wal"}
    report = erasure_files.erase_everywhere(ws, person_id, files)

    assert hits(folder) == {}
    assert len(report.cleaned) == 2 and len(report.deleted) == len(files) - 2 and not report.failed
    assert {"referral_history", "toolbox_resets", "persons", "organisations", "contact_versions", "audit",
            "drafts", "followups"} <= set(report.tables)
    text = "\n".join(report.lines())
    assert "e-mails die al verstuurd zijn" in text and "klembord" in text
    # The backups stay usable, hold the other records and the ledger.
    for backup in backups.list_backups(ws.path):
        assert backups.check_database(backup.path) == []
    assert privacy.erased_ids(ws) == [person_id]


def test_a_restored_backup_is_erased_again(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Tuinhuis BV", "notes": f"Opgericht door {NAME}"})
    person = persons.create_person(ws, {"name": NAME, "email": EMAIL, "phone": PHONE, "organisation_ids": [org.id]})
    outside = ws.path.parent / "elders"
    outside.mkdir()
    copy = backups.make_backup(ws.path, target=outside / "eigen-kopie.sqlite")  # beyond the erasure's reach
    privacy.erase_person(ws, person.id)
    ws.close()
    backups.restore(ws.path, copy)
    (outside / "eigen-kopie.sqlite").unlink()
    assert [b.reason for b in backups.list_backups(ws.path)] == ["voor-herstel"]
    assert hits(ws.path.parent) == {}


async def test_erased_through_the_app_after_one_confirmation_listing_the_files(ws, config_path) -> None:
    person_id = seed_everywhere(ws)
    org = organisations.get_organisation(ws, next(o for o in persons.get_person(ws, person_id).organisation_ids))
    app = make_app(ws, config_path)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # the draft is offered back at start
            await pilot.press("n")
            await settle(pilot)
        app.push_screen(OrganisationDetailScreen(org.id))
        await settle(pilot)
        app.push_screen(PersonDetailScreen(person_id, org))
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.question)
        assert "exports/contacts.xlsx" in question and "opschonen: backups/" in question
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, ErasureReportScreen)
        shown = static_text(pilot, "#erasure-report")
        assert "Back-ups opgeschoond: 2" in shown and "referral_history" in shown and "klembord" in shown
        await pilot.press("escape")
        await settle(pilot)
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert hits(ws.path.parent) == {}
