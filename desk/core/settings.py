"""Settings that belong to the database (shared by everyone who uses it), such as the name of the
municipality or province."""

from __future__ import annotations

from desk.core.workspace import Workspace

ORGANISATION_NAME = "organisation_name"


def get_setting(ws: Workspace, key: str, default: str | None = None) -> str | None:
    with ws.read() as db:
        row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(ws: Workspace, key: str, value: str) -> None:
    with ws.write() as db:
        db["settings"].upsert({"key": key, "value": value}, pk="key")
        ws.audit("instelling", "settings", key, value)


def organisation_name(ws: Workspace) -> str | None:
    return get_setting(ws, ORGANISATION_NAME)
