"""The team register's history on a real PostgreSQL (started by the test itself with pgserver, on a
Unix socket in a temporary folder): pushes land in one line, a push on an old version is refused,
and laptops that push at once all end up with the same history, nothing lost or doubled."""

from __future__ import annotations

import random
import threading

import pytest

from db import register


@pytest.fixture
def conninfo(server):
    """An empty register for each test: a database of its own."""
    name = f"register_{random.randrange(1 << 30)}"
    with register.connect(server.get_uri()) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    conninfo = server.get_uri().replace("/postgres?", f"/{name}?")
    with register.connect(conninfo) as conn:
        register.prepare(conn, "team-test")
    return conninfo


def push(conn, parent: int, body: bytes, laptop: str = "laptop-a") -> int | None:
    return register.push(conn, parent, body, schema_version=20, laptop=laptop, author="SdG")


def test_pushes_land_in_order_and_a_push_on_an_old_version_is_refused(conninfo) -> None:
    with register.connect(conninfo) as conn:
        assert register.newest(conn) == 0
        assert push(conn, 0, b"eerste") == 1
        assert push(conn, 1, b"tweede", laptop="laptop-b") == 2
        assert push(conn, 1, b"te laat") is None  # laptop a has not pulled version 2
        assert push(conn, 5, b"uit de toekomst") is None
        assert [(e.version, e.laptop, e.changeset) for e in register.pull(conn, 0)] == [
            (1, "laptop-a", b"eerste"), (2, "laptop-b", b"tweede")]
        assert [e.version for e in register.pull(conn, 1)] == [2]
        assert register.newest(conn) == 2


def test_preparing_twice_keeps_the_history(conninfo) -> None:
    with register.connect(conninfo) as conn:
        push(conn, 0, b"eerste")
        register.prepare(conn, "team-test")
        assert register.newest(conn) == 1


def test_a_long_history_is_pulled_a_page_at_a_time(conninfo, monkeypatch) -> None:
    monkeypatch.setattr(register, "PULL_PAGE", 3)
    with register.connect(conninfo) as conn:
        for parent in range(10):
            push(conn, parent, f"wijziging {parent + 1}".encode())
        assert [e.version for e in register.pull(conn, 0)] == list(range(1, 11))
        assert [e.version for e in register.pull(conn, 9)] == [10]


def test_laptops_pushing_at_once_share_one_history(conninfo) -> None:
    """Four laptops push 25 changesets each, at the same time; each pulls before it pushes again when
    refused. Afterwards the history is 1..100 without a gap, and holds every changeset once."""
    per_laptop, laptops = 25, 4
    refused = []
    start = threading.Barrier(laptops)  # all four make their first push on version 0

    def laptop(name: str) -> None:
        with register.connect(conninfo) as conn:
            known = 0
            start.wait()
            for number in range(per_laptop):
                body = f"{name}:{number}".encode()
                while (version := push(conn, known, body, laptop=name)) is None:
                    refused.append(name)
                    known = max([known, *(e.version for e in register.pull(conn, known))])
                known = version

    threads = [threading.Thread(target=laptop, args=(f"laptop-{i}",)) for i in range(laptops)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with register.connect(conninfo) as conn:
        history = list(register.pull(conn, 0))
    assert [e.version for e in history] == list(range(1, per_laptop * laptops + 1))
    bodies = [e.changeset.decode() for e in history]
    assert sorted(bodies) == sorted(f"laptop-{i}:{n}" for i in range(laptops) for n in range(per_laptop))
    for i in range(laptops):  # each laptop's own changesets in the order it made them
        own = [int(b.split(":")[1]) for b in bodies if b.startswith(f"laptop-{i}:")]
        assert own == list(range(per_laptop))
    assert len(refused) >= laptops - 1  # only one first push could land as version 1
