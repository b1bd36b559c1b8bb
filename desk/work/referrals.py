"""Referrals (doorverwijzingen) to a department or partner, followed until the entrepreneur has
landed. Every status change is kept with its time and author; sending one schedules a check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, Field

from desk.core import clock
from desk.core import validation as v
from desk.core.clock import LOCAL_TZ, new_id, utc_iso
from desk.core.errors import DeskError, NotFound, ValidationFailed
from desk.core.settings import get_setting
from desk.core.workspace import Workspace
from desk.records import terms
from desk.work import followups

OPEN, SENT, IN_PROGRESS = "open", "doorgezet", "in behandeling"
LANDED, FAILED, WITHDRAWN = "geland", "niet gelukt", "ingetrokken"
STATUSES = (OPEN, SENT, IN_PROGRESS, LANDED, FAILED, WITHDRAWN)
CLOSED = (LANDED, FAILED, WITHDRAWN)
NEEDS_OUTCOME = (LANDED, FAILED)
TRANSITIONS = {
    OPEN: (SENT, WITHDRAWN),
    SENT: (IN_PROGRESS, LANDED, FAILED, WITHDRAWN),
    IN_PROGRESS: (LANDED, FAILED, WITHDRAWN),
    LANDED: (IN_PROGRESS,),  # reopening: back to being handled, history kept
    FAILED: (IN_PROGRESS,),
    WITHDRAWN: (OPEN,),
}
CHECK_DAYS_SETTING = "referral_check_days"
DEFAULT_CHECK_DAYS = 14
REFERRAL_LABELS = {"organisation_id": "Organisatie", "target": "Naar", "question": "Vraag", "needs": "Vragen",
                   "internal_contact": "Interne contactpersoon", "status": "Status", "note": "Toelichting"}


class Referral(BaseModel):
    id: str
    organisation_id: str
    organisation_name: str
    contact_id: str | None = None
    department_id: str | None = None
    partner_id: str | None = None
    target_name: str
    question: str
    needs: list[str] = Field(default_factory=list)
    internal_contact: str | None = None
    status: str
    outcome_note: str | None = None
    sent_at: str | None = None
    closed_at: str | None = None
    created_at: str
    created_by: str | None = None

    @property
    def target_kind(self) -> str:
        return "afdeling" if self.department_id else "partner"

    def age_days(self, today: dt.date) -> int:
        return (today - dt.datetime.fromisoformat(self.created_at).astimezone(LOCAL_TZ).date()).days


class HistoryEntry(BaseModel):
    from_status: str | None
    to_status: str
    note: str | None
    at: str
    author: str


@dataclass(frozen=True)
class TargetFigures:
    target_name: str
    kind: str  # afdeling | partner
    referrals: int
    open: int
    landed: int
    closed: int
    median_days_to_land: float | None

    @property
    def share_landed(self) -> float | None:
        """Landed as a share of the closed referrals; None while none is closed."""
        return self.landed / self.closed if self.closed else None


def _errors(**errors: str) -> ValidationFailed:
    return ValidationFailed(errors, REFERRAL_LABELS)


def check_days(ws: Workspace) -> int:
    value = get_setting(ws, CHECK_DAYS_SETTING)
    return int(value) if value and value.isdigit() else DEFAULT_CHECK_DAYS


def create_referral(ws: Workspace, *, organisation_id: str, question: str, department_id: str | None = None,
                    partner_id: str | None = None, needs: list[str] | None = None,
                    internal_contact: str | None = None, contact_id: str | None = None,
                    at: dt.datetime | None = None) -> Referral:
    """``at`` records an earlier moment (imported or demo history); normally it is now."""
    question = v.clean_text(question)
    errors: dict[str, str] = {}
    if not question:
        errors["question"] = "beschrijf de vraag in een zin"
    if bool(department_id) == bool(partner_id):
        errors["target"] = "kies een afdeling of een partner"
    need_ids_by_label = terms.ids_by_label(ws, terms.NEED)
    unknown = [n for n in needs or [] if n.casefold() not in need_ids_by_label]
    if unknown:
        errors["needs"] = f"'{unknown[0]}' staat niet in de lijst"
    with ws.read() as db:
        if not db.execute("SELECT 1 FROM organisations WHERE id = ? AND deleted_at IS NULL",
                          [organisation_id]).fetchone():
            errors["organisation_id"] = "onbekende organisatie"
        if department_id and not db.execute("SELECT 1 FROM departments WHERE id = ? AND deleted_at IS NULL",
                                            [department_id]).fetchone():
            errors["target"] = "onbekende afdeling"
        if partner_id and not db.execute(
                "SELECT 1 FROM organisations WHERE id = ? AND is_partner = 1 AND deleted_at IS NULL",
                [partner_id]).fetchone():
            errors["target"] = "dat is geen partner"
    if errors:
        raise ValidationFailed(errors, REFERRAL_LABELS)
    referral_id = new_id()
    with ws.write() as db:
        stamp = ws.stamp_new()
        if at:
            stamp.update(created_at=utc_iso(at), updated_at=utc_iso(at))
        db["referrals"].insert({
            "id": referral_id, "organisation_id": organisation_id, "contact_id": contact_id,
            "department_id": department_id, "partner_id": partner_id, "question": question,
            "internal_contact": v.clean_text(internal_contact), "status": OPEN, **stamp,
        })
        db["referral_needs"].insert_all([{"referral_id": referral_id, "term_id": need_ids_by_label[n.casefold()]}
                                         for n in dict.fromkeys(needs or [])])
        _record(ws, referral_id, None, OPEN, None, stamp["created_at"])
        ws.audit("aangemaakt", "referral", referral_id, question)
    return get_referral(ws, referral_id)


def _record(ws: Workspace, referral_id: str, from_status: str | None, to_status: str, note: str | None,
            at: str) -> None:
    ws.db["referral_history"].insert({"id": new_id(), "referral_id": referral_id, "from_status": from_status,
                                      "to_status": to_status, "note": note, "at": at, "author": ws.author})


def change_status(ws: Workspace, referral_id: str, to_status: str, note: str | None = None,
                  today: dt.date | None = None, at: dt.datetime | None = None) -> Referral:
    """Move a referral along; refuses transitions that make no sense, with a Dutch message.

    ``at`` records an earlier moment for imported or demo history; ``today`` dates the check.
    """
    referral = get_referral(ws, referral_id)
    note = v.clean_text(note)
    if to_status not in TRANSITIONS.get(referral.status, ()):
        options = [f"'{s}'" for s in TRANSITIONS.get(referral.status, ())]
        allowed = ", ".join(options[:-1]) + " of " + options[-1] if len(options) > 1 else options[0]
        raise DeskError(f"Een doorverwijzing die '{referral.status}' is kan niet naar '{to_status}'; "
                        f"wel naar {allowed}.")
    if to_status in NEEDS_OUTCOME and not note:
        raise _errors(note=f"schrijf bij '{to_status}' kort op hoe het afliep")
    today = today or clock.today()
    now = utc_iso(at)
    with ws.write() as db:
        values = {"status": to_status, "updated_at": now, "updated_by": ws.author}
        if to_status in CLOSED:
            values.update(closed_at=now, outcome_note=note)
        else:
            values.update(closed_at=None)
        if to_status == SENT and not referral.sent_at:
            values["sent_at"] = now
        db["referrals"].update(referral_id, values)
        _record(ws, referral_id, referral.status, to_status, note, now)
        ws.audit(to_status, "referral", referral_id, note or "")
        for item in followups.open_followups(ws, referral_id=referral_id):
            if to_status == WITHDRAWN:
                followups.cancel(ws, item.id)
            elif to_status in CLOSED:
                followups.mark_done(ws, item.id, today=today)
        if to_status in (SENT, IN_PROGRESS) and not followups.open_followups(ws, referral_id=referral_id):
            followups.create_followup(
                ws, title=f"Check of {referral.organisation_name} geland is bij {referral.target_name}",
                due=today + dt.timedelta(days=check_days(ws)), organisation_id=referral.organisation_id,
                referral_id=referral_id, contact_id=referral.contact_id, today=today,
            )
    return get_referral(ws, referral_id)


_SELECT = """SELECT r.*, o.name AS organisation_name, coalesce(d.name, p.name) AS target_name
    FROM referrals r JOIN organisations o ON o.id = r.organisation_id
    LEFT JOIN departments d ON d.id = r.department_id LEFT JOIN organisations p ON p.id = r.partner_id"""


def _with_needs(ws: Workspace, rows: list[dict]) -> list[Referral]:
    with ws.read() as db:
        result = []
        for row in rows:
            needs = [r[0] for r in db.execute(
                """SELECT t.label FROM referral_needs rn JOIN terms t ON t.id = rn.term_id
                   WHERE rn.referral_id = ? ORDER BY t.position""", [row["id"]])]
            result.append(Referral(**{k: val for k, val in row.items() if k in Referral.model_fields}, needs=needs))
        return result


def get_referral(ws: Workspace, referral_id: str) -> Referral:
    with ws.read() as db:
        rows = list(db.query(f"{_SELECT} WHERE r.id = ? AND r.deleted_at IS NULL", [referral_id]))
    if not rows:
        raise NotFound("Die doorverwijzing bestaat niet (meer).")
    return _with_needs(ws, rows)[0]


def _filters(status: str | None = None, organisation_id: str | None = None, department_id: str | None = None,
             partner_id: str | None = None, need: str | None = None) -> tuple[list[str], list[str]]:
    """WHERE conditions on ``referrals r`` (live ones only) and their parameters."""
    where, params = ["r.deleted_at IS NULL"], []
    for column, value in (("r.status", status), ("r.organisation_id", organisation_id),
                          ("r.department_id", department_id), ("r.partner_id", partner_id)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if need:
        where.append("r.id IN (SELECT rn.referral_id FROM referral_needs rn JOIN terms t ON t.id = rn.term_id "
                     "WHERE t.label = ?)")
        params.append(need)
    return where, params


def list_referrals(ws: Workspace, *, status: str | None = None, organisation_id: str | None = None,
                   department_id: str | None = None, partner_id: str | None = None,
                   need: str | None = None, limit: int | None = None, newest_first: bool = False) -> list[Referral]:
    where, params = _filters(status, organisation_id, department_id, partner_id, need)
    order = "r.created_at DESC" if newest_first else "r.created_at"
    page = " LIMIT ?" if limit else ""
    with ws.read() as db:
        rows = list(db.query(f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY {order}{page}",
                             [*params, *([limit] if limit else [])]))
    return _with_needs(ws, rows)


def count_by_status(ws: Workspace, **filters: str | None) -> dict[str, int]:
    """How many referrals per status, with the same filters as list_referrals."""
    where, params = _filters(**filters)
    with ws.read() as db:
        counted = dict(db.execute(f"SELECT r.status, count(*) FROM referrals r WHERE {' AND '.join(where)} "
                                  "GROUP BY r.status", params).fetchall())
    return {status: counted.get(status, 0) for status in STATUSES}


def running(ws: Workspace, limit: int = 6) -> list[Referral]:
    """Referrals still running, oldest first (the dashboard's 'open longest')."""
    with ws.read() as db:
        rows = list(db.query(
            # INDEXED BY: without statistics the planner sorts every running referral instead of
            # walking the partial index in order and stopping after ``limit``.
            f"""{_SELECT.replace("FROM referrals r ", "FROM referrals r INDEXED BY idx_referrals_running ", 1)}
                WHERE r.status IN ('open', 'doorgezet', 'in behandeling') AND r.deleted_at IS NULL
                ORDER BY r.created_at LIMIT ?""", [limit]))
    return _with_needs(ws, rows)


def history(ws: Workspace, referral_id: str) -> list[HistoryEntry]:
    with ws.read() as db:
        return [HistoryEntry(**{k: row[k] for k in HistoryEntry.model_fields}) for row in db.query(
            "SELECT * FROM referral_history WHERE referral_id = ? ORDER BY at, rowid", [referral_id])]


def figures_per_target(ws: Workspace, created_from: str | None = None,
                       created_before: str | None = None) -> list[TargetFigures]:
    """Per department and partner: referrals, open, landed, closed, median days from sending to
    landing; optionally only referrals created in [created_from, created_before) (UTC ISO)."""
    import statistics  # noqa: PLC0415 - the dashboard imports this module; it needs no median

    period = [created_from or "", created_before or "9999"]
    closed = ", ".join("?" * len(CLOSED))
    live = "r.deleted_at IS NULL AND r.organisation_id IS NOT NULL AND r.created_at >= ? AND r.created_at < ?"
    target = "coalesce(d.name, p.name), CASE WHEN g.department_id IS NULL THEN 'partner' ELSE 'afdeling' END"
    names = "LEFT JOIN departments d ON d.id = g.department_id LEFT JOIN organisations p ON p.id = g.partner_id"
    # SQLite counts per department or partner first and names the few hundred groups afterwards:
    # 50,000 referrals are neither joined one by one nor read into Python.
    with ws.read() as db:
        counted = db.execute(
            f"""WITH g AS (
                    SELECT r.department_id, r.partner_id, count(*) AS total, sum(r.status NOT IN ({closed})) AS running,
                           sum(r.status = ?) AS landed, sum(r.status IN ({closed})) AS ended
                    FROM referrals r WHERE {live} GROUP BY r.department_id, r.partner_id)
                SELECT {target}, sum(total), sum(running), sum(landed), sum(ended) FROM g {names}
                GROUP BY 1, 2 ORDER BY 1, 2""",
            [*CLOSED, LANDED, *CLOSED, *period]).fetchall()
        days: dict[tuple[str, str], list[float]] = {}
        for name, kind, span in db.execute(
                f"""SELECT {target}, julianday(g.closed_at) - julianday(coalesce(g.sent_at, g.created_at))
                    FROM (SELECT * FROM referrals r WHERE {live} AND r.status = ?) g {names}""", [*period, LANDED]):
            days.setdefault((name, kind), []).append(span)
    return [TargetFigures(target_name=name, kind=kind, referrals=total, open=running, landed=landed, closed=ended,
                          median_days_to_land=round(statistics.median(days[name, kind]), 1)
                          if (name, kind) in days else None)
            for name, kind, total, running, landed, ended in counted]


def handover_note(ws: Workspace, referral_id: str) -> str:
    """A short Dutch hand-over text to paste into a mail to the department or partner."""
    from desk.records import contacts, organisations  # noqa: PLC0415 - organisations imports persons, which is fine

    referral = get_referral(ws, referral_id)
    org = organisations.get_organisation(ws, referral.organisation_id)
    lines = [f"Onderwerp: doorverwijzing {org.name}", "", "Beste collega,", "",
             f"Graag breng ik {org.name} met jullie in contact. De vraag: {referral.question.rstrip('.')}."]
    if referral.needs:
        lines.append(f"Het gaat om: {', '.join(n.lower() for n in referral.needs)}.")
    lines += ["", "Gegevens:", f"- Organisatie: {org.name}" + (f", {org.city}" if org.city else "")]
    if org.kvk:
        lines.append(f"- KvK-nummer: {org.kvk}")
    if org.website:
        lines.append(f"- Website: {org.website}")
    for person in org.persons[:3]:
        details = ", ".join(p for p in (person.role, person.email, person.phone) if p)
        lines.append(f"- Contactpersoon: {person.name}" + (f" ({details})" if details else ""))
    if referral.internal_contact:
        lines.append(f"- Bij jullie: {referral.internal_contact}")
    discussed = contacts.timeline(ws, org.id, limit=3)
    if discussed:
        lines += ["", "Eerder besproken:"]
        for row in discussed:
            when = dt.datetime.fromisoformat(row.occurred_at).astimezone(LOCAL_TZ)
            lines.append(f"- {when:%d-%m-%Y}: {row.subject}")
    lines += ["", "Willen jullie laten weten wanneer er contact is geweest? Dan weet ik dat de ondernemer "
              "goed terecht is gekomen.", "", "Met vriendelijke groet,", ws.user.name if ws.user else ""]
    return "\n".join(lines).rstrip() + "\n"


def targets(ws: Workspace) -> list[tuple[str, str]]:
    """Where a referral can go, as (label, value) with value ``department:<id>`` or ``partner:<id>``."""
    from desk.records import departments  # noqa: PLC0415 - keeps this module's imports light

    with ws.read() as db:
        partners = db.execute("SELECT id, name FROM organisations WHERE is_partner = 1 AND archived = 0 "
                              "AND deleted_at IS NULL ORDER BY name").fetchall()
    return ([(f"Afdeling · {d.name}", f"department:{d.id}") for d in departments.list_departments(ws)]
            + [(f"Partner · {name}", f"partner:{partner_id}") for partner_id, name in partners])


def target_ids(value: str | None) -> dict[str, str | None]:
    """``department:<id>`` / ``partner:<id>`` to the keyword arguments of create_referral."""
    kind, _, target_id = (value or "").partition(":")
    return {"department_id": target_id if kind == "department" else None,
            "partner_id": target_id if kind == "partner" else None}
