"""AVG: erasing a person leaves no trace of their name in the file; the retention review."""

from __future__ import annotations

import datetime as dt

from desk.care import privacy
from desk.core import clock
from desk.core.clock import LOCAL_TZ
from desk.core.search import fts_query
from desk.files.writing import exports_dir
from desk.records import contacts, organisations, persons
from desk.work import drafts, followups, intake
from screens.app import make_app
from screens.confirm import ConfirmScreen
from screens.erasure import ErasureReportScreen
from screens.organisation_detail import OrganisationDetailScreen
from screens.person_detail import PersonDetailScreen
from tests.pilot_helpers import screen_text, settle, static_text

NAME, EMAIL, PHONE = "Zwaantje Quibus", "zwaantje@tegeltuin.example", "06 18765432"
STORED_PHONE = "+31 6 18765432"  # as Desk keeps it


def _seed(ws):
    org = organisations.create_organisation(ws, {"name": "Tegeltuin BV", "notes": f"Opgericht door {NAME}"})
    contact = intake.save_intake(ws, {"organisation_id": org.id, "person_name": NAME, "person_email": EMAIL,
                                      "person_phone": PHONE, "notes": "Zwaantje wil groene schoolpleinen; Quibus belt",
                                      "follow_up_text": "morgen Zwaantje bellen"})
    other = intake.save_intake(ws, {"organisation_id": org.id, "person_name": "Bram Bakker",
                                    "notes": f"Bram noemde dat {NAME} vertrekt"})
    person_id = next(p.id for p in organisations.get_organisation(ws, org.id).persons if p.name == NAME)
    contacts.update_contact(ws, contact.id, {**contact.model_dump(), "notes": contact.notes + " (aangevuld)",
                                             "person_ids": [person_id]})
    drafts.save_draft(ws, drafts.INTAKE, {"organisation": "Tegeltuin BV", "person_name": NAME})
    return org, person_id, contact, other


def _raw_files(ws) -> bytes:
    ws.db.execute("VACUUM")
    return b"".join(path.read_bytes() for path in ws.path.parent.glob(ws.path.name + "*"))


def test_erased_name_is_nowhere_in_the_file(ws) -> None:
    org, person_id, contact, other = _seed(ws)
    assert NAME.encode() in _raw_files(ws) and STORED_PHONE.encode() in _raw_files(ws)
    privacy.erase_person(ws, person_id)
    raw = _raw_files(ws)
    for secret in (b"Zwaantje", b"Quibus", EMAIL.encode(), PHONE.encode(), STORED_PHONE.encode()):
        assert secret not in raw
    assert organisations.list_organisations(ws, "quibus") == []
    for index in ("persons_fts", "contacts_fts", "organisations_fts"):
        assert ws.db.execute(f"SELECT count(*) FROM {index} WHERE {index} MATCH ?", [fts_query("Quibus")]).fetchone()[0] == 0


def test_contact_moments_stay_as_anonymous_counts_and_the_erasure_is_logged(ws) -> None:
    org, person_id, contact, other = _seed(ws)
    privacy.erase_person(ws, person_id)
    assert contacts.count_contacts(ws) == 2
    kept = contacts.get_contact(ws, contact.id)
    assert kept.persons == [] and "[naam verwijderd]" in kept.notes and "groene schoolpleinen" in kept.notes
    assert "[naam verwijderd] vertrekt" in contacts.get_contact(ws, other.id).notes
    assert [p.name for p in organisations.get_organisation(ws, org.id).persons] == ["Bram Bakker"]
    assert "[naam verwijderd]" in followups.open_followups(ws)[0].title
    [entry] = [e for e in privacy.audit_entries(ws, "person", person_id) if e["action"] == "gewist"]
    assert entry["summary"] == "persoonsgegevens gewist (AVG)"
    assert drafts.load_draft(ws, drafts.INTAKE) is None
    tombstone = ws.db.execute("SELECT name, email, phone, deleted_at FROM persons WHERE id = ?", [person_id]).fetchone()
    assert tombstone[:3] == ("[gewist]", None, None) and tombstone[3]


def test_retention_review_lists_the_quiet_ones(ws) -> None:
    quiet = organisations.create_organisation(ws, {"name": "Stil Bedrijf"})
    lively = organisations.create_organisation(ws, {"name": "Druk Bedrijf"})
    person = persons.create_person(ws, {"name": "Oud Contact", "organisation_ids": [quiet.id]})
    contact = contacts.create_contact(ws, {"organisation_id": quiet.id, "person_ids": [person.id],
                                           "occurred_at": dt.datetime(2023, 5, 1, 10, tzinfo=LOCAL_TZ)})
    assert contact
    contacts.create_contact(ws, {"organisation_id": lively.id, "occurred_at": dt.datetime(2026, 5, 1, tzinfo=LOCAL_TZ)})
    later = clock.today() + dt.timedelta(days=1)  # everything created 'today' is younger than two years
    names = {(q.kind, q.name) for q in privacy.retention_review(ws, later)}
    assert names == {("organisatie", "Stil Bedrijf"), ("persoon", "Oud Contact")}


async def test_erase_from_the_person_screen(ws, config_path) -> None:
    org, person_id, *_ = _seed(ws)
    app = make_app(ws, config_path)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        if isinstance(app.screen, ConfirmScreen):  # the draft is offered back at start
            await pilot.press("n")
        app.push_screen(OrganisationDetailScreen(org.id))
        await settle(pilot)
        app.push_screen(PersonDetailScreen(person_id, organisations.get_organisation(ws, org.id)))
        await settle(pilot)
        assert NAME in static_text(pilot, "#person-text") and "aangemaakt" in static_text(pilot, "#person-text")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, ErasureReportScreen)
        assert "Buiten het bereik van Desk" in static_text(pilot, "#erasure-report")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
    assert NAME.encode() not in _raw_files(ws)


async def test_retention_screen_archives_and_erases_the_quiet_ones(ws, config_path, monkeypatch) -> None:
    """The review opens from the palette's action, lists the longest quiet first (at most ROW_LIMIT
    rows, all of them counted), takes a row out once it is archived or erased, and shows the next
    ones when the shown rows are done."""
    monkeypatch.setattr("screens.retention.ROW_LIMIT", 2)
    quiet = organisations.create_organisation(ws, {"name": "Stil Bedrijf"})
    oldest = persons.create_person(ws, {"name": "Heel Oud", "organisation_ids": [quiet.id]})
    old = persons.create_person(ws, {"name": "Oud Contact", "organisation_ids": [quiet.id]})
    for person, when in ((oldest, dt.datetime(2022, 3, 1, 10)), (old, dt.datetime(2023, 5, 1, 10))):
        contacts.create_contact(ws, {"organisation_id": quiet.id, "person_ids": [person.id],
                                     "occurred_at": when.replace(tzinfo=LOCAL_TZ)})
    lively = organisations.create_organisation(ws, {"name": "Druk Bedrijf"})
    contacts.create_contact(ws, {"organisation_id": lively.id, "occurred_at": dt.datetime(2026, 5, 1, tzinfo=LOCAL_TZ)})
    later = clock.today() + dt.timedelta(days=1)  # everything created 'today' is younger than two years
    app = make_app(ws, config_path, today=lambda: later)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.action_retention()
        await settle(pilot)
        table = app.screen.query_one("#quiet")

        def rows() -> list[tuple[str, ...]]:
            return [tuple(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]

        assert rows() == [("persoon", "Heel Oud", "01-03-2022"), ("organisatie", "Stil Bedrijf", "01-05-2023")]
        assert "maanden: 3 (de 2 die het langst stil zijn getoond)" in static_text(pilot, "#retention-heading")

        await pilot.press("x")  # on a person: refused
        await settle(pilot)
        assert len(rows()) == 2
        await pilot.press("down", "x")  # archives the organisation
        await settle(pilot)
        assert rows() == [("persoon", "Heel Oud", "01-03-2022")]
        assert organisations.get_organisation(ws, quiet.id).archived

        export = exports_dir(ws) / "adreslijst.csv"  # a file of Desk's that names the person
        export.write_text("naam;organisatie\nHeel Oud;Stil Bedrijf\n", encoding="utf-8")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "exports/adreslijst.csv" in screen_text(app)  # the same one confirmation as on the person
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, ErasureReportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not export.exists()
        assert rows() == [("persoon", "Oud Contact", "01-05-2023")]  # the next one, once the shown ones are done
        assert "geen contact in 24 maanden: 1." in static_text(pilot, "#retention-heading")
    assert ws.db.execute("SELECT name FROM persons WHERE id = ?", [oldest.id]).fetchone()[0] == "[gewist]"
    assert {q.name for q in privacy.retention_review(ws, later)} == {"Oud Contact"}
