"""Laptops of one team for the sync tests: each a Desk file in its own temporary folder, a real
PostgreSQL register (pgserver, on a Unix socket) for all of them.

The tests drive Desk's services with sqlite3 and the sync with apsw in the test's own process, one
after the other and never with both open on one file: the same rule the app keeps by running the
sync in a child process.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from db import register
from desk.core.config import make_user
from desk.core.workspace import Workspace
from desk.team import sync
from desk.work.opening import open_workspace


def new_register(server) -> str:
    """An empty register: a PostgreSQL database of its own on the test server."""
    name = f"register_{random.randrange(1 << 30)}"
    with register.connect(server.get_uri()) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return server.get_uri().replace("/postgres?", f"/{name}?")


@dataclass
class Laptop:
    path: Path
    conninfo: str
    initials: str

    @contextlib.contextmanager
    def desk(self) -> Iterator[Workspace]:
        ws = open_workspace(self.path, make_user(f"Collega {self.initials}", self.initials))
        try:
            yield ws
        finally:
            ws.close()

    def join(self) -> sync.Outcome:
        return sync.join(self.path, self.conninfo, author=self.initials)

    def sync(self) -> sync.Outcome:
        return sync.run_round(self.path, self.conninfo, author=self.initials)

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self.desk() as ws, ws.read() as db:
            return [tuple(row) for row in db.execute(sql, params).fetchall()]


def laptops(tmp_path: Path, conninfo: str, *initials: str) -> list[Laptop]:
    found = []
    for who in initials:
        folder = tmp_path / who
        folder.mkdir()
        found.append(Laptop(folder / "desk.sqlite", conninfo, who))
    return found


# What every replica must agree on: the rows of every synced table, in key order.
def contents(laptop: Laptop) -> dict[str, list[tuple]]:
    from db import replica  # noqa: PLC0415 - apsw only where the sync is tested

    conn = replica.open_file(laptop.path)
    try:
        found = {}
        for name, table in replica.synced_tables(conn).items():
            key = ", ".join(f'"{c}"' for c in table.primary_key)
            found[name] = list(conn.execute(f'SELECT * FROM "{name}" ORDER BY {key}'))
        return found
    finally:
        conn.close()
