"""An erasure sticks across the team: against a stale laptop's edit in both orders, the person is
erased on every laptop, the edit that lost is a review entry without content, and no byte of any
replica (file, write-ahead log, shadow) or of any changeset in the register holds them any more."""

from __future__ import annotations

from pathlib import Path

import pytest

from db import register
from desk.care import privacy
from desk.records import contacts, persons
from desk.records.organisations import create_organisation
from desk.work import intake
from tests.team_helpers import contents, laptops, new_register

NAME, EMAIL, PHONE = "Renée Quibusvelt", "renee.q@tuinhuis.example", "0612345678"
FORBIDDEN = [NAME.lower().encode(), b"renee quibusvelt", b"quibusvelt", EMAIL.encode(), b"12345678"]


@pytest.fixture
def team(server, tmp_path):
    """A founded the team with Renée's intake; B and C have it too."""
    a, b, c = laptops(tmp_path, new_register(server), "A", "B", "C")
    with a.desk() as ws:
        org = create_organisation(ws, {"name": "Tuinhuis BV", "notes": f"Opgericht door {NAME}"})
        intake.save_intake(ws, {"organisation_id": org.id, "person_name": NAME, "person_email": EMAIL,
                                "person_phone": PHONE, "subject": f"Kennismaking {NAME}",
                                "notes": "Renée wil een moestuin; Quibusvelt belt terug"})
        person_id = ws.db.execute("SELECT id FROM persons WHERE name = ?", [NAME]).fetchone()[0]
    for laptop in (a, b, c):
        laptop.join()
    return a, b, c, person_id, org.id


def stale_edit(laptop, person_id: str, org_id: str) -> None:
    """What a colleague without a connection writes about Renée: an edit and a new note."""
    with laptop.desk() as ws:
        person = persons.get_person(ws, person_id)
        persons.update_person(ws, person_id, {**person.model_dump(), "role": "eigenaar", "notes": "belt maandag"})
        contacts.create_contact(ws, {"organisation_id": org_id, "subject": f"Nagebeld met {NAME}",
                                     "notes": f"{NAME} stuurt de offerte naar {EMAIL}"})


def erase(laptop, person_id: str) -> None:
    with laptop.desk() as ws:
        privacy.erase_person(ws, person_id)


def traces(laptop) -> dict[str, list[bytes]]:
    """The files of one laptop (database, its log, the shadow and its log) that hold Renée."""
    found = {}
    for path in sorted(p for p in laptop.path.parent.rglob("*") if p.is_file() and "backups" not in p.parts):
        data = path.read_bytes().lower()
        if hit := [form for form in FORBIDDEN if form in data]:
            found[str(path.relative_to(laptop.path.parent))] = hit
    return found


def register_traces(conninfo: str) -> list[int]:
    with register.connect(conninfo) as conn:
        return [e.version for e in register.pull(conn, 0) if any(f in e.changeset.lower() for f in FORBIDDEN)]


def check_erased_everywhere(a, b, c, person_id: str) -> None:
    for laptop in (a, b, c):
        assert laptop.rows("SELECT name, role, email, phone, notes FROM persons WHERE id = ?", (person_id,)) == [
            (privacy.ERASED_NAME, None, None, None, "")]
        assert traces(laptop) == {}, laptop.initials
        [(reason, content_free, kept, lost, by)] = laptop.rows(
            "SELECT reason, content_free, kept_value, lost_value, lost_by FROM sync_reviews")
        assert (reason, content_free, kept, lost, by) == ("erased", 1, None, None, None)
    assert register_traces(a.conninfo) == []
    assert contents(a) == contents(b) == contents(c)


def settle(*team) -> None:
    for _ in range(4):
        if not sum(o.pulled + o.pushed for o in (laptop.sync() for laptop in team)):
            return
    raise AssertionError("the laptops kept exchanging changes")


def test_the_erasure_reaches_the_register_first(team) -> None:
    a, b, c, person_id, org_id = team
    stale_edit(b, person_id, org_id)
    erase(a, person_id)
    assert register_traces(a.conninfo)  # the founder's intake is in the history until the erasure
    a.sync()
    assert register_traces(a.conninfo) == []
    b.sync()  # B's edit and new note meet the erasure
    settle(a, b, c)
    check_erased_everywhere(a, b, c, person_id)
    # B's new note stays, without Renée in it
    [(subject, notes)] = b.rows("SELECT subject, notes FROM contacts WHERE subject LIKE 'Nagebeld%'")
    assert "Quibusvelt" not in subject + notes and "renee.q" not in notes


def test_the_stale_edit_reaches_the_register_first(team) -> None:
    a, b, c, person_id, org_id = team
    stale_edit(b, person_id, org_id)
    b.sync()  # in the register now: Renée's new role and a note that names her
    erase(a, person_id)
    a.sync()  # pulls B's edit onto the erased row, then pushes the erasure and rewrites the history
    settle(a, b, c)
    check_erased_everywhere(a, b, c, person_id)


def test_an_erased_person_cannot_be_filled_again(team) -> None:
    import sqlite3

    a, _b, _c, person_id, _org_id = team
    erase(a, person_id)
    a.sync()
    conn = sqlite3.connect(a.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="gewist"):
            conn.execute("UPDATE persons SET name = 'Renée Q.' WHERE id = ?", [person_id])
    finally:
        conn.close()


def test_an_erasure_among_many_changes_goes_up_in_one_piece(team, monkeypatch) -> None:
    from desk.team import sync

    a, b, c, person_id, org_id = team
    monkeypatch.setattr(sync, "BATCH_ROWS", 2)  # everything else goes up two rows at a time
    with a.desk() as ws:
        for n in range(5):
            create_organisation(ws, {"name": f"Buurman {n}", "notes": f"Kent {NAME}"})
    erase(a, person_id)
    a.sync()
    assert register_traces(a.conninfo) == []
    settle(a, b, c)
    for laptop in (a, b, c):
        assert traces(laptop) == {}
    assert contents(a) == contents(b) == contents(c)
