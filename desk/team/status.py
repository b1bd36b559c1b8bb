"""What the app shows of the team sync, read with the app's own connection (never apsw)."""

from __future__ import annotations

from dataclasses import dataclass

from desk.core.workspace import Workspace


@dataclass(frozen=True)
class TeamStatus:
    last_sync: str | None  # UTC ISO of the last finished round
    waiting: int  # rows changed here and not yet in the register
    open_reviews: int


def team_status(ws: Workspace) -> TeamStatus | None:
    """None when this database has not joined a team."""
    with ws.read() as db:
        if "sync_state" not in db.table_names():
            return None
        state = dict(db.execute("SELECT key, value FROM sync_state").fetchall())
        if "register" not in state:
            return None
        waiting = db.execute("SELECT count(DISTINCT table_name || pk) FROM sync_changes").fetchone()[0]
        reviews = db.execute("SELECT count(*) FROM sync_reviews WHERE resolved_at IS NULL").fetchone()[0]
    return TeamStatus(state.get("last_sync"), waiting, reviews)


def describe(status: TeamStatus, problem: str | None) -> str:
    """The status bar's words for it."""
    from desk.core.clock import local_text  # noqa: PLC0415

    synced = f"gesynchroniseerd {local_text(status.last_sync)}" if status.last_sync else "nog niet gesynchroniseerd"
    parts = [f"team: {synced}"]
    if problem:
        parts.append("register niet bereikbaar")
    if status.waiting:
        parts.append(f"{status.waiting} wijziging{'en' if status.waiting != 1 else ''} wachten")
    if status.open_reviews:
        parts.append(f"{status.open_reviews} conflict{'en' if status.open_reviews != 1 else ''} te bekijken")
    return ", ".join(parts)
