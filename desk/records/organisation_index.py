"""The one search text of an organisation: what its full-text index finds besides its own fields.

Organisations and persons both change it, so it lives apart from either.
"""

from __future__ import annotations

from desk.core.workspace import Workspace


def refresh_search_text(ws: Workspace, org_id: str) -> None:
    """Keep former KvK numbers, person names and list labels findable through the one index.

    Call inside a write transaction whenever one of them changes.
    """
    write_search_text(ws.db, org_id)


def write_search_text(db, org_id: str) -> None:
    """``refresh_search_text`` on any connection with ``execute`` (the team sync's is apsw)."""
    # In a fixed order: every laptop of a team works out the same text from the same rows.
    parts = [row[0] for row in db.execute(
        """SELECT kvk FROM organisation_kvk_history WHERE organisation_id = :id
           UNION ALL SELECT p.name FROM persons p JOIN person_organisations po ON po.person_id = p.id
                     WHERE po.organisation_id = :id AND p.deleted_at IS NULL
           UNION ALL SELECT t.label FROM terms t JOIN organisation_terms ot ON ot.term_id = t.id
                     WHERE ot.organisation_id = :id
           ORDER BY 1""",
        {"id": org_id},
    )]
    db.execute("UPDATE organisations SET search_text = ? WHERE id = ?", [" ".join(parts), org_id])
