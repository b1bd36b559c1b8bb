"""E-mail addresses checked by email-validator (syntax only), phone numbers by phonenumbers and kept
in one form, so one number typed two ways is one number: for people and for the duplicate check."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.core.config import make_user
from desk.core.errors import ValidationFailed
from desk.core.validation import check_email, check_phone
from desk.records import organisations, persons
from desk.work.opening import open_workspace


@pytest.mark.parametrize("typed", ["jan..de.vries@x.nl", "jan@x..nl", "jan@", "@x.nl", "jan de vries@x.nl",
                                   "jan@x", "jan@@x.nl"])
def test_e_mail_addresses_that_are_refused(typed) -> None:
    with pytest.raises(ValueError, match="geen geldig e-mailadres"):
        check_email(typed)


@pytest.mark.parametrize(("typed", "kept"), [
    ("Jan.De.Vries@Gemeente.NL", "jan.de.vries@gemeente.nl"),
    ("  info@fietsatelier-oost.example ", "info@fietsatelier-oost.example"),
    ("info@café.nl", "info@café.nl"),
])
def test_e_mail_addresses_that_are_kept(typed, kept) -> None:
    assert check_email(typed) == kept


@pytest.mark.parametrize("typed", ["0612345", "999999999999999", "12", "06-1234567a", "bel me"])
def test_phone_numbers_that_are_refused(typed) -> None:
    with pytest.raises(ValueError, match="geen geldig telefoonnummer"):
        check_phone(typed)


@pytest.mark.parametrize(("typed", "kept"), [
    ("06-12345678", "+31 6 12345678"),
    ("06 1234 5678", "+31 6 12345678"),
    ("+31 6 12345678", "+31 6 12345678"),
    ("0031612345678", "+31 6 12345678"),
    ("(010) 123 45 67", "+31 10 123 4567"),
    ("+32 470 12 34 56", "+32 470 12 34 56"),
])
def test_phone_numbers_are_kept_in_one_form(typed, kept) -> None:
    assert check_phone(typed) == kept


@given(st.text(max_size=30))
def test_a_phone_check_refuses_or_gives_a_form_it_keeps(text) -> None:
    try:
        kept = check_phone(text)
    except ValueError:
        return
    assert kept is None or check_phone(kept) == kept


def test_a_person_with_a_bad_number_is_refused_and_nothing_is_stored(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    with pytest.raises(ValidationFailed, match="telefoonnummer"):
        persons.create_person(ws, {"name": "Anna de Wit", "phone": "0612345", "organisation_ids": [org.id]})
    assert ws.db.execute("SELECT count(*) FROM persons").fetchone()[0] == 0
    anna = persons.create_person(ws, {"name": "Anna de Wit", "phone": "06-12345678", "organisation_ids": [org.id]})
    assert persons.get_person(ws, anna.id).phone == "+31 6 12345678"


def test_numbers_stored_before_are_brought_into_the_one_form(tmp_path) -> None:
    """m011: an older database's numbers in any form; the ones phonenumbers does not know stay."""
    path = tmp_path / "desk.sqlite"
    ws = open_workspace(path, make_user("Test Gebruiker", "TG"))
    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    anna = persons.create_person(ws, {"name": "Anna de Wit", "organisation_ids": [org.id]})
    bram = persons.create_person(ws, {"name": "Bram Bakker", "organisation_ids": [org.id]})
    ws.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE persons SET phone = '0031 6-1234 5678' WHERE id = ?", [anna.id])
        conn.execute("UPDATE persons SET phone = 'toestel 214' WHERE id = ?", [bram.id])
        conn.execute("UPDATE departments SET contact_phone = '0488-540210'")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_phone_numbers_in_one_form'")
    conn.close()

    ws = open_workspace(path, make_user("Test Gebruiker", "TG"))
    assert persons.get_person(ws, anna.id).phone == "+31 6 12345678"
    assert persons.get_person(ws, bram.id).phone == "toestel 214"
    assert {row[0] for row in ws.db.execute("SELECT contact_phone FROM departments")} == {"+31 488 540 210"}
    ws.close()
