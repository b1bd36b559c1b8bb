"""Everything Desk holds about one person, for a right-of-access request (AVG inzageverzoek).

The result is JSON (complete, for the record) plus a readable Markdown summary. It holds the
person's details, the organisations they belong to, the contact moments they took part in, the
referrals and follow-ups about those organisations and contact moments, the audit entries about
the person, and every note elsewhere that mentions their name or e-mail address (internal notes
fall under the right of access too). Each item says where it came from.

Other people's details are left out: a contact moment says how many others took part, not who.
Notes are given as written, so a note that mentions them may also name someone else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import unicodedata
from pathlib import Path

from desk.core import clock
from desk.core.clock import LOCAL_TZ, local_text, utc_iso
from desk.core.errors import DeskError, NotFound
from desk.core.workspace import Workspace
from desk.files.writing import write_file_privately
from desk.records import contacts, persons
from desk.records.models import Person


def find_person(ws: Workspace, id_or_email: str) -> Person:
    """The person with this id or e-mail address (any case); DeskError when none or several."""
    wanted = id_or_email.strip()
    with ws.read() as db:
        ids = [row[0] for row in db.execute(
            "SELECT id FROM persons WHERE deleted_at IS NULL AND (id = ? OR email = ? COLLATE NOCASE)",
            [wanted, wanted])]
    if not ids:
        raise NotFound(f"Geen contactpersoon met id of e-mailadres '{wanted}'.")
    if len(ids) > 1:
        raise DeskError(f"Het e-mailadres {wanted} hoort bij {len(ids)} contactpersonen; geef het id: "
                        f"{', '.join(ids)}.")
    return persons.get_person(ws, ids[0])


def _fold(text: str) -> str:
    """Case, accents and spacing do not matter when looking for a name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


class _Mentions:
    """Does a text mention the person: their full name or e-mail address, as whole words."""

    def __init__(self, person: Person) -> None:
        wanted = [_fold(person.name)] + ([_fold(person.email)] if person.email else [])
        self.pattern = re.compile("|".join(rf"(?<!\w){re.escape(text)}(?!\w)" for text in wanted if text))

    def __call__(self, *texts: str | None) -> bool:
        return any(text and self.pattern.search(_fold(text)) for text in texts)


def _fts_words(text: str) -> str | None:
    words = re.findall(r"\w+", text)
    return " ".join(f'"{word}"' for word in words) if words else None


def _local(iso: str | None) -> str:
    return local_text(iso) if iso else ""


def collect(ws: Workspace, person_id: str) -> dict:
    """The whole answer as a JSON-ready dict (English keys, times in UTC, a ``source`` per item)."""
    person = persons.get_person(ws, person_id)
    mentions = _Mentions(person)
    with ws.read() as db:
        person_row = dict(next(db.query("SELECT * FROM persons WHERE id = ?", [person_id])))
        organisations = list(db.query(
            """SELECT o.id, o.name, o.kvk, o.city FROM person_organisations po
               JOIN organisations o ON o.id = po.organisation_id WHERE po.person_id = ? AND o.deleted_at IS NULL
               ORDER BY o.name""", [person_id]))
        contact_ids = [row[0] for row in db.execute(
            """SELECT c.id FROM contact_persons cp JOIN contacts c ON c.id = cp.contact_id
               WHERE cp.person_id = ? AND c.deleted_at IS NULL ORDER BY c.occurred_at""", [person_id])]
        audit = list(db.query("SELECT * FROM audit WHERE entity = 'person' AND entity_id = ? ORDER BY id",
                              [person_id]))
    org_ids = [org["id"] for org in organisations]
    org_names = {org["id"]: org["name"] for org in organisations}

    contact_items = []
    for contact_id in contact_ids:
        contact = contacts.get_contact(ws, contact_id)
        contact_items.append({
            "id": contact.id, "occurred_at": contact.occurred_at, "organisation": contact.organisation_name,
            "channel": contact.channel, "subject": contact.subject, "notes": contact.notes, "needs": contact.needs,
            "event": contact.event_name, "author": contact.author,
            "other_participants": len([p for p in contact.persons if p[0] != person_id]),
            "earlier_versions": [{"version": old["version"], "replaced_at": old["replaced_at"],
                                  "subject": old.get("subject", ""), "notes": old.get("notes", "")}
                                 for old in contacts.versions(ws, contact.id)],
            "source": f"contactmoment {contact.id}, waaraan {person.name} deelnam",
        })

    referral_items, referral_ids = _referrals(ws, org_ids, contact_ids, org_names)
    followup_items = _followups(ws, org_ids, contact_ids, referral_ids)
    return {
        "generated_at": utc_iso(),
        "generated_by": ws.author,
        "database": str(ws.path),
        "person": {**{key: person_row[key] for key in ("id", "name", "role", "email", "phone", "notes",
                                                       "created_at", "created_by", "updated_at", "updated_by")},
                   "source": f"contactpersoon {person.id}"},
        "organisations": [{**org, "source": f"koppeling van {person.name} aan organisatie {org['id']}"}
                          for org in organisations],
        "contacts": contact_items,
        "referrals": referral_items,
        "followups": followup_items,
        "audit": [{**entry, "source": f"auditlog, regel {entry['id']}"} for entry in audit],
        "mentions": _find_mentions(ws, person, mentions, set(contact_ids), org_ids),
    }


def _placeholders(values: list) -> str:
    return ", ".join("?" * len(values))


def _referrals(ws: Workspace, org_ids: list[str], contact_ids: list[str],
               org_names: dict[str, str]) -> tuple[list[dict], list[str]]:
    with ws.read() as db:
        rows = list(db.query(
            f"""SELECT r.*, o.name AS organisation, coalesce(d.name, p.name) AS target FROM referrals r
                JOIN organisations o ON o.id = r.organisation_id
                LEFT JOIN departments d ON d.id = r.department_id LEFT JOIN organisations p ON p.id = r.partner_id
                WHERE r.deleted_at IS NULL AND (r.organisation_id IN ({_placeholders(org_ids)})
                      OR r.contact_id IN ({_placeholders(contact_ids)}))
                ORDER BY r.created_at""", [*org_ids, *contact_ids]))
    items = []
    for row in rows:
        about = (f"contactmoment {row['contact_id']}" if row["contact_id"] in contact_ids
                 else f"organisatie {org_names.get(row['organisation_id'], row['organisation'])}")
        items.append({key: row[key] for key in ("id", "created_at", "organisation", "target", "question",
                                                "internal_contact", "status", "outcome_note", "sent_at",
                                                "closed_at", "created_by")}
                     | {"source": f"doorverwijzing {row['id']}, over {about}"})
    return items, [row["id"] for row in rows]


def _followups(ws: Workspace, org_ids: list[str], contact_ids: list[str], referral_ids: list[str]) -> list[dict]:
    with ws.read() as db:
        rows = list(db.query(
            f"""SELECT f.*, o.name AS organisation FROM followups f JOIN organisations o ON o.id = f.organisation_id
                WHERE f.deleted_at IS NULL AND (f.organisation_id IN ({_placeholders(org_ids)})
                      OR f.contact_id IN ({_placeholders(contact_ids)})
                      OR f.referral_id IN ({_placeholders(referral_ids)}))
                ORDER BY f.due_date""", [*org_ids, *contact_ids, *referral_ids]))
    return [{key: row[key] for key in ("id", "title", "due_date", "due_time", "status", "organisation",
                                       "closed_at", "created_by")}
            | {"source": f"opvolging {row['id']}, bij organisatie {row['organisation']}"}
            for row in rows]


def _find_mentions(ws: Workspace, person: Person, mentions: _Mentions, own_contacts: set[str],
                   org_ids: list[str]) -> list[dict]:
    """Notes elsewhere that name the person. Contact notes and organisation notes are found through
    their full-text indexes (accents folded), then checked as a whole name; the smaller tables are read
    through. Contact moments the person took part in are listed above already and left out here."""
    found: list[dict] = []
    with ws.read() as db:
        for text in filter(None, (person.name, person.email)):
            match = _fts_words(text)
            if not match:
                continue
            for row in db.query(
                    """SELECT c.id, c.occurred_at, c.subject, c.notes, o.name AS organisation FROM contacts_fts
                       JOIN contacts c ON c.seq = contacts_fts.rowid JOIN organisations o ON o.id = c.organisation_id
                       WHERE contacts_fts MATCH ? AND c.deleted_at IS NULL""", [match]):
                if row["id"] not in own_contacts and mentions(row["subject"], row["notes"]):
                    found.append({"id": row["id"], "text": "\n".join(filter(None, (row["subject"], row["notes"]))),
                                  "source": f"notities van contactmoment {row['id']} ({_local(row['occurred_at'])}, "
                                            f"{row['organisation']})"})
            for row in db.query(
                    """SELECT o.id, o.name, o.notes FROM organisations_fts JOIN organisations o
                       ON o.seq = organisations_fts.rowid WHERE organisations_fts MATCH ? AND o.deleted_at IS NULL""",
                    [match]):
                if mentions(row["notes"]):
                    found.append({"id": row["id"], "text": row["notes"],
                                  "source": f"notities van organisatie {row['name']} ({row['id']})"})
        # Notes often say only "Hanneke belde": at the person's own organisations the first name counts too.
        first_name = _Mentions(Person.model_validate({**person.model_dump(), "name": person.name.split()[0],
                                                      "email": None}))
        for row in db.query(
                f"""SELECT c.id, c.occurred_at, c.subject, c.notes, o.name AS organisation FROM contacts c
                    JOIN organisations o ON o.id = c.organisation_id
                    WHERE c.deleted_at IS NULL AND c.organisation_id IN ({_placeholders(org_ids)})""", org_ids):
            if row["id"] not in own_contacts and first_name(row["subject"], row["notes"]):
                found.append({"id": row["id"], "text": "\n".join(filter(None, (row["subject"], row["notes"]))),
                              "source": f"notities van contactmoment {row['id']} ({_local(row['occurred_at'])}, "
                                        f"{row['organisation']}), noemt de voornaam"})
        for row in db.query("SELECT id, question, outcome_note FROM referrals WHERE deleted_at IS NULL"):
            if mentions(row["question"], row["outcome_note"]):
                found.append({"id": row["id"], "text": "\n".join(filter(None, (row["question"], row["outcome_note"]))),
                              "source": f"vraag of uitkomst van doorverwijzing {row['id']}"})
        for row in db.query("SELECT id, title FROM followups WHERE deleted_at IS NULL"):
            if mentions(row["title"]):
                found.append({"id": row["id"], "text": row["title"], "source": f"opvolging {row['id']}"})
        for row in db.query("SELECT id, notes FROM persons WHERE deleted_at IS NULL AND id != ? AND notes != ''",
                            [person.id]):
            if mentions(row["notes"]):
                found.append({"id": row["id"], "text": row["notes"],
                              "source": f"notities bij een andere contactpersoon ({row['id']})"})
    unique: dict[str, dict] = {}
    for item in found:  # name, e-mail and first name may find the same note
        unique.setdefault(item["id"], item)
    return list(unique.values())


# --- the readable summary -------------------------------------------------------------------------

def _quote(text: str | None) -> list[str]:
    return [f"> {line}" if line else ">" for line in (text or "").splitlines()] or ["> (leeg)"]


def to_markdown(data: dict) -> str:
    person = data["person"]
    lines = [f"# Inzage persoonsgegevens: {person['name']}", "",
             f"Gemaakt op {_local(data['generated_at'])} door {data['generated_by']}, uit {data['database']}.",
             "Dit overzicht bevat alles wat Desk over deze persoon bewaart; bij elk onderdeel staat waar het "
             "vandaan komt. Gegevens van andere personen zijn weggelaten.", "", "## Gegevens", ""]
    for label, key in (("Naam", "name"), ("Functie", "role"), ("E-mail", "email"), ("Telefoon", "phone"),
                       ("Notities", "notes")):
        if person[key]:
            lines.append(f"- {label}: {person[key]}")
    lines += [f"- Vastgelegd: {_local(person['created_at'])} door {person['created_by']}; laatst gewijzigd "
              f"{_local(person['updated_at'])} door {person['updated_by']}", f"- Bron: {person['source']}", ""]

    lines += [f"## Organisaties ({len(data['organisations'])})", ""]
    for org in data["organisations"]:
        details = ", ".join(filter(None, (f"KvK {org['kvk']}" if org["kvk"] else None, org["city"])))
        lines.append(f"- {org['name']}" + (f" ({details})" if details else "") + f" — bron: {org['source']}")
    lines += ["", f"## Contactmomenten waaraan {person['name']} deelnam ({len(data['contacts'])})", ""]
    for item in data["contacts"]:
        lines += [f"### {_local(item['occurred_at'])} · {item['organisation']} — {item['subject'] or '(geen onderwerp)'}",
                  "", f"- Kanaal: {item['channel'] or ''}; door: {item['author']}"
                      + (f"; evenement: {item['event']}" if item["event"] else "")]
        if item["needs"]:
            lines.append(f"- Ondersteuningsvragen: {', '.join(item['needs'])}")
        if item["other_participants"]:
            lines.append(f"- Met {item['other_participants']} andere deelnemer(s) (namen weggelaten)")
        lines += [f"- Bron: {item['source']}", "", *_quote(item["notes"]), ""]
        for old in item["earlier_versions"]:
            lines += [f"Eerdere versie {old['version']} (vervangen {_local(old['replaced_at'])}): "
                      f"{old['subject'] or '(geen onderwerp)'}", "", *_quote(old["notes"]), ""]
    lines += [f"## Doorverwijzingen ({len(data['referrals'])})", ""]
    for item in data["referrals"]:
        lines.append(f"- {_local(item['created_at'])}: {item['organisation']} naar {item['target']} — "
                     f"{item['question']} (status: {item['status']}"
                     + (f"; uitkomst: {item['outcome_note']}" if item["outcome_note"] else "")
                     + f"). Bron: {item['source']}")
    lines += ["", f"## Opvolging ({len(data['followups'])})", ""]
    for item in data["followups"]:
        when = dt.date.fromisoformat(item["due_date"]).strftime("%d-%m-%Y") + (f" {item['due_time']}" if item["due_time"] else "")
        lines.append(f"- {when}: {item['title']} ({item['status']}). Bron: {item['source']}")
    lines += ["", f"## Vermeldingen in andere notities ({len(data['mentions'])})", ""]
    for item in data["mentions"]:
        lines += [f"- Bron: {item['source']}", "", *_quote(item["text"]), ""]
    lines += ["", f"## Auditlog over {person['name']} ({len(data['audit'])})", ""]
    for entry in data["audit"]:
        lines.append(f"- {_local(entry['at'])} {entry['author']}: {entry['action']}"
                     + (f" — {entry['summary']}" if entry["summary"] else "") + f" ({entry['source']})")
    return "\n".join(lines).rstrip() + "\n"


# --- writing the two files ------------------------------------------------------------------------

def target_paths(out: Path, today: dt.date | None = None) -> tuple[Path, Path]:
    """An existing folder gets ``inzage-<date>-<random>.json`` and ``.md``: no personal data in the
    name (it shows in the audit log and in folder listings), and never one that is there already.
    Anything else is a prefix the user chose: ``out/verzoek`` (or ``verzoek.json`` / ``verzoek.md``)
    gives ``verzoek.json`` and ``verzoek.md``."""
    out = out.expanduser().absolute()
    if out.is_dir():
        folder = out
        while True:
            out = folder / f"inzage-{(today or clock.now_local().date()):%Y%m%d}-{secrets.token_hex(4)}"
            if not any(out.with_name(out.name + suffix).exists() for suffix in (".json", ".md")):
                break
    elif out.suffix.lower() in (".json", ".md"):
        out = out.with_suffix("")
    return out.with_name(out.name + ".json"), out.with_name(out.name + ".md")


def write_access_request(ws: Workspace, person_id: str, out: Path) -> tuple[Path, Path]:
    """Write JSON and Markdown privately (0600) and record the export in the audit log."""
    data = collect(ws, person_id)
    json_path, md_path = target_paths(out)
    write_file_privately(json_path, lambda stream: stream.write(
        json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")))
    write_file_privately(md_path, lambda stream: stream.write(to_markdown(data).encode("utf-8")))
    with ws.write():
        # The file names only: the folder may be named after the person.
        ws.audit("export", "person", person_id, f"inzage (AVG) naar {json_path.name} en {md_path.name}")
    return json_path, md_path
