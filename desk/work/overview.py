"""Figures for the dashboard."""

from __future__ import annotations

from dataclasses import dataclass

from desk.core.workspace import Workspace


@dataclass(frozen=True)
class Counts:
    organisations: int
    partners: int
    archived: int
    persons: int


def counts(ws: Workspace) -> Counts:
    with ws.read() as db:
        organisations, partners, archived = db.execute(
            # INDEXED BY (m009): without statistics the planner reads every row instead.
            # Counted as the list shows them: archived ones apart.
            """SELECT count(*) - coalesce(sum(archived), 0), coalesce(sum(is_partner AND NOT archived), 0),
                      coalesce(sum(archived), 0)
               FROM organisations INDEXED BY idx_organisations_live_kind WHERE deleted_at IS NULL"""
        ).fetchone()
        persons = db.execute("SELECT count(*) FROM persons INDEXED BY idx_persons_live WHERE deleted_at IS NULL"
                             ).fetchone()[0]
    return Counts(organisations, partners, archived, persons)


def longest_open_referrals(ws: Workspace, limit: int = 6) -> list:
    """Running referrals, oldest first."""
    from desk.work import referrals  # noqa: PLC0415 - overview stays cheap to import

    return referrals.running(ws, limit)
