"""Contact moments (contactmomenten): the log of every conversation.

They are facts: an edit keeps the earlier version in ``contact_versions``, and a delete leaves a
tombstone.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from pydantic import BaseModel, Field, field_validator

from desk.core import validation as v
from desk.core.clock import LOCAL_TZ, new_id, now_utc, utc_iso
from desk.core.errors import NotFound, ValidationFailed
from desk.core.search import fts_query
from desk.core.validation import validate
from desk.core.workspace import Workspace
from desk.records import terms

CONTACT_LABELS = {
    "occurred_at": "Datum en tijd", "channel": "Kanaal", "organisation_id": "Organisatie",
    "person_ids": "Contactpersonen", "subject": "Onderwerp", "notes": "Notities",
    "needs": "Ondersteuningsvragen", "event_id": "Evenement", "follow_up_text": "Opvolging",
}


class ContactInput(BaseModel):
    organisation_id: str
    occurred_at: dt.datetime = Field(default_factory=now_utc)
    channel: str = "Gesprek"
    person_ids: list[str] = Field(default_factory=list)
    subject: str = ""
    notes: str = ""
    needs: list[str] = Field(default_factory=list)
    event_id: str | None = None
    follow_up_text: str | None = None

    @field_validator("subject", mode="before")
    @classmethod
    def _subject(cls, value: str | None) -> str:
        return v.clean_text(value) or ""

    @field_validator("notes", mode="before")
    @classmethod
    def _notes(cls, value: str | None) -> str:
        return v.clean_notes(value)

    @field_validator("follow_up_text", "event_id", mode="before")
    @classmethod
    def _optional(cls, value: str | None) -> str | None:
        return v.clean_text(value)

    @field_validator("occurred_at")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        return value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)


class Contact(BaseModel):
    id: str
    occurred_at: str
    channel: str
    organisation_id: str
    organisation_name: str
    persons: list[tuple[str, str]] = Field(default_factory=list)  # (id, name)
    subject: str
    notes: str
    needs: list[str] = Field(default_factory=list)
    event_id: str | None = None
    event_name: str | None = None
    author: str
    follow_up_text: str | None = None
    version: int
    created_at: str
    updated_at: str


class ContactRow(BaseModel):
    id: str
    occurred_at: str
    channel: str | None = None
    organisation_id: str
    organisation_name: str
    subject: str
    event_name: str | None = None
    author: str | None = None
    needs: str | None = None  # labels joined with ", "


@dataclass
class ContactFilter:
    """What the log shows: every part is optional."""

    query: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    channel: str | None = None
    event_id: str | None = None
    need: str | None = None
    theme: str | None = None
    author: str | None = None
    organisation_id: str | None = None


def _input(data: ContactInput | dict) -> ContactInput:
    return data if isinstance(data, ContactInput) else validate(ContactInput, data, CONTACT_LABELS)


def _resolve(ws: Workspace, data: ContactInput) -> tuple[str, list[str]]:
    errors: dict[str, str] = {}
    channel_id = terms.ids_by_label(ws, terms.CHANNEL).get(data.channel.casefold())
    if channel_id is None:
        errors["channel"] = f"'{data.channel}' staat niet in de lijst"
    need_ids_by_label = terms.ids_by_label(ws, terms.NEED)
    need_ids = []
    for need in data.needs:
        if need.casefold() in need_ids_by_label:
            need_ids.append(need_ids_by_label[need.casefold()])
        else:
            errors["needs"] = f"'{need}' staat niet in de lijst"
    with ws.read() as db:
        if not db.execute("SELECT 1 FROM organisations WHERE id = ? AND deleted_at IS NULL",
                          [data.organisation_id]).fetchone():
            errors["organisation_id"] = "kies een bestaande organisatie"
        for person_id in data.person_ids:
            if not db.execute("SELECT 1 FROM persons WHERE id = ? AND deleted_at IS NULL", [person_id]).fetchone():
                errors["person_ids"] = "onbekende contactpersoon"
        if data.event_id and not db.execute("SELECT 1 FROM events WHERE id = ? AND deleted_at IS NULL",
                                            [data.event_id]).fetchone():
            errors["event_id"] = "onbekend evenement"
    if errors:
        raise ValidationFailed(errors, CONTACT_LABELS)
    return channel_id, list(dict.fromkeys(need_ids))


def _row(data: ContactInput, channel_id: str) -> dict:
    return {
        "occurred_at": utc_iso(data.occurred_at), "channel_id": channel_id,
        "organisation_id": data.organisation_id, "subject": data.subject, "notes": data.notes,
        "event_id": data.event_id, "follow_up_text": data.follow_up_text,
    }


def _write_links(ws: Workspace, contact_id: str, data: ContactInput, need_ids: list[str]) -> None:
    db = ws.db
    db.execute("DELETE FROM contact_persons WHERE contact_id = ?", [contact_id])
    db.execute("DELETE FROM contact_needs WHERE contact_id = ?", [contact_id])
    db["contact_persons"].insert_all(
        [{"contact_id": contact_id, "person_id": p} for p in dict.fromkeys(data.person_ids)])
    db["contact_needs"].insert_all([{"contact_id": contact_id, "term_id": t} for t in need_ids])


def create_contact(ws: Workspace, data: ContactInput | dict) -> Contact:
    data = _input(data)
    contact_id = new_id()
    with ws.write() as db:
        channel_id, need_ids = _resolve(ws, data)
        db["contacts"].insert({"id": contact_id, **_row(data, channel_id), "author": ws.author, "version": 1,
                               **ws.stamp_new()})
        _write_links(ws, contact_id, data, need_ids)
        ws.audit("aangemaakt", "contact", contact_id, data.subject or "contactmoment")
    return get_contact(ws, contact_id)


def update_contact(ws: Workspace, contact_id: str, data: ContactInput | dict) -> Contact:
    """Change a contact moment; the version it replaces is kept."""
    before = get_contact(ws, contact_id)
    data = _input(data)
    with ws.write() as db:
        channel_id, need_ids = _resolve(ws, data)
        db["contact_versions"].insert({
            "id": new_id(), "contact_id": contact_id, "version": before.version,
            "data": before.model_dump_json(), "replaced_at": utc_iso(), "replaced_by": ws.author,
        })
        values = {**_row(data, channel_id), **ws.stamp_changed(), "version": before.version + 1}
        db.execute("UPDATE contacts SET " + ", ".join(f"{k} = :{k}" for k in values) + " WHERE id = :id",
                   {**values, "id": contact_id})
        _write_links(ws, contact_id, data, need_ids)
        ws.audit("gewijzigd", "contact", contact_id, f"versie {before.version + 1}")
    return get_contact(ws, contact_id)


def delete_contact(ws: Workspace, contact_id: str) -> None:
    get_contact(ws, contact_id)
    with ws.write() as db:
        now = utc_iso()
        db.execute("UPDATE contacts SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                   [now, now, ws.author, contact_id])
        ws.audit("verwijderd", "contact", contact_id)


def versions(ws: Workspace, contact_id: str) -> list[dict]:
    with ws.read() as db:
        return [
            {**json.loads(row["data"]), "replaced_at": row["replaced_at"], "replaced_by": row["replaced_by"]}
            for row in db.query("SELECT * FROM contact_versions WHERE contact_id = ? ORDER BY version", [contact_id])
        ]


def get_contact(ws: Workspace, contact_id: str) -> Contact:
    with ws.read() as db:
        row = next(db.query(
            """SELECT c.*, ch.label AS channel, o.name AS organisation_name, e.name AS event_name
               FROM contacts c JOIN organisations o ON o.id = c.organisation_id
               LEFT JOIN terms ch ON ch.id = c.channel_id LEFT JOIN events e ON e.id = c.event_id
               WHERE c.id = ? AND c.deleted_at IS NULL""", [contact_id]), None)
        if row is None:
            raise NotFound("Dat contactmoment bestaat niet (meer).")
        persons = db.execute(
            """SELECT p.id, p.name FROM contact_persons cp JOIN persons p ON p.id = cp.person_id
               WHERE cp.contact_id = ? ORDER BY p.name""", [contact_id]).fetchall()
        needs = [r[0] for r in db.execute(
            """SELECT t.label FROM contact_needs cn JOIN terms t ON t.id = cn.term_id
               WHERE cn.contact_id = ? ORDER BY t.position""", [contact_id])]
    return Contact(**{k: val for k, val in row.items() if k in Contact.model_fields},
                   persons=[tuple(p) for p in persons], needs=needs)


_ROW_COLUMNS = """c.id, c.occurred_at, c.organisation_id, c.subject, c.author,
    o.name AS organisation_name,
    (SELECT label FROM terms WHERE terms.id = c.channel_id) AS channel,
    (SELECT name FROM events WHERE events.id = c.event_id) AS event_name,
    (SELECT group_concat(label, ', ') FROM (SELECT t.label FROM contact_needs cn JOIN terms t ON t.id = cn.term_id
        WHERE cn.contact_id = c.id ORDER BY t.position)) AS needs"""


# Filter field -> the condition it adds; each takes the field's value as its one parameter.
_FILTER_CONDITIONS = {
    "channel": "c.channel_id = (SELECT id FROM terms WHERE kind = 'channel' AND label = ?)",
    "event_id": "c.event_id = ?",
    "need": "c.id IN (SELECT cn.contact_id FROM contact_needs cn JOIN terms t ON t.id = cn.term_id "
            "WHERE t.label = ? AND t.kind = 'need')",
    "theme": "c.organisation_id IN (SELECT ot.organisation_id FROM organisation_terms ot "
             "JOIN terms t ON t.id = ot.term_id WHERE t.label = ? AND t.kind = 'theme')",
    "author": "c.author = ?",
    "organisation_id": "c.organisation_id = ?",
}


def _local_midnight_utc(day: dt.date) -> str:
    return utc_iso(dt.datetime.combine(day, dt.time(), LOCAL_TZ))


def _where(flt: ContactFilter, with_organisation: bool = True) -> tuple[str, list]:
    """FROM and WHERE for the filter. Every contact moment has an organisation (required, foreign
    key), so a count leaves out the join: 500,000 lookups it does not need."""
    joins = ["JOIN organisations o ON o.id = c.organisation_id"] if with_organisation else []
    where, params = ["c.deleted_at IS NULL"], []
    match = fts_query(flt.query)
    if match:
        joins.insert(0, "JOIN contacts_fts ON contacts_fts.rowid = c.seq")
        where.append("contacts_fts MATCH ?")
        params.append(match)
    if flt.date_from:
        where.append("c.occurred_at >= ?")
        params.append(_local_midnight_utc(flt.date_from))
    if flt.date_to:
        where.append("c.occurred_at < ?")
        params.append(_local_midnight_utc(flt.date_to + dt.timedelta(days=1)))
    for name, condition in _FILTER_CONDITIONS.items():
        value = getattr(flt, name)
        if value:
            where.append(condition)
            params.append(value)
    return f"FROM contacts c {' '.join(joins)} WHERE {' AND '.join(where)}", params


def count_contacts(ws: Workspace, flt: ContactFilter | None = None) -> int:
    sql, params = _where(flt or ContactFilter(), with_organisation=False)
    with ws.read() as db:
        return db.execute(f"SELECT count(*) {sql}", params).fetchone()[0]


def list_contacts(ws: Workspace, flt: ContactFilter | None = None, offset: int = 0, limit: int = 100) -> list[ContactRow]:
    """A page of the log, newest first."""
    sql, params = _where(flt or ContactFilter())
    with ws.read() as db:
        rows = db.query(f"SELECT {_ROW_COLUMNS} {sql} ORDER BY c.occurred_at DESC, c.id LIMIT ? OFFSET ?",
                        [*params, limit, offset])
        return [ContactRow(**row) for row in rows]


def timeline(ws: Workspace, org_id: str, limit: int = 200) -> list[ContactRow]:
    return list_contacts(ws, ContactFilter(organisation_id=org_id), 0, limit)


def authors(ws: Workspace) -> list[str]:
    """Everyone who logged a contact moment, for the log's filter. A skip scan: from each author to
    the next through idx_contacts_author, a few lookups instead of reading 500,000 index entries
    (35 ms -> 0.03 ms at that scale; it runs on the log screen's start)."""
    with ws.read() as db:
        return [r[0] for r in db.execute(
            """WITH RECURSIVE found(author) AS (
                   SELECT min(author) FROM contacts WHERE author IS NOT NULL
                   UNION ALL
                   SELECT (SELECT min(author) FROM contacts WHERE author > found.author) FROM found
                   WHERE found.author IS NOT NULL)
               SELECT author FROM found WHERE author IS NOT NULL""")]
