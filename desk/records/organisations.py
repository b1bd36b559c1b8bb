"""Organisations: create, change, find, archive. The one path for the app, the command line,
imports and tests."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import BaseModel

from desk.core.clock import new_id, utc_iso
from desk.core.errors import NotFound, ValidationFailed
from desk.core.search import fts_query, name_start_range
from desk.core.validation import validate
from desk.core.workspace import Workspace
from desk.records import terms
from desk.records.models import ORGANISATION_LABELS, Organisation, OrganisationInput, OrganisationRow
from desk.records.organisation_index import refresh_search_text
from desk.records.persons import persons_of

_LIST_COLUMNS = """o.id, o.name, o.kvk, o.city, o.is_partner, o.archived, o.updated_at,
    (SELECT label FROM terms WHERE terms.id = o.impact_type_id) AS impact_type"""


def _input(data: OrganisationInput | dict) -> OrganisationInput:
    if isinstance(data, OrganisationInput):
        return data
    return validate(OrganisationInput, data, ORGANISATION_LABELS)


def _resolve_terms(ws: Workspace, data: OrganisationInput) -> dict:
    """Term labels to ids; an unknown label is a field error, not a silent new term."""
    errors: dict[str, str] = {}

    def one(kind: str, field: str, label: str | None) -> str | None:
        if label is None:
            return None
        term_id = ids_by_kind[kind].get(label.casefold())
        if term_id is None:
            errors[field] = f"'{label}' staat niet in de lijst"
        return term_id

    def many(kind: str, field: str, labels: list[str]) -> list[str]:
        return [term_id for term_id in (one(kind, field, label) for label in labels) if term_id]

    ids_by_kind = {kind: terms.ids_by_label(ws, kind)
                   for kind in (terms.THEME, terms.IMPACT_TYPE, terms.LEGAL_FORM, terms.ECOSYSTEM_DOMAIN)}
    resolved = {
        "impact_type_id": one(terms.IMPACT_TYPE, "impact_type", data.impact_type),
        "legal_form_id": one(terms.LEGAL_FORM, "legal_form", data.legal_form),
        "term_ids": many(terms.THEME, "themes", data.themes)
        + many(terms.ECOSYSTEM_DOMAIN, "ecosystem_domains", data.ecosystem_domains if data.is_partner else []),
    }
    if errors:
        raise ValidationFailed(errors, ORGANISATION_LABELS)
    return resolved


def _check_kvk_free(ws: Workspace, kvk: str | None, own_id: str | None) -> None:
    if kvk is None:
        return
    with ws.read() as db:
        row = db.execute(
            "SELECT name FROM organisations WHERE kvk = ? AND deleted_at IS NULL AND id IS NOT ?",
            [kvk, own_id],
        ).fetchone()
    if row:
        raise ValidationFailed({"kvk": f"dit KvK-nummer hoort al bij {row[0]}"}, ORGANISATION_LABELS)


def _row_values(data: OrganisationInput, resolved: dict) -> dict:
    return {
        "name": data.name, "kvk": data.kvk, "branch_number": data.branch_number,
        "legal_form_id": resolved["legal_form_id"], "street": data.street, "postcode": data.postcode,
        "city": data.city, "municipality": data.municipality, "website": data.website,
        "impact_type_id": resolved["impact_type_id"], "notes": data.notes,
        "is_partner": int(data.is_partner), "archived": int(data.archived),
    }


def _write_links(ws: Workspace, org_id: str, data: OrganisationInput, resolved: dict) -> None:
    db = ws.db
    db.execute("DELETE FROM organisation_terms WHERE organisation_id = ?", [org_id])
    db.execute("DELETE FROM organisation_sdgs WHERE organisation_id = ?", [org_id])
    db["organisation_terms"].insert_all(
        [{"organisation_id": org_id, "term_id": term_id} for term_id in dict.fromkeys(resolved["term_ids"])]
    )
    db["organisation_sdgs"].insert_all([{"organisation_id": org_id, "sdg": sdg} for sdg in data.sdgs])


def create_organisation(ws: Workspace, data: OrganisationInput | dict) -> Organisation:
    data = _input(data)
    resolved = _resolve_terms(ws, data)
    org_id = new_id()
    with ws.write() as db:
        _check_kvk_free(ws, data.kvk, None)
        db["organisations"].insert({"id": org_id, **_row_values(data, resolved), **ws.stamp_new()})
        _write_links(ws, org_id, data, resolved)
        refresh_search_text(ws, org_id)
        ws.audit("aangemaakt", "organisation", org_id, data.name)
    return get_organisation(ws, org_id)


def update_organisation(ws: Workspace, org_id: str, data: OrganisationInput | dict) -> Organisation:
    """Change an organisation. A new KvK-nummer keeps the old one findable in its history."""
    current = get_organisation(ws, org_id)
    data = _input(data)
    resolved = _resolve_terms(ws, data)
    changed = _changed_fields(current.as_input(), data)
    with ws.write() as db:
        _check_kvk_free(ws, data.kvk, org_id)
        if current.kvk and current.kvk != data.kvk:
            db["organisation_kvk_history"].insert(
                {"id": new_id(), "organisation_id": org_id, "kvk": current.kvk,
                 "replaced_at": utc_iso(), "replaced_by": ws.author}
            )
        db.execute(
            "UPDATE organisations SET "
            + ", ".join(f"{column} = :{column}" for column in [*_row_values(data, resolved), "updated_at", "updated_by"])
            + " WHERE id = :id",
            {**_row_values(data, resolved), **ws.stamp_changed(), "id": org_id},
        )
        _write_links(ws, org_id, data, resolved)
        refresh_search_text(ws, org_id)
        ws.audit("gewijzigd", "organisation", org_id, ", ".join(changed) or "niets")
    return get_organisation(ws, org_id)


def _changed_fields(before: BaseModel, after: BaseModel) -> list[str]:
    old, new = before.model_dump(), after.model_dump()
    return [ORGANISATION_LABELS.get(key, key) for key in new if old.get(key) != new[key]]


def set_archived(ws: Workspace, org_id: str, archived: bool) -> None:
    get_organisation(ws, org_id)
    with ws.write() as db:
        db.execute(
            "UPDATE organisations SET archived = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            [int(archived), utc_iso(), ws.author, org_id],
        )
        ws.audit("gearchiveerd" if archived else "teruggehaald", "organisation", org_id)


def delete_organisation(ws: Workspace, org_id: str) -> None:
    """Leave a tombstone: the row stays (for a future shared register) but is gone from view."""
    get_organisation(ws, org_id)
    with ws.write() as db:
        now = utc_iso()
        db.execute(
            "UPDATE organisations SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
            [now, now, ws.author, org_id],
        )
        ws.audit("verwijderd", "organisation", org_id)


def get_organisation(ws: Workspace, org_id: str) -> Organisation:
    with ws.read() as db:
        record = next(db.query(
            """SELECT o.*, it.label AS impact_type, lf.label AS legal_form FROM organisations o
               LEFT JOIN terms it ON it.id = o.impact_type_id
               LEFT JOIN terms lf ON lf.id = o.legal_form_id
               WHERE o.id = ? AND o.deleted_at IS NULL""",
            [org_id],
        ), None)
        if record is None:
            raise NotFound("Die organisatie bestaat niet (meer).")
        linked = db.execute(
            """SELECT t.kind, t.label FROM organisation_terms ot JOIN terms t ON t.id = ot.term_id
               WHERE ot.organisation_id = ? ORDER BY t.position, t.label""",
            [org_id],
        ).fetchall()
        sdgs = [r[0] for r in db.execute("SELECT sdg FROM organisation_sdgs WHERE organisation_id = ? ORDER BY sdg", [org_id])]
        former = [r[0] for r in db.execute(
            "SELECT kvk FROM organisation_kvk_history WHERE organisation_id = ? ORDER BY replaced_at", [org_id])]
    return Organisation(
        **{key: value for key, value in record.items() if key in Organisation.model_fields},
        themes=[label for kind, label in linked if kind == terms.THEME],
        ecosystem_domains=[label for kind, label in linked if kind == terms.ECOSYSTEM_DOMAIN],
        sdgs=sdgs,
        former_kvks=former,
        persons=persons_of(ws, org_id),
    )


@dataclass(frozen=True)
class CertificationFilter:
    """Only organisations with this certification kind, optionally in this status."""

    kind_id: str
    status: str | None = None


def _visible(include_archived: bool, seq: str = "organisations_fts.rowid") -> str:
    """Leaves out the few archived or deleted organisations through their small partial index, so a
    search never reads the row of every match."""
    hidden = "h.deleted_at IS NOT NULL" if include_archived else "(h.archived = 1 OR h.deleted_at IS NOT NULL)"
    return ("NOT EXISTS (SELECT 1 FROM organisations h INDEXED BY idx_organisations_hidden "
            f"WHERE h.seq = {seq} AND {hidden})")


# The organisations whose name starts with what was typed (a range of the name index, see
# desk.core.search.name_start_range), and the other hits of the full-text query.
_NAMED = ("FROM organisations o INDEXED BY idx_organisations_name "
          "WHERE o.name COLLATE NOCASE >= ? AND o.name COLLATE NOCASE < ?")
_OTHER_HITS = (" AND organisations_fts.rowid NOT IN (SELECT o.seq " + _NAMED + ")")


def count_organisations(ws: Workspace, query: str = "", include_archived: bool = True,
                        certification: CertificationFilter | None = None) -> int:
    match = fts_query(query)
    if match and certification is None:
        with ws.read() as db:
            return db.execute("SELECT count(*) FROM organisations_fts WHERE organisations_fts MATCH ? AND "
                              + _visible(include_archived), [match]).fetchone()[0]
    sql, params = _list_sql(query, include_archived, "count(*)", certification)
    with ws.read() as db:
        return db.execute(sql, params).fetchone()[0]


def list_organisations(
    ws: Workspace, query: str = "", offset: int = 0, limit: int = 100, include_archived: bool = True,
    certification: CertificationFilter | None = None, from_end: bool = False,
) -> list[OrganisationRow]:
    """One page of the list. Nothing typed: by name. Searching: the organisations whose name starts
    with what was typed come first, by name, then the other hits by relevance (equal ranks in the
    order added); so a first letter reads its page from the name index instead of ranking every
    organisation with a word that starts with it. With a keurmerk filter: by relevance.

    ``from_end`` (the list in name order only): ``offset`` counts back from the last row, and the rows
    still come in list order; the end of the list is read from the end of the name index instead of
    past every row before it.
    """
    match = fts_query(query)
    if from_end and match:
        raise ValueError("from_end reads only the list in name order")
    if match and certification is None:
        with ws.read() as db:
            seqs = _search_page(db, query, match, offset, limit, include_archived)
            rows = {row["seq"]: row for row in db.query(
                f"SELECT o.seq, {_LIST_COLUMNS} FROM organisations o WHERE o.seq IN (SELECT value FROM json_each(?))",
                [json.dumps(seqs)])}
        return [OrganisationRow(**rows[seq]) for seq in seqs]
    sql, params = _list_sql(query, include_archived, _LIST_COLUMNS, certification)
    if match:
        sql += " ORDER BY organisations_fts.rank, o.name COLLATE NOCASE"
    else:
        direction = " DESC" if from_end else ""
        sql += f" ORDER BY o.name COLLATE NOCASE{direction}, o.id{direction}"
    with ws.read() as db:
        rows = [OrganisationRow(**row) for row in db.query(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])]
    return rows[::-1] if from_end else rows


def _search_page(db, query: str, match: str, offset: int, limit: int, include_archived: bool) -> list[int]:
    """The seqs of one page of a search: first the names that start with the typed words, then the
    other hits by rank."""
    named, bounds = [], name_start_range(query)
    if bounds:
        named = [row[0] for row in db.execute(
            f"SELECT o.seq {_NAMED} AND {_visible(include_archived, 'o.seq')} "
            "ORDER BY o.name COLLATE NOCASE, o.id LIMIT ? OFFSET ?", [*bounds, limit, offset])]
        if len(named) == limit:
            return named
        # The other hits follow the names: from their first, or as far past it as the page lies past the names.
        offset = 0 if named else offset - db.execute(
            f"SELECT count(*) {_NAMED} AND {_visible(include_archived, 'o.seq')}", bounds).fetchone()[0]
    ranked = [row[0] for row in db.execute(
        "SELECT rowid FROM organisations_fts WHERE organisations_fts MATCH ? AND " + _visible(include_archived)
        + (_OTHER_HITS if bounds else "") + " ORDER BY rank, rowid LIMIT ? OFFSET ?",
        [match, *(bounds or ()), limit - len(named), offset])]
    return named + ranked


def _list_sql(query: str, include_archived: bool, columns: str,
              certification: CertificationFilter | None = None) -> tuple[str, list]:
    match = fts_query(query)
    where, params = ["o.deleted_at IS NULL"], []
    if not include_archived:
        where.append("o.archived = 0")
    if certification:
        where.append("o.id IN (SELECT organisation_id FROM certifications WHERE deleted_at IS NULL AND kind_id = ?"
                     + (" AND status = ?)" if certification.status else ")"))
        params += [certification.kind_id] + ([certification.status] if certification.status else [])
    if match:
        return (
            f"SELECT {columns} FROM organisations_fts JOIN organisations o ON o.seq = organisations_fts.rowid "
            f"WHERE organisations_fts MATCH ? AND {' AND '.join(where)}",
            [match, *params],
        )
    return f"SELECT {columns} FROM organisations o WHERE {' AND '.join(where)}", params


def recently_changed(ws: Workspace, limit: int = 10) -> list[OrganisationRow]:
    with ws.read() as db:
        rows = db.query(
            f"SELECT {_LIST_COLUMNS} FROM organisations o WHERE o.deleted_at IS NULL "
            "ORDER BY o.updated_at DESC LIMIT ?",
            [limit],
        )
        return [OrganisationRow(**row) for row in rows]


def find_by_kvk(ws: Workspace, kvk: str) -> Organisation | None:
    """The organisation that has or had this KvK-nummer."""
    with ws.read() as db:
        row = db.execute(
            """SELECT id FROM organisations WHERE kvk = :kvk AND deleted_at IS NULL
               UNION ALL SELECT h.organisation_id FROM organisation_kvk_history h
               JOIN organisations o ON o.id = h.organisation_id WHERE h.kvk = :kvk AND o.deleted_at IS NULL
               LIMIT 1""",
            {"kvk": kvk},
        ).fetchone()
    return get_organisation(ws, row[0]) if row else None

