"""Is this organisation already there? Same KvK-nummer, the same name once case, accents,
punctuation, spacing and legal-form suffixes are ignored, or a name close by a fuzzy match."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from desk.workspace import Workspace

# Legal forms that people add or leave out at will; removed before comparing names.
_LEGAL_FORMS = re.compile(
    r"\b(b ?v|n ?v|v ?o ?f|c ?v|u ?a|bvm|bv ?m|stichting|stg|vereniging|cooperatie|coop|holding|"
    r"eenmanszaak|maatschappelijke bv)\b"
)
FUZZY_THRESHOLD = 90


@dataclass(frozen=True)
class Match:
    id: str
    name: str
    city: str | None
    reason: str  # Dutch, shown to the user


def normalise_name(name: str) -> str:
    """``De Verbinding B.V.``, ``de verbinding bv`` and ``Verbinding`` all become ``verbinding``."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"[^\w\s]", " ", text.replace(".", ""))
    text = _LEGAL_FORMS.sub(" ", text)
    words = text.split()
    if len(words) > 1 and words[0] in ("de", "het", "t"):
        words = words[1:]
    return " ".join(words)


def find_similar(ws: Workspace, name: str, kvk: str | None = None, limit: int = 3) -> list[Match]:
    """Existing organisations the typed one may be, best first."""
    wanted = normalise_name(name or "")
    with ws.read() as db:
        rows = db.execute("SELECT id, name, city, kvk FROM organisations WHERE deleted_at IS NULL").fetchall()
    matches: dict[str, Match] = {}
    if kvk:
        for org_id, org_name, city, org_kvk in rows:
            if org_kvk == kvk:
                matches[org_id] = Match(org_id, org_name, city, "zelfde KvK-nummer")
    if len(wanted) >= 3:
        names = {org_id: normalise_name(org_name) for org_id, org_name, _, _ in rows}
        by_id = {org_id: (org_name, city) for org_id, org_name, city, _ in rows}
        for org_id, normalised in names.items():
            if normalised == wanted and org_id not in matches:
                matches[org_id] = Match(org_id, *by_id[org_id], "zelfde naam")
        for _, score, org_id in process.extract(wanted, names, scorer=fuzz.ratio, limit=limit,
                                                score_cutoff=FUZZY_THRESHOLD):
            if org_id not in matches:
                matches[org_id] = Match(org_id, *by_id[org_id], f"lijkt erop ({score:.0f}%)")
    return list(matches.values())[:limit]
