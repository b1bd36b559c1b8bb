"""Is this organisation already there? Same KvK-nummer, the same name once case, accents,
punctuation, spacing and legal-form suffixes are ignored, or a name close by a fuzzy match."""

from __future__ import annotations

import json
import re
import unicodedata
import weakref
from dataclasses import dataclass, field

from desk.core.workspace import Workspace

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


@dataclass
class _Names:
    """Every live organisation's name, normalised once and kept up to date from the audit trail:
    the check runs for each key typed in the intake and again on save, and normalising all 50,000
    names takes 0.4 s."""

    audit_id: int = 0  # the newest audit row seen
    known: int = 0  # organisations rows (deleted ones too) as last counted
    rows: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)  # id -> (name, city, kvk)
    normalised: dict[str, str] = field(default_factory=dict)  # id -> normalised name
    by_name: dict[str, set[str]] = field(default_factory=dict)  # normalised name -> ids
    by_kvk: dict[str, set[str]] = field(default_factory=dict)
    by_length: dict[int, dict[str, str]] = field(default_factory=dict)  # len(normalised) -> id -> normalised
    deleted: set[str] = field(default_factory=set)
    # The last name asked and the organisations found by it: the save checks again the name the form
    # checked as it was typed, and the fuzzy match over all names is most of a check (8 ms at 1x,
    # 32-41 ms at 4x, bench/run.py f.).
    asked: tuple | None = None
    answer: list[Match] = field(default_factory=list)

    def put(self, org_id: str, name: str, city: str | None, kvk: str | None, deleted: bool) -> None:
        self.drop(org_id)
        self.asked = None
        if deleted:
            self.deleted.add(org_id)
            return
        self.deleted.discard(org_id)
        normalised = normalise_name(name)
        self.rows[org_id] = (name, city, kvk)
        self.normalised[org_id] = normalised
        self.by_name.setdefault(normalised, set()).add(org_id)
        if kvk:
            self.by_kvk.setdefault(kvk, set()).add(org_id)
        self.by_length.setdefault(len(normalised), {})[org_id] = normalised

    def drop(self, org_id: str) -> None:
        self.asked = None
        if org_id not in self.rows:
            return
        _name, _city, kvk = self.rows.pop(org_id)
        normalised = self.normalised.pop(org_id)
        self.by_name[normalised].discard(org_id)
        if kvk:
            self.by_kvk[kvk].discard(org_id)
        del self.by_length[len(normalised)][org_id]

    def candidates(self, wanted: str) -> list[dict[str, str]]:
        """The names long enough and short enough to reach FUZZY_THRESHOLD with ``wanted``: Indel
        similarity can be no higher than 1 - |a - b| / (a + b) for lengths a and b."""
        share = 1 - FUZZY_THRESHOLD / 100
        low = int(len(wanted) * (1 - share) / (1 + share))
        high = int(len(wanted) * (1 + share) / (1 - share)) + 1
        return [names for length, names in self.by_length.items() if low <= length <= high and names]


_names: weakref.WeakKeyDictionary[Workspace, _Names] = weakref.WeakKeyDictionary()
_SELECT = "SELECT id, name, city, kvk, deleted_at IS NOT NULL FROM organisations"
# More new audit rows than this since the last check: read everything again rather than row by row.
_MANY_CHANGES = 500


def _live_names(ws: Workspace) -> _Names:
    with ws.read() as db:
        # Every change is audited (Workspace.audit, also by another process): the new audit rows
        # say which organisations to read again. An import is audited as one row and an erasure may
        # rewrite any name, so those read everything; the row count guards against rows written
        # without an audit row (the demo, a restore).
        audit_id, count = db.execute("SELECT (SELECT coalesce(max(id), 0) FROM audit), "
                                     "(SELECT count(*) FROM organisations)").fetchone()
        names = _names.get(ws)
        if names is not None and audit_id == names.audit_id and count == names.known:
            return names
        changed = None
        if names is not None and names.audit_id <= audit_id <= names.audit_id + _MANY_CHANGES:
            changed = _changed_ids(db, names.audit_id)
        if changed is None:
            names = _Names()
            for org_id, name, city, kvk, deleted in db.execute(_SELECT):
                names.put(org_id, name, city, kvk, deleted)
            names.known = len(names.rows) + len(names.deleted)
        else:
            # At most _MANY_CHANGES ids, within SQLite's limit of bound values.
            for org_id, name, city, kvk, deleted in db.execute(
                    f"{_SELECT} WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(changed)]):
                names.known += org_id not in names.rows and org_id not in names.deleted
                names.put(org_id, name, city, kvk, deleted)
            if names.known != count:  # a row came or went without its audit row
                _names.pop(ws, None)
                return _live_names(ws)
        names.audit_id = audit_id
        _names[ws] = names
        return names


def _changed_ids(db, since: int) -> list[str] | None:
    """The organisations the audit rows after ``since`` name, or None when everything must be read."""
    ids = set()
    for action, entity, entity_id in db.execute("SELECT action, entity, entity_id FROM audit WHERE id > ?",
                                                [since]):
        if action == "gewist" or (entity == "organisation" and not entity_id):
            return None
        if entity == "organisation":
            ids.add(entity_id)
    return list(ids)


def find_similar(ws: Workspace, name: str, kvk: str | None = None, limit: int = 3) -> list[Match]:
    """Existing organisations the typed one may be, best first."""
    names = _live_names(ws)
    matches: dict[str, Match] = {}
    for org_id in sorted(names.by_kvk.get(kvk, ())) if kvk else ():
        matches[org_id] = Match(org_id, *names.rows[org_id][:2], "zelfde KvK-nummer")
    for match in _by_name(names, normalise_name(name or ""), limit):
        matches.setdefault(match.id, match)
    return list(matches.values())[:limit]


def _by_name(names: _Names, wanted: str, limit: int) -> list[Match]:
    """The same name first, then close ones; kept until the names change."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - only the intake needs it, not start-up

    if names.asked == (wanted, limit):
        return names.answer
    matches: dict[str, Match] = {}
    if len(wanted) >= 3:
        for org_id in sorted(names.by_name.get(wanted, ())):
            matches.setdefault(org_id, Match(org_id, *names.rows[org_id][:2], "zelfde naam"))
        close = [found for group in names.candidates(wanted)
                 for found in process.extract(wanted, group, scorer=fuzz.ratio, limit=limit,
                                              score_cutoff=FUZZY_THRESHOLD)]
        for _, score, org_id in sorted(close, key=lambda found: (-found[1], found[2])):
            matches.setdefault(org_id, Match(org_id, *names.rows[org_id][:2], f"lijkt erop ({score:.0f}%)"))
    names.asked, names.answer = (wanted, limit), list(matches.values())
    return names.answer
