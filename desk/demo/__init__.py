"""A fictional demo data set: the municipality of Rivierstad and the impact entrepreneurs, partners
and contact persons around it.

Everything here is made up: names, addresses, KvK-nummers (all start with 9), websites (on the
reserved ``.example`` domain), e-mail addresses and phone numbers. The data set is written out in
the package's TOML files, so that it reads like a register: organisations, persons, events, what the
contact history is about and the phrases it is told in, referral routes, the agenda, certifications,
targets and the toolbox's answers (``data.py`` reads them). Generated are the phone numbers and the
contact history: two years of contact moments before ``REFERENCE_DATE``, composed from those tables
with a seeded random generator, so every load gives the same data set.

``load_demo`` goes through the services, part by part (organisations, persons, events, contact
moments, the departments' contact persons, referrals, follow-ups, certifications, targets and a
first round of the toolbox); each ``_load_...`` step uses the ids the earlier steps put in the
``_Context``. Only the agenda is dated relative to the day of loading: the checks of referrals still
being handled and the open follow-ups fall around that day, and so do the certifications still
running (their deadline lies ahead) and a few obtained ones that expire in the weeks after it, so
the agenda and the dashboard look alive whenever the demo is opened. The targets are for the year
of loading and the year before. Everything else is the same on every load, the referrals' history
included (made shortly after their contact moment, sent a few working days later, closed weeks
later), apart from the times the services stamp themselves (when an organisation, person or contact
moment was made: the moment of loading).
"""

from __future__ import annotations

import datetime as dt
import random
import string
import unicodedata
from dataclasses import dataclass, field, replace

from dateutil.relativedelta import relativedelta

from desk.core import clock, settings
from desk.core.clock import LOCAL_TZ
from desk.core.errors import DeskError
from desk.core.workspace import Workspace
from desk.demo.data import (
    _AMOUNTS,
    _CERTIFICATION_PLAN,
    _CHANNEL_OPENINGS,
    _CHANNELS,
    _CLOSINGS,
    _DAYS_TO_LAND,
    _DEPARTMENT_CONTACTS,
    _EVENT_OPENINGS,
    _EVENT_SUBJECTS,
    _EVENTS,
    _FIRST_SUBJECTS,
    _FOLLOW_UP_PLAN,
    _FOLLOW_UPS,
    _GENERAL_NOTES,
    _GENERAL_SUBJECTS,
    _HISTORIES,
    _IN_PROGRESS_NOTES,
    _LISTED_PERSONS,
    _NEED_FOLLOW_UPS,
    _NEED_NOTES,
    _NEED_PHRASES,
    _NEED_SUBJECTS,
    _OVERLEGTAFEL_NOTES,
    _PARTNER_CLOSINGS,
    _PARTNER_NAMES,
    _PARTNER_NOTES,
    _PARTNER_SUBJECTS,
    _REFERRAL_PARTNERS,
    _ROUTES,
    _SENT_NOTES,
    _SROI_NOTES_REGULAR,
    _TARGETS,
    _TOOLBOX,
    _VISIT_SUBJECTS,
    _WITHDRAWN_BEFORE_SENDING,
    _WITHDRAWN_NOTES,
    HISTORY_START,
    MUNICIPAL_MAIL_DOMAIN,
    REFERENCE_DATE,
    _Event,
    _History,
    _Org,
    _organisations,
    _Person,
    _PlannedCertification,
    _PlannedFollowUp,
    _Route,
)
from desk.records.contacts import create_contact
from desk.records.departments import list_departments, save_department
from desk.records.events import create_event, find_event
from desk.records.organisations import (
    count_organisations,
    create_organisation,
    find_by_kvk,
    get_organisation,
    list_organisations,
)
from desk.records.persons import create_person
from desk.toolbox import workbook
from desk.work import certifications, targets
from desk.work.followups import create_followup, mark_done, open_followups
from desk.work.referrals import (
    FAILED,
    IN_PROGRESS,
    LANDED,
    OPEN,
    SENT,
    STATUSES,
    WITHDRAWN,
    change_status,
    check_days,
    create_referral,
)

MUNICIPALITY = "Gemeente Rivierstad"

NOT_EMPTY_MESSAGE = "De database is niet leeg; gebruik --force om de demogegevens toch toe te voegen."

# The impact types (as in terms.DEFAULTS), needs and event kinds the generated history treats apart.
REG, MI = "Regulier", "Maatschappelijk initiatief"
DOORVERWIJZING, NETWERK, SROI = "Doorverwijzing", "Netwerk", "SROI"
BEURSVLOER, OVERLEGTAFEL = "beursvloer", "overlegtafel"


@dataclass
class DemoSummary:
    municipality: str = MUNICIPALITY
    organisations: int = 0
    partners: int = 0
    archived: int = 0
    persons: int = 0
    events: int = 0
    contacts: int = 0
    departments_filled: int = 0  # departments that got an internal contact person
    referrals: int = 0
    referral_statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    followups: int = 0  # open follow-ups made in this load, the checks of referrals included
    referral_checks: int = 0  # of which checks whether a referral has landed
    followups_done: int = 0  # made and already done, so there is some history
    certifications: int = 0
    certification_statuses: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(certifications.STATUSES, 0))
    certification_reminders: int = 0  # open follow-ups before an expiry or deadline, counted in followups
    targets: int = 0  # targets set (a target that was already there is left alone)
    target_years: list[int] = field(default_factory=list)
    toolbox_items: int = 0  # toolbox items answered, ticked or annotated in the current round
    skipped_organisations: int = 0
    municipality_set: bool = False

    def __str__(self) -> str:
        text = (f"{self.organisations} organisaties ({self.partners} partners, {self.archived} gearchiveerd), "
                f"{self.persons} contactpersonen, {self.events} evenementen, {self.contacts} contactmomenten, "
                f"{self.referrals} doorverwijzingen, {self.certifications} keurmerken en "
                f"{self.followups} open opvolgingen")
        of_which = [part for count, part in (
            (self.referral_checks, f"{self.referral_checks} checks van doorverwijzingen"),
            (self.certification_reminders, f"{self.certification_reminders} herinneringen voor keurmerken"),
        ) if count]
        if of_which:
            text += f" (waarvan {' en '.join(of_which)})"
        if self.targets:
            years = " en ".join(str(year) for year in self.target_years)
            text += f"; {self.targets} doelen voor {years}"
        if self.toolbox_items:
            text += f"; {self.toolbox_items} onderdelen van de toolbox ingevuld"
        if self.departments_filled:
            text += f"; {self.departments_filled} afdelingen kregen een interne contactpersoon"
        if self.skipped_organisations:
            text += f"; {self.skipped_organisations} organisaties stonden er al en zijn overgeslagen"
        return text


@dataclass
class _Context:
    """What the load steps share: the workspace, the running summary and the ids made so far."""

    ws: Workspace
    summary: DemoSummary
    org_ids: dict[str, str] = field(default_factory=dict)  # demo key → id, new or already present
    new_org_keys: set[str] = field(default_factory=set)
    person_ids: dict[str, str] = field(default_factory=dict)  # person name → id
    event_ids: dict[str, str] = field(default_factory=dict)  # event name → id, new or already present
    today: dt.date = field(default_factory=dt.date.today)  # the day the agenda is built around
    plan: list[_PlannedContact] = field(default_factory=list)  # every demo contact moment, made or not
    contact_ids: dict[_PlannedContact, str] = field(default_factory=dict)  # the ones made in this load → id


# --------------------------------------------------------------------------------------------
# Persons

_SMALL_FORMS = {"Eenmanszaak", "VOF"}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _email(name: str, org: _Org) -> str | None:
    """first.lastname@domain; just first name at a one-person business or a VOF."""
    domain = org.mail_domain
    if domain is None:
        return None
    first, *rest = _ascii(name).split()
    local = first if org.legal_form in _SMALL_FORMS else f"{first}.{''.join(rest)}"
    return f"{local}@{domain}"


def _phone(rng: random.Random) -> str:
    """A made-up Dutch number: mostly mobile, some landline in the region's area code."""
    if rng.random() < 0.3:
        return f"0488-{rng.randint(200000, 899999)}"
    return f"06-{rng.randint(10000000, 59999999)}"


def _persons() -> list[_Person]:
    """The persons as listed, with an e-mail address where the file gives none and a phone number."""
    orgs = {org.key: org for org in _organisations()}
    rng = random.Random(2026)
    return [replace(person, email=person.email or _email(person.name, orgs[person.org_keys[0]]), phone=_phone(rng))
            for person in _LISTED_PERSONS]


# --------------------------------------------------------------------------------------------
# Contact history: who the account manager speaks how often, and about what


@dataclass(frozen=True)
class _PlannedContact:
    org_key: str
    occurred_at: dt.datetime
    channel: str
    person_names: tuple[str, ...]
    subject: str
    notes: str
    needs: tuple[str, ...]
    event_name: str | None = None
    follow_up_text: str | None = None


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_name(name: str) -> str:
    return "Mei Ling" if name.startswith("Mei Ling ") else name.split()[0]


class _HistoryWriter:
    """Composes the contact moments from the tables above; one seeded generator, so the same every time."""

    def __init__(self) -> None:
        self.rng = random.Random(REFERENCE_DATE.toordinal())
        self.orgs = {org.key: org for org in _organisations()}
        self.persons: dict[str, list[str]] = {key: [] for key in self.orgs}
        for person in _persons():
            for key in person.org_keys:
                self.persons[key].append(person.name)

    def plan(self) -> list[_PlannedContact]:
        contacts = [c for org in self.orgs.values() for c in self._between_events(org)]
        contacts += [c for event in _EVENTS for c in self._at_event(event)]
        return sorted(contacts, key=lambda c: (c.occurred_at, c.org_key))

    # -- the pieces

    def _pick(self, templates: tuple[str, ...], values: dict[str, str]) -> str:
        usable = [t for t in templates if _fields(t) <= values.keys()]
        return self.rng.choice(usable).format(**values)

    def _say(self, templates: tuple[str, ...], values: dict[str, str]) -> str:
        """A subject or sentence: picked like ``_pick``, starting with a capital."""
        return _sentence(self._pick(templates, values))

    def _weighted_sample(self, items: list, weights: list[float], k: int) -> list:
        """k items without replacement, heavier ones more likely (Efraimidis–Spirakis)."""
        keyed = sorted(zip(items, weights, strict=True), key=lambda iw: self.rng.random() ** (1 / iw[1]), reverse=True)
        return [item for item, _ in keyed[:k]]

    def _needs(self, history: _History, count: int) -> list[str]:
        """``count`` of the organisation's needs, the more pressing ones more likely."""
        needs = list(history.needs)
        return self._weighted_sample(needs, [len(needs) - i for i in range(len(needs))], count)

    def _some_needs(self, history: _History, most: int) -> list[str]:
        """Zero to ``most`` needs: mostly one or two."""
        return self._needs(history, min(most, len(history.needs), self.rng.choices((0, 1, 2, 3), (15, 45, 30, 10))[0]))

    def _present(self, key: str, channel: str) -> tuple[str, ...]:
        names = self.persons[key]
        if channel in ("Gesprek", "Werkbezoek") and len(names) > 1 and self.rng.random() < 0.25:
            return tuple(self.rng.sample(names, 2))
        return (self.rng.choice(names),)

    def _other(self, org: _Org, need: str | None) -> str:
        """Another organisation to bring into the conversation: for social return the other side of it,
        otherwise one working on a shared theme."""
        candidates = [o for o in self.orgs.values() if o.key != org.key and not o.is_partner and not o.archived]
        if need == SROI:
            wanted_regular = org.impact_type != REG
            pool = [o for o in candidates if "Arbeidsparticipatie" in o.themes
                    and (o.impact_type == REG) == wanted_regular and o.impact_type != MI]
        else:
            pool = [o for o in candidates if set(o.themes) & set(org.themes)]
        return self.rng.choice(pool or candidates).name

    def _values(self, org: _Org, when: dt.date, persons: tuple[str, ...],
                needs: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        """The placeholder values for one contact moment, and the partner referred to for each need."""
        history = _HISTORIES[org.key]
        main_need = needs[0] if needs else history.needs[0]
        values = {"first": _first_name(persons[0]), "plan": history.plan, "amount": self.rng.choice(_AMOUNTS),
                  "other": self._other(org, main_need), "need": _NEED_PHRASES[main_need],
                  "year": str(when.year + (when.month >= 10))}
        partners = {need: _PARTNER_NAMES[self.rng.choice(_REFERRAL_PARTNERS[need])]
                    for need in needs if need in _REFERRAL_PARTNERS}
        if partners:
            values["partner"] = next(iter(partners.values()))  # for the main need: referrals, follow-ups
        upcoming = next((e for e in _EVENTS if e.date > when and e.kind != OVERLEGTAFEL), None)
        if upcoming:
            values["next_event"] = upcoming.reference
        return values, partners

    def _need_note(self, org: _Org, need: str, values: dict[str, str], partners: dict[str, str]) -> str:
        """A sentence about one need; {partner} in it is the partner for that need."""
        if need != DOORVERWIJZING:
            values = {k: v for k, v in values.items() if k != "partner"}
            if need in partners:
                values["partner"] = partners[need]
        templates = _SROI_NOTES_REGULAR if need == SROI and org.impact_type == REG else _NEED_NOTES[need]
        return self._say(templates, values)

    def _follow_up(self, needs: list[str], values: dict[str, str], chance: float) -> str | None:
        if self.rng.random() >= chance:
            return None
        specific = [_NEED_FOLLOW_UPS[need] for need in needs if need in _NEED_FOLLOW_UPS]
        if specific and self.rng.random() < 0.5:
            return self.rng.choice(specific)
        return self._pick(_FOLLOW_UPS, values)

    def _moment(self, day: dt.date, hours: tuple[int, int], minutes: int) -> dt.datetime:
        """A time on ``day`` between the hours, on a multiple of ``minutes``."""
        slots = (hours[1] - hours[0]) * 60 // minutes
        minute = hours[0] * 60 + self.rng.randrange(slots) * minutes
        return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), LOCAL_TZ)

    def _working_day(self, history: _History) -> dt.date:
        """A weekday in the organisation's period, a bit less likely in the summer holidays."""
        while True:
            day = history.start + dt.timedelta(days=self.rng.randrange((history.end - history.start).days + 1))
            if day.weekday() < 5 and not (day.month in (7, 8) and self.rng.random() < 0.5):
                return day

    # -- contacts between events

    def _between_events(self, org: _Org) -> list[_PlannedContact]:
        history = _HISTORIES[org.key]
        days: set[dt.date] = set()
        while len(days) < history.contacts:
            days.add(self._working_day(history))
        newcomer = history.start > HISTORY_START
        return [self._regular(org, day, first=newcomer and i == 0) for i, day in enumerate(sorted(days))]

    def _regular(self, org: _Org, day: dt.date, first: bool) -> _PlannedContact:
        history = _HISTORIES[org.key]
        rng = self.rng
        if first:  # a newcomer: get to know them, on the spot
            channel = rng.choice(("Gesprek", "Werkbezoek"))
            needs = list(history.needs[:rng.randint(1, 2)])
        else:
            channel = rng.choices(list(_CHANNELS), weights=list(_CHANNELS.values()))[0]
            needs = self._some_needs(history, 2 if org.is_partner else 3)
        if not org.is_partner and needs and needs[0] in _REFERRAL_PARTNERS and len(needs) < 3 and rng.random() < 0.25:
            needs.append(DOORVERWIJZING)  # the account manager refers them to a partner for the main need
        persons = self._present(org.key, channel)
        values, partners = self._values(org, day, persons, needs)

        if first:
            subject = self._say(_FIRST_SUBJECTS, values)
        elif org.is_partner:
            subject = self._say(_PARTNER_SUBJECTS, values)
        elif DOORVERWIJZING in needs and "partner" in values:
            subject = self._say(_NEED_SUBJECTS[DOORVERWIJZING], values)
        elif channel == "Werkbezoek" and rng.random() < 0.5:
            subject = self._say(_VISIT_SUBJECTS, values)
        elif needs:
            subject = self._say(_NEED_SUBJECTS[needs[0]], values)
        else:
            subject = self._say(_GENERAL_SUBJECTS, values)

        sentences = []
        if rng.random() < 0.35:
            sentences.append(self._say(_CHANNEL_OPENINGS[channel], values))
        if org.is_partner:
            sentences.append(self._say(_PARTNER_NOTES, values))
        elif needs:
            noted = [needs[0], DOORVERWIJZING] if DOORVERWIJZING in needs else needs[:2]
            sentences += [self._need_note(org, need, values, partners) for need in noted]
        else:
            sentences.append(self._say(_GENERAL_NOTES, values))
        if len(sentences) == 1 and rng.random() < 0.4:
            sentences.append(self._say(_PARTNER_CLOSINGS if org.is_partner else _CLOSINGS, values))

        if channel in ("Telefoon", "E-mail"):
            moment = self._moment(day, (8, 18), 5)
        else:  # appointments, on the half hour
            moment = self._moment(day, (9, 17), 30)
        return _PlannedContact(org.key, moment, channel, persons, subject, " ".join(dict.fromkeys(sentences[:3])),
                               tuple(needs), follow_up_text=self._follow_up(needs, values, 0.3))

    # -- intakes at events

    def _at_event(self, event: _Event) -> list[_PlannedContact]:
        def attends(org: _Org) -> bool:
            history = _HISTORIES[org.key]
            # the overlegtafel is for partners; the other events are where entrepreneurs come
            return history.start <= event.date <= history.end and org.is_partner == (event.kind == OVERLEGTAFEL)

        present = [org for org in self.orgs.values() if attends(org)]
        weights = [_HISTORIES[org.key].contacts + 1 for org in present]
        return [self._intake(org, event) for org in self._weighted_sample(present, weights, event.intakes)]

    def _intake(self, org: _Org, event: _Event) -> _PlannedContact:
        history = _HISTORIES[org.key]
        rng = self.rng
        persons = self._present(org.key, "Evenement")
        meeting = event.kind == OVERLEGTAFEL
        if meeting:
            needs = self._some_needs(history, 1)
        else:
            needs = self._needs(history, min(len(history.needs), rng.choice((1, 1, 2))))
            if event.kind == BEURSVLOER and NETWERK not in needs and rng.random() < 0.4:
                needs.append(NETWERK)
        values, partners = self._values(org, event.date, persons, needs)
        values["event"] = event.reference

        subject = self._say(_EVENT_SUBJECTS[event.kind], values)
        if meeting:  # one meeting, everybody from the start
            sentences = [self._say(_OVERLEGTAFEL_NOTES, values)]
            moment = dt.datetime.combine(event.date, dt.time(event.hours[0]), LOCAL_TZ)
        else:
            sentences = [self._say(_EVENT_OPENINGS[event.kind], values)]
            # at the Beursvloer, the network is the match itself: no sentence about it
            noted = [need for need in needs if not (event.kind == BEURSVLOER and need == NETWERK)]
            sentences += [self._need_note(org, need, values, partners) for need in noted[:2]]
            moment = self._moment(event.date, event.hours, 10)
        return _PlannedContact(org.key, moment, "Evenement", persons, subject, " ".join(dict.fromkeys(sentences)),
                               tuple(needs), event.name,
                               follow_up_text=None if meeting else self._follow_up(needs, values, 0.5))


def _contact_plan() -> list[_PlannedContact]:
    """Every demo contact moment, oldest first. Pure data: the same on every call."""
    return _HistoryWriter().plan()


# --------------------------------------------------------------------------------------------
# Departments: the internal contact person at each department a referral can go to


def _department_email(name: str) -> str:
    first, *rest = _ascii(name).split()
    return f"{first}.{''.join(rest)}@{MUNICIPAL_MAIL_DOMAIN}"


# --------------------------------------------------------------------------------------------
# Referrals: some of the needs from the contact history, referred to a department or a partner

REFERRAL_COUNT = 50
# The oldest ones are closed, the newest are still open; the ones in between are being handled.
_CLOSED_SHARE, _OPEN_SHARE = 0.52, 0.12
_LANDED_SHARE, _FAILED_SHARE = 0.55, 0.23  # of the closed ones; the rest is withdrawn
# For referrals still being handled, the days from the load date to their check: oldest first.
_CHECK_FROM, _CHECK_UNTIL = -8, 24

# How the referrals moved, counted from their contact moment: made a few minutes after it, sent
# within a few working days, taken up days to weeks later and closed after a spread that differs
# per department or partner (typical days from sending to landing; a short line is quick).
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

LABEL = "Label Ondernemen met impact"


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


# --------------------------------------------------------------------------------------------
# Loading


def is_empty(ws: Workspace) -> bool:
    """True when the database holds no organisation (archived ones count; deleted ones do not)."""
    return count_organisations(ws, include_archived=True) == 0


def load_demo(ws: Workspace, force: bool = False, today: dt.date | None = None) -> DemoSummary:
    """Fill the database with the fictional Rivierstad data set.

    Refuses a database that already holds organisations, unless ``force``: then the demo is added
    alongside, skipping demo organisations that are already there (same KvK-nummer, or the same
    name for those without one) so that loading twice does not make doubles. Persons, contact
    moments, referrals and follow-ups come only with the organisations made in this load; an event
    that is already there (same name) is used, not made again; a department that already has a
    contact person keeps it.

    The open follow-ups are dated around ``today`` (default: the actual date).
    """
    # One transaction (each step's own writes nest as savepoints): a full disk or a lock halfway
    # leaves nothing behind, so the demo can simply be loaded again.
    with ws.write():
        if not force and not is_empty(ws):
            raise DeskError(NOT_EMPTY_MESSAGE)
        context = _Context(ws, DemoSummary(), today=today or clock.today(), plan=_contact_plan())
        _load_settings(context)
        _load_organisations(context)
        _load_persons(context)
        _load_events(context)
        _load_contacts(context)
        _load_departments(context)
        _load_referrals(context)
        _load_followups(context)
        _load_certifications(context)
        _load_targets(context)
        _load_toolbox(context)
    return context.summary


def _load_settings(context: _Context) -> None:
    current = settings.organisation_name(context.ws)
    if not current:
        settings.set_setting(context.ws, settings.ORGANISATION_NAME, MUNICIPALITY)
        context.summary.municipality_set = True


def _existing_id(ws: Workspace, org: _Org) -> str | None:
    if org.kvk:
        found = find_by_kvk(ws, org.kvk)
        return found.id if found else None
    for row in list_organisations(ws, org.name, limit=50):
        if row.name.casefold() == org.name.casefold():
            return row.id
    return None


def _load_organisations(context: _Context) -> None:
    ws, summary = context.ws, context.summary
    for org in _organisations():
        existing = _existing_id(ws, org)
        if existing:
            context.org_ids[org.key] = existing
            summary.skipped_organisations += 1
            continue
        created = create_organisation(ws, org.as_input())
        context.org_ids[org.key] = created.id
        context.new_org_keys.add(org.key)
        summary.organisations += 1
        summary.partners += created.is_partner
        summary.archived += created.archived


def _load_persons(context: _Context) -> None:
    """Persons of the organisations made in this load; a person at an organisation that was already
    there is linked to it too, but not made again when all of their organisations were there."""
    for person in _persons():
        if not context.new_org_keys.intersection(person.org_keys):
            continue
        created = create_person(context.ws, {
            "name": person.name, "role": person.role, "email": person.email, "phone": person.phone,
            "notes": person.notes, "organisation_ids": [context.org_ids[key] for key in person.org_keys],
        })
        context.person_ids[person.name] = created.id
        context.summary.persons += 1


def _load_events(context: _Context) -> None:
    """The demo events, each made once: an event with the same name is used as it is."""
    for event in _EVENTS:
        found = find_event(context.ws, event.name)
        if found is None:
            found = create_event(context.ws, {"name": event.name, "date": event.date, "place": event.place})
            context.summary.events += 1
        context.event_ids[event.name] = found.id


def _load_contacts(context: _Context) -> None:
    """The contact history of the organisations made in this load (so a forced reload adds none twice)."""
    for planned in context.plan:
        if planned.org_key not in context.new_org_keys:
            continue
        created = create_contact(context.ws, {
            "organisation_id": context.org_ids[planned.org_key], "occurred_at": planned.occurred_at,
            "channel": planned.channel, "person_ids": [context.person_ids[name] for name in planned.person_names],
            "subject": planned.subject, "notes": planned.notes, "needs": list(planned.needs),
            "event_id": context.event_ids[planned.event_name] if planned.event_name else None,
            "follow_up_text": planned.follow_up_text,
        })
        context.contact_ids[planned] = created.id
        context.summary.contacts += 1


def _load_departments(context: _Context) -> None:
    """A contact person for each seeded department that has none yet; one the user filled in (or
    renamed) stays as it is."""
    for department in list_departments(context.ws):
        if department.name not in _DEPARTMENT_CONTACTS or any(
                (department.contact_name, department.contact_email, department.contact_phone)):
            continue
        name, phone = _DEPARTMENT_CONTACTS[department.name]
        save_department(context.ws, {
            "name": department.name, "domain": department.domain, "contact_name": name,
            "contact_email": _department_email(name), "contact_phone": phone,
        }, department.id)
        context.summary.departments_filled += 1


def _partner_id(context: _Context, key: str, known: dict[str, str | None]) -> str | None:
    """The id of a demo partner, when it is an active partner in this database."""
    if key not in known:
        org_id = context.org_ids.get(key)
        org = get_organisation(context.ws, org_id) if org_id else None
        known[key] = org.id if org and org.is_partner and not org.archived else None
    return known[key]


def _load_referrals(context: _Context) -> None:
    """Referrals that came out of the contact moments made in this load, walked to their status.

    Each is made and moved at the moments the plan gives (after its contact moment, so in the past),
    never later than the moment of loading. The ``today`` given to ``change_status`` dates the check
    it schedules: for a referral still being handled that check falls around the load date, for the
    others it falls after the sending and is done (or cancelled) when the referral closed.
    """
    ws, summary = context.ws, context.summary
    departments = {department.name: department for department in list_departments(ws)}
    partners: dict[str, str | None] = {}
    days_to_check = check_days(ws)
    latest = _latest_moment(context.today)
    for planned in _referral_plan(context.plan):
        contact_id = context.contact_ids.get(planned.contact)
        if contact_id is None:  # the organisation was already there, and its history with it
            continue
        if planned.to_partner:
            partner_id = _partner_id(context, planned.target, partners)
            if partner_id is None:
                continue
            target, internal_contact = {"partner_id": partner_id}, None
        else:
            department = departments.get(planned.target)
            if department is None:  # renamed or archived by the user
                continue
            target = {"department_id": department.id}
            # as the intake fills it in: the department's contact person and e-mail
            internal_contact = ", ".join(p for p in (department.contact_name, department.contact_email) if p) or None
        made, *moments = (min(moment, latest) for moment in planned.moments)
        referral = create_referral(ws, organisation_id=context.org_ids[planned.contact.org_key],
                                   question=planned.question, needs=list(planned.needs),
                                   internal_contact=internal_contact, contact_id=contact_id, at=made, **target)
        for (status, note), at in zip(planned.steps, moments, strict=True):
            if planned.check_in_days is not None:
                check = _workday(context.today + dt.timedelta(days=planned.check_in_days), context.today)
                today = check - dt.timedelta(days=days_to_check)
            else:
                today = at.astimezone(LOCAL_TZ).date()
            change_status(ws, referral.id, status, note, today=today, at=at)
        summary.referrals += 1
        summary.referral_statuses[planned.status] += 1
        checks = len(open_followups(ws, referral_id=referral.id))
        summary.referral_checks += checks
        summary.followups += checks


def _latest_moment(today: dt.date) -> dt.datetime:
    """Now, or the end of the office day of ``today`` when the demo is loaded as if on an earlier day."""
    now = clock.now_local()
    return now if today >= now.date() else dt.datetime.combine(today, dt.time(17), LOCAL_TZ)


def _latest_contact_id(context: _Context, org_key: str, about: str) -> str | None:
    made = [c for c in context.plan if c.org_key == org_key and c in context.contact_ids]
    fitting = [c for c in made if about == ANY_CONTACT or about in c.needs] or made
    return context.contact_ids[fitting[-1]] if fitting else None


def _load_followups(context: _Context) -> None:
    """The agenda of the organisations made in this load, dated around ``context.today``."""
    ws, summary = context.ws, context.summary
    for item in _FOLLOW_UP_PLAN:
        if item.org_key not in context.new_org_keys:
            continue
        followup = create_followup(
            ws, title=item.title, due=_due(item, context.today), organisation_id=context.org_ids[item.org_key],
            recurrence=item.recurrence, today=context.today,
            contact_id=_latest_contact_id(context, item.org_key, item.about) if item.about else None,
        )
        if item.done:
            summary.followups_done += 1
            summary.followups += mark_done(ws, followup.id, today=context.today) is not None
        else:
            summary.followups += 1


def _load_certifications(context: _Context) -> None:
    """The certifications of the organisations made in this load. Saving one plans its reminder
    before the expiry or deadline, dated from ``context.today``; those count as open follow-ups."""
    ws, summary = context.ws, context.summary
    kinds = {kind.name: kind for kind in certifications.kinds(ws)}
    for planned in _CERTIFICATION_PLAN:
        kind = kinds.get(planned.kind)
        if planned.org_key not in context.new_org_keys or kind is None:  # renamed or archived by the user
            continue
        values = _certification_dates(planned, kind, context.today)
        if values is None:
            continue
        saved = certifications.save_certification(
            ws, organisation_id=context.org_ids[planned.org_key], kind_id=kind.id, notes=planned.notes or None,
            today=context.today, **values)
        summary.certifications += 1
        summary.certification_statuses[saved.status] += 1
        if saved.reminder_followup_id:
            summary.certification_reminders += 1
            summary.followups += 1


def _load_targets(context: _Context) -> None:
    """Targets for the load year and the year before; one the user set already is left as it is."""
    ws, summary = context.ws, context.summary
    kinds = {kind.name: kind.id for kind in certifications.kinds(ws)}
    for year, column in ((context.today.year - 1, 2), (context.today.year, 3)):
        present = {(t.metric, t.kind_id) for t in targets.targets_for(ws, year)}
        made = 0
        for row in _TARGETS:
            metric, kind_name, value = row[0], row[1], row[column]
            kind_id = kinds.get(kind_name) if kind_name else None
            if (kind_name and kind_id is None) or (metric, kind_id) in present:
                continue
            targets.set_target(ws, year, metric, value, kind_id=kind_id)
            made += 1
        summary.targets += made
        if made:
            summary.target_years.append(year)


def _load_toolbox(context: _Context) -> None:
    """The first round of the toolbox, only when nothing has been filled in yet in the current
    round: the workbook of the user's own municipality is never mixed with the demo's."""
    ws = context.ws
    round_ = workbook.current_round(ws)
    if workbook.answers(ws, round_.id):
        return
    known = {item.id for module in workbook.content_for(ws).modules for item in module.items}
    for item_id, (answer, status, note) in _TOOLBOX.items():
        if item_id not in known:  # hidden in the municipality's own version of the toolbox
            continue
        workbook.save_answer(ws, round_.id, item_id, answer=answer or None, status=status, note=note or None)
        context.summary.toolbox_items += 1
