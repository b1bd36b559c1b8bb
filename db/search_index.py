"""Upkeep of the full-text search indexes (FTS5) for a long-lived app.

FTS5 keeps each table's index as segments: every commit adds one, and SQLite merges them inside
the commit that makes a level reach four ('automerge'). At the design scale one intake save in
five to ten paid 15-60 ms for such a merge (bench/run.py, f.), against 5-9 ms for the others. The
app turns that off and merges in a thread of its own after its commits (desk/core/checkpoints.py).
The setting is stored in the file, so commands that run without the app meet it too; FTS5's own
'crisismerge' still merges a level once it holds 16 segments, so the index stays bounded for them,
and the app's next merges tidy it.
"""

from __future__ import annotations

import sqlite3

SEARCH_TABLES = ("organisations_fts", "persons_fts", "contacts_fts")
MERGE_PAGES = 500  # work per table per round: about what SQLite's own automerge does at a time


def _present(conn: sqlite3.Connection) -> list[str]:
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [table for table in SEARCH_TABLES if table in names]


def merge_apart(conn: sqlite3.Connection) -> list[str]:
    """Commits no longer merge segments; ``merge_some`` on this connection does. Returns the search
    tables the file has; writes only where the setting is not already so."""
    tables = _present(conn)
    for table in tables:
        value = conn.execute(f"SELECT v FROM {table}_config WHERE k = 'automerge'").fetchone()
        if value is None or value[0] != 0:
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 0)")
    return tables


def merge_some(conn: sqlite3.Connection, tables: list[str], pages: int = MERGE_PAGES) -> None:
    """Merge segments where a level has four or more, up to ``pages`` pages per table; each
    table's merge is a transaction of its own, so no writer waits long for it."""
    for table in tables:
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('merge', ?)", [pages])
