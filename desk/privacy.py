"""AVG: erasing a person everywhere, and the retention review of who has been quiet too long.

An erasure leaves a content-free tombstone (the row says the person was erased, nothing more),
removes the person from organisations and contact moments (which stay as anonymous counts),
redacts their name, e-mail and phone wherever they were written down, clears drafts, and cleans
the full-text indexes and the write-ahead log so the name is no longer in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from desk import clock
from desk.clock import utc_iso
from desk.organisations import refresh_search_text
from desk.persons import get_person
from desk.settings import get_setting
from desk.workspace import Workspace

REDACTED = "[naam verwijderd]"
ERASED_NAME = "[gewist]"
RETENTION_SETTING = "retention_months"
DEFAULT_RETENTION_MONTHS = 24
# table -> (text columns that may mention a person, the column that ties a row to the person's own
# contact moments, or to follow-ups and referrals that came from them)
TEXT_COLUMNS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "contacts": (("subject", "notes", "follow_up_text"), "id"),
    "contact_versions": (("data",), "contact_id"),
    "followups": (("title",), "contact_id"),
    "audit": (("summary",), "entity_id"),
    "organisations": (("notes",), None),
    "referrals": (("question", "outcome_note", "internal_contact"), "contact_id"),
    "certifications": (("notes",), None),
    "toolbox_answers": (("answer", "note"), None),
}
# Words of a name too common to redact on their own.
_PARTICLES = {"van", "der", "den", "de", "het", "ter", "ten", "el", "al", "la", "le", "von", "op", "in", "'t"}


def _patterns(values: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(re.escape(v), re.IGNORECASE) for v in sorted(set(filter(None, values)), key=len, reverse=True)
            if len(v) >= 3]


def _redact(text: str | None, patterns: list[re.Pattern[str]]) -> str | None:
    if not text:
        return text
    for pattern in patterns:
        text = pattern.sub(REDACTED, text)
    return text


def erase_person(ws: Workspace, person_id: str) -> int:
    """Erase a person's data everywhere; returns how many texts were redacted."""
    person = get_person(ws, person_id)
    everywhere = _patterns([person.name, person.email or "", person.phone or ""])
    # Where the record is about this person's own conversations, a first or last name alone is them.
    nearby = everywhere + _patterns([w for w in person.name.split() if w.casefold() not in _PARTICLES])
    redacted = 0
    with ws.write() as db:
        own = {person_id, *(r[0] for r in db.execute(
            """SELECT contact_id FROM contact_persons WHERE person_id = :p
               UNION SELECT f.id FROM followups f JOIN contact_persons cp ON cp.contact_id = f.contact_id
                     WHERE cp.person_id = :p
               UNION SELECT r.id FROM referrals r JOIN contact_persons cp ON cp.contact_id = r.contact_id
                     WHERE cp.person_id = :p""", {"p": person_id}))}
        for table, (columns, link) in TEXT_COLUMNS.items():
            for rowid, link_value, *texts in db.execute(
                    f"SELECT rowid, {link or 'NULL'}, {', '.join(columns)} FROM [{table}]").fetchall():
                patterns = nearby if link_value in own else everywhere
                new = [_redact(text, patterns) for text in texts]
                if new != texts:
                    redacted += 1
                    db.execute(f"UPDATE [{table}] SET {', '.join(f'{c} = ?' for c in columns)} WHERE rowid = ?",
                               [*new, rowid])
        db.execute("DELETE FROM contact_persons WHERE person_id = ?", [person_id])
        db.execute("DELETE FROM person_organisations WHERE person_id = ?", [person_id])
        now = utc_iso()
        db.execute("""UPDATE persons SET name = ?, role = NULL, email = NULL, phone = NULL, notes = '',
                      deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?""",
                   [ERASED_NAME, now, now, ws.author, person_id])
        for draft_kind, data in db.execute("SELECT kind, data FROM drafts").fetchall():
            if any(p.search(data) for p in everywhere):
                db.execute("DELETE FROM drafts WHERE kind = ?", [draft_kind])
        for org_id in person.organisation_ids:
            refresh_search_text(ws, org_id)
        ws.audit("gewist", "person", person_id, "persoonsgegevens gewist (AVG)")
    purge_deleted_text(ws)
    return redacted


def purge_deleted_text(ws: Workspace) -> None:
    """Merge the full-text indexes and empty the write-ahead log, so deleted words leave the file."""
    with ws.write() as db:
        for index in ("organisations_fts", "persons_fts", "contacts_fts"):
            db.execute(f"INSERT INTO {index}({index}) VALUES('optimize')")
    with ws.read() as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@dataclass(frozen=True)
class Quiet:
    kind: str  # persoon | organisatie
    id: str
    name: str
    last_contact: str | None  # UTC ISO, or None when there was never a contact
    quiet_since: str  # UTC ISO: the last contact, or when it was entered if there never was one


def retention_months(ws: Workspace) -> int:
    value = get_setting(ws, RETENTION_SETTING)
    return int(value) if value and value.isdigit() else DEFAULT_RETENTION_MONTHS


def retention_review(ws: Workspace, today: dt.date | None = None) -> list[Quiet]:
    """Persons and organisations (not partners, not archived) without a contact moment since the
    retention period began, the longest quiet first."""
    cutoff = utc_iso(dt.datetime.combine((today or clock.today()) - relativedelta(months=retention_months(ws)),
                                         dt.time(), dt.UTC))
    with ws.read() as db:
        people = db.execute(
            """SELECT p.id, p.name, max(c.occurred_at) AS last, coalesce(max(c.occurred_at), p.created_at)
               FROM persons p LEFT JOIN contact_persons cp ON cp.person_id = p.id
               LEFT JOIN contacts c ON c.id = cp.contact_id AND c.deleted_at IS NULL
               WHERE p.deleted_at IS NULL GROUP BY p.id
               HAVING coalesce(last, p.created_at) < ?""", [cutoff]).fetchall()
        # The latest contact per organisation from its own index (0.4 s at 50,000 organisations
        # and 500,000 contact moments; joining and grouping them all took 2 s).
        orgs = db.execute(
            """SELECT id, name, last, coalesce(last, created_at) FROM (
                   SELECT o.id, o.name, o.created_at, (SELECT max(c.occurred_at) FROM contacts c
                       WHERE c.organisation_id = o.id AND c.deleted_at IS NULL) AS last
                   FROM organisations o WHERE o.deleted_at IS NULL AND o.is_partner = 0 AND o.archived = 0)
               WHERE coalesce(last, created_at) < ?""", [cutoff]).fetchall()
    found = [Quiet("persoon", *row) for row in people] + [Quiet("organisatie", *row) for row in orgs]
    return sorted(found, key=lambda quiet: (quiet.quiet_since, quiet.kind, quiet.name))


def audit_entries(ws: Workspace, entity: str, entity_id: str) -> list[dict]:
    """Who changed what and when, for one record (newest first)."""
    with ws.read() as db:
        return list(db.query("SELECT at, author, action, summary FROM audit WHERE entity = ? AND entity_id = ? "
                             "ORDER BY id DESC", [entity, entity_id]))


def organisation_history(ws: Workspace, org_id: str) -> list[dict]:
    """Audit entries about an organisation and what hangs under it: persons, contacts, referrals,
    follow-ups and certifications, newest first."""
    with ws.read() as db:
        rows = db.query(
            """SELECT a.at, a.author, a.action, a.entity, a.summary FROM audit a WHERE
               (a.entity = 'organisation' AND a.entity_id = :id)
               OR (a.entity = 'person' AND a.entity_id IN (SELECT person_id FROM person_organisations
                                                           WHERE organisation_id = :id))
               OR (a.entity = 'contact' AND a.entity_id IN (SELECT id FROM contacts WHERE organisation_id = :id))
               OR (a.entity = 'referral' AND a.entity_id IN (SELECT id FROM referrals WHERE organisation_id = :id))
               OR (a.entity = 'followup' AND a.entity_id IN (SELECT id FROM followups WHERE organisation_id = :id))
               OR (a.entity = 'certification' AND a.entity_id IN (SELECT id FROM certifications
                                                                  WHERE organisation_id = :id))
               OR (a.action = 'export' AND a.summary LIKE '%' || :id || '%')
               ORDER BY a.id DESC""", {"id": org_id})
        return list(rows)



