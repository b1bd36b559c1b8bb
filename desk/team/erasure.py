"""An erasure that sticks on every laptop and in the register's history.

Where an erasure is made, its changeset would still carry the person in its old values, and every
earlier changeset that created or edited them still holds their data in the register. So before
the erasure goes up, the outgoing changeset and every stored changeset that mentions the person are
rewritten with the person redacted, in the same transaction as the push (db/register.py). The
person's data is read from the shadow, which still has it until the erasure is pushed; a round cut
off before the push does it all again next time.

Where an erasure arrives, the laptop erases the person the way Desk does locally, also in what it
wrote itself since the last sync (a stale laptop's note about them), and its triggers refuse to
fill an erased person's row again.
"""

from __future__ import annotations

import apsw

from db.replica import Table, synced_tables
from desk.care.privacy import ERASED_NAME, LEDGER, PersonTraces, redact_everywhere

# An erased person's own row keeps only this; everything else of it is emptied.
_ERASED_ROW = {"name": ERASED_NAME, "role": None, "email": None, "phone": None, "notes": ""}
_INDEXES = ("organisations_fts", "persons_fts", "contacts_fts")


def erased_by(changeset: bytes) -> list[str]:
    """The person ids a changeset adds to the ledger of erasures."""
    return [str(change.new[0]) for change in apsw.Changeset.iter(changeset)
            if change.name == LEDGER and change.op == "INSERT"]


def traces_in(conn: apsw.Connection, schema: str, person_ids: list[str]) -> list[PersonTraces]:
    """The traces of these persons as ``schema`` has them (before the erasure reached it); a
    person it never had or already erased leaves none."""
    found = []
    for person_id in person_ids:
        row = conn.execute(f"SELECT name, email, phone FROM {schema}.persons WHERE id = ?", (person_id,)).fetchall()
        if row and row[0][0] and row[0][0] != ERASED_NAME:
            found.append(PersonTraces.read(conn, person_id, *row[0], schema=schema))
    return found


def redacted(conn: apsw.Connection, changeset: bytes, traces: list[PersonTraces]) -> bytes | None:
    """The changeset with every trace of these persons replaced by its marker, built against the
    schema of ``conn``'s main database; None when it holds no trace of them."""
    if not mentions(changeset, traces):
        return None
    tables = synced_tables(conn)
    builder = apsw.ChangesetBuilder()
    builder.schema(conn, "main")
    for change in apsw.Changeset.iter(changeset):
        table = tables.get(change.name)
        if table is None:
            builder.add_change(change)
            continue
        known = _known_values(conn, table, change)
        old = _clean(table, change.old, known, traces) if change.old is not None else None
        new = _clean(table, change.new, known, traces) if change.new is not None else None
        if change.op == "INSERT":
            builder.add_insert(change.name, change.indirect, new)
        elif change.op == "DELETE":
            builder.add_delete(change.name, change.indirect, old)
        else:
            builder.add_update(change.name, change.indirect, old, new)
    return builder.output()


def _known_values(conn: apsw.Connection, table: Table, change: apsw.TableChange) -> dict:
    """What is known of the changed row: its values in the change, and for an update the columns
    it leaves alone as the row has them here (whether a contact moment is the person's own is in
    its id, which an update of its text does not carry)."""
    known: dict = {}
    for values in (change.new, change.old):
        for column, value in zip(table.columns, values or (), strict=False):
            if value is not apsw.no_change and column not in known:
                known[column] = value
    if change.op == "UPDATE" and len(known) < len(table.columns):
        key = " AND ".join(f'"{c}" = ?' for c in table.primary_key)
        for schema in ("main", "synced"):
            row = conn.execute(f'SELECT * FROM {schema}."{table.name}" WHERE {key}',
                               tuple(known[c] for c in table.primary_key)).fetchall()
            if row:
                known = dict(zip(table.columns, row[0], strict=False)) | known
                break
    return known


def _clean(table: Table, values: tuple, known: dict, traces: list[PersonTraces]) -> tuple:
    cleaned = []
    for column, value in zip(table.columns, values, strict=False):
        if value is apsw.no_change or not isinstance(value, str):
            cleaned.append(value)
            continue
        for trace in traces:
            if table.name == "persons" and known.get("id") == trace.person_id and column in _ERASED_ROW:
                value = _ERASED_ROW[column]
                break
            value = trace.matcher_for(table.name, known).redact_stored(value)
        cleaned.append(value)
    return tuple(cleaned)


def mentions(changeset: bytes, traces: list[PersonTraces]) -> bool:
    """Whether any text value in the changeset shows one of these persons (the values, not the
    bytes: a changeset is binary, and a name with an accent is UTF-8 inside it)."""
    for change in apsw.Changeset.iter(changeset):
        for values in (change.old, change.new):
            for value in values or ():
                if isinstance(value, str) and any(t.nearby.mentions(value) for t in traces):
                    return True
    return False


def erase_here(conn: apsw.Connection, traces: list[PersonTraces]) -> None:
    """After an erasure from the register is in: erase the persons in what this laptop has besides,
    as Desk's own erasure does (inside the caller's transaction)."""
    for trace in traces:
        redact_everywhere(conn, trace)
        conn.execute("UPDATE persons SET " + ", ".join(f"{c} = ?" for c in _ERASED_ROW) + " WHERE id = ?",
                     (*_ERASED_ROW.values(), trace.person_id))
    merge_indexes(conn)


def merge_indexes(conn: apsw.Connection) -> None:
    """Merge the full-text indexes, so that the old words leave their segments."""
    for index in _INDEXES:
        conn.execute(f"INSERT INTO {index}({index}) VALUES('optimize')")


def install_refusal(conn: apsw.Connection) -> None:
    """Triggers that keep an erased person erased: their row cannot be filled again, and they
    cannot be linked to an organisation or a contact moment again."""
    person_is_erased = f"EXISTS (SELECT 1 FROM {LEDGER} WHERE person_id = {{}})"
    conn.execute(f"""
        CREATE TRIGGER IF NOT EXISTS sync_keep_erased_person BEFORE UPDATE ON persons
        WHEN {person_is_erased.format("OLD.id")}
             AND (NEW.name IS NOT '{ERASED_NAME}' OR NEW.role IS NOT NULL OR NEW.email IS NOT NULL
                  OR NEW.phone IS NOT NULL OR coalesce(NEW.notes, '') != '')
        BEGIN SELECT RAISE(ABORT, 'Deze persoon is gewist; de gegevens komen niet terug.'); END;
        CREATE TRIGGER IF NOT EXISTS sync_keep_erased_unlinked BEFORE INSERT ON person_organisations
        WHEN {person_is_erased.format("NEW.person_id")}
        BEGIN SELECT RAISE(ABORT, 'Deze persoon is gewist.'); END;
        CREATE TRIGGER IF NOT EXISTS sync_keep_erased_out_of_contacts BEFORE INSERT ON contact_persons
        WHEN {person_is_erased.format("NEW.person_id")}
        BEGIN SELECT RAISE(ABORT, 'Deze persoon is gewist.'); END;
    """)


def checkpoint(conn: apsw.Connection) -> None:
    """Empty the write-ahead log into the file (where secure_delete has zeroed the freed pages)."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
