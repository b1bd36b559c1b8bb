"""Encryption at rest: a known name is in no byte of the database, its WAL or its backups."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import db as storage
from desk import demo
from desk.care import backups, encryption
from desk.core.errors import DeskError
from desk.files import exporting
from desk.records import organisations
from desk.work.opening import open_workspace

SECRET = "Zwaantje Quibus"
PASSPHRASE = "rivierstad-2026"


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_encrypt_then_nothing_readable_and_decrypt_back(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    ws = open_workspace(path, None)
    demo.load_demo(ws)
    organisations.create_organisation(ws, {"name": f"{SECRET} BV"})
    ws.close()
    backups.make_backup(path, backups.DAILY)
    assert SECRET.encode() in _all_bytes(tmp_path)

    encryption.encrypt(path, PASSPHRASE)
    ws = open_workspace(path, None, passphrase=PASSPHRASE)
    organisations.create_organisation(ws, {"name": f"{SECRET} Twee"})  # lands in the WAL first
    backups.make_backup(path, passphrase=PASSPHRASE)
    assert Path(str(path) + "-wal").exists()
    assert SECRET.encode() not in _all_bytes(tmp_path)
    assert organisations.count_organisations(ws, "quibus") == 2
    assert backups.check_database(path, PASSPHRASE) == []
    ws.close()

    with pytest.raises(storage.PassphraseNeededError, match="versleuteld"):
        open_workspace(path, None)
    with pytest.raises(storage.WrongPassphraseError, match="wachtwoord"):
        open_workspace(path, None, passphrase="niet-het-goede")
    with pytest.raises(DeskError, match="al versleuteld"):
        encryption.encrypt(path, PASSPHRASE)

    encryption.decrypt(path, PASSPHRASE)
    ws = open_workspace(path, None)
    assert organisations.count_organisations(ws, "quibus") == 2
    assert all(backups.check_database(b.path) == [] for b in backups.list_backups(path))
    ws.close()


def test_short_passphrase_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    open_workspace(path, None).close()
    with pytest.raises(DeskError, match="minstens"):
        encryption.encrypt(path, "kort")
    assert not encryption.is_encrypted(path)


def test_an_encrypted_database_exports_through_the_reading_process(tmp_path: Path) -> None:
    """The export's rows are read by a process of its own (db/row_stream.py): it gets the key, and
    the rows it hands over are the ones in the encrypted file."""
    path = tmp_path / "desk.sqlite"
    open_workspace(path, None).close()
    encryption.encrypt(path, PASSPHRASE)
    ws = open_workspace(path, None, passphrase=PASSPHRASE)
    try:
        organisations.create_organisation(ws, {"name": f"{SECRET} BV"})
        out = io.BytesIO()
        assert exporting.write_export(ws, "organisations", "csv", out) == 1
        assert f"{SECRET} BV" in out.getvalue().decode("utf-8-sig")
    finally:
        ws.close()
    assert SECRET.encode() not in _all_bytes(tmp_path)
