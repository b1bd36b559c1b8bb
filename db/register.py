"""The team register: a linear history of changesets in the municipality's PostgreSQL (issue 19).

Each laptop keeps a full SQLite replica. What it changed since its last sync goes to the register
as one changeset (SQLite's session extension makes it; that part runs in ``desk sync``'s child
process). The register only keeps them in order: version 1, 2, 3, ... A push names the last version
the laptop has pulled (its parent) and lands as parent + 1 only while that is the newest version;
otherwise it is refused and the laptop pulls first, applies what others pushed, and pushes again.
That one rule, checked in one statement against the table's primary key, gives every laptop the
same history however many push at once, as TaskChampion's sync server does.

No server process of our own: the laptops talk to PostgreSQL with psycopg 3. The municipality runs
the server (backups, roles, TLS); a role that may read and insert in this table is all Desk needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import psycopg

SCHEMA = """
CREATE TABLE IF NOT EXISTS desk_history (
    version        bigint PRIMARY KEY CHECK (version > 0),
    schema_version integer NOT NULL,
    laptop         text NOT NULL,
    author         text NOT NULL,
    pushed_at      timestamptz NOT NULL DEFAULT now(),
    changeset      bytea NOT NULL
);
CREATE TABLE IF NOT EXISTS desk_register (
    only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    id         text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
)
"""

# Lands as parent + 1 only while the parent is the newest version. Two pushes on the same parent
# meet at the primary key: the second waits for the first to commit, then inserts nothing.
_PUSH = """
INSERT INTO desk_history (version, schema_version, laptop, author, changeset)
SELECT %(parent)s + 1, %(schema_version)s, %(laptop)s, %(author)s, %(changeset)s
WHERE %(parent)s = (SELECT coalesce(max(version), 0) FROM desk_history)
ON CONFLICT (version) DO NOTHING
RETURNING version
"""

PULL_PAGE = 500  # changesets per query when a laptop catches up


@dataclass(frozen=True)
class Entry:
    version: int
    schema_version: int
    laptop: str
    author: str
    changeset: bytes


def connect(conninfo: str, password: str | None = None, timeout_s: int = 10) -> psycopg.Connection:
    """A connection to the register. In autocommit mode: each call below is one statement, so one
    transaction of its own."""
    extra = {"password": password} if password else {}
    return psycopg.connect(conninfo, autocommit=True, connect_timeout=timeout_s, **extra)


def prepare(conn: psycopg.Connection, register_id: str) -> str:
    """Create the tables when they are not there yet (the first laptop of a team does this); the
    register's id, which every laptop keeps so that it never syncs with another team's register."""
    conn.execute(SCHEMA)
    conn.execute("INSERT INTO desk_register (id) VALUES (%s) ON CONFLICT DO NOTHING", [register_id])
    return identity(conn)


def identity(conn: psycopg.Connection) -> str | None:
    try:
        row = conn.execute("SELECT id FROM desk_register").fetchone()
    except psycopg.errors.UndefinedTable:
        return None
    return row[0] if row else None


def entry(conn: psycopg.Connection, version: int) -> Entry | None:
    row = conn.execute("SELECT version, schema_version, laptop, author, changeset FROM desk_history "
                       "WHERE version = %s", [version]).fetchone()
    return Entry(row[0], row[1], row[2], row[3], bytes(row[4])) if row else None


def newest(conn: psycopg.Connection) -> int:
    """The newest version in the register; 0 while it is empty."""
    return conn.execute("SELECT coalesce(max(version), 0) FROM desk_history").fetchone()[0]


def push(conn: psycopg.Connection, parent: int, changeset: bytes, schema_version: int, laptop: str,
         author: str) -> int | None:
    """Add ``changeset`` after version ``parent``: its new version, or None when ``parent`` is not
    the newest any more (pull first, then push again)."""
    row = conn.execute(_PUSH, {"parent": parent, "schema_version": schema_version, "laptop": laptop,
                               "author": author, "changeset": changeset}).fetchone()
    return row[0] if row else None


def push_rewriting(conn: psycopg.Connection, parent: int, changeset: bytes, schema_version: int, laptop: str,
                   author: str, rewrite: Callable[[bytes], bytes | None]) -> int | None:
    """Like ``push``, and in the same transaction every stored changeset that ``rewrite`` changes
    (it returns None for the ones it leaves) is replaced by the rewritten one: an erasure leaves the
    person in no version. Other pushes wait meanwhile; readers still read."""
    with conn.transaction():
        conn.execute("LOCK TABLE desk_history IN EXCLUSIVE MODE")
        if newest(conn) != parent:
            return None
        after = 0
        while True:
            rows = conn.execute("SELECT version, changeset FROM desk_history WHERE version > %s ORDER BY version "
                                "LIMIT %s", [after, PULL_PAGE]).fetchall()
            for version, stored in rows:
                new = rewrite(bytes(stored))
                if new is not None:  # rebuilt against this laptop's schema, so it carries that version
                    conn.execute("UPDATE desk_history SET changeset = %s, schema_version = greatest(schema_version, %s) "
                                 "WHERE version = %s", [new, schema_version, version])
            if len(rows) < PULL_PAGE:
                break
            after = rows[-1][0]
        return push(conn, parent, changeset, schema_version, laptop, author)


def pull(conn: psycopg.Connection, after: int) -> Iterator[Entry]:
    """The changesets after version ``after``, oldest first, a page at a time."""
    while True:
        rows = conn.execute(
            """SELECT version, schema_version, laptop, author, changeset FROM desk_history
               WHERE version > %s ORDER BY version LIMIT %s""", [after, PULL_PAGE]).fetchall()
        for version, schema_version, laptop, author, changeset in rows:
            yield Entry(version, schema_version, laptop, author, bytes(changeset))
        if len(rows) < PULL_PAGE:
            return
        after = rows[-1][0]
