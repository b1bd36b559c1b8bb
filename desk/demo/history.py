"""The generated contact history: two years of contact moments before ``REFERENCE_DATE``, who the
account manager speaks how often and about what. Composed from history.toml and phrases.toml with
one seeded random generator, so the same on every call."""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass

from desk.core.clock import LOCAL_TZ
from desk.demo.data import (
    _AMOUNTS,
    _CHANNEL_OPENINGS,
    _CHANNELS,
    _CLOSINGS,
    _EVENT_OPENINGS,
    _EVENT_SUBJECTS,
    _EVENTS,
    _FIRST_SUBJECTS,
    _FOLLOW_UPS,
    _GENERAL_NOTES,
    _GENERAL_SUBJECTS,
    _HISTORIES,
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
    _SROI_NOTES_REGULAR,
    _VISIT_SUBJECTS,
    HISTORY_START,
    REFERENCE_DATE,
    _Event,
    _History,
    _Org,
    _organisations,
)
from desk.demo.persons import _persons

# The impact types (as in terms.DEFAULTS), needs and event kinds the generated history treats apart.
REG, MI = "Regulier", "Maatschappelijk initiatief"
DOORVERWIJZING, NETWERK, SROI = "Doorverwijzing", "Netwerk", "SROI"
BEURSVLOER, OVERLEGTAFEL = "beursvloer", "overlegtafel"


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
    """Composes the contact moments from the tables of history.toml and phrases.toml; one seeded
    generator, so the same every time."""

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
