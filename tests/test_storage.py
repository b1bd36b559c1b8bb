"""db/: the file's settings, migrations, refusing odd files, full-text index upkeep."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import db as storage
from db import migrations
from db.connection import APPLICATION_ID


def test_new_database_gets_desk_settings(tmp_path: Path) -> None:
    database = storage.open_database(tmp_path / "a.sqlite")
    pragma = lambda name: database.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") >= 1000
    assert pragma("application_id") == APPLICATION_ID
    assert (tmp_path / "a.sqlite").stat().st_mode & 0o777 == 0o600


def test_migrations_create_schema_and_record_themselves(tmp_path: Path) -> None:
    database = storage.open_database(tmp_path / "a.sqlite")
    tables = set(database.table_names())
    assert {"organisations", "persons", "person_organisations", "terms", "audit", "settings",
            "organisations_fts", "persons_fts", "organisation_kvk_history"} <= tables
    applied = [row["name"] for row in database.query("SELECT name FROM _sqlite_migrations")]
    assert applied == migrations.known_migrations()
    assert migrations.pending(database) == []
    database.close()
    # Opening again applies nothing and keeps the data.
    again = storage.open_database(tmp_path / "a.sqlite")
    assert [row["name"] for row in again.query("SELECT name FROM _sqlite_migrations")] == applied


def test_database_from_newer_desk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    storage.open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('desk', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(storage.NewerDatabaseError, match="nieuwere versie van Desk"):
        storage.open_database(path)


def test_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE boodschappen (item TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(storage.NotADeskDatabaseError, match="geen Desk-database"):
        storage.open_database(path)
    assert path.read_bytes() == before


def test_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("dit is geen database\n" * 100)
    with pytest.raises(storage.StorageError):
        storage.open_database(path)
    assert path.read_text().startswith("dit is geen database")


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(storage.StorageError, match="bestaat niet"):
        storage.open_database(tmp_path / "nergens" / "a.sqlite")


def test_fts_triggers_index_rows_inserted_after_migration(tmp_path: Path) -> None:
    database = storage.open_database(tmp_path / "a.sqlite")
    with storage.write_transaction(database):
        database["organisations"].insert(
            {"id": "x1", "name": "Zeepziederij Schuim", "created_at": "t", "updated_at": "t"}
        )
    hits = database.execute(
        "SELECT o.id FROM organisations_fts JOIN organisations o ON o.seq = organisations_fts.rowid "
        "WHERE organisations_fts MATCH ?", ['"zeepzied"*']
    ).fetchall()
    assert hits == [("x1",)]


def test_write_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    database = storage.open_database(tmp_path / "a.sqlite")
    with pytest.raises(RuntimeError), storage.write_transaction(database):
        database["settings"].insert({"key": "k", "value": "v"})
        raise RuntimeError("halverwege mis")
    assert database["settings"].count == 0
    assert not database.conn.in_transaction


def test_pending_migration_on_existing_file_makes_a_checked_backup(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "a.sqlite"
    database = storage.open_database(path)
    database["settings"].insert({"key": "bewaar", "value": "mij"})
    database.close()
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [migrations.known_migrations()[-1]])
    conn.commit()
    conn.close()
    applied: list[str] = []
    monkeypatch.setattr(migrations, "apply", lambda database: applied.append("ran"))
    storage.open_database(path).close()
    backups = list((tmp_path / "backups").glob("*voor-migratie*.sqlite"))
    assert len(backups) == 1 and applied == ["ran"]
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT value FROM settings WHERE key = 'bewaar'").fetchone() == ("mij",)
