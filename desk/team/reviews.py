"""The review queue of the team sync: what a conflict replaced, to keep as it is or to put back.

Putting a value back is a normal new edit (stamped with who and when, in the audit), so it goes to
the whole team with the next sync like any other change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desk.core.clock import utc_iso
from desk.core.errors import DeskError
from desk.core.workspace import Workspace
from desk.records.contacts import CONTACT_LABELS
from desk.records.models import ORGANISATION_LABELS, PERSON_LABELS

# What a table is called on screen, and the column that names one of its rows.
TABLE_LABELS = {"organisations": ("Organisatie", "name"), "persons": ("Persoon", "name"),
                "contacts": ("Contactmoment", "subject"), "referrals": ("Doorverwijzing", "question"),
                "followups": ("Opvolging", "title"), "events": ("Evenement", "name")}
COLUMN_LABELS = {**CONTACT_LABELS, **PERSON_LABELS, **ORGANISATION_LABELS, "question": "Vraag", "title": "Titel"}
REASONS = {"same_field": "allebei gewijzigd", "removed": "verwijderd terwijl gewijzigd",
           "kvk": "KvK-nummer dubbel", "erased": "persoon gewist"}


@dataclass(frozen=True)
class Review:
    id: str
    what: str  # "Organisatie De Groene Fietser"
    column: str | None  # the column's name in the table
    field: str  # what the screen calls it
    reason: str
    kept: str | None
    lost: str | None
    lost_by: str | None
    lost_at: str | None
    can_restore: bool


def _shown(value: str | None) -> str | None:
    """A stored value (JSON) as text to show."""
    if value is None:
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return value
    return data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)


def open_reviews(ws: Workspace, limit: int = 500) -> list[Review]:
    with ws.read() as db:
        if "sync_reviews" not in db.table_names():
            return []
        rows = db.execute("""SELECT id, table_name, row_id, column_name, reason, kept_value, lost_value, lost_by,
                                    lost_at, content_free FROM sync_reviews WHERE resolved_at IS NULL
                             ORDER BY created_at, id LIMIT ?""", [limit]).fetchall()
        found = []
        for rid, table, row_id, column, reason, kept, lost, by, at, content_free in rows:
            label, naming = TABLE_LABELS.get(table, (table, None))
            name = None
            if naming and not content_free:
                hit = db.execute(f"SELECT {naming} FROM {table} WHERE id = ?", [row_id]).fetchone()
                name = hit[0] if hit else None
            what = f"{label} {name}" if name else label
            field = COLUMN_LABELS.get(column, column) if column else ""
            restorable = reason == "same_field" and not content_free and table in TABLE_LABELS
            found.append(Review(rid, what, column, field, REASONS.get(reason, reason), _shown(kept), _shown(lost),
                                by, at, restorable))
    return found


def keep_as_is(ws: Workspace, review_id: str) -> None:
    """The register's value stays; the entry is done."""
    with ws.write() as db:
        _resolve(db, ws, review_id)


def put_back(ws: Workspace, review_id: str) -> None:
    """The value that lost becomes the value again, as a new edit by the one who chooses it."""
    with ws.write() as db:
        row = db.execute("SELECT table_name, row_id, column_name, lost_value, reason, content_free FROM sync_reviews "
                         "WHERE id = ? AND resolved_at IS NULL", [review_id]).fetchone()
        if row is None:
            raise DeskError("Dit conflict is al afgehandeld.")
        table, row_id, column, lost, reason, content_free = row
        if reason != "same_field" or content_free or table not in TABLE_LABELS:
            raise DeskError("Hier valt niets terug te zetten; houd het zoals het is.")
        columns = {c[1] for c in db.execute(f"PRAGMA table_info({table})")}
        if column not in columns:
            raise DeskError("Dit veld bestaat niet meer.")
        now = utc_iso()
        db.execute(f"UPDATE {table} SET {column} = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                   [json.loads(lost) if lost is not None else None, now, ws.author, row_id])
        ws.audit("teruggezet", table, row_id, f"{column} na een conflict bij het synchroniseren")
        _resolve(db, ws, review_id)


def _resolve(db, ws: Workspace, review_id: str) -> None:
    now = utc_iso()
    db.execute("UPDATE sync_reviews SET resolved_at = ?, resolved_by = ?, updated_at = ? WHERE id = ?",
               [now, ws.author, now, review_id])
