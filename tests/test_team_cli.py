"""The team commands as a user runs them, each a process of its own, against a real PostgreSQL
started by the test (pgserver, Unix socket only): joining, syncing, the errors a user can make, a
laptop a week offline, a colleague who updated Desk first, and syncs killed at random moments."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path


from db import register
from desk.records.organisations import create_organisation, get_organisation, update_organisation
from tests.team_helpers import contents, laptops, new_register

ROOT = Path(__file__).resolve().parent.parent


def desk(laptop, *args: str, variant: tuple[str, ...] = (), check: bool = True) -> subprocess.CompletedProcess:
    config = laptop.path.parent / "config.json"
    if not config.exists():
        config.write_text(json.dumps({"name": f"Collega {laptop.initials}", "initials": laptop.initials}))
    env = {**os.environ, "DESK_CONFIG": str(config)}
    command = [sys.executable, "-m", "tests.team_desk_variants", *variant] if variant else \
        [sys.executable, "-m", "desk.cli"]
    done = subprocess.run([*command, "--db", str(laptop.path), *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def settle(*team) -> None:
    """Sync every laptop in turn until a whole round brings nothing new."""
    for _ in range(6):
        moved = 0
        for laptop in team:
            outcome = json.loads(desk(laptop, "sync", "--json").stdout)
            moved += outcome["pulled"] + outcome["pushed"]
        if not moved:
            return
    raise AssertionError("the laptops kept exchanging changes")


def test_join_and_sync_from_the_command_line(server, tmp_path) -> None:
    a, b = laptops(tmp_path, new_register(server), "A", "B")
    with a.desk() as ws:
        org_id = create_organisation(ws, {"name": "Kringloop Oost"}).id
    joined = desk(a, "team", "join", a.conninfo)
    assert "hoort nu bij het team" in joined.stdout
    desk(b, "team", "join", b.conninfo)
    assert json.loads((b.path.parent / "config.json").read_text())["team_register"] == b.conninfo
    with b.desk() as ws:
        update_organisation(ws, org_id, {"name": "Kringloop Oost", "city": "Rivierstad"})
    assert "1 verstuurd" in desk(b, "sync").stdout
    assert "1 binnengehaald" in desk(a, "sync").stdout
    with a.desk() as ws:
        assert get_organisation(ws, org_id).city == "Rivierstad"


def test_mistakes_get_one_dutch_line_and_change_nothing(server, tmp_path) -> None:
    a, b = laptops(tmp_path, new_register(server), "A", "B")
    with a.desk() as ws:
        create_organisation(ws, {"name": "Kringloop Oost"})
    with b.desk() as ws:
        create_organisation(ws, {"name": "Eigen werk van B"})
    cases = [
        (a, ("sync",), "geen register ingesteld; sluit aan met: desk team join"),
        (a, ("team", "join", a.conninfo.replace("postgres:@", "postgres:geheim@")), "wachtwoord niet in het adres"),
        (a, ("team", "join", "postgresql://postgres@/postgres?host=/nergens"), "niet bereikbaar"),
    ]
    for laptop, args, expected in cases:
        done = desk(laptop, *args, check=False)
        assert done.returncode == 1 and expected in done.stderr and len(done.stderr.strip().splitlines()) == 1, done
        assert "Traceback" not in done.stderr
    desk(a, "team", "join", a.conninfo)
    refused = desk(b, "team", "join", b.conninfo, check=False)
    assert refused.returncode == 1 and "al eigen gegevens" in refused.stderr
    assert b.rows("SELECT name FROM organisations") == [("Eigen werk van B",)]
    again = desk(a, "team", "join", a.conninfo, check=False)
    assert again.returncode == 1 and "hoort al bij dit team" in again.stderr


def test_a_laptop_a_week_offline_with_a_thousand_changes_catches_up(server, tmp_path) -> None:
    a, b = laptops(tmp_path, new_register(server), "A", "B")
    desk(a, "team", "join", a.conninfo)
    desk(b, "team", "join", b.conninfo)
    with b.desk() as ws:  # a week at events without a connection
        made = [create_organisation(ws, {"name": f"Starter {n:04}", "city": "Rivierstad"}).id for n in range(500)]
        for n, org_id in enumerate(made):
            update_organisation(ws, org_id, {"name": f"Starter {n:04}", "city": "Waterdorp"})
    with a.desk() as ws:  # meanwhile at the office
        for n in range(50):
            create_organisation(ws, {"name": f"Kantoor {n:02}"})
    settle(a, b)
    assert a.rows("SELECT count(*) FROM organisations WHERE city = 'Waterdorp'") == [(500,)]
    assert a.rows("SELECT count(*) FROM organisations WHERE name LIKE 'Kantoor %'") == [(50,)]
    assert contents(a) == contents(b)
    assert b.rows("SELECT count(*) FROM sync_changes") == [(0,)]


def test_a_colleague_on_a_newer_desk_waits_for_the_others_to_update(server, tmp_path) -> None:
    a, b = laptops(tmp_path, new_register(server), "A", "B")
    with a.desk() as ws:
        org_id = create_organisation(ws, {"name": "Kringloop Oost"}).id
    desk(a, "team", "join", a.conninfo)
    desk(b, "team", "join", b.conninfo)
    newer = ("newer",)
    desk(a, "sync", variant=newer)  # A updated Desk: its file is migrated first
    with _raw(a) as conn:
        conn.execute("UPDATE organisations SET sector = 'circulair', updated_at = '2026-12-07T09:00:00+00:00' "
                     "WHERE id = ?", [org_id])
    desk(a, "sync", variant=newer)
    with b.desk() as ws:
        update_organisation(ws, org_id, {"name": "Kringloop Oost", "city": "Rivierstad"})
    waiting = desk(b, "sync")
    assert "werk Desk eerst bij" in waiting.stdout
    assert b.rows("SELECT city FROM organisations") == [("Rivierstad",)]  # B's work stays, waiting
    desk(b, "sync", variant=newer)  # B updated too
    desk(a, "sync", variant=newer)
    assert _raw_rows(b, "SELECT city, sector FROM organisations") == [("Rivierstad", "circulair")]
    assert _raw_rows(a, "SELECT city, sector FROM organisations") == [("Rivierstad", "circulair")]


def _raw(laptop):
    import contextlib  # noqa: PLC0415
    import sqlite3  # noqa: PLC0415

    @contextlib.contextmanager
    def opened():
        conn = sqlite3.connect(laptop.path, isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()

    return opened()


def _raw_rows(laptop, sql: str) -> list[tuple]:
    with _raw(laptop) as conn:
        return conn.execute(sql).fetchall()


def test_syncs_killed_at_random_moments_converge_with_nothing_lost_or_doubled(server, tmp_path) -> None:
    a, b = laptops(tmp_path, new_register(server), "A", "B")
    desk(a, "team", "join", a.conninfo)
    desk(b, "team", "join", b.conninfo)
    for laptop in (a, b):
        with laptop.desk() as ws:
            for n in range(300):
                create_organisation(ws, {"name": f"{laptop.initials} {n:03}"})
    chance = random.Random(19)
    killed = 0
    for round_number in range(12):
        laptop = (a, b)[round_number % 2]
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.team_desk_variants", "batches", "15", "--db", str(laptop.path), "sync"],
            cwd=ROOT, env={**os.environ, "DESK_CONFIG": str(laptop.path.parent / "config.json")},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.2, 0.8))
        killed += process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert killed >= 6  # most rounds were cut off halfway, not after they finished
    settle(a, b)
    assert contents(a) == contents(b)
    assert a.rows("SELECT count(*), count(DISTINCT name) FROM organisations") == [(600, 600)]
    with register.connect(a.conninfo) as conn:
        versions = [entry.version for entry in register.pull(conn, 0)]
    assert versions == list(range(1, len(versions) + 1))
