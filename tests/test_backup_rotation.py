"""Backups of every kind are rotated, so none keeps an erased person for ever."""

from __future__ import annotations

import datetime as dt

from desk.care import backups


def test_every_kind_of_backup_is_rotated(tmp_path) -> None:
    db_path = tmp_path / "desk.sqlite"
    folder = tmp_path / "backups"
    folder.mkdir()
    newest = dt.datetime(2026, 12, 2, 9, tzinfo=dt.UTC)
    for reason in ("dagelijks", "handmatig", "voor-migratie", "voor-herstel"):
        for days_ago in range(60):
            stamp = (newest - dt.timedelta(days=days_ago)).strftime("%Y%m%dT%H%M%SZ")
            (folder / f"desk-{stamp}-{reason}.sqlite").write_bytes(b"")
    removed = backups.rotate(db_path)
    kept = backups.list_backups(db_path)
    for reason in ("dagelijks", "handmatig", "voor-migratie", "voor-herstel"):
        of_kind = [b for b in kept if b.reason == reason]
        assert len(of_kind) == 11  # 7 days and 4 weeks before them
        assert min(b.made_at for b in of_kind) > newest - dt.timedelta(days=7 + 5 * 7)
    assert len(removed) == 4 * 60 - 4 * 11 and not any(path.exists() for path in removed)
