"""Three laptops of one team sync through a real PostgreSQL: what one records reaches the others,
edits of different fields of one organisation both stay, an edit of the same field keeps the
register's value and puts the other in the review queue of every laptop."""

from __future__ import annotations

import json

import pytest

from desk.records.organisations import create_organisation, get_organisation, update_organisation
from tests.team_helpers import contents, laptops, new_register


@pytest.fixture
def team(server, tmp_path):
    """Three laptops: A founds the team with one organisation, B and C join."""
    a, b, c = laptops(tmp_path, new_register(server), "A", "B", "C")
    with a.desk() as ws:
        org = create_organisation(ws, {"name": "De Groene Fietser", "city": "Rivierstad"})
    a.join()
    b.join()
    c.join()
    return a, b, c, org.id


def test_a_new_laptop_gets_everything_the_founder_had(team) -> None:
    a, b, c, org_id = team
    with b.desk() as ws:
        assert get_organisation(ws, org_id).city == "Rivierstad"
    assert contents(a) == contents(b) == contents(c)


def test_edits_of_different_fields_of_one_organisation_both_stay(team) -> None:
    a, b, c, org_id = team
    with a.desk() as ws:
        update_organisation(ws, org_id, {"name": "De Groene Fietser", "city": "Waterdorp"})
    with b.desk() as ws:
        update_organisation(ws, org_id, {"name": "De Groene Fietser BV", "city": "Rivierstad"})
    a.sync()
    b.sync()
    a.sync()
    c.sync()
    for laptop in (a, b, c):
        with laptop.desk() as ws:
            org = get_organisation(ws, org_id)
            assert (org.name, org.city) == ("De Groene Fietser BV", "Waterdorp")
        assert laptop.rows("SELECT count(*) FROM sync_reviews") == [(0,)]
    assert contents(a) == contents(b) == contents(c)


def test_the_same_field_keeps_the_first_pushed_and_every_laptop_can_review_the_other(team) -> None:
    a, b, c, org_id = team
    with a.desk() as ws:
        update_organisation(ws, org_id, {"name": "De Groene Fietser", "city": "Waterdorp"})
    with b.desk() as ws:
        update_organisation(ws, org_id, {"name": "De Groene Fietser", "city": "Heuveldorp"})
    a.sync()
    b.sync()  # A was first
    a.sync()
    c.sync()
    for laptop in (a, b, c):
        with laptop.desk() as ws:
            assert get_organisation(ws, org_id).city == "Waterdorp"
        [(column, kept, lost, by)] = laptop.rows(
            "SELECT column_name, kept_value, lost_value, lost_by FROM sync_reviews")
        assert (column, json.loads(kept), json.loads(lost), by) == ("city", "Waterdorp", "Heuveldorp", "B")
    assert contents(a) == contents(b) == contents(c)


def test_new_organisations_on_two_laptops_both_arrive_with_their_own_numbers(team) -> None:
    a, b, c, _org_id = team
    with a.desk() as ws:
        from_a = create_organisation(ws, {"name": "Zonnedak"}).id
    with b.desk() as ws:
        from_b = create_organisation(ws, {"name": "Windkracht"}).id
    for laptop in (a, b, a, c):
        laptop.sync()
    for laptop in (a, b, c):
        with laptop.desk() as ws:
            assert get_organisation(ws, from_a).name == "Zonnedak"
            assert get_organisation(ws, from_b).name == "Windkracht"
    assert contents(a) == contents(b) == contents(c)


def test_a_laptop_that_derives_the_search_text_otherwise_sends_nothing_back(team) -> None:
    """Each laptop works out the search text itself: a laptop whose result differs (another Desk
    version, a generated file) does not send the organisations it received back to the team."""
    a, b, c, org_id = team
    with b.desk() as ws, ws.write() as db:
        db.execute("UPDATE organisations SET search_text = 'anders afgeleid' WHERE id = ?", (org_id,))
    assert b.sync().pushed == 0
    assert b.sync().waiting == 0
    assert a.sync().pulled == 0
    with b.desk() as ws, ws.write() as db:  # with a real edit, the row goes up as usual
        db.execute("UPDATE organisations SET city = 'Waterdorp' WHERE id = ?", (org_id,))
    assert b.sync().pushed == 1
    a.sync()
    with a.desk() as ws:
        assert get_organisation(ws, org_id).city == "Waterdorp"


def test_a_push_that_landed_but_was_not_recorded_is_not_sent_twice(team, monkeypatch) -> None:
    from db import register
    from desk.team import sync

    a, b, c, org_id = team
    with a.desk() as ws:
        update_organisation(ws, org_id, {"name": "De Groene Fietser", "city": "Waterdorp"})

    def cut_off(*_args, **_kwargs):
        raise KeyboardInterrupt  # the laptop's lid closes right after the register took the push

    with monkeypatch.context() as patch:
        patch.setattr(sync, "_record_push", cut_off)
        with pytest.raises(KeyboardInterrupt):
            a.sync()
    with register.connect(a.conninfo) as conn:
        before = register.newest(conn)
    outcome = a.sync()
    with register.connect(a.conninfo) as conn:
        assert register.newest(conn) == before  # recognised as its own, not pushed again
    assert outcome.waiting == 0
    b.sync()
    with b.desk() as ws:
        assert get_organisation(ws, org_id).city == "Waterdorp"
    assert contents(a) == contents(b)


def test_an_encrypted_laptop_syncs_without_a_plaintext_copy_on_disk(server, tmp_path) -> None:
    from desk.care import encryption
    from desk.team import sync
    from desk.work.opening import open_workspace

    a, b = laptops(tmp_path, new_register(server), "A", "B")
    with a.desk() as ws:
        org_id = create_organisation(ws, {"name": "Versleutelde Vrienden"}).id
    a.join()
    open_workspace(b.path, None).close()
    encryption.encrypt(b.path, "geheim wachtwoord")  # B's file is encrypted before it joins
    sync.join(b.path, b.conninfo, passphrase="geheim wachtwoord", author="B")
    ws = open_workspace(b.path, None, passphrase="geheim wachtwoord")
    try:
        assert get_organisation(ws, org_id).name == "Versleutelde Vrienden"
    finally:
        ws.close()
    for path in (b.path, sync.shadow_path(b.path)):
        data = path.read_bytes()
        assert not data.startswith(b"SQLite format 3") and b"Versleutelde" not in data
