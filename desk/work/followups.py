"""Follow-ups (opvolging): a due date typed the way people say it, optionally repeating, linked to
an organisation and perhaps to a contact moment or referral. Marking a repeating one done creates
the next occurrence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel

from desk.core import clock
from desk.core import validation as v
from desk.core.clock import new_id, utc_iso
from desk.core.errors import DeskError, NotFound, ValidationFailed
from desk.core.workspace import Workspace
from desk.dates.phrases import format_date_nl, parse_date, parse_datetime
from desk.dates.recurrence import Recurrence, next_occurrence, parse_recurrence
from desk.dates.tasks import split_date_phrase

OPEN, DONE, CANCELLED = "open", "gedaan", "geannuleerd"
FOLLOWUP_LABELS = {"title": "Wat", "due": "Wanneer", "recurrence": "Herhaling", "organisation_id": "Organisatie",
                   "phrase": "Opvolging"}


class FollowUp(BaseModel):
    id: str
    title: str
    due_date: dt.date
    due_time: str | None = None
    recurrence: str | None = None
    series_start: dt.date | None = None
    status: str
    organisation_id: str
    organisation_name: str = ""
    contact_id: str | None = None
    referral_id: str | None = None
    closed_at: str | None = None
    created_by: str | None = None

    @property
    def recurrence_text(self) -> str:
        return Recurrence.from_rule_string(self.recurrence).text if self.recurrence else ""

    @property
    def when_text(self) -> str:
        return format_date_nl(self.due_date) + (f" {self.due_time}" if self.due_time else "")


@dataclass(frozen=True)
class Agenda:
    """Open follow-ups by group, each in due order; ``totals`` counts every one in a group, also
    those beyond the limit the agenda was asked for."""
    overdue: list[FollowUp]
    today: list[FollowUp]
    this_week: list[FollowUp]
    later: list[FollowUp]
    totals: dict[str, int]


def _errors(**errors: str) -> ValidationFailed:
    return ValidationFailed(errors, FOLLOWUP_LABELS)


def _parse_due(text: str, today: dt.date) -> tuple[dt.date, str | None]:
    try:
        day, time = parse_datetime(text, today)
    except ValueError as exc:
        raise _errors(due=str(exc)) from None
    return day, time.strftime("%H:%M") if time else None


def _parse_recurrence(text: str | None) -> Recurrence | None:
    if not v.clean_text(text):
        return None
    try:
        return parse_recurrence(text)
    except ValueError as exc:
        raise _errors(recurrence=str(exc)) from None


def _check_organisation(ws: Workspace, org_id: str | None) -> None:
    with ws.read() as db:
        if not org_id or not db.execute("SELECT 1 FROM organisations WHERE id = ? AND deleted_at IS NULL",
                                        [org_id]).fetchone():
            raise _errors(organisation_id="kies een organisatie")


def create_followup(ws: Workspace, *, title: str, due: str | dt.date, organisation_id: str,
                    recurrence: str | None = None, contact_id: str | None = None,
                    referral_id: str | None = None, today: dt.date | None = None) -> FollowUp:
    """``due`` is a phrase ("over 2 weken", "vrijdag 14u") or a date; ``recurrence`` a phrase
    ("elke maand", "twee keer per jaar")."""
    today = today or clock.today()
    title = v.clean_text(title)
    if not title:
        raise _errors(title="is verplicht")
    day, time = (due, None) if isinstance(due, dt.date) else _parse_due(due, today)
    rule = _parse_recurrence(recurrence)
    _check_organisation(ws, organisation_id)
    followup_id = new_id()
    with ws.write() as db:
        db["followups"].insert({
            "id": followup_id, "title": title, "due_date": day.isoformat(), "due_time": time,
            "recurrence": rule.to_rule_string() if rule else None,
            "series_start": day.isoformat() if rule else None, "status": OPEN,
            "organisation_id": organisation_id, "contact_id": contact_id, "referral_id": referral_id,
            **ws.stamp_new(),
        })
        ws.audit("aangemaakt", "followup", followup_id, f"{title} ({day.isoformat()})")
    return get_followup(ws, followup_id)


def create_from_phrase(ws: Workspace, phrase: str, organisation_id: str, contact_id: str | None = None,
                       today: dt.date | None = None) -> FollowUp:
    """The intake's follow-up field: ``over 2 weken nabellen`` becomes a follow-up in two weeks."""
    day, time, rest = split_phrase(phrase, today or clock.today())
    due = day.isoformat() if time is None else f"{day.isoformat()} {time:%H:%M}"
    return create_followup(ws, title=rest or "Opvolgen", due=due, organisation_id=organisation_id,
                           contact_id=contact_id, today=today)


def split_phrase(phrase: str, today: dt.date) -> tuple[dt.date, dt.time | None, str]:
    try:
        return split_date_phrase(phrase, today)
    except ValueError as exc:
        raise _errors(phrase=str(exc)) from None


_SELECT = """SELECT f.*, o.name AS organisation_name FROM followups f
             JOIN organisations o ON o.id = f.organisation_id"""


def get_followup(ws: Workspace, followup_id: str) -> FollowUp:
    with ws.read() as db:
        row = next(db.query(f"{_SELECT} WHERE f.id = ? AND f.deleted_at IS NULL", [followup_id]), None)
    if row is None:
        raise NotFound("Die opvolging bestaat niet (meer).")
    return FollowUp(**row)


def _set_status(ws: Workspace, followup: FollowUp, status: str) -> None:
    ws.db.execute("UPDATE followups SET status = ?, closed_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                  [status, utc_iso() if status != OPEN else None, utc_iso(), ws.author, followup.id])
    ws.audit(status, "followup", followup.id, followup.title)


def mark_done(ws: Workspace, followup_id: str, today: dt.date | None = None) -> FollowUp | None:
    """Mark done; for a repeating follow-up, return the next occurrence that was created.

    The next occurrence is the first one after the due date, or, when the follow-up was done late,
    the first one from today on: missed occurrences are not created in the past.
    """
    today = today or clock.today()
    followup = get_followup(ws, followup_id)
    if followup.status != OPEN:
        raise DeskError(f"Deze opvolging is al {followup.status}.")
    with ws.write():
        _set_status(ws, followup, DONE)
        if not followup.recurrence:
            return None
        rule = Recurrence.from_rule_string(followup.recurrence)
        after = max(followup.due_date, today - dt.timedelta(days=1))
        next_due = next_occurrence(rule, followup.series_start or followup.due_date, after)
        next_id = new_id()
        ws.db["followups"].insert({
            "id": next_id, "title": followup.title, "due_date": next_due.isoformat(), "due_time": followup.due_time,
            "recurrence": followup.recurrence, "series_start": (followup.series_start or followup.due_date).isoformat(),
            "status": OPEN, "organisation_id": followup.organisation_id, "contact_id": followup.contact_id,
            "referral_id": followup.referral_id, **ws.stamp_new(),
        })
        ws.audit("aangemaakt", "followup", next_id, f"volgende keer: {next_due.isoformat()}")
    return get_followup(ws, next_id)


def undo_done(ws: Workspace, followup_id: str, following_id: str | None = None) -> None:
    """Take a ``mark_done`` back: the follow-up is open again, and the next occurrence it created
    (``following_id``, for a repeating one) goes away, both in one transaction."""
    followup = get_followup(ws, followup_id)
    if followup.status != DONE:
        raise DeskError(f"Deze opvolging is niet gedaan maar {followup.status}.")
    with ws.write() as db:
        _set_status(ws, followup, OPEN)
        if following_id:
            db.execute("UPDATE followups SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                       [utc_iso(), utc_iso(), ws.author, following_id])
            ws.audit("verwijderd", "followup", following_id, "gedaan ongedaan gemaakt")


def cancel(ws: Workspace, followup_id: str) -> None:
    followup = get_followup(ws, followup_id)
    with ws.write():
        _set_status(ws, followup, CANCELLED)


def reopen(ws: Workspace, followup_id: str) -> None:
    followup = get_followup(ws, followup_id)
    with ws.write():
        _set_status(ws, followup, OPEN)


def snooze(ws: Workspace, followup_id: str, phrase: str, today: dt.date | None = None) -> FollowUp:
    """Move the due date: ``morgen``, ``maandag``, ``+1w``, ``over 3 dagen`` (counted from today)."""
    followup = get_followup(ws, followup_id)
    try:
        day = parse_date(phrase, today or clock.today())
    except ValueError as exc:
        raise _errors(due=str(exc)) from None
    with ws.write() as db:
        db.execute("UPDATE followups SET due_date = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                   [day.isoformat(), utc_iso(), ws.author, followup_id])
        ws.audit("uitgesteld", "followup", followup_id, f"{followup.due_date.isoformat()} → {day.isoformat()}")
    return get_followup(ws, followup_id)


def update_followup(ws: Workspace, followup_id: str, *, title: str, due: str, recurrence: str | None,
                    today: dt.date | None = None) -> FollowUp:
    followup = get_followup(ws, followup_id)
    title = v.clean_text(title)
    if not title:
        raise _errors(title="is verplicht")
    day, time = _parse_due(due, today or clock.today())
    rule = _parse_recurrence(recurrence)
    with ws.write() as db:
        db.execute(
            """UPDATE followups SET title = ?, due_date = ?, due_time = ?, recurrence = ?, series_start = ?,
               updated_at = ?, updated_by = ? WHERE id = ?""",
            [title, day.isoformat(), time, rule.to_rule_string() if rule else None,
             day.isoformat() if rule else None, utc_iso(), ws.author, followup_id],
        )
        ws.audit("gewijzigd", "followup", followup_id, title)
    return get_followup(ws, followup.id)


def open_followups(ws: Workspace, organisation_id: str | None = None, referral_id: str | None = None) -> list[FollowUp]:
    where, params = ["f.status = 'open'", "f.deleted_at IS NULL", "o.deleted_at IS NULL"], []
    if organisation_id:
        where.append("f.organisation_id = ?")
        params.append(organisation_id)
    if referral_id:
        where.append("f.referral_id = ?")
        params.append(referral_id)
    with ws.read() as db:
        rows = db.query(f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY f.due_date, f.due_time, f.title", params)
        return [FollowUp(**row) for row in rows]


def agenda(ws: Workspace, today: dt.date | None = None, limit: int | None = None) -> Agenda:
    """Open follow-ups in four groups; 'deze week' runs to Sunday of the current week. With ``limit``,
    each group holds at most that many (the first by due date), so a screen stays quick with
    thousands of open follow-ups; ``totals`` still counts them all."""
    today = today or clock.today()
    end_of_week = today + dt.timedelta(days=6 - today.weekday())
    groups = {
        "overdue": "f.due_date < :today",
        "today": "f.due_date = :today",
        "this_week": "f.due_date > :today AND f.due_date <= :week_end",
        "later": "f.due_date > :week_end",
    }
    params = {"today": today.isoformat(), "week_end": end_of_week.isoformat()}
    live = "f.status = 'open' AND f.deleted_at IS NULL AND o.deleted_at IS NULL"
    page = " LIMIT :limit" if limit else ""
    with ws.read() as db:
        found = {key: [FollowUp(**row) for row in db.query(
            f"{_SELECT} WHERE {live} AND {condition} ORDER BY f.due_date, f.due_time, f.title{page}",
            {**params, "limit": limit})] for key, condition in groups.items()}
        counted = db.execute(
            f"""SELECT {", ".join(f"coalesce(sum({condition}), 0)" for condition in groups.values())}
                FROM followups f JOIN organisations o ON o.id = f.organisation_id WHERE {live}""", params).fetchone()
    return Agenda(**found, totals=dict(zip(groups, counted)))


def due_counts(ws: Workspace, today: dt.date | None = None) -> tuple[int, int]:
    """(overdue, due today) for the dashboard."""
    today = (today or clock.today()).isoformat()
    with ws.read() as db:
        return db.execute(
            """SELECT coalesce(sum(f.due_date < :today), 0), coalesce(sum(f.due_date = :today), 0)
               FROM followups f JOIN organisations o ON o.id = f.organisation_id
               WHERE f.status = 'open' AND f.due_date <= :today AND f.deleted_at IS NULL
               AND o.deleted_at IS NULL""",
            {"today": today},
        ).fetchone()
