"""The local ecosystem (toolbox module 8): the six domains with the partners in each."""

from __future__ import annotations

from dataclasses import dataclass

from desk.core.workspace import Workspace
from desk.records import terms


@dataclass(frozen=True)
class PartnerEntry:
    id: str
    name: str
    referrals: int


@dataclass(frozen=True)
class Domain:
    name: str
    partners: list[PartnerEntry]

    @property
    def empty(self) -> bool:
        return not self.partners


def ecosystem_map(ws: Workspace) -> list[Domain]:
    """Every ecosystem domain in list order, its active partners and how often we referred to each."""
    with ws.read() as db:
        rows = db.execute(
            """SELECT t.label, o.id, o.name,
                      (SELECT count(*) FROM referrals r WHERE r.partner_id = o.id AND r.deleted_at IS NULL)
               FROM terms t JOIN organisation_terms ot ON ot.term_id = t.id
               JOIN organisations o ON o.id = ot.organisation_id
               WHERE t.kind = ? AND o.is_partner = 1 AND o.archived = 0 AND o.deleted_at IS NULL
               ORDER BY t.position, o.name""", [terms.ECOSYSTEM_DOMAIN]).fetchall()
    partners: dict[str, list[PartnerEntry]] = {}
    for domain, org_id, name, count in rows:
        partners.setdefault(domain, []).append(PartnerEntry(org_id, name, count))
    return [Domain(label, partners.get(label, [])) for label in terms.labels(ws, terms.ECOSYSTEM_DOMAIN)]
