"""A randomised team: three laptops, each seed its own day of work in random order: organisations
created and edited (the same fields, other fields, the same KvK number on two laptops), persons and
contact moments, terms with the same label, archiving, erasures, syncs at random moments. After
everyone has synced, every replica holds the same rows and the same review queue, and no erased
person is left in any byte of any replica or of the register."""

from __future__ import annotations

import contextlib
import random

import pytest

from db import register
from desk.care import privacy
from desk.core.errors import DeskError, ValidationFailed
from desk.records import contacts, persons, terms
from desk.records.organisations import create_organisation, get_organisation, set_archived, update_organisation
from tests.team_helpers import contents, laptops, new_register

SEEDS = range(int(__import__("os").environ.get("DESK_TEAM_SEEDS", "30")))
STEPS = 50
CITIES = ["Rivierstad", "Waterdorp", "Heuveldorp", "Zandvoort"]
KVKS = ["12345678", "23456789", "34567890"]
NEED_LABELS = ["Huisvesting", "Subsidie zoeken", "Netwerk"]


class Day:
    """One seed's run: what each laptop does next, chosen by the seed."""

    def __init__(self, seed: int, team) -> None:
        self.chance = random.Random(seed)
        self.team = team
        self.erased_names: list[str] = []
        self.counter = 0

    def unique(self, prefix: str) -> str:
        self.counter += 1
        letters = "".join(self.chance.choice("bcdfghjklmnpqrstvwxz") for _ in range(6))
        return f"{prefix} {letters.capitalize()}{self.counter}"

    def step(self) -> None:
        laptop = self.chance.choice(self.team)
        if self.chance.random() < 0.3:
            laptop.sync()
            return
        with laptop.desk() as ws, contextlib.suppress(ValidationFailed, DeskError):
            self.work(ws)

    def work(self, ws) -> None:
        orgs = [row[0] for row in ws.db.execute("SELECT id FROM organisations WHERE deleted_at IS NULL")]
        people = [row[0] for row in ws.db.execute(
            "SELECT id FROM persons WHERE deleted_at IS NULL AND id NOT IN (SELECT person_id FROM erasures)")]
        action = self.chance.choice(["organisation", "edit", "edit", "person", "contact", "term", "archive", "erase"]
                                    if orgs else ["organisation"])
        if action == "organisation":
            kvk = self.chance.choice([None, None, *KVKS])
            create_organisation(ws, {"name": self.unique("Onderneming"), "kvk": kvk, "city": self.chance.choice(CITIES)})
        elif action == "edit":
            org = get_organisation(ws, self.chance.choice(orgs))
            field = self.chance.choice(["city", "notes", "name", "website"])
            value = {"city": self.chance.choice(CITIES), "notes": self.unique("Notitie"),
                     "name": self.unique("Onderneming"), "website": f"https://{self.counter}.example"}[field]
            update_organisation(ws, org.id, {**org.as_input().model_dump(), field: value})
        elif action == "person":
            persons.create_person(ws, {"name": self.unique("Persoon"), "email": f"p{self.counter}@mail.example",
                                       "organisation_ids": [self.chance.choice(orgs)]})
        elif action == "contact":
            org_id = self.chance.choice(orgs)
            linked = [p.id for p in get_organisation(ws, org_id).persons if p.id in people]
            chosen = linked[:1] if linked and self.chance.random() < 0.7 else []
            names = [persons.get_person(ws, pid).name for pid in chosen]
            contacts.create_contact(ws, {"organisation_id": org_id, "person_ids": chosen,
                                         "subject": self.unique("Gesprek"),
                                         "notes": f"Besproken met {', '.join(names) or 'de eigenaar'}"})
        elif action == "term":
            terms.add_term(ws, terms.NEED, self.chance.choice(NEED_LABELS))
        elif action == "archive":
            set_archived(ws, self.chance.choice(orgs), self.chance.random() < 0.7)
        elif action == "erase" and people:
            person_id = self.chance.choice(people)
            self.erased_names.append(persons.get_person(ws, person_id).name)
            privacy.erase_person(ws, person_id)


def settle(team) -> None:
    for _ in range(6):
        if not sum(o.pulled + o.pushed for o in (laptop.sync() for laptop in team)):
            return
    raise AssertionError("the laptops kept exchanging changes")


def leftovers(team, names: list[str]) -> list[str]:
    forms = [name.lower().encode() for name in names] + [name.split()[-1].lower().encode() for name in names]
    found = []
    for laptop in team:
        for path in laptop.path.parent.rglob("*"):
            if path.is_file() and "backups" not in path.parts:
                data = path.read_bytes().lower()
                found += [f"{path}: {form!r}" for form in forms if form in data]
    with register.connect(team[0].conninfo) as conn:
        for entry in register.pull(conn, 0):
            found += [f"version {entry.version}: {f!r}" for f in forms if f in entry.changeset.lower()]
    return found


@pytest.mark.parametrize("seed", SEEDS)
def test_every_replica_converges_and_no_erased_person_is_left(server, tmp_path, seed) -> None:
    team = laptops(tmp_path, new_register(server), "A", "B", "C")
    for laptop in team:
        laptop.join()
    day = Day(seed, team)
    for _ in range(STEPS):
        day.step()
    settle(team)
    first = contents(team[0])
    for laptop in team[1:]:
        assert contents(laptop) == first, f"seed {seed}: {laptop.initials} differs from A"
    assert leftovers(team, day.erased_names) == []
    for laptop in team:  # every laptop has pushed everything it had
        assert laptop.rows("SELECT count(*) FROM sync_changes") == [(0,)]
