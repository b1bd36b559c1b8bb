"""Numbered schema migrations. Never edit a released migration: add a new one.

Each migration runs in one transaction together with its record in ``_sqlite_migrations``.
"""

from __future__ import annotations

import sqlite_utils

from db.errors import NewerDatabaseError

MIGRATION_SET = "desk"
migrations = sqlite_utils.Migrations(MIGRATION_SET)

# Tokeniser for every full-text index: accents are folded, so "cafe" finds "Café".
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

# Columns every user-created record carries.
RECORD_COLUMNS = {
    "created_at": str,
    "updated_at": str,
    "created_by": str,
    "updated_by": str,
    "deleted_at": str,
}


def _record_table(db: sqlite_utils.Database, name: str, columns: dict, **kwargs) -> None:
    db[name].create({"id": str, **columns, **RECORD_COLUMNS}, pk="id", **{"not_null": {"created_at", "updated_at"}, **kwargs})


def _searchable_record_table(db: sqlite_utils.Database, name: str, columns: dict, **kwargs) -> None:
    """A record table with an explicit integer key for its full-text index.

    An external-content FTS5 index points at rowids, and VACUUM may renumber the implicit rowid of
    a table without an INTEGER PRIMARY KEY; ``seq`` pins them. ``id`` stays the stable public key.
    """
    db[name].create(
        {"seq": int, "id": str, **columns, **RECORD_COLUMNS},
        pk="seq", not_null={"id", "created_at", "updated_at"}, **kwargs,
    )
    db[name].create_index(["id"], unique=True)


@migrations()
def m001_foundation(db: sqlite_utils.Database) -> None:
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["terms"].create(
        {"id": str, "kind": str, "label": str, "position": int, "archived": int,
         "created_at": str, "updated_at": str},
        pk="id",
        not_null={"kind", "label"},
        defaults={"archived": 0, "position": 0},
    )
    db["terms"].create_index(["kind", "label"], unique=True)

    _searchable_record_table(
        db,
        "organisations",
        {
            "name": str,
            "kvk": str,
            "branch_number": str,
            "legal_form_id": str,
            "street": str,
            "postcode": str,
            "city": str,
            "municipality": str,
            "website": str,
            "impact_type_id": str,
            "notes": str,
            "is_partner": int,
            "archived": int,
            # Former KvK numbers, person names and theme labels: kept by the service so that one
            # full-text index finds an organisation by any of them.
            "search_text": str,
        },
        foreign_keys=[("impact_type_id", "terms", "id"), ("legal_form_id", "terms", "id")],
        defaults={"is_partner": 0, "archived": 0, "notes": "", "search_text": ""},
    )
    db.execute(
        "CREATE UNIQUE INDEX idx_organisations_kvk ON organisations(kvk) "
        "WHERE kvk IS NOT NULL AND deleted_at IS NULL"
    )
    db.execute("CREATE INDEX idx_organisations_name ON organisations(name COLLATE NOCASE, id)")
    db.execute("CREATE INDEX idx_organisations_updated ON organisations(updated_at)")

    db["organisation_kvk_history"].create(
        {"id": str, "organisation_id": str, "kvk": str, "replaced_at": str, "replaced_by": str},
        pk="id",
        foreign_keys=[("organisation_id", "organisations", "id")],
    )
    db["organisation_kvk_history"].create_index(["kvk"])
    db["organisation_kvk_history"].create_index(["organisation_id"])

    db["organisation_terms"].create(
        {"organisation_id": str, "term_id": str},
        pk=("organisation_id", "term_id"),
        foreign_keys=[("organisation_id", "organisations", "id"), ("term_id", "terms", "id")],
    )
    db["organisation_terms"].create_index(["term_id"])
    db["organisation_sdgs"].create(
        {"organisation_id": str, "sdg": int},
        pk=("organisation_id", "sdg"),
        foreign_keys=[("organisation_id", "organisations", "id")],
    )

    _searchable_record_table(db, "persons", {"name": str, "role": str, "email": str, "phone": str, "notes": str},
                  defaults={"notes": ""})
    db.execute("CREATE INDEX idx_persons_email ON persons(email COLLATE NOCASE)")
    db["person_organisations"].create(
        {"person_id": str, "organisation_id": str},
        pk=("person_id", "organisation_id"),
        foreign_keys=[("person_id", "persons", "id"), ("organisation_id", "organisations", "id")],
    )
    db["person_organisations"].create_index(["organisation_id"])

    db["audit"].create(
        {"id": int, "at": str, "author": str, "action": str, "entity": str, "entity_id": str, "summary": str},
        pk="id",
    )
    db["audit"].create_index(["entity", "entity_id"])

    db["organisations"].enable_fts(
        ["name", "kvk", "city", "municipality", "notes", "search_text"],
        create_triggers=True, tokenize=FTS_TOKENIZE,
    )
    db["persons"].enable_fts(["name", "role", "email", "phone"], create_triggers=True, tokenize=FTS_TOKENIZE)


def known_migrations() -> list[str]:
    return [m.name for m in migrations._migrations]


def pending(db: sqlite_utils.Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]


def check_not_newer(db: sqlite_utils.Database) -> None:
    """Refuse a database that a newer Desk has migrated further than this one knows."""
    known = set(known_migrations())
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise NewerDatabaseError(
            "Deze database is gemaakt of bijgewerkt door een nieuwere versie van Desk "
            f"(onbekende migratie {unknown[0]}). Werk Desk bij om hem te openen."
        )


def apply(db: sqlite_utils.Database) -> list[str]:
    """Apply pending migrations; return the names applied."""
    check_not_newer(db)
    names = pending(db)
    migrations.apply(db)
    return names


@migrations()
def m002_contact_log(db: sqlite_utils.Database) -> None:
    _record_table(db, "events", {"name": str, "date": str, "place": str})
    db["events"].create_index(["date"])

    _searchable_record_table(
        db,
        "contacts",
        {
            "occurred_at": str,  # UTC ISO-8601
            "channel_id": str,
            "organisation_id": str,
            "subject": str,
            "notes": str,
            "event_id": str,
            "author": str,
            "follow_up_text": str,
            "version": int,
        },
        foreign_keys=[("channel_id", "terms", "id"), ("organisation_id", "organisations", "id"),
                      ("event_id", "events", "id")],
        defaults={"notes": "", "subject": "", "version": 1},
    )
    db.execute("CREATE INDEX idx_contacts_org_time ON contacts(organisation_id, occurred_at)")
    db.execute("CREATE INDEX idx_contacts_time ON contacts(occurred_at)")
    db.execute("CREATE INDEX idx_contacts_event ON contacts(event_id)")
    db["contact_persons"].create(
        {"contact_id": str, "person_id": str}, pk=("contact_id", "person_id"),
        foreign_keys=[("contact_id", "contacts", "id"), ("person_id", "persons", "id")],
    )
    db["contact_persons"].create_index(["person_id"])
    db["contact_needs"].create(
        {"contact_id": str, "term_id": str}, pk=("contact_id", "term_id"),
        foreign_keys=[("contact_id", "contacts", "id"), ("term_id", "terms", "id")],
    )
    db["contact_needs"].create_index(["term_id"])
    # Contact moments are facts: an edit keeps the earlier version here.
    db["contact_versions"].create(
        {"id": str, "contact_id": str, "version": int, "data": str, "replaced_at": str, "replaced_by": str},
        pk="id", foreign_keys=[("contact_id", "contacts", "id")],
    )
    db["contact_versions"].create_index(["contact_id"])
    db["contacts"].enable_fts(["subject", "notes"], create_triggers=True, tokenize=FTS_TOKENIZE)

    db["drafts"].create({"kind": str, "data": str, "updated_at": str}, pk="kind")


@migrations()
def m003_followups(db: sqlite_utils.Database) -> None:
    _record_table(
        db,
        "followups",
        {
            "title": str,
            "due_date": str,  # YYYY-MM-DD, a local date
            "due_time": str,  # HH:MM local time, or NULL
            "recurrence": str,  # RRULE text (FREQ=...;INTERVAL=...), or NULL
            "series_start": str,  # the date a recurring series is anchored at
            "status": str,  # open | gedaan | geannuleerd
            "organisation_id": str,
            "contact_id": str,
            "referral_id": str,
            "closed_at": str,
        },
        foreign_keys=[("organisation_id", "organisations", "id"), ("contact_id", "contacts", "id")],
        defaults={"status": "open"},
    )
    db.execute("CREATE INDEX idx_followups_open_due ON followups(status, due_date)")
    db.execute("CREATE INDEX idx_followups_org ON followups(organisation_id)")
    db.execute("CREATE INDEX idx_followups_referral ON followups(referral_id)")


@migrations()
def m004_referrals(db: sqlite_utils.Database) -> None:
    _record_table(
        db,
        "departments",
        {"name": str, "domain": str, "contact_name": str, "contact_email": str, "contact_phone": str,
         "archived": int},
        defaults={"archived": 0},
    )
    db["departments"].create_index(["name"])
    _record_table(
        db,
        "referrals",
        {
            "organisation_id": str,
            "contact_id": str,
            "department_id": str,  # exactly one of department_id and partner_id is set
            "partner_id": str,
            "question": str,
            "internal_contact": str,
            "status": str,
            "outcome_note": str,
            "sent_at": str,
            "closed_at": str,
        },
        foreign_keys=[("organisation_id", "organisations", "id"), ("contact_id", "contacts", "id"),
                      ("department_id", "departments", "id"), ("partner_id", "organisations", "id")],
        defaults={"status": "open"},
    )
    db.execute("CREATE INDEX idx_referrals_status ON referrals(status, created_at)")
    db.execute("CREATE INDEX idx_referrals_org ON referrals(organisation_id)")
    db.execute("CREATE INDEX idx_referrals_department ON referrals(department_id)")
    db.execute("CREATE INDEX idx_referrals_partner ON referrals(partner_id)")
    db["referral_needs"].create(
        {"referral_id": str, "term_id": str}, pk=("referral_id", "term_id"),
        foreign_keys=[("referral_id", "referrals", "id"), ("term_id", "terms", "id")],
    )
    db["referral_history"].create(
        {"id": str, "referral_id": str, "from_status": str, "to_status": str, "note": str, "at": str,
         "author": str},
        pk="id", foreign_keys=[("referral_id", "referrals", "id")],
    )
    db["referral_history"].create_index(["referral_id", "at"])


@migrations()
def m005_toolbox(db: sqlite_utils.Database) -> None:
    _record_table(db, "toolbox_rounds", {"name": str})
    db["toolbox_answers"].create(
        {"round_id": str, "item_id": str, "status": str, "answer": str, "note": str,
         "updated_at": str, "updated_by": str},
        pk=("round_id", "item_id"), foreign_keys=[("round_id", "toolbox_rounds", "id")],
        defaults={"status": "open", "answer": "", "note": ""},
    )
    # What a reset removed, so that it can be undone.
    db["toolbox_resets"].create(
        {"id": str, "round_id": str, "module_number": int, "data": str, "at": str, "author": str,
         "undone_at": str},
        pk="id", foreign_keys=[("round_id", "toolbox_rounds", "id")],
    )


@migrations()
def m006_monitoring(db: sqlite_utils.Database) -> None:
    _record_table(db, "certification_kinds",
                  {"name": str, "validity_months": int, "deadline_months": int, "archived": int},
                  defaults={"archived": 0})
    _record_table(
        db,
        "certifications",
        {"organisation_id": str, "kind_id": str, "status": str, "started_on": str, "obtained_on": str,
         "valid_until": str, "reminder_followup_id": str, "notes": str},
        foreign_keys=[("organisation_id", "organisations", "id"), ("kind_id", "certification_kinds", "id")],
    )
    db["certifications"].create_index(["organisation_id"])
    db["certifications"].create_index(["kind_id", "status"])
    db["certifications"].create_index(["valid_until"])
    _record_table(db, "targets", {"year": int, "metric": str, "kind_id": str, "value": float})
    db["targets"].create_index(["year"])


@migrations()
def m007_indexes_for_scale(db: sqlite_utils.Database) -> None:
    # The log's author filter list and the dashboard's running referrals, at 500,000 contacts.
    db.execute("CREATE INDEX idx_contacts_author ON contacts(author)")
    db.execute("CREATE INDEX idx_referrals_running ON referrals(created_at) WHERE status IN "
               "('open', 'doorgezet', 'in behandeling') AND deleted_at IS NULL")


@migrations()
def m008_search_and_log_indexes(db: sqlite_utils.Database) -> None:
    # Search leaves out the few hidden organisations through this small index instead of reading
    # the row of every match; the log's count of live contact moments uses the second.
    db.execute("CREATE INDEX idx_organisations_hidden ON organisations(seq, deleted_at) "
               "WHERE archived = 1 OR deleted_at IS NOT NULL")
    db.execute("CREATE INDEX idx_contacts_live_org ON contacts(organisation_id) WHERE deleted_at IS NULL")


@migrations()
def m009_dashboard_count_indexes(db: sqlite_utils.Database) -> None:
    # Narrow indexes for the dashboard's cards and the year's targets, which count live rows in a
    # period. Partial (WHERE deleted_at IS NULL) and named with INDEXED BY where they are meant:
    # a full index led by deleted_at looks like an equality lookup to a planner without
    # statistics, and it then drove other queries through it (the log count, the list's order).
    db.execute("CREATE INDEX idx_organisations_live_kind ON organisations(is_partner, archived) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX idx_contacts_live_time ON contacts(occurred_at, event_id) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX idx_referrals_live_created ON referrals(created_at) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX idx_referrals_live_closed ON referrals(closed_at, status) WHERE deleted_at IS NULL")


@migrations()
def m010_erasure_ledger(db: sqlite_utils.Database) -> None:
    # The ids of erased persons (no personal data), so that a restored backup is erased again.
    db["erasures"].create({"person_id": str, "erased_at": str}, pk="person_id")


@migrations()
def m011_phone_numbers_in_one_form(db: sqlite_utils.Database) -> None:
    # Phone numbers are stored as phonenumbers writes them internationally (+31 6 12345678) since
    # Desk checks them with it; earlier ones are brought into that form where they are valid, so the
    # same number typed two ways is one. Numbers it does not know stay as they were.
    import phonenumbers  # noqa: PLC0415 - only for this migration

    def one_form(value: str) -> str:
        try:
            number = phonenumbers.parse(value, "NL")
        except phonenumbers.NumberParseException:
            return value
        if not phonenumbers.is_valid_number(number):
            return value
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)

    for table, column in (("persons", "phone"), ("departments", "contact_phone")):
        rows = db.execute(f"SELECT rowid, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} != ''")
        for rowid, value in rows.fetchall():
            if (formatted := one_form(value)) != value:
                db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [formatted, rowid])


@migrations()
def m012_team_sync(db: sqlite_utils.Database) -> None:
    # Every laptop of a team holds the same rows (issue 19). From here on a migration only adds
    # columns or tables: a laptop that is a version behind must still be able to apply a newer
    # laptop's changes once it has caught up, and SQLite's changesets fit a table with more columns,
    # never one with other columns. A table that must be rebuilt needs a procedure of its own,
    # written down before the migration ships.
    #
    # Conflicts the sync resolved, shown to the team for review. Synced like the records.
    db["sync_reviews"].create(
        {"id": str, "table_name": str, "row_id": str, "column_name": str, "reason": str,
         "kept_value": str, "lost_value": str, "lost_by": str, "lost_at": str, "content_free": int,
         "resolved_at": str, "resolved_by": str, "created_at": str, "updated_at": str},
        pk="id", not_null={"table_name", "reason", "created_at", "updated_at"}, defaults={"content_free": 0},
    )
    db.execute("CREATE INDEX idx_sync_reviews_open ON sync_reviews(created_at) WHERE resolved_at IS NULL")
    # This laptop's own bookkeeping of the sync: never synced.
    db["sync_state"].create({"key": str, "value": str}, pk="key")
    # The keys of rows written since the last sync, filled by triggers that only a joined laptop has.
    db["sync_changes"].create({"seq": int, "table_name": str, "pk": str}, pk="seq", not_null={"table_name", "pk"})


@migrations()
def m013_dashboard_figure_indexes(db: sqlite_utils.Database) -> None:
    # The dashboard's figures at every start: live persons were counted row by row (11 ms at the
    # design scale), this year's event intakes read from all of its contact moments (8.5 ms).
    # Partial, small, named with INDEXED BY (see m009); indexes only, so changesets are unaffected.
    db.execute("CREATE INDEX idx_persons_live ON persons(deleted_at) WHERE deleted_at IS NULL")
    db.execute("CREATE INDEX idx_contacts_live_event_time ON contacts(occurred_at) "
               "WHERE deleted_at IS NULL AND event_id IS NOT NULL")
