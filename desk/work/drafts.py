"""Drafts: what is being typed in a form, kept in the database so a crash loses nothing."""

from __future__ import annotations

import json

from desk.core.clock import utc_iso
from desk.core.workspace import Workspace

INTAKE = "intake"


def save_draft(ws: Workspace, kind: str, data: dict) -> None:
    with ws.write() as db:
        db["drafts"].upsert({"kind": kind, "data": json.dumps(data, ensure_ascii=False), "updated_at": utc_iso()},
                            pk="kind")


def load_draft(ws: Workspace, kind: str) -> dict | None:
    """The draft, or None; an unreadable one counts as none (the next save replaces it), since the
    app offers drafts at every start and one damaged row must not stop every start."""
    with ws.read() as db:
        row = db.execute("SELECT data FROM drafts WHERE kind = ?", [kind]).fetchone()
    try:
        data = json.loads(row[0]) if row else None
    except (TypeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def discard_draft(ws: Workspace, kind: str) -> None:
    with ws.write() as db:
        db.execute("DELETE FROM drafts WHERE kind = ?", [kind])
