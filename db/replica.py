"""A laptop's replica as the team sync sees it: opened with apsw for SQLite's session extension.

Only ``desk sync``'s own process imports this module. The app opens the same file with Python's
sqlite3; two SQLite libraries in one process on one WAL file do not know each other's locks, and
closing one drops the other's (a committed row was lost that way in the spike).

Next to the live file the sync keeps a private copy of the last synced state, the *shadow*. What
this laptop changed since then is the difference between the two, limited to the rows that
triggers noted in ``sync_changes``: a full comparison of two design-scale files takes 9 s, these
rows take milliseconds. The comparison itself is the session extension's (``Session.diff``), on
in-memory copies of just those rows.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import apsw

from db.connection import BUSY_TIMEOUT_MS

# Per laptop, never synced: migrations, the laptop's own settings and drafts, the sync's bookkeeping.
LOCAL_TABLES = frozenset({"_sqlite_migrations", "settings", "drafts", "sync_state", "sync_changes"})
TRIGGER_PREFIX = "sync_log_"


def open_file(path: Path, passphrase: str | None = None) -> apsw.Connection:
    conn = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READWRITE | apsw.SQLITE_OPEN_URI)
    if passphrase:  # the SQLCipher v4 files that sqlcipher3 writes
        conn.pragma("cipher", "sqlcipher")
        conn.pragma("legacy", 4)
        conn.pragma("key", passphrase)
    conn.set_busy_timeout(BUSY_TIMEOUT_MS)
    conn.pragma("foreign_keys", 1)
    conn.pragma("secure_delete", 1)  # freed pages are zeroed: an erased person leaves the file
    conn.execute("SELECT count(*) FROM sqlite_master").get  # noqa: B018 - a wrong key fails here, not later
    return conn


def attach(conn: apsw.Connection, path: Path, name: str, passphrase: str | None = None) -> None:
    uri = "file:" + urllib.parse.quote(str(path))
    if passphrase:
        uri += "?cipher=sqlcipher&legacy=4&key=" + urllib.parse.quote(passphrase, safe="")
    conn.execute(f"ATTACH DATABASE ? AS {name}", (uri,))


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]
    types: tuple[str, ...]
    primary_key: tuple[str, ...]

    @property
    def integer_key(self) -> bool:
        """An INTEGER PRIMARY KEY: SQLite numbers new rows itself, so two laptops pick the same."""
        return len(self.primary_key) == 1 and self.types[self.columns.index(self.primary_key[0])].upper() == "INTEGER"

    def position(self, column: str) -> int:
        return self.columns.index(column)


def synced_tables(conn: apsw.Connection, schema: str = "main") -> dict[str, Table]:
    """Every table whose rows the team shares: not the local ones, not the full-text indexes (their
    triggers rebuild them wherever rows arrive)."""
    master = list(conn.execute(f"SELECT name, sql FROM {schema}.sqlite_master WHERE type = 'table'"))
    virtual = [name for name, sql in master if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    tables: dict[str, Table] = {}
    for name, _sql in master:
        if name.startswith("sqlite_") or name in LOCAL_TABLES or name in virtual:
            continue
        if any(name.startswith(v + "_") for v in virtual):
            continue
        info = list(conn.execute(f"SELECT name, type, pk FROM pragma_table_info(?, ?)", (name, schema)))
        key = tuple(column for column, _type, pk in sorted(info, key=lambda row: row[2]) if pk)
        tables[name] = Table(name, tuple(row[0] for row in info), tuple(row[1] for row in info), key)
    return tables


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _key_json(table: Table, row: str) -> str:
    return "json_array(" + ", ".join(f"{row}.{_quoted(c)}" for c in table.primary_key) + ")"


def install_change_log(conn: apsw.Connection, tables: Iterable[Table]) -> list[str]:
    """Triggers that note the key of every row written, on the tables that do not have them yet;
    returns the names of those tables (their rows must be compared in full once)."""
    existing = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    fresh = []
    for table in tables:
        if f"{TRIGGER_PREFIX}{table.name}_insert" in existing:
            continue
        fresh.append(table.name)
        name, new, old = table.name, _key_json(table, "NEW"), _key_json(table, "OLD")
        log = f"INSERT INTO sync_changes (table_name, pk) VALUES ('{name}', "
        conn.execute(f"""
            CREATE TRIGGER {TRIGGER_PREFIX}{name}_insert AFTER INSERT ON {_quoted(name)} BEGIN {log}{new}); END;
            CREATE TRIGGER {TRIGGER_PREFIX}{name}_update AFTER UPDATE ON {_quoted(name)} BEGIN
                {log}{old}); {log}{new}); END;
            CREATE TRIGGER {TRIGGER_PREFIX}{name}_delete AFTER DELETE ON {_quoted(name)} BEGIN {log}{old}); END;
        """)
    return fresh


def note_all_rows(conn: apsw.Connection, tables: Iterable[str]) -> None:
    """Mark every row of these tables as written (a founding laptop's first push, a new table)."""
    all_tables = synced_tables(conn)
    for name in tables:
        table = all_tables[name]
        conn.execute(f"INSERT INTO sync_changes (table_name, pk) SELECT ?, {_key_json(table, 't')} "
                     f"FROM {_quoted(name)} AS t", (name,))


@dataclass(frozen=True)
class LocalChanges:
    changeset: bytes
    last_seq: int  # the sync_changes rows up to here are in the changeset


def _scratch_table(conn: apsw.Connection, schema: str, table: Table) -> None:
    columns = ", ".join(f"{_quoted(c)} {t}" for c, t in zip(table.columns, table.types, strict=True))
    key = ", ".join(_quoted(c) for c in table.primary_key)
    conn.execute(f"DROP TABLE IF EXISTS {schema}.{_quoted(table.name)}")
    conn.execute(f"CREATE TABLE {schema}.{_quoted(table.name)} ({columns}, PRIMARY KEY ({key}))")


def local_changes(conn: apsw.Connection, shadow: str, limit: int) -> LocalChanges:
    """The changeset from the shadow (attached as ``shadow``) to the live file for the first
    ``limit`` noted rows, read in one transaction so that the app's writes meanwhile wait for the
    next round. The caller has attached two in-memory databases, ``mine`` and ``theirs``, for the
    copies (ATTACH cannot happen inside a transaction)."""
    tables = synced_tables(conn)
    with conn:
        noted = list(conn.execute("SELECT seq, table_name, pk FROM sync_changes ORDER BY seq LIMIT ?", (limit,)))
        if not noted:
            return LocalChanges(b"", 0)
        keys: dict[str, set[str]] = {}
        for _seq, name, pk in noted:
            if name in tables:  # a table dropped since is gone on every laptop after the same migration
                keys.setdefault(name, set()).add(pk)
        session = apsw.Session(conn, "mine")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS sync_keys (table_name TEXT, pk TEXT)")
        conn.execute("DELETE FROM temp.sync_keys")
        conn.executemany("INSERT INTO temp.sync_keys VALUES (?, ?)",
                         [(name, pk) for name, pks in keys.items() for pk in pks])
        for name in keys:
            table = tables[name]
            key = ", ".join(_quoted(c) for c in table.primary_key)
            picked = ", ".join(f"json_extract(pk, '$[{i}]')" for i in range(len(table.primary_key)))
            for schema, source in (("mine", "main"), ("theirs", shadow)):
                _scratch_table(conn, schema, table)
                conn.execute(
                    f"INSERT INTO {schema}.{_quoted(name)} SELECT * FROM {source}.{_quoted(name)} "
                    f"WHERE ({key}) IN (SELECT {picked} FROM temp.sync_keys WHERE table_name = ?)", (name,))
            session.attach(name)
            session.diff("theirs", name)
        changeset = session.changeset()
        session.close()
        return LocalChanges(changeset, noted[-1][0])


def forget_noted(conn: apsw.Connection, last_seq: int) -> None:
    conn.execute("DELETE FROM sync_changes WHERE seq <= ?", (last_seq,))


def schema_version(conn: apsw.Connection) -> int:
    """How many of Desk's migrations this file has: what a changeset made here fits."""
    return conn.execute("SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'desk'").get


def read_state(conn: apsw.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM sync_state"))


def write_state(conn: apsw.Connection, **values: object) -> None:
    conn.executemany("INSERT INTO sync_state (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     [(key, None if value is None else str(value)) for key, value in values.items()])


def row_in(conn: apsw.Connection, schema: str, table: Table, values: tuple) -> tuple | None:
    """The row of ``table`` in ``schema`` with the key that ``values`` has."""
    where = " AND ".join(f"{_quoted(c)} = ?" for c in table.primary_key)
    found = conn.execute(f"SELECT * FROM {schema}.{_quoted(table.name)} WHERE {where}",
                         tuple(values[table.position(c)] for c in table.primary_key)).fetchall()
    return tuple(found[0]) if found else None


def row_key(table: Table, values: tuple) -> str:
    """A row's key as the change log writes it."""
    return json.dumps([values[table.position(c)] for c in table.primary_key], ensure_ascii=False,
                      separators=(",", ":"))
