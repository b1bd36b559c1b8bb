"""What is dated around the day the demo is loaded: the follow-ups of the account manager's agenda,
and the certifications still running or running out soon."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from desk.demo.data import _PlannedCertification, _PlannedFollowUp
from desk.work import certifications

# --------------------------------------------------------------------------------------------
# Follow-ups: the account manager's agenda, around the day the demo is loaded

ANY_CONTACT = "*"


def _workday(day: dt.date, today: dt.date) -> dt.date:
    """Not in the weekend (unless it is today): an earlier day to the Friday before, a later one to the
    Monday after."""
    if day == today or day.weekday() < 5:
        return day
    if day < today:
        return day - dt.timedelta(days=day.weekday() - 4)
    return day + dt.timedelta(days=7 - day.weekday())


def _due(item: _PlannedFollowUp, today: dt.date) -> dt.date:
    if not item.this_week:
        return _workday(today + dt.timedelta(days=item.days), today)
    left = [today + dt.timedelta(days=n) for n in range(1, 7 - today.weekday())]  # until Sunday
    slots = [day for day in left if day.weekday() < 5] or left
    if not slots:  # on a Sunday the week is over: early next week then
        slots = [today + dt.timedelta(days=n) for n in (1, 2, 3)]
    return slots[item.days % len(slots)]



# --------------------------------------------------------------------------------------------
# Certifications: who is working on which label, after the progress reports of label programmes
# (many organisations working on the label 'Ondernemen met impact', a fair number obtained)


def _certification_dates(planned: _PlannedCertification, kind: certifications.CertificationKind,
                         today: dt.date) -> dict | None:
    """Status and dates for loading on ``today``; None when it would lie after that day (a load as
    if on an earlier day). An obtained one whose validity ended before ``today`` is stored as
    verlopen, as the account manager would have marked it."""
    validity = relativedelta(months=kind.validity_months or 12)
    if planned.started_days_ago is not None:
        return {"status": planned.status, "started_on": today - dt.timedelta(days=planned.started_days_ago),
                "obtained_on": None, "valid_until": None}
    if planned.expires_in_days is not None:
        until = today + dt.timedelta(days=planned.expires_in_days)
        obtained = until - validity
        return {"status": planned.status, "started_on": obtained - dt.timedelta(days=150),
                "obtained_on": obtained, "valid_until": until}
    if planned.obtained > today:
        return None
    until = planned.obtained + validity
    status = certifications.EXPIRED if until < today else planned.status
    return {"status": status, "started_on": planned.started, "obtained_on": planned.obtained,
            "valid_until": until}

