"""What the sync does when a change from the register meets a change this laptop has not pushed yet.

The rule is one: **what is in the register first wins**, and the value it replaced here goes to the
review queue (``sync_reviews``), with who wrote it and when, so that nobody loses work without
seeing it. That rule is the same on every laptop, so every laptop ends with the same rows; the
review entries are rows too and reach every laptop with the next push.

Bookkeeping columns do not conflict: two edits of different fields of one organisation both
change ``updated_at``, and both edits stay. Some clashes are settled before the changeset is
applied (``prepare``): two laptops that numbered new rows alike, two new organisations with the
same KvK number, two new terms with the same label.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import apsw

from db.replica import Table, row_key
from desk.core.clock import utc_iso

BOOKKEEPING = frozenset({"updated_at", "updated_by"})
# Worked out from other rows (the names and labels an organisation is found by): never a conflict,
# each laptop works it out again after a sync (``organisations_to_refresh``).
DERIVED = frozenset({"search_text"})
_OMIT = apsw.SQLITE_CHANGESET_OMIT
_REPLACE = apsw.SQLITE_CHANGESET_REPLACE
_ABORT = apsw.SQLITE_CHANGESET_ABORT


@dataclass
class Review:
    table_name: str
    row_id: str
    reason: str  # same_field | removed | kvk | label | erased
    column_name: str | None = None
    kept_value: object = None
    lost_value: object = None
    lost_by: str | None = None
    lost_at: str | None = None
    content_free: bool = False


def _public_id(table: Table, values: tuple) -> str:
    if "id" in table.columns and values[table.position("id")] not in (None, apsw.no_change):
        return str(values[table.position("id")])
    return row_key(table, values)


def _stored(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


@dataclass
class Resolver:
    """The conflict handler for one pulled changeset on the live file. It only decides and
    collects; the reviews are written after the changeset is in (``write_reviews``).

    An erased person's rows are the one exception to "the register wins": an erasure made here
    and not pushed yet stays (it is pushed next), and nothing of the edit it beat is kept, not even
    in the review queue. When the pulled changeset itself erases someone, its values win and the
    values they replaced are not kept either: they may quote the person."""

    tables: dict[str, Table]
    erased_here: set[str]  # ids in this laptop's ledger of erasures
    changeset_erases: bool
    synced_row: Callable[[Table, tuple], tuple | None]  # the row as the shadow has it (last synced)
    live_row: Callable[[Table, tuple], tuple | None]  # the row as this laptop has it
    reviews: list[Review] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __call__(self, reason: int, change: apsw.TableChange) -> int:
        table = self.tables.get(change.name)
        if table is None:
            return _OMIT
        if reason == apsw.SQLITE_CHANGESET_FOREIGN_KEY:
            return _OMIT  # the rows are in; a reference to a row this laptop removed stays dangling
        if reason == apsw.SQLITE_CHANGESET_CONSTRAINT:
            row = change.new if change.op == "INSERT" else self.live_row(table, change.old)
            if row is not None and self._person_of(table, row) in self.erased_here:  # refused by a trigger
                self.reviews.append(Review(table.name, _public_id(table, row), "erased", content_free=True))
                return _OMIT
            self.problems.append(f"{change.name}: {change.op} past niet in de regels van de database")
            return _ABORT
        if reason == apsw.SQLITE_CHANGESET_NOTFOUND:
            # This laptop removed the row; its removal is pushed next and wins over the edit.
            if change.op == "UPDATE":
                merged = tuple(o if n is apsw.no_change else n for o, n in zip(change.old, change.new, strict=True))
                self._lost_row(table, merged, "removed")
            return _OMIT
        current = change.conflict
        if self._person_of(table, current) in self.erased_here:
            self.reviews.append(Review(table.name, _public_id(table, current), "erased", content_free=True))
            return _OMIT
        # What this laptop changed in the row: against the shadow, not against the changeset's old
        # values (an erasure rewrites those in the register's history).
        base = self.synced_row(table, current)
        changed_here = [i for i, column in enumerate(table.columns) if column not in BOOKKEEPING | DERIVED
                        and column not in table.primary_key and (base is None or base[i] != current[i])]
        if changed_here and self.changeset_erases:  # what was written here may quote the person
            self.reviews.append(Review(table.name, _public_id(table, current), "erased", content_free=True))
            return _REPLACE
        if change.op == "DELETE":  # removed in the register, edited here
            if changed_here:
                self._lost_row(table, current, "removed")
            return _REPLACE
        for index in changed_here:
            theirs = change.new[index]
            if theirs is not apsw.no_change and theirs != current[index]:
                self._lost_field(table, current, table.columns[index], theirs, current[index])
        return _REPLACE

    def _lost_field(self, table: Table, current: tuple, column: str, kept: object, lost: object) -> None:
        row_id = _public_id(table, current)
        if self.changeset_erases:
            self.reviews.append(Review(table.name, row_id, "erased", content_free=True))
            return
        self.reviews.append(Review(table.name, row_id, "same_field", column, kept, lost,
                                   _value(table, current, "updated_by"), _value(table, current, "updated_at")))

    def _lost_row(self, table: Table, values: tuple, reason: str) -> None:
        row_id = _public_id(table, values)
        if self.changeset_erases or self._person_of(table, values) in self.erased_here:
            self.reviews.append(Review(table.name, row_id, "erased", content_free=True))
            return
        lost = dict(zip(table.columns, values, strict=True))
        self.reviews.append(Review(table.name, row_id, reason, lost_value=lost,
                                   lost_by=lost.get("updated_by"), lost_at=lost.get("updated_at")))

    @staticmethod
    def _person_of(table: Table, values: tuple) -> object:
        """The person a row belongs to, if any: a person's own row, or a row naming its person_id."""
        column = "id" if table.name == "persons" else "person_id" if "person_id" in table.columns else None
        return None if column is None else values[table.position(column)]


def _value(table: Table, values: tuple, column: str) -> object:
    return values[table.position(column)] if column in table.columns else None


def write_reviews(conn: apsw.Connection, reviews: list[Review]) -> None:
    now = utc_iso()
    conn.executemany(
        """INSERT INTO sync_reviews (id, table_name, row_id, column_name, reason, kept_value, lost_value,
                                     lost_by, lost_at, content_free, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [(str(uuid.uuid4()), r.table_name, r.row_id, None if r.content_free else r.column_name, r.reason,
          None if r.content_free else _stored(r.kept_value), None if r.content_free else _stored(r.lost_value),
          None if r.content_free else r.lost_by, None if r.content_free else r.lost_at, int(r.content_free), now, now)
         for r in reviews])


def erases(changeset: bytes) -> bool:
    """Whether a changeset adds to the ledger of erasures."""
    return any(change.name == "erasures" and change.op == "INSERT" for change in apsw.Changeset.iter(changeset))


def prepare(conn: apsw.Connection, changeset: bytes, tables: dict[str, Table]) -> list[Review]:
    """Clear the way for a pulled changeset in the live file, inside the caller's transaction:
    rows numbered here alike move to free numbers, and a new organisation or term that clashes
    with one from the register on its KvK number or label gives way."""
    reviews: list[Review] = []
    incoming_keys: dict[str, set[int]] = {}
    inserts: list[tuple[Table, tuple]] = []
    for change in apsw.Changeset.iter(changeset):
        table = tables.get(change.name)
        if table is None or change.op != "INSERT":
            continue
        inserts.append((table, tuple(change.new)))
        if table.integer_key:
            incoming_keys.setdefault(table.name, set()).add(change.new[table.position(table.primary_key[0])])
    for name, keys in incoming_keys.items():
        _renumber(conn, tables[name], keys)
    for table, row in inserts:
        if table.name == "organisations":
            reviews += _kvk_gives_way(conn, table, row)
        elif table.name == "terms":
            _label_gives_way(conn, tables, table, row)
    return reviews


def _renumber(conn: apsw.Connection, table: Table, incoming: set[int]) -> None:
    key = table.primary_key[0]
    taken = [k for (k,) in conn.execute(
        f'SELECT "{key}" FROM "{table.name}" WHERE "{key}" IN (SELECT value FROM json_each(?))',
        (json.dumps(sorted(incoming)),))]
    if not taken:
        return
    free = max(max(incoming), conn.execute(f'SELECT coalesce(max("{key}"), 0) FROM "{table.name}"').get) + 1
    for old in sorted(taken):
        conn.execute(f'UPDATE "{table.name}" SET "{key}" = ? WHERE "{key}" = ?', (free, old))
        free += 1


def _kvk_gives_way(conn: apsw.Connection, table: Table, row: tuple) -> list[Review]:
    kvk, org_id = row[table.position("kvk")], row[table.position("id")]
    if kvk is None or row[table.position("deleted_at")] is not None:
        return []
    clash = conn.execute("SELECT id, name FROM organisations WHERE kvk = ? AND deleted_at IS NULL AND id != ?",
                         (kvk, org_id)).fetchall()
    reviews = []
    for local_id, _name in clash:
        conn.execute("UPDATE organisations SET kvk = NULL WHERE id = ?", (local_id,))
        reviews.append(Review("organisations", local_id, "kvk", "kvk", kept_value=org_id, lost_value=kvk))
    return reviews


def _label_gives_way(conn: apsw.Connection, tables: dict[str, Table], table: Table, row: tuple) -> None:
    """Two laptops added the same term: everything here that used the local one uses the one from
    the register, and the local one goes (it never left this laptop)."""
    term_id, kind, label = (row[table.position(c)] for c in ("id", "kind", "label"))
    local = conn.execute("SELECT id FROM terms WHERE kind = ? AND label = ? AND id != ?", (kind, label, term_id)).get
    if local is None:
        return
    conn.pragma("defer_foreign_keys", 1)
    for other in tables.values():
        for column in _columns_referring_to(conn, other.name, "terms"):
            conn.execute(f'UPDATE OR IGNORE "{other.name}" SET "{column}" = ? WHERE "{column}" = ?', (term_id, local))
            conn.execute(f'DELETE FROM "{other.name}" WHERE "{column}" = ?', (local,))
    conn.execute("DELETE FROM terms WHERE id = ?", (local,))


def worth_sharing(conn: apsw.Connection, changeset: bytes, tables: dict[str, Table]) -> bytes:
    """The changeset without the updates that only change derived columns: every laptop works
    those out itself, and a laptop whose result differs (another Desk version, a generated file)
    would otherwise send every organisation it received back to the team."""
    def derived_only(change: apsw.TableChange) -> bool:
        table = tables.get(change.name)
        if change.op != "UPDATE" or table is None:
            return False
        changed = {c for c, v in zip(table.columns, change.new, strict=True) if v is not apsw.no_change}
        return changed <= DERIVED

    if not any(derived_only(change) for change in apsw.Changeset.iter(changeset)):
        return changeset
    builder = apsw.ChangesetBuilder()
    builder.schema(conn, "main")
    kept = 0
    for change in apsw.Changeset.iter(changeset):
        if not derived_only(change):
            builder.add_change(change)
            kept += 1
    return builder.output() if kept else b""


def _columns_referring_to(conn: apsw.Connection, table: str, target: str) -> list[str]:
    return [row[3] for row in conn.execute("SELECT * FROM pragma_foreign_key_list(?)", (table,)) if row[2] == target]


_LINKS_TO_ORGANISATION = {"person_organisations": "organisation_id", "organisation_terms": "organisation_id",
                          "organisation_kvk_history": "organisation_id"}


def organisations_to_refresh(conn: apsw.Connection, changeset: bytes, tables: dict[str, Table]) -> set[str]:
    """The organisations whose search text may be out of date after this changeset: the ones it
    changes, and the ones whose persons, terms or former KvK numbers it changes."""
    found: set[str] = set()
    for change in apsw.Changeset.iter(changeset):
        table = tables.get(change.name)
        if table is None:
            continue
        rows = [r for r in (change.old, change.new) if r is not None]
        if change.name in _LINKS_TO_ORGANISATION:
            column = table.position(_LINKS_TO_ORGANISATION[change.name])
            found |= {r[column] for r in rows if r[column] is not apsw.no_change}
        elif change.name in ("organisations", "persons", "terms"):
            key = table.position(table.primary_key[0])
            pk = next(r[key] for r in rows if r[key] is not apsw.no_change)
            row = conn.execute(f'SELECT id FROM "{change.name}" WHERE "{table.primary_key[0]}" = ?', (pk,)).fetchall()
            if not row:
                continue
            if change.name == "organisations":
                found.add(row[0][0])
            elif change.name == "persons":
                found |= {o for (o,) in conn.execute(
                    "SELECT organisation_id FROM person_organisations WHERE person_id = ?", (row[0][0],))}
            else:
                found |= {o for (o,) in conn.execute(
                    "SELECT organisation_id FROM organisation_terms WHERE term_id = ?", (row[0][0],))}
    return found
