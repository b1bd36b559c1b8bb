"""Import of organisations with their contact persons from a CSV or XLSX file.

1. Columns are mapped to fields by their Dutch or English header; the user can correct the mapping
   (desk.files.import_mapping).
2. Every row is validated with the same models as the forms (Dutch messages, per line of the file).
3. Each row is matched against the organisations already there, by KvK-nummer (also a former one)
   or by normalised name as the intake does (never by name when both have a different KvK-nummer);
   a match is skipped, updated or added beside it, as the user chose.
4. Everything is written through the ordinary services in ONE transaction, a savepoint per row. If
   any row fails, the transaction is rolled back and nothing is written, unless invalid rows may be
   skipped. A dry run is the same run, always rolled back: what it reports is what would happen.
5. Rows are read from the file one at a time and only counts, the first outcomes and the first
   errors are kept, so that memory stays bounded however long the file (within the row limit that
   ``tabular_files.read_table`` checks up front).

Rows of the same organisation (same KvK-nummer or name, as in the address-list export) add their
contact person to it. An update only overwrites fields that have a value in the file: an empty cell
keeps what Desk has. A contact person is found again by e-mail address, or by name within the
organisation, and is linked instead of created twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desk.core.errors import DeskError, ValidationFailed
from desk.core.validation import validate
from desk.core.workspace import Workspace
from desk.files.choices import EXISTING
from desk.files.import_mapping import PERSON_FIELD_LABELS, PERSON_PREFIX, Mapping
from desk.files.tabular_files import SourceRow, SourceTable, number_text
from desk.records import organisations, persons
from desk.records.models import ORGANISATION_LABELS, OrganisationInput, PersonInput
from desk.work.duplicates import normalise_name


# --- one row ----------------------------------------------------------------------------------------

NEW, UPDATE, SKIP, ADD, SAME, ERROR = "nieuw", "bijwerken", "overslaan", "toevoegen", "contactpersoon erbij", "fout"
EXISTING_CHOICES = dict(zip(EXISTING, (SKIP, UPDATE, ADD), strict=True))
_TRUE, _FALSE = ("ja", "j", "x", "waar", "yes", "true", "1"), ("nee", "n", "onwaar", "no", "false", "0")


@dataclass
class PreparedRow:
    line: int
    organisation: OrganisationInput | None = None
    organisation_fields: set[str] = field(default_factory=set)  # those with a value in the file
    person: PersonInput | None = None
    person_fields: set[str] = field(default_factory=set)
    error: str | None = None
    name: str = ""  # as typed, for the report


@dataclass
class RowOutcome:
    line: int
    action: str  # NEW, UPDATE, SKIP, ADD, SAME or ERROR
    organisation: str
    person: str = ""
    message: str = ""


def _boolean(value: str) -> bool | str:
    lowered = value.casefold()
    return True if lowered in _TRUE else False if lowered in _FALSE else value


def prepare_row(row: SourceRow, mapping: Mapping) -> PreparedRow:
    """Validate one row with the models the forms use; errors are Dutch and name the field."""
    org: dict[str, object] = {}
    person: dict[str, object] = {}
    for value, fld in zip(row.values, mapping):
        if fld is None or not value:
            continue
        if fld in ("is_partner", "archived"):
            org[fld] = _boolean(value)
        elif fld.startswith(PERSON_PREFIX):
            person[fld.removeprefix(PERSON_PREFIX)] = value
        else:
            org[fld] = value
    prepared = PreparedRow(row.line, name=str(org.get("name", "")), organisation_fields=set(org),
                           person_fields=set(person))
    if row.problem:
        prepared.error = row.problem
        return prepared
    problems: list[str] = []
    try:
        prepared.organisation = validate(OrganisationInput, org, ORGANISATION_LABELS)
    except ValidationFailed as exc:
        problems.append(str(exc))
    if person:
        try:
            prepared.person = validate(PersonInput, person, PERSON_FIELD_LABELS)
        except ValidationFailed as exc:
            problems.append(str(exc))
    prepared.error = "; ".join(problems) or None
    return prepared


# --- matching -------------------------------------------------------------------------------------

FORMER_KVK = "eerder KvK-nummer"


class _Index:
    """The organisations a row may be, those already there and those this import adds: by KvK-nummer
    (current or former, through their indexes) and by normalised name. The normalised names and what
    this import did to each organisation are kept in temporary tables, not in Python, so that memory
    does not grow with the file. Made and dropped inside the import's transaction."""

    def __init__(self, db) -> None:
        self.db = db
        db.execute("CREATE TEMP TABLE import_names (normalised TEXT NOT NULL, organisation_id TEXT NOT NULL)")
        db.execute("CREATE INDEX temp.import_names_normalised ON import_names (normalised)")
        db.execute("CREATE TEMP TABLE import_handled (organisation_id TEXT PRIMARY KEY, action TEXT NOT NULL, "
                   "line INTEGER NOT NULL)")
        live = db.execute("SELECT id, name FROM organisations WHERE deleted_at IS NULL")
        while batch := live.fetchmany(5000):
            db.conn.executemany("INSERT INTO temp.import_names VALUES (?, ?)",
                                [(normalise_name(name), org_id) for org_id, name in batch])

    def drop(self) -> None:
        self.db.execute("DROP TABLE temp.import_names")
        self.db.execute("DROP TABLE temp.import_handled")

    def add(self, org_id: str, name: str) -> None:
        self.db.execute("INSERT INTO temp.import_names VALUES (?, ?)", [normalise_name(name), org_id])

    def name_of(self, org_id: str) -> str:
        return self.db.execute("SELECT name FROM organisations WHERE id = ?", [org_id]).fetchone()[0]

    def handled(self, org_id: str) -> tuple[str, int] | None:
        """(action, line) of the first row of this import that went to this organisation."""
        return self.db.execute("SELECT action, line FROM temp.import_handled WHERE organisation_id = ?",
                               [org_id]).fetchone()

    def mark_handled(self, org_id: str, action: str, line: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO temp.import_handled VALUES (?, ?, ?)", [org_id, action, line])

    def candidates(self, data: OrganisationInput) -> list[tuple[str, str]]:
        """(id, reason) of the organisations this row may be, the surest first."""
        found: list[tuple[str, str]] = []
        if data.kvk:
            current = self.db.execute("SELECT id FROM organisations WHERE kvk = ? AND deleted_at IS NULL",
                                      [data.kvk]).fetchone()
            former = current or self.db.execute(
                """SELECT h.organisation_id FROM organisation_kvk_history h
                   JOIN organisations o ON o.id = h.organisation_id
                   WHERE h.kvk = ? AND o.deleted_at IS NULL ORDER BY h.rowid LIMIT 1""", [data.kvk]).fetchone()
            if current:
                found.append((current[0], "zelfde KvK-nummer"))
            elif former:
                found.append((former[0], FORMER_KVK))
        same_name = self.db.execute(
            """SELECT n.organisation_id, o.kvk FROM temp.import_names n JOIN organisations o ON o.id = n.organisation_id
               WHERE n.normalised = ? AND o.deleted_at IS NULL ORDER BY n.rowid""", [normalise_name(data.name)])
        for org_id, other_kvk in same_name.fetchall():
            if all(org_id != known for known, _ in found) and not (data.kvk and other_kvk and other_kvk != data.kvk):
                found.append((org_id, "zelfde naam"))
        return found


# --- the run --------------------------------------------------------------------------------------

OUTCOMES_KEPT = 1000  # the first rows' outcomes, for a preview; all rows are counted
ERRORS_KEPT = 1000


@dataclass
class ImportResult:
    table: SourceTable
    written: bool
    dry_run: bool
    skip_invalid: bool
    outcomes: list[RowOutcome] = field(default_factory=list)  # of the first OUTCOMES_KEPT rows
    errors: list[RowOutcome] = field(default_factory=list)  # the first ERRORS_KEPT errors
    tally: dict[str, int] = field(default_factory=dict)  # action -> number of rows
    persons_added: int = 0

    def add(self, outcome: RowOutcome) -> None:
        self.tally[outcome.action] = self.tally.get(outcome.action, 0) + 1
        if len(self.outcomes) < OUTCOMES_KEPT:
            self.outcomes.append(outcome)
        if outcome.action == ERROR and len(self.errors) < ERRORS_KEPT:
            self.errors.append(outcome)

    @property
    def row_count(self) -> int:
        return sum(self.tally.values())

    @property
    def error_count(self) -> int:
        return self.tally.get(ERROR, 0)

    @property
    def refused(self) -> bool:
        return bool(self.error_count) and not self.skip_invalid

    def counts(self) -> dict[str, int]:
        return dict(self.tally)

    def summary(self) -> str:
        """Dutch, e.g. ``3 nieuw, 1 bijwerken, 2 overslaan; 4 contactpersonen``."""
        order = (NEW, ADD, UPDATE, SAME, SKIP, ERROR)
        parts = [f"{number_text(self.tally[action])} {action}" for action in order if action in self.tally]
        text = ", ".join(parts) or "geen rijen"
        if self.persons_added:
            text += f"; {number_text(self.persons_added)} " \
                    f"{'contactpersoon' if self.persons_added == 1 else 'contactpersonen'} nieuw of gekoppeld"
        return text


class _RollBack(Exception):
    """Leave the import transaction without writing (dry run, or a refused import)."""


def import_organisations(ws: Workspace, table: SourceTable, mapping: Mapping, existing: str = "skip",
                         skip_invalid: bool = False, dry_run: bool = False,
                         on_outcome: Callable[[RowOutcome], None] | None = None) -> ImportResult:
    """Run the import; nothing is written for a dry run or when a row fails without ``skip_invalid``.
    ``existing`` is skip, update or add: what to do with a row that matches an organisation.
    ``on_outcome`` sees every row's outcome as it is decided (the result keeps only the first ones)."""
    if "name" not in mapping:
        raise DeskError("Geen kolom voor de naam van de organisatie; wijs er een aan (bijv. --map 'Bedrijf=naam').")
    policy = EXISTING_CHOICES[existing]
    result = ImportResult(table, written=False, dry_run=dry_run, skip_invalid=skip_invalid)
    try:
        with ws.write():
            run = _Run(ws, policy)
            for row in table.rows():
                outcome = run.apply(prepare_row(row, mapping))
                result.add(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
            result.persons_added = run.persons_added
            run.index.drop()
            if dry_run or result.refused:
                raise _RollBack
            ws.audit("import", "organisation", "", f"{table.path.name}: {result.summary()}")
            result.written = True
    except _RollBack:
        pass
    return result


class _Run:
    def __init__(self, ws: Workspace, policy: str) -> None:
        self.ws = ws
        self.policy = policy
        self.index = _Index(ws.db)
        self.persons_added = 0

    def apply(self, row: PreparedRow) -> RowOutcome:
        if row.error:
            return RowOutcome(row.line, ERROR, row.name, message=row.error)
        org = row.organisation
        person_name = row.person.name if row.person else ""
        try:
            with self.ws.write():  # a savepoint: a row that fails leaves nothing behind
                action, org_id, message, person_note = self._write(row)
        except DeskError as exc:
            return RowOutcome(row.line, ERROR, org.name, person_name, str(exc))
        if action in (NEW, ADD):
            self.index.add(org_id, org.name)
        if person_note in ("nieuw", "gekoppeld"):
            self.persons_added += 1
        self.index.mark_handled(org_id, action, row.line)
        if person_note:
            message = "; ".join(filter(None, (message, f"contactpersoon {person_note}")))
        return RowOutcome(row.line, action, org.name, person_name, message)

    def _write(self, row: PreparedRow) -> tuple[str, str, str, str]:
        """(action, organisation id, message, what happened to the person)."""
        org = row.organisation
        candidates = self.index.candidates(org)
        earlier = next(((org_id, handled) for org_id, _ in candidates if (handled := self.index.handled(org_id))),
                       None)
        if earlier:
            action, line = earlier[1]
            if action == SKIP:
                return SKIP, earlier[0], f"organisatie overgeslagen op regel {line}", ""
            return SAME, earlier[0], f"zelfde organisatie als regel {line}", self._person(row, earlier[0])
        if not candidates:
            created = organisations.create_organisation(self.ws, org)
            return NEW, created.id, "", self._person(row, created.id)
        match_id, reason = candidates[0]
        match_text = f"{reason} als {self.index.name_of(match_id)}"
        if self.policy == SKIP:
            return SKIP, match_id, f"bestaat al: {match_text}", ""
        if self.policy == ADD:
            created = organisations.create_organisation(self.ws, org)
            return ADD, created.id, f"nieuw, naast de bestaande met {match_text}", self._person(row, created.id)
        current = organisations.get_organisation(self.ws, match_id).as_input()
        # A former KvK-nummer in the file found the organisation; it must not become the current one again.
        given = row.organisation_fields - ({"kvk"} if reason == FORMER_KVK else set())
        merged = current.model_copy(update={key: getattr(org, key) for key in given})
        organisations.update_organisation(self.ws, match_id, merged)
        return UPDATE, match_id, match_text, self._person(row, match_id)

    def _person(self, row: PreparedRow, org_id: str) -> str:
        """Create, link or update the row's contact person; returns what happened (Dutch), or ''."""
        if row.person is None:
            return ""
        existing = self._find_person(row.person, org_id)
        if existing is None:
            persons.create_person(self.ws, row.person.model_copy(update={"organisation_ids": [org_id]}))
            return "nieuw"
        linked = org_id in existing.organisation_ids
        if self.policy == UPDATE:
            changes = {key: getattr(row.person, key) for key in row.person_fields}
            ids = existing.organisation_ids + ([] if linked else [org_id])
            persons.update_person(self.ws, existing.id, PersonInput.model_validate(
                {**existing.model_dump(), **changes, "organisation_ids": ids}))
            return "bijgewerkt" if linked else "gekoppeld"
        if not linked:
            persons.link_person(self.ws, existing.id, org_id)
            return "gekoppeld"
        return "bestond al"

    def _find_person(self, person: PersonInput, org_id: str):
        with self.ws.read() as db:
            found = None
            if person.email:
                found = db.execute("SELECT id FROM persons WHERE email = ? COLLATE NOCASE AND deleted_at IS NULL "
                                   "ORDER BY seq LIMIT 1", [person.email]).fetchone()
            if found is None:
                found = db.execute(
                    """SELECT p.id FROM persons p JOIN person_organisations po ON po.person_id = p.id
                       WHERE po.organisation_id = ? AND p.name = ? COLLATE NOCASE AND p.deleted_at IS NULL
                       LIMIT 1""", [org_id, person.name]).fetchone()
        return persons.get_person(self.ws, found[0]) if found else None
