"""The erasure is driven by the schema and finds a person as people write them."""

from __future__ import annotations

import pytest

from desk.care import erasure_files, privacy
from desk.care.redaction import EMAIL_MARK, NAME_MARK, PHONE_MARK, Matcher, fold
from desk.files.writing import exports_dir
from desk.records import organisations, persons

NAME, EMAIL, PHONE = "José García", "jose.garcia@voorbeeld.example", "0612345678"


@pytest.mark.parametrize("written", [
    "José García", "jose garcia", "JOSE  GARCIA", "José\nGarcía", "inzage-jose-garcia-20261202.json",
    "06-12345678", "06 1234 5678", "+31 6 12345678", "+31612345678", "0031612345678", "+31 (0)6 1234 5678",
    "0612345678", "Jose.Garcia@Voorbeeld.example",
])
def test_every_written_form_is_found_and_redacted(written: str) -> None:
    matcher = Matcher.for_person(NAME, EMAIL, PHONE)
    redacted = matcher.redact(f"Bel {written} morgen")
    assert redacted.startswith("Bel ") and redacted.endswith(" morgen")
    assert sum(redacted.count(mark) for mark in (NAME_MARK, EMAIL_MARK, PHONE_MARK)) == 1
    assert not any(part in fold(redacted) for part in ("jose", "garcia", "12345678", "1234 5678"))


@pytest.mark.parametrize("unrelated", ["Josefien Garciaboom", "06123456789", "106-12345678", "Garcia"])
def test_other_texts_are_left_alone(unrelated: str) -> None:
    assert Matcher.for_person(NAME, EMAIL, PHONE).redact(unrelated) == unrelated


def test_escaped_json_is_redacted_and_stays_json() -> None:
    stored = '{"notes": "Jos\\u00e9 Garc\\u00eda belde", "n": 1}'
    assert Matcher.for_person(NAME, None, None).redact_stored(stored) == '{"notes": "[naam verwijderd] belde", "n": 1}'


def test_a_column_added_by_a_migration_is_erased_without_being_told(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Tuin BV"})
    person = persons.create_person(ws, {"name": NAME, "email": EMAIL, "phone": PHONE, "organisation_ids": [org.id]})
    with ws.write() as db:  # as a later migration would
        db.execute("ALTER TABLE organisations ADD COLUMN remark TEXT")
        db.execute("CREATE TABLE call_log (id INTEGER PRIMARY KEY, said VARCHAR(200), extra)")
        db.execute("UPDATE organisations SET remark = 'Gesprek met JOSE GARCIA, 06 1234 5678' WHERE id = ?", [org.id])
        db.execute("INSERT INTO call_log (said, extra) VALUES ('jose.garcia@voorbeeld.example belde', '+31 6 12345678')")
    changed = privacy.erase_in_database(ws, person.id)
    assert changed["organisations"] == 1 and changed["call_log"] == 1
    assert ws.db.execute("SELECT remark FROM organisations WHERE id = ?", [org.id]).fetchone()[0] == \
        f"Gesprek met {NAME_MARK}, {PHONE_MARK}"
    assert ws.db.execute("SELECT said, extra FROM call_log").fetchone() == (f"{EMAIL_MARK} belde", PHONE_MARK)
    assert ws.db.execute("SELECT person_id FROM erasures").fetchall() == [(person.id,)]


def test_files_are_searched_as_read_back_folded_and_escaped(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Tuin BV"})
    person = persons.create_person(ws, {"name": NAME, "organisation_ids": [org.id]})
    folder = exports_dir(ws)
    (folder / "agenda.ics").write_bytes("DESCRIPTION:Terugbellen over de tuin met José Gar\r\n cía\r\n".encode())
    (folder / "log.jsonl").write_text('{"notes": "Jos\\u00e9 Garc\\u00eda belde"}\n', encoding="ascii")
    (folder / "ander.csv").write_text("Bram Bakker;06 99999999\n", encoding="utf-8")
    found = erasure_files.files_to_erase(ws, person.id)
    assert sorted(f.path.name for f in found) == ["agenda.ics", "log.jsonl"]
    report = erasure_files.erase_everywhere(ws, person.id, found)
    assert sorted(p.name for p in report.deleted) == ["agenda.ics", "log.jsonl"]
    assert sorted(p.name for p in folder.iterdir()) == ["ander.csv"]
