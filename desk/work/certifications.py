"""Certifications and labels (keurmerken) per organisation, with reminders before they expire or
before the deadline to obtain them passes."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel

from desk.core import clock
from desk.core.clock import new_id, utc_iso
from desk.core.errors import NotFound, ValidationFailed
from desk.core.settings import get_setting
from desk.core.workspace import Workspace
from desk.dates.phrases import format_date_nl, parse_date
from desk.work import followups

APPLIED, WORKING, OBTAINED, EXPIRED = "aangevraagd", "aan de slag", "behaald", "verlopen"
STATUSES = (APPLIED, WORKING, OBTAINED, EXPIRED)
IN_PROGRESS = (APPLIED, WORKING)
REMINDER_DAYS_SETTING = "certification_reminder_days"
DEFAULT_REMINDER_DAYS = 30
LABELS = {"kind": "Keurmerk", "status": "Status", "started_on": "Gestart", "obtained_on": "Behaald op",
          "valid_until": "Geldig tot"}

# name, validity in months, months to obtain it after starting (None: no deadline)
DEFAULT_KINDS = [
    ("Code Sociale Ondernemingen", 36, None),
    ("PSO 30+", 24, None),
    ("B Corp", 36, None),
    ("Label Ondernemen met impact", 24, 12),
    ("SROI-badge", 12, None),
]
_SEED_SETTING = "seeded_certification_kinds"


class CertificationKind(BaseModel):
    id: str
    name: str
    validity_months: int | None = None
    deadline_months: int | None = None


class Certification(BaseModel):
    id: str
    organisation_id: str
    organisation_name: str
    kind_id: str
    kind_name: str
    status: str
    started_on: dt.date | None = None
    obtained_on: dt.date | None = None
    valid_until: dt.date | None = None
    deadline: dt.date | None = None
    reminder_followup_id: str | None = None
    notes: str | None = None


def seed_defaults(ws: Workspace) -> None:
    with ws.read() as db:  # seeded before: no write lock needed, so Desk opens while another process writes
        if db.execute("SELECT 1 FROM settings WHERE key = ?", [_SEED_SETTING]).fetchone():
            return
    with ws.write() as db:
        if db.execute("SELECT 1 FROM settings WHERE key = ?", [_SEED_SETTING]).fetchone():
            return
        for name, validity, deadline in DEFAULT_KINDS:
            db["certification_kinds"].insert({"id": new_id(), "name": name, "validity_months": validity,
                                              "deadline_months": deadline, **ws.stamp_new()})
        db["settings"].insert({"key": _SEED_SETTING, "value": "1"})


def kinds(ws: Workspace) -> list[CertificationKind]:
    with ws.read() as db:
        return [CertificationKind(**row) for row in db.query(
            "SELECT id, name, validity_months, deadline_months FROM certification_kinds "
            "WHERE deleted_at IS NULL AND archived = 0 ORDER BY name")]


def add_kind(ws: Workspace, name: str, validity_months: int | None, deadline_months: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed({"kind": "geef het keurmerk een naam"}, LABELS)
    if any(k.name.casefold() == name.casefold() for k in kinds(ws)):
        raise ValidationFailed({"kind": f"'{name}' bestaat al"}, LABELS)
    kind_id = new_id()
    with ws.write() as db:
        db["certification_kinds"].insert({"id": kind_id, "name": name, "validity_months": validity_months,
                                          "deadline_months": deadline_months, **ws.stamp_new()})
        ws.audit("aangemaakt", "certification_kind", kind_id, name)
    return kind_id


def reminder_days(ws: Workspace) -> int:
    value = get_setting(ws, REMINDER_DAYS_SETTING)
    return int(value) if value and value.isdigit() else DEFAULT_REMINDER_DAYS


def _date(value: str | dt.date | None, field: str, today: dt.date) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    if not value.strip():
        return None
    try:
        return parse_date(value, today)
    except ValueError as exc:
        raise ValidationFailed({field: str(exc)}, LABELS) from None


def save_certification(ws: Workspace, *, organisation_id: str, kind_id: str, status: str,
                       started_on: str | dt.date | None = None, obtained_on: str | dt.date | None = None,
                       valid_until: str | dt.date | None = None, notes: str | None = None,
                       certification_id: str | None = None, today: dt.date | None = None) -> Certification:
    """Create or change one; a missing 'geldig tot' follows from the kind's validity, and the
    reminder follow-up is (re)planned before the expiry or the deadline to obtain it."""
    today = today or clock.today()
    if status not in STATUSES:
        raise ValidationFailed({"status": f"kies uit {', '.join(STATUSES)}"}, LABELS)
    kind = next((k for k in kinds(ws) if k.id == kind_id), None)
    if kind is None:
        raise ValidationFailed({"kind": "kies een keurmerk uit de lijst"}, LABELS)
    started = _date(started_on, "started_on", today)
    obtained = _date(obtained_on, "obtained_on", today)
    until = _date(valid_until, "valid_until", today)
    if status == OBTAINED and obtained is None:
        raise ValidationFailed({"obtained_on": "vul in wanneer het keurmerk behaald is"}, LABELS)
    if obtained and until is None and kind.validity_months:
        until = obtained + relativedelta(months=kind.validity_months)
    if obtained and until and until <= obtained:
        raise ValidationFailed({"valid_until": "ligt niet na de datum van behalen"}, LABELS)
    values = {"organisation_id": organisation_id, "kind_id": kind_id, "status": status,
              "started_on": started.isoformat() if started else None,
              "obtained_on": obtained.isoformat() if obtained else None,
              "valid_until": until.isoformat() if until else None, "notes": notes}
    with ws.write() as db:
        if certification_id:
            previous = get_certification(ws, certification_id)
            db["certifications"].update(certification_id, {**values, **ws.stamp_changed()})
            if previous.reminder_followup_id:
                _close_reminder(ws, previous.reminder_followup_id)
            ws.audit("gewijzigd", "certification", certification_id, f"{kind.name}: {status}")
        else:
            certification_id = new_id()
            db["certifications"].insert({"id": certification_id, **values, **ws.stamp_new()})
            ws.audit("aangemaakt", "certification", certification_id, f"{kind.name}: {status}")
        saved = get_certification(ws, certification_id)
        reminder = _plan_reminder(ws, saved, today)
        db["certifications"].update(certification_id, {"reminder_followup_id": reminder})
    return get_certification(ws, certification_id)


def _close_reminder(ws: Workspace, followup_id: str) -> None:
    try:
        if followups.get_followup(ws, followup_id).status == followups.OPEN:
            followups.cancel(ws, followup_id)
    except NotFound:
        pass


def _plan_reminder(ws: Workspace, cert: Certification, today: dt.date) -> str | None:
    """A follow-up some days before the expiry (behaald) or the deadline (aangevraagd, aan de slag)."""
    if cert.status == OBTAINED and cert.valid_until:
        moment, title = cert.valid_until, f"{cert.kind_name} van {cert.organisation_name} verloopt op"
    elif cert.status in IN_PROGRESS and cert.deadline:
        moment, title = cert.deadline, f"{cert.kind_name}: {cert.organisation_name} moet dit behalen vóór"
    else:
        return None
    due = max(moment - dt.timedelta(days=reminder_days(ws)), today)
    return followups.create_followup(ws, title=f"{title} {format_date_nl(moment)}", due=due,
                                     organisation_id=cert.organisation_id, today=today).id


_SELECT = """SELECT c.*, o.name AS organisation_name, k.name AS kind_name, k.deadline_months
    FROM certifications c JOIN organisations o ON o.id = c.organisation_id
    JOIN certification_kinds k ON k.id = c.kind_id"""


def _certification(row: dict) -> Certification:
    deadline = None
    if row["deadline_months"] and row["started_on"]:
        deadline = dt.date.fromisoformat(row["started_on"]) + relativedelta(months=row["deadline_months"])
    return Certification(**{k: v for k, v in row.items() if k in Certification.model_fields}, deadline=deadline)


def get_certification(ws: Workspace, certification_id: str) -> Certification:
    with ws.read() as db:
        row = next(db.query(f"{_SELECT} WHERE c.id = ? AND c.deleted_at IS NULL", [certification_id]), None)
    if row is None:
        raise NotFound("Dat keurmerk bestaat niet (meer).")
    return _certification(row)


def of_organisation(ws: Workspace, organisation_id: str) -> list[Certification]:
    with ws.read() as db:
        return [_certification(r) for r in db.query(
            f"{_SELECT} WHERE c.organisation_id = ? AND c.deleted_at IS NULL ORDER BY k.name", [organisation_id])]


def expiring(ws: Workspace, within_days: int = 60, today: dt.date | None = None) -> list[Certification]:
    """Obtained certifications whose validity ends within the coming days (or has just ended)."""
    today = today or clock.today()
    with ws.read() as db:
        return [_certification(r) for r in db.query(
            f"""{_SELECT} WHERE c.deleted_at IS NULL AND o.deleted_at IS NULL AND c.status = ?
                AND c.valid_until <= ? ORDER BY c.valid_until""",
            [OBTAINED, (today + dt.timedelta(days=within_days)).isoformat()])]


def delete_certification(ws: Workspace, certification_id: str) -> None:
    cert = get_certification(ws, certification_id)
    with ws.write() as db:
        now = utc_iso()
        db["certifications"].update(certification_id, {"deleted_at": now, "updated_at": now, "updated_by": ws.author})
        if cert.reminder_followup_id:
            _close_reminder(ws, cert.reminder_followup_id)
        ws.audit("verwijderd", "certification", certification_id, cert.kind_name)


def counts(ws: Workspace, on: dt.date | None = None) -> dict[str, dict[str, int]]:
    """Per kind, the number of organisations per status (a 'behaald' past its date counts as verlopen)."""
    on = (on or clock.today()).isoformat()
    with ws.read() as db:
        rows = db.execute(
            """SELECT k.name, CASE WHEN c.status = 'behaald' AND c.valid_until < :on THEN 'verlopen'
                                   ELSE c.status END AS shown, count(DISTINCT c.organisation_id)
               FROM certifications c JOIN certification_kinds k ON k.id = c.kind_id
               JOIN organisations o ON o.id = c.organisation_id
               WHERE c.deleted_at IS NULL AND o.deleted_at IS NULL GROUP BY k.name, shown""", {"on": on}).fetchall()
    result: dict[str, dict[str, int]] = {}
    for name, status, count in rows:
        result.setdefault(name, dict.fromkeys(STATUSES, 0))[status] = count
    return result



