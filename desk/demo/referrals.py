"""The referrals: some of the needs from the contact history, referred to a department or a
partner, and how far each has come. Pure data, like the history: the same on every call."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from desk.core.clock import LOCAL_TZ
from desk.demo.data import (
    _AMOUNTS,
    _DAYS_TO_LAND,
    _HISTORIES,
    _IN_PROGRESS_NOTES,
    _PARTNER_NAMES,
    _ROUTES,
    _SENT_NOTES,
    _WITHDRAWN_BEFORE_SENDING,
    _WITHDRAWN_NOTES,
    REFERENCE_DATE,
    _organisations,
    _Route,
)
from desk.demo.history import DOORVERWIJZING, NETWERK, REG, _first_name, _PlannedContact, _sentence
from desk.work.referrals import FAILED, IN_PROGRESS, LANDED, OPEN, SENT, WITHDRAWN

REFERRAL_COUNT = 50
# The oldest ones are closed, the newest are still open; the ones in between are being handled.
_CLOSED_SHARE, _OPEN_SHARE = 0.52, 0.12
_LANDED_SHARE, _FAILED_SHARE = 0.55, 0.23  # of the closed ones; the rest is withdrawn
# For referrals still being handled, the days from the load date to their check: oldest first.
_CHECK_FROM, _CHECK_UNTIL = -8, 24

# How the referrals moved, counted from their contact moment: made a few minutes after it, sent
# within a few working days, taken up days to weeks later and closed after a spread that differs
# per department or partner (days_to_land in referrals.toml: typical days from sending to landing).
_MADE_AFTER_MINUTES = (5, 50)
_SEND_WITHIN_WORKDAYS = 3
_DEFAULT_DAYS_TO_LAND = 21
_LAND_SPREAD = 0.35  # one referral lands up to this share sooner or later than its target's typical
_LAND_DAYS = (5, 58)  # bounds, before moving a weekend day to the Monday after
_FAIL_DAYS = (7, 80)  # failing tends to take a little longer: it is given up after a while
_TAKEN_UP_DAYS = (2, 35)  # from sending to being handled, for the ones still being handled
_WITHDRAWN_DAYS = (1, 30)


@dataclass(frozen=True)
class _PlannedReferral:
    contact: _PlannedContact
    target: str  # department name or partner key
    to_partner: bool
    question: str
    needs: tuple[str, ...]
    steps: tuple[tuple[str, str | None], ...]  # (status, note), after being made
    moments: tuple[dt.datetime, ...]  # when it was made, then when each step happened
    check_in_days: int | None = None  # being handled: when its check is due, counted from the load date

    @property
    def status(self) -> str:
        return self.steps[-1][0] if self.steps else OPEN


def _amount_in(text: str, rng: random.Random) -> str:
    """The amount in euros the contact moment mentions ("60.000"), or else a likely one."""
    for word in text.split():
        if word.replace(".", "").isdigit() and "." in word:
            return word
    return rng.choice(_AMOUNTS[1:])


def _referral_plan(contacts: list[_PlannedContact]) -> list[_PlannedReferral]:
    """Which contact moments led to a referral, where to, and how far each has come. Pure data: the
    same on every call, whatever is in the database."""
    rng = random.Random(REFERENCE_DATE.toordinal() + 1)
    timing = random.Random(REFERENCE_DATE.toordinal() + 2)  # its own, so the timing leaves the rest as it is
    orgs = {org.key: org for org in _organisations()}
    routes_for = {(org.key, need): [r for r in _ROUTES if r.need == need and r.fits(org)]
                  for org in orgs.values() for need in {route.need for route in _ROUTES}}

    # every need an active entrepreneur raised, with the contact moments it came up in
    mentions: dict[tuple[str, str], list[_PlannedContact]] = {}
    for contact in contacts:
        org = orgs[contact.org_key]
        if org.is_partner or org.archived:
            continue
        for need in contact.needs:
            if routes_for.get((org.key, need)):
                mentions.setdefault((org.key, need), []).append(contact)
    # in a random order, weighted (Efraimidis–Spirakis); a question about the network is quickly asked,
    # so fewer of those become a referral
    weighted = [(pair, 0.3 if pair[1] == NETWERK else 1.0) for pair in sorted(mentions)]
    pairs = [pair for pair, _ in sorted(weighted, key=lambda pw: rng.random() ** (1 / pw[1]), reverse=True)]

    chosen: list[tuple[_PlannedContact, str]] = []
    used: set[_PlannedContact] = set()
    for org_key, need in pairs:
        if len(chosen) == REFERRAL_COUNT:
            break
        moments = [c for c in mentions[(org_key, need)] if c not in used]
        if not moments:
            continue
        # where the account manager referred on the spot, that is the moment; otherwise the latest
        # mention or an earlier one
        on_the_spot = [c for c in moments if DOORVERWIJZING in c.needs and c.needs[0] == need]
        contact = on_the_spot[-1] if on_the_spot else moments[-1] if rng.random() < 0.5 else rng.choice(moments)
        used.add(contact)
        chosen.append((contact, need))
    chosen.sort(key=lambda cn: (cn[0].occurred_at, cn[0].org_key, cn[1]))

    count = len(chosen)
    closed, still_open = round(count * _CLOSED_SHARE), round(count * _OPEN_SHARE)
    handled = count - closed - still_open
    landed, failed = round(closed * _LANDED_SHARE), round(closed * _FAILED_SHARE)
    outcomes = [LANDED] * landed + [FAILED] * failed + [WITHDRAWN] * (closed - landed - failed)
    rng.shuffle(outcomes)
    progress = [SENT] * (handled // 2) + [IN_PROGRESS] * (handled - handled // 2)
    rng.shuffle(progress)
    finals = outcomes + progress + [OPEN] * still_open

    plan = []
    for i, ((contact, need), final) in enumerate(zip(chosen, finals, strict=True)):
        org = orgs[contact.org_key]
        route = _choose_route(routes_for[(org.key, need)], contact, rng)
        values = {"org": org.name, "plan": _HISTORIES[org.key].plan, "first": _first_name(contact.person_names[0]),
                  "amount": _amount_in(contact.notes, rng)}
        questions = route.regular_questions if org.impact_type == REG and route.regular_questions else route.questions
        question = _sentence(rng.choice(questions).format(**values))
        needs = tuple(n for n in contact.needs if n == need or any(
            r.need == n and r.target == route.target for r in routes_for.get((org.key, n), [])))
        steps = _steps(final, route, values, rng)
        check = None
        if final in (SENT, IN_PROGRESS):
            rank = i - closed  # among the ones being handled, oldest first
            check = _CHECK_FROM + round(rank * (_CHECK_UNTIL - _CHECK_FROM) / max(handled - 1, 1))
        moments = _timeline(contact, route.target, steps, timing)
        plan.append(_PlannedReferral(contact, route.target, route.to_partner, question, needs, steps, moments, check))
    return plan


def _next_workday(day: dt.date) -> dt.date:
    """The day itself, or the Monday after when it falls in the weekend."""
    return day + dt.timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def _add_workdays(day: dt.date, count: int) -> dt.date:
    for _ in range(count):
        day = _next_workday(day + dt.timedelta(days=1))
    return day


def _at_the_office(day: dt.date, after: dt.datetime, rng: random.Random) -> dt.datetime:
    """A moment on ``day`` during office hours (9:00 to 17:00), but always later than ``after``."""
    moment = dt.datetime.combine(day, dt.time(9), LOCAL_TZ) + dt.timedelta(minutes=rng.randrange(0, 8 * 60, 5))
    return moment if moment > after else after + dt.timedelta(minutes=rng.randrange(10, 120, 5))


def _timeline(contact: _PlannedContact, target: str, steps: tuple[tuple[str, str | None], ...],
              rng: random.Random) -> tuple[dt.datetime, ...]:
    """When the referral was made and when each step happened, counted from its contact moment."""
    made = contact.occurred_at + dt.timedelta(minutes=rng.randrange(*_MADE_AFTER_MINUTES, 5))
    moments = [made]
    statuses = [status for status, _ in steps]
    final = statuses[-1] if statuses else OPEN
    typical = _DAYS_TO_LAND.get(target, _DEFAULT_DAYS_TO_LAND)
    # days from sending to closing, chosen first so that being taken up can fall in between
    if final == LANDED:
        closed_after = round(typical * rng.uniform(1 - _LAND_SPREAD, 1 + _LAND_SPREAD))
        closed_after = min(max(closed_after, _LAND_DAYS[0]), _LAND_DAYS[1])
    elif final == FAILED:
        closed_after = min(max(round(typical * rng.uniform(0.8, 1.6)), _FAIL_DAYS[0]), _FAIL_DAYS[1])
    else:
        closed_after = rng.randint(*_WITHDRAWN_DAYS)
    sent: dt.date | None = None
    for status in statuses:
        if status == SENT:  # the same day, unless the conversation ran into the evening
            workdays = rng.randint(0, _SEND_WITHIN_WORKDAYS)
            sent = day = _add_workdays(made.date(), max(workdays, made.hour >= 17))
        elif status == IN_PROGRESS and final == IN_PROGRESS:
            day = sent + dt.timedelta(days=rng.randint(*_TAKEN_UP_DAYS))
        elif status == IN_PROGRESS:  # on the way to closing: somewhere in the first two thirds
            day = sent + dt.timedelta(days=rng.randint(1, max(1, min(21, closed_after * 2 // 3))))
        else:  # closed: counted from sending, or from making when it was withdrawn before sending
            day = (sent or made.date()) + dt.timedelta(days=closed_after)
        moments.append(_at_the_office(day if status == SENT else _next_workday(day), moments[-1], rng))
    return tuple(moments)


def _choose_route(routes: list[_Route], contact: _PlannedContact, rng: random.Random) -> _Route:
    """The partner named in the conversation, when there is one; otherwise a weighted pick."""
    said = f"{contact.subject} {contact.notes}".casefold()
    named = [r for r in routes if r.to_partner and _PARTNER_NAMES[r.target].casefold() in said]
    if named:
        return named[0]
    return rng.choices(routes, weights=[r.weight for r in routes])[0]


def _steps(final: str, route: _Route, values: dict[str, str], rng: random.Random) -> tuple[tuple[str, str | None], ...]:
    """The status changes from open to ``final``, each with a note."""
    def say(templates: tuple[str, ...]) -> str:
        return _sentence(rng.choice(templates).format(**values))

    if final == OPEN:
        return ()
    if final == WITHDRAWN and rng.random() < 0.5:
        return ((WITHDRAWN, say(_WITHDRAWN_BEFORE_SENDING)),)
    steps: list[tuple[str, str | None]] = [(SENT, say(_SENT_NOTES))]
    if final == IN_PROGRESS or (final in (LANDED, FAILED) and rng.random() < 0.6):
        steps.append((IN_PROGRESS, say(_IN_PROGRESS_NOTES)))
    if final == WITHDRAWN:
        steps.append((WITHDRAWN, say(_WITHDRAWN_NOTES)))
    elif final in (LANDED, FAILED):
        steps.append((final, say(route.landed if final == LANDED else route.failed)))
    return tuple(steps)
