"""The duplicate check keeps the normalised names between checks and catches up from the audit
trail; whatever happened in between, it answers as a check that reads every name afresh."""

from __future__ import annotations

import random

import pytest

from desk.care import privacy
from desk.core.config import make_user
from desk.files import import_mapping, importing
from desk.files.tabular_files import read_table
from desk.records import organisations, persons
from desk.work import duplicates
from desk.work.opening import open_workspace

WORDS = ["Groene", "Bakkerij", "Jansen", "De Verbinding", "Fietsatelier", "Oost", "Zeep", "Kracht", "BV",
         "Stichting", "Buurt", "Energie"]


def random_name(rng: random.Random) -> str:
    return " ".join(rng.sample(WORDS, rng.randint(1, 3)))


def answers(ws, queries: list[tuple[str, str | None]]) -> list[list[tuple[str, str]]]:
    return [[(m.id, m.reason) for m in duplicates.find_similar(ws, name, kvk)] for name, kvk in queries]


def afresh(ws, queries):
    duplicates._names.pop(ws, None)
    return answers(ws, queries)


@pytest.mark.parametrize("seed", range(6))
def test_kept_names_answer_as_names_read_afresh(ws, db_path, tmp_path, seed) -> None:
    rng = random.Random(seed)
    other = open_workspace(db_path, make_user("Andere Collega", "AC"))  # a second process, as far as SQLite knows
    kvks: list[str] = []

    def new_kvk() -> str | None:  # a KvK-nummer belongs to one live organisation; queries reuse them
        if rng.random() < 0.5:
            return None
        kvks.append(f"{rng.randrange(10**7, 10**8)}")
        return kvks[-1]

    for step in range(40):
        live = [o.id for o in organisations.list_organisations(ws, "", 0, 1000, include_archived=True)]
        action = rng.choice(["create", "create", "rename", "delete", "archive", "other", "import", "raw", "erase"])
        if action == "create" or not live:
            organisations.create_organisation(ws, {"name": random_name(rng), "kvk": new_kvk()})
        elif action == "rename":
            org = organisations.get_organisation(ws, rng.choice(live))
            organisations.update_organisation(ws, org.id, {**org.model_dump(), "name": random_name(rng),
                                                           "kvk": new_kvk()})
        elif action == "delete":
            organisations.delete_organisation(ws, rng.choice(live))
        elif action == "archive":
            organisations.set_archived(ws, rng.choice(live), True)
        elif action == "other":
            organisations.create_organisation(other, {"name": random_name(rng)})
        elif action == "import":
            source = tmp_path / f"import-{step}.csv"
            source.write_text(f"Naam;KvK-nummer\n{random_name(rng)} Import;\n", encoding="utf-8")
            table = read_table(source)
            importing.import_organisations(ws, table, import_mapping.guess_mapping(table.headers))
        elif action == "raw":  # written without an audit row, as a restore or a hand edit would
            with ws.write() as db:
                db.execute("INSERT INTO organisations (id, name, created_at, updated_at, created_by, updated_by) "
                           "VALUES (?, ?, '2026-01-01', '2026-01-01', 'x', 'x')", [f"raw-{step}", random_name(rng)])
        elif action == "erase":  # the erasure may rewrite an organisation's name (a one-person business)
            name = f"Pieter Zandvoort {step}"
            org = organisations.create_organisation(ws, {"name": f"Schilder {name}"})
            person = persons.create_person(ws, {"name": name, "organisation_ids": [org.id]})
            duplicates.find_similar(ws, "warm")
            privacy.erase_person(ws, person.id)
        queries = [(random_name(rng), rng.choice([None, *kvks])) for _ in range(4)]
        queries.append((f"Schilder Pieter Zandvoort {step}", None))
        kept = answers(ws, queries)
        assert kept == afresh(ws, queries), f"step {step}: {action}"
    other.close()


def test_a_new_organisation_costs_one_row_not_all_names(ws) -> None:
    """After a save the check reads the one organisation the audit names, not every name again."""
    for number in range(50):
        organisations.create_organisation(ws, {"name": f"Werkplaats {number} Noord"})
    duplicates.find_similar(ws, "warm")
    statements: list[str] = []
    ws.db.conn.set_trace_callback(statements.append)
    try:
        organisations.create_organisation(ws, {"name": "Kaasmakerij Wiel"})
        statements.clear()
        assert [m.name for m in duplicates.find_similar(ws, "kaasmakerij wiel bv")] == ["Kaasmakerij Wiel"]
    finally:
        ws.db.conn.set_trace_callback(None)
    reads = [s for s in statements if "FROM organisations" in s and "count(*)" not in s]
    assert len(reads) == 1 and "WHERE id IN" in reads[0], reads


def test_the_save_asks_again_what_the_form_asked_and_gets_the_same_answer(ws) -> None:
    """The form checks the name as it is typed and the save checks it again: with nothing written in
    between, the second check reads no names and answers the same; a write in between counts."""
    for number in range(20):
        organisations.create_organisation(ws, {"name": f"Werkplaats {number} Noord"})
    first = duplicates.find_similar(ws, "Werkplaats 3 Noord bv")
    statements: list[str] = []
    ws.db.conn.set_trace_callback(statements.append)
    try:
        again = duplicates.find_similar(ws, "werkplaats 3 noord")
    finally:
        ws.db.conn.set_trace_callback(None)
    assert [m.name for m in again] == [m.name for m in first] and first[0].reason == "zelfde naam"
    assert [s for s in statements if "FROM organisations" in s and "count(*)" not in s] == []
    org = organisations.get_organisation(ws, first[0].id)
    organisations.update_organisation(ws, org.id, {**org.model_dump(), "name": "Kaasmakerij Wiel"})
    assert "Kaasmakerij Wiel" not in [m.name for m in duplicates.find_similar(ws, "werkplaats 3 noord")]
