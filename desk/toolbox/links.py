"""Live figures for the modules whose assignments are about data Desk holds."""

from __future__ import annotations

from desk.core import clock
from desk.core.workspace import Workspace
from desk.records import departments, terms


def figure(ws: Workspace, name: str) -> str:
    """One line of Dutch for the module view; ``name`` is the content file's data_link figure."""
    with ws.read() as db:
        if name == "organisations":
            total, with_person = db.execute(
                """SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM person_organisations po JOIN persons p
                       ON p.id = po.person_id WHERE po.organisation_id = o.id AND p.deleted_at IS NULL)), 0)
                   FROM organisations o WHERE o.deleted_at IS NULL AND o.archived = 0 AND o.is_partner = 0"""
            ).fetchone()
            return f"{total} impactondernemers in Desk, {with_person} met een contactpersoon"
        if name == "ecosystem":
            counts = dict(db.execute(
                """SELECT t.label, count(o.id) FROM terms t
                   LEFT JOIN organisation_terms ot ON ot.term_id = t.id
                   LEFT JOIN organisations o ON o.id = ot.organisation_id AND o.deleted_at IS NULL
                        AND o.is_partner = 1 AND o.archived = 0
                   WHERE t.kind = ? AND t.archived = 0 GROUP BY t.label""", [terms.ECOSYSTEM_DOMAIN]).fetchall())
            empty = [label for label in terms.labels(ws, terms.ECOSYSTEM_DOMAIN) if not counts.get(label)]
            text = ", ".join(f"{label} {counts.get(label, 0)}" for label in terms.labels(ws, terms.ECOSYSTEM_DOMAIN))
            return f"Partners per domein: {text}" + (f". Leeg: {', '.join(empty)}" if empty else "")
        if name == "monitoring":
            contacts, landed, closed = db.execute(
                """SELECT (SELECT count(*) FROM contacts WHERE deleted_at IS NULL
                              AND occurred_at >= ?),
                          (SELECT count(*) FROM referrals WHERE status = 'geland' AND deleted_at IS NULL),
                          (SELECT count(*) FROM referrals WHERE status IN ('geland', 'niet gelukt', 'ingetrokken')
                              AND deleted_at IS NULL)""", [f"{clock.today().year}-01-01"]).fetchone()
            share = f"{landed / closed:.0%}" if closed else "—"
            return f"Dit jaar {contacts} contactmomenten; {landed} doorverwijzingen geland ({share} van de afgeronde)"
    if name == "departments":
        listed = departments.list_departments(ws)
        with_contact = sum(bool(d.contact_name) for d in listed)
        return f"{len(listed)} afdelingen in Desk, {with_contact} met een interne contactpersoon"
    return ""
