"""Yearly targets the user sets, each with its realisation computed from the data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk.core import clock
from desk.core.clock import LOCAL_TZ, new_id, utc_iso
from desk.core.errors import NotFound, ValidationFailed
from desk.core.workspace import Workspace
from desk.work import certifications

# metric -> (Dutch label, needs a certification kind, is a percentage)
METRICS: dict[str, tuple[str, bool, bool]] = {
    "contacts": ("Contactmomenten", False, False),
    "event_intakes": ("Intakes op evenementen", False, False),
    "referrals": ("Doorverwijzingen", False, False),
    "landed_share": ("Doorverwijzingen geland (% van afgerond)", False, True),
    "partners": ("Partners in het ecosysteem", False, False),
    "certification_participants": ("Deelnemers {kind}", True, False),
    "certification_obtained": ("{kind} behaald", True, False),
    "certification_in_progress": ("Aan de slag met {kind}", True, False),
}
TARGET_LABELS = {"metric": "Wat", "kind_id": "Keurmerk", "value": "Doel", "year": "Jaar"}


@dataclass(frozen=True)
class Target:
    id: str
    year: int
    metric: str
    kind_id: str | None
    kind_name: str | None
    value: float

    @property
    def label(self) -> str:
        return METRICS[self.metric][0].format(kind=self.kind_name or "")

    @property
    def is_percentage(self) -> bool:
        return METRICS[self.metric][2]


@dataclass(frozen=True)
class Realisation:
    target: Target
    realised: float

    @property
    def share(self) -> float:
        return self.realised / self.target.value if self.target.value else 0.0


def period_bounds(date_from: dt.date, date_to: dt.date) -> tuple[str, str]:
    """[from, to] as local days, in UTC ISO text for comparing with stored timestamps."""
    start = dt.datetime.combine(date_from, dt.time(), LOCAL_TZ)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), LOCAL_TZ)
    return utc_iso(start), utc_iso(end)


def set_target(ws: Workspace, year: int, metric: str, value: float, kind_id: str | None = None) -> Target:
    errors = {}
    if metric not in METRICS:
        errors["metric"] = "onbekend doel"
    elif METRICS[metric][1] and not kind_id:
        errors["kind_id"] = "kies het keurmerk waar dit doel over gaat"
    if value is None or value < 0 or (metric in METRICS and METRICS[metric][2] and value > 100):
        errors["value"] = "een getal vanaf 0" + (" tot en met 100" if metric in METRICS and METRICS[metric][2] else "")
    if not 2000 <= year <= 2100:
        errors["year"] = "een jaartal zoals 2026"
    if errors:
        raise ValidationFailed(errors, TARGET_LABELS)
    kind_id = kind_id if METRICS[metric][1] else None
    with ws.write() as db:
        existing = db.execute("SELECT id FROM targets WHERE year = ? AND metric = ? AND kind_id IS ? "
                              "AND deleted_at IS NULL", [year, metric, kind_id]).fetchone()
        if existing:
            db["targets"].update(existing[0], {"value": value, **ws.stamp_changed()})
            target_id = existing[0]
        else:
            target_id = new_id()
            db["targets"].insert({"id": target_id, "year": year, "metric": metric, "kind_id": kind_id,
                                  "value": value, **ws.stamp_new()})
        ws.audit("doel", "target", target_id, f"{year} {metric}: {value:g}")
    return next(t for t in targets_for(ws, year) if t.id == target_id)


def delete_target(ws: Workspace, target_id: str) -> None:
    with ws.write() as db:
        if not db.execute("SELECT 1 FROM targets WHERE id = ? AND deleted_at IS NULL", [target_id]).fetchone():
            raise NotFound("Dat doel bestaat niet (meer).")
        db["targets"].update(target_id, {"deleted_at": utc_iso(), **ws.stamp_changed()})
        ws.audit("verwijderd", "target", target_id)


def targets_for(ws: Workspace, year: int) -> list[Target]:
    with ws.read() as db:
        return [Target(r["id"], r["year"], r["metric"], r["kind_id"], r["kind_name"], r["value"]) for r in db.query(
            """SELECT t.*, k.name AS kind_name FROM targets t LEFT JOIN certification_kinds k ON k.id = t.kind_id
               WHERE t.year = ? AND t.deleted_at IS NULL ORDER BY t.rowid""", [year])]


def realisation(ws: Workspace, target: Target, date_from: dt.date, date_to: dt.date) -> Realisation:
    """What the data shows for ``target`` in [date_from, date_to]; certification and partner counts
    are the state at the end of the period."""
    start, end = period_bounds(date_from, date_to)
    on = date_to.isoformat()
    # INDEXED BY: the m009 indexes a planner without statistics would pass over for wider ones.
    with ws.read() as db:
        one = lambda sql, params: db.execute(sql, params).fetchone()[0]  # noqa: E731
        match target.metric:
            case "contacts":
                value = one("""SELECT count(*) FROM contacts INDEXED BY idx_contacts_live_time
                               WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?""", [start, end])
            case "event_intakes":
                value = one("""SELECT count(*) FROM contacts INDEXED BY idx_contacts_live_event_time
                               WHERE deleted_at IS NULL AND event_id IS NOT NULL
                               AND occurred_at >= ? AND occurred_at < ?""", [start, end])
            case "referrals":
                value = one("""SELECT count(*) FROM referrals INDEXED BY idx_referrals_live_created
                               WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?""", [start, end])
            case "landed_share":
                landed, closed = db.execute(
                    """SELECT coalesce(sum(status = 'geland'), 0), count(*)
                       FROM referrals INDEXED BY idx_referrals_live_closed WHERE deleted_at IS NULL
                       AND status IN ('geland', 'niet gelukt', 'ingetrokken')
                       AND closed_at >= ? AND closed_at < ?""", [start, end]).fetchone()
                value = round(100 * landed / closed, 1) if closed else 0.0
            case "partners":
                value = one("""SELECT count(*) FROM organisations WHERE deleted_at IS NULL AND is_partner = 1
                               AND archived = 0""", [])
            case _:
                statuses = {
                    "certification_participants": certifications.STATUSES[:3],
                    "certification_obtained": (certifications.OBTAINED,),
                    "certification_in_progress": certifications.IN_PROGRESS,
                }[target.metric]
                value = one(
                    f"""SELECT count(DISTINCT c.organisation_id) FROM certifications c
                        JOIN organisations o ON o.id = c.organisation_id
                        WHERE c.deleted_at IS NULL AND o.deleted_at IS NULL AND c.kind_id = ?
                        AND c.status IN ({','.join('?' * len(statuses))})
                        AND NOT (c.status = 'behaald' AND c.valid_until < ?)""",
                    [target.kind_id, *statuses, on])
    return Realisation(target, float(value))


def realisations(ws: Workspace, year: int, date_to: dt.date | None = None) -> list[Realisation]:
    """This year's targets with their realisation from 1 January up to ``date_to`` (default today)."""
    date_to = date_to or clock.today()
    return [realisation(ws, t, dt.date(year, 1, 1), date_to) for t in targets_for(ws, year)]
