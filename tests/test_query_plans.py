"""The main queries use indexes, not full scans (checked with EXPLAIN QUERY PLAN).

The SQL is not copied here: each test calls the real service and records what it sends to SQLite
(``set_trace_callback`` gives the statement with its parameters filled in), so a change in a
service is checked as it is. Speed itself is measured by bench/run.py, never by a timed test.

The database has no ``sqlite_stat1`` (Desk does not run ANALYZE), so SQLite plans from the schema
alone and a plan on this small file is the plan on a large one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from desk.core.workspace import Workspace
from desk.records import contacts, departments, organisations, persons
from desk.records.contacts import ContactFilter
from desk.work import followups, overview, referrals, targets

TODAY = dt.date(2026, 11, 23)
# A full scan: "SCAN contacts" or "SCAN c" with no index. Fine: "SCAN c USING INDEX ...",
# "SCAN ... USING COVERING INDEX ...", "SEARCH ... USING ...", the FTS5 table
# ("SCAN organisations_fts VIRTUAL TABLE INDEX 0:M6"), and scans of a subquery's own result.
FULL_SCAN = re.compile(r"^SCAN (?!\()(?P<name>\S+)(?: AS \S+)?$")


@pytest.fixture
def data(ws: Workspace) -> dict:
    org = organisations.create_organisation(ws, {"name": "Zeepziederij Schuim", "kvk": "91234567",
                                                 "city": "Dordrecht", "themes": ["Circulaire economie"]})
    other = organisations.create_organisation(ws, {"name": "Groene Werkplaats", "kvk": "92345678"})
    person = persons.create_person(ws, {"name": "Ineke Bos", "organisation_ids": [org.id]})
    for subject in ("Kennismaking", "Vervolggesprek", "Terugkoppeling"):
        contacts.create_contact(ws, {"organisation_id": org.id, "subject": subject, "notes": "Zoekt personeel",
                                     "person_ids": [person.id], "needs": ["Financiering", "Netwerk"]})
    contacts.create_contact(ws, {"organisation_id": other.id, "subject": "Intake", "channel": "Telefoon"})
    department = departments.list_departments(ws)[0]
    for question in ("Vergunning voor een zorgstal", "Zoekt twee medewerkers"):
        referrals.create_referral(ws, organisation_id=org.id, department_id=department.id, question=question,
                                  needs=["Vergunningen"])
    followups.create_followup(ws, title="Nabellen", due="morgen", organisation_id=org.id, today=TODAY)
    followups.create_followup(ws, title="Offerte", due="over 2 weken", organisation_id=other.id, today=TODAY)
    return {"org": org, "other": other}


def statements(ws: Workspace, call: Callable[[], object]) -> list[str]:
    """The SELECT statements ``call`` runs, with their parameters filled in."""
    seen: list[str] = []
    ws.db.conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        ws.db.conn.set_trace_callback(None)
    return [sql for sql in seen if sql.lstrip().upper().startswith(("SELECT", "WITH"))]


def plan(ws: Workspace, sql: str) -> list[str]:
    return [row[3] for row in ws.db.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]


def full_scans(ws: Workspace, call: Callable[[], object], touching: str) -> tuple[list[str], list[str]]:
    """Plan lines that scan a whole table, over the statements of ``call`` that mention ``touching``;
    also the plans themselves, for the failure message."""
    checked = [sql for sql in statements(ws, call) if re.search(rf"\b{touching}\b", sql)]
    assert checked, f"no statement on {touching} was run"
    scans, plans = [], []
    for sql in checked:
        lines = plan(ws, sql)
        plans.append(" | ".join(lines) + "\n    for: " + " ".join(sql.split())[:300])
        # A common table expression's own rows (WITH found(...) AS ...) are not a stored table.
        ctes = set(re.findall(r"(\w+)(?:\([^)]*\))?\s+AS\s+\(", sql, flags=re.IGNORECASE)) if "WITH" in sql.upper() else set()
        scans += [line for line in lines
                  if (found := FULL_SCAN.match(line.strip())) and found.group("name") not in ctes]
    return scans, plans


def assert_indexed(ws: Workspace, call: Callable[[], object], touching: str) -> None:
    scans, plans = full_scans(ws, call, touching)
    assert not scans, "full table scan: " + ", ".join(scans) + "\n" + "\n".join(plans)


def test_the_rule_tells_a_full_scan_from_an_index(ws: Workspace) -> None:
    assert FULL_SCAN.match("SCAN contacts") and FULL_SCAN.match("SCAN c")
    for fine in ("SCAN c USING INDEX idx_contacts_time", "SCAN contacts USING COVERING INDEX idx_contacts_author",
                 "SEARCH c USING INDEX idx_contacts_org_time (organisation_id=?)",
                 "SCAN organisations_fts VIRTUAL TABLE INDEX 0:M6", "SCAN (subquery-3)",
                 "SEARCH o USING INTEGER PRIMARY KEY (rowid=?)"):
        assert not FULL_SCAN.match(fine), fine
    assert plan(ws, "SELECT * FROM contacts") == ["SCAN contacts"]


def test_timeline_of_an_organisation_searches_by_organisation_and_time(ws: Workspace, data: dict) -> None:
    org_id = data["org"].id
    assert len(contacts.timeline(ws, org_id)) == 3
    assert_indexed(ws, lambda: contacts.timeline(ws, org_id), "contacts")
    [sql] = [s for s in statements(ws, lambda: contacts.timeline(ws, org_id)) if "FROM contacts c" in s]
    assert "SEARCH c USING INDEX idx_contacts_org_time (organisation_id=?)" in plan(ws, sql)


def test_agenda_reads_open_follow_ups_by_status_and_due_date(ws: Workspace, data: dict) -> None:
    assert len(followups.open_followups(ws)) == 2
    assert_indexed(ws, lambda: followups.agenda(ws, TODAY, limit=200), "followups")
    sqls = statements(ws, lambda: followups.agenda(ws, TODAY, limit=200))
    assert len(sqls) == 5  # four groups and their totals
    for sql in sqls:
        assert any(line.startswith("SEARCH f USING INDEX idx_followups_open_due (status=?") for line in plan(ws, sql)), \
            plan(ws, sql)


def test_referrals_by_status_use_the_status_index(ws: Workspace, data: dict) -> None:
    assert len(referrals.list_referrals(ws, status=referrals.OPEN)) == 2
    assert_indexed(ws, lambda: referrals.list_referrals(ws, status=referrals.OPEN), "referrals")
    [sql] = [s for s in statements(ws, lambda: referrals.list_referrals(ws, status=referrals.OPEN))
             if "FROM referrals r" in s]
    assert any(line.startswith("SEARCH r USING INDEX idx_referrals_status (status=?)") for line in plan(ws, sql))


def test_referrals_of_an_organisation_use_its_index(ws: Workspace, data: dict) -> None:
    org_id = data["org"].id
    assert_indexed(ws, lambda: referrals.list_referrals(ws, organisation_id=org_id), "referrals")


@pytest.mark.parametrize("typed", ["zeep", "zeepzied", "dordrecht", "9123", "groene w"])
def test_organisation_search_goes_through_the_full_text_index(ws: Workspace, data: dict, typed: str) -> None:
    def keystroke() -> None:  # what the organisations list runs for every key typed
        organisations.count_organisations(ws, typed, include_archived=False)
        organisations.list_organisations(ws, typed, 0, 100, include_archived=False)

    assert organisations.count_organisations(ws, typed, include_archived=False) == 1
    assert_indexed(ws, keystroke, "organisations")
    searched = [sql for sql in statements(ws, keystroke) if "organisations_fts" in sql]
    assert len(searched) >= 2  # the count and the page both go through the index
    for sql in searched:
        lines = plan(ws, sql)
        assert any(line.startswith("SCAN organisations_fts VIRTUAL TABLE INDEX") for line in lines), lines


def test_log_default_page_walks_the_time_index_newest_first(ws: Workspace, data: dict) -> None:
    assert len(contacts.list_contacts(ws)) == 4
    assert_indexed(ws, lambda: contacts.list_contacts(ws, ContactFilter(), 0, 100), "contacts")
    [sql] = statements(ws, lambda: contacts.list_contacts(ws, ContactFilter(), 0, 100))
    lines = plan(ws, sql)
    # A time index walked newest first: over all contacts, or (m009) over the live ones only.
    assert lines[0] in ("SCAN c USING INDEX idx_contacts_time", "SCAN c USING INDEX idx_contacts_live_time"), lines


def test_log_author_filter_list_does_not_scan_every_contact(ws: Workspace, data: dict) -> None:
    """Filled each time the log opens: a table scan of 500,000 contacts without idx_contacts_author."""
    assert contacts.authors(ws) == ["TG"]
    assert_indexed(ws, lambda: contacts.authors(ws), "contacts")


def test_dashboard_running_referrals_do_not_read_every_referral(ws: Workspace, data: dict) -> None:
    """The dashboard shows the six longest-running referrals at every start: one indexed query, not
    every referral listed (a full scan plus a needs query each, 2 s at 50,000) to keep six."""
    assert len(overview.longest_open_referrals(ws)) == 2
    assert_indexed(ws, lambda: overview.longest_open_referrals(ws), "referrals")


def test_dashboard_cards_and_targets_count_through_indexes(ws: Workspace, data: dict) -> None:
    """At every start the dashboard counts organisations, partners, due follow-ups and this year's
    contacts, event intakes and referrals (m009): narrow indexes, not every row. (Persons are counted
    by a scan: 10 ms at 100,000.)"""
    for metric in ("contacts", "event_intakes", "referrals", "landed_share", "partners"):
        targets.set_target(ws, TODAY.year, metric, 10)

    def dashboard() -> None:  # what DashboardScreen.load asks for, apart from the referrals above
        overview.counts(ws)
        followups.due_counts(ws, TODAY)
        contacts.list_contacts(ws, limit=8)
        targets.realisations(ws, TODAY.year, TODAY)

    assert overview.counts(ws).persons == 1
    assert followups.due_counts(ws, TODAY + dt.timedelta(days=1)) == (0, 1)
    assert [r.realised for r in targets.realisations(ws, TODAY.year, TODAY)][:3] == [4, 0, 2]
    for table in ("organisations", "followups", "contacts", "referrals"):
        assert_indexed(ws, dashboard, table)


def test_log_count_reads_a_covering_index_without_joining_organisations(ws: Workspace, data: dict) -> None:
    """The log counts all live contact moments when it opens: 500,000 organisation lookups took 0.6 s.
    A partial index of live contact moments holds exactly the rows to count."""
    assert contacts.count_contacts(ws, ContactFilter()) == 4
    [sql] = statements(ws, lambda: contacts.count_contacts(ws, ContactFilter()))
    lines = plan(ws, sql)
    assert len(lines) == 1 and re.fullmatch(r"SCAN c USING (COVERING )?INDEX idx_contacts_live_\w+", lines[0]), lines


@pytest.mark.parametrize(("offset", "from_end"), [(0, False), (49_900, False), (0, True), (13, True)])
def test_organisations_list_pages_walk_the_name_index_without_sorting(ws: Workspace, data: dict, offset: int,
                                                                     from_end: bool) -> None:
    """The list with nothing typed, a page from the start or (past the middle, as after `end`) from
    the end: read in name order from idx_organisations_name, forward or backward, never all live
    organisations sorted per page."""
    def page() -> None:
        organisations.list_organisations(ws, "", offset, 100, include_archived=False, from_end=from_end)

    [sql] = statements(ws, page)
    lines = plan(ws, sql)
    assert lines[0] == "SCAN o USING INDEX idx_organisations_name", lines
    assert not any("TEMP B-TREE" in line for line in lines), lines


def test_the_last_page_is_read_from_the_end_of_the_name_index(ws: Workspace, data: dict) -> None:
    """`end` asks for the last rows counted from the end: a backward walk that stops after them,
    without an OFFSET over every row before."""
    def last_page() -> None:
        organisations.list_organisations(ws, "", 0, 13, include_archived=False, from_end=True)

    [sql] = statements(ws, last_page)
    assert "DESC" in sql and sql.rstrip().endswith("LIMIT 13 OFFSET 0"), sql
    lines = plan(ws, sql)
    assert lines[0] == "SCAN o USING INDEX idx_organisations_name", lines
    assert not any("TEMP B-TREE" in line for line in lines), lines
    names = [row.name for row in organisations.list_organisations(ws, "", 0, 2, include_archived=False,
                                                                  from_end=True)]
    assert names == ["Groene Werkplaats", "Zeepziederij Schuim"]  # in list order


def test_a_first_letter_reads_its_names_from_the_name_index_and_ranks_nothing(ws: Workspace, data: dict) -> None:
    """When the names that start with the typed letter fill the page, the page is a range of
    idx_organisations_name: no full-text ranking of every hit."""
    def first_page() -> None:
        organisations.list_organisations(ws, "z", 0, 1, include_archived=False)

    searched = statements(ws, first_page)
    assert not [sql for sql in searched if "organisations_fts" in sql], searched
    [named] = [sql for sql in searched if "idx_organisations_name" in sql]
    lines = plan(ws, named)
    assert lines[0].startswith("SEARCH o USING COVERING INDEX idx_organisations_name (name>? AND name<?)"), lines
    assert not any("TEMP B-TREE" in line for line in lines), lines
