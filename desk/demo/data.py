"""The demo's data files (the ``*.toml`` next to this module), read into typed records.

Each file says in its opening comment what its fields mean. They are read once, when the demo is
first imported, and keep their order: the order of loading, and of the seeded random draws.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from importlib import resources

# The history is dated relative to this fixed day, not to today, so that every load is the same.
REFERENCE_DATE = dt.date(2026, 11, 1)
HISTORY_START = dt.date(2024, 11, 1)
HISTORY_END = REFERENCE_DATE - dt.timedelta(days=1)


def _read(name: str) -> dict:
    return tomllib.loads(resources.files("desk.demo").joinpath(name).read_text(encoding="utf-8"))


def _frozen(value):
    """Arrays as tuples, so the records can be frozen and the phrase tables are not changed by accident."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


def _typed(record_type: type, entry: dict):
    """One entry of a file as a record; a field the record does not have is an error."""
    return record_type(**_frozen(entry))


# --------------------------------------------------------------------------------------------
# Organisations and their contact persons


@dataclass(frozen=True)
class _Org:
    key: str
    name: str
    address: str  # "Straat 1, 1234 AB Plaats"
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    notes: str
    legal_form: str | None = None
    impact_type: str | None = None
    kvk: str | None = None
    branch_number: str | None = None
    website: str | None = None
    domains: tuple[str, ...] = ()  # ecosystem domains; an organisation with domains is a partner
    archived: bool = False

    def as_input(self) -> dict:
        street, rest = (part.strip() for part in self.address.split(",", 1))
        postcode, city = rest[:7], rest[8:]
        return {
            "name": self.name, "kvk": self.kvk, "branch_number": self.branch_number,
            "legal_form": self.legal_form, "street": street, "postcode": postcode, "city": city,
            "municipality": _MUNICIPALITY_OF_CITY[city], "website": self.website,
            "impact_type": self.impact_type, "themes": list(self.themes), "sdgs": list(self.sdgs),
            "notes": self.notes, "is_partner": self.is_partner,
            "ecosystem_domains": list(self.domains), "archived": self.archived,
        }

    @property
    def is_partner(self) -> bool:
        return bool(self.domains)

    @property
    def mail_domain(self) -> str | None:
        if not self.website:
            return None
        return self.website.removeprefix("www.").split("/", 1)[0]


@dataclass(frozen=True)
class _Person:
    name: str
    role: str
    org_keys: tuple[str, ...]
    email: str | None = None
    phone: str | None = None
    notes: str = ""


_organisations_file = _read("organisations.toml")
_MUNICIPALITY_OF_CITY: dict[str, str] = _organisations_file["municipality_of_city"]
_ORGANISATIONS: tuple[_Org, ...] = tuple(
    _typed(_Org, entry) for entry in _organisations_file["partner"] + _organisations_file["enterprise"])


def _organisations() -> list[_Org]:
    """The partners first, then the entrepreneurs, regular companies and initiatives."""
    return list(_ORGANISATIONS)


_persons_file = _read("persons.toml")
# As listed: the e-mail address only where the file gives one, no phone number yet.
_LISTED_PERSONS: tuple[_Person, ...] = (
    *(_typed(_Person, entry | {"org_keys": [key]})
      for key, entries in _persons_file["by_organisation"].items() for entry in entries),
    *(_typed(_Person, entry) for entry in _persons_file["shared"]),
)

# --------------------------------------------------------------------------------------------
# Events and the contact history


@dataclass(frozen=True)
class _Event:
    name: str
    date: dt.date
    place: str
    kind: str
    intakes: int  # how many organisations the account manager spoke there
    hours: tuple[int, int]  # from, until (local time)
    article: str = "de"  # as a sentence refers to it: "op de Beursvloer …", "op The Impact Days …"

    @property
    def reference(self) -> str:
        return f"{self.article} {self.name}".strip()


@dataclass(frozen=True)
class _History:
    """What an organisation's contact history is about; the moments themselves are composed."""

    contacts: int  # contact moments besides the event intakes
    needs: tuple[str, ...]  # plausible support needs, most pressing first
    plan: str  # what they are working on, a definite phrase: "de tweede locatie"
    start: dt.date = HISTORY_START  # first contact; later than HISTORY_START for newcomers
    end: dt.date = HISTORY_END  # last contact; earlier for organisations that stopped


_EVENTS: tuple[_Event, ...] = tuple(_typed(_Event, entry) for entry in _read("events.toml")["event"])

_history_file = _read("history.toml")
_HISTORIES: dict[str, _History] = {key: _typed(_History, entry)
                                   for key, entry in _history_file["organisation"].items()}
_AMOUNTS: tuple[str, ...] = _frozen(_history_file["amounts"])
_CHANNELS: dict[str, int] = _history_file["channels"]  # with their weights
_REFERRAL_PARTNERS: dict[str, tuple[str, ...]] = _frozen(_history_file["referral_partners"])
_PARTNER_NAMES: dict[str, str] = _history_file["partner_names"]
_NEED_PHRASES: dict[str, str] = _history_file["need_phrases"]

_phrases = _frozen(_read("phrases.toml"))
_FIRST_SUBJECTS: tuple[str, ...] = _phrases["subjects"]["first"]
_GENERAL_SUBJECTS: tuple[str, ...] = _phrases["subjects"]["general"]
_VISIT_SUBJECTS: tuple[str, ...] = _phrases["subjects"]["visit"]
_PARTNER_SUBJECTS: tuple[str, ...] = _phrases["subjects"]["partner"]
_NEED_SUBJECTS: dict[str, tuple[str, ...]] = _phrases["subjects"]["need"]
_EVENT_SUBJECTS: dict[str, tuple[str, ...]] = _phrases["subjects"]["event"]
_CHANNEL_OPENINGS: dict[str, tuple[str, ...]] = _phrases["openings"]["channel"]
_EVENT_OPENINGS: dict[str, tuple[str, ...]] = _phrases["openings"]["event"]
_GENERAL_NOTES: tuple[str, ...] = _phrases["notes"]["general"]
_PARTNER_NOTES: tuple[str, ...] = _phrases["notes"]["partner"]
_OVERLEGTAFEL_NOTES: tuple[str, ...] = _phrases["notes"]["overlegtafel"]
_SROI_NOTES_REGULAR: tuple[str, ...] = _phrases["notes"]["sroi_regular"]
_NEED_NOTES: dict[str, tuple[str, ...]] = _phrases["notes"]["need"]
_CLOSINGS: tuple[str, ...] = _phrases["closings"]["general"]
_PARTNER_CLOSINGS: tuple[str, ...] = _phrases["closings"]["partner"]
_FOLLOW_UPS: tuple[str, ...] = _phrases["follow_ups"]["general"]
_NEED_FOLLOW_UPS: dict[str, str] = _phrases["follow_ups"]["need"]

# --------------------------------------------------------------------------------------------
# Departments and referrals

_departments_file = _read("departments.toml")
MUNICIPAL_MAIL_DOMAIN: str = _departments_file["mail_domain"]
# Department name (as seeded by desk.records.departments) → (contact person, direct line).
_DEPARTMENT_CONTACTS: dict[str, tuple[str, str]] = {
    name: (contact["name"], contact["phone"]) for name, contact in _departments_file["contacts"].items()}


@dataclass(frozen=True)
class _Route:
    """Where a need can be referred to, with how the question and the outcome read.

    Placeholders: {org}, {plan}, {first} (the contact person), {amount}. ``themes`` and
    ``impact_types`` limit the route to organisations that have one of them."""

    need: str
    target: str  # a department name, or the key of a partner
    questions: tuple[str, ...]
    landed: tuple[str, ...]
    failed: tuple[str, ...]
    to_partner: bool = False
    regular_questions: tuple[str, ...] = ()  # for a regular company, when it asks differently
    themes: tuple[str, ...] = ()
    impact_types: tuple[str, ...] = ()
    weight: float = 1.0

    def fits(self, org: _Org) -> bool:
        return ((not self.themes or bool(set(self.themes) & set(org.themes)))
                and (not self.impact_types or org.impact_type in self.impact_types))


def _route(entry: dict) -> _Route:
    """A route names either a department or a partner; both become its target."""
    to_partner = "partner" in entry
    fields = {key: value for key, value in entry.items() if key not in ("department", "partner")}
    return _typed(_Route, fields | {"target": entry["partner" if to_partner else "department"],
                                    "to_partner": to_partner})


_referrals_file = _read("referrals.toml")
_ROUTES: tuple[_Route, ...] = tuple(_route(entry) for entry in _referrals_file["route"])
_referral_notes = _frozen(_referrals_file["notes"])
_SENT_NOTES: tuple[str, ...] = _referral_notes["sent"]
_IN_PROGRESS_NOTES: tuple[str, ...] = _referral_notes["in_progress"]
_WITHDRAWN_NOTES: tuple[str, ...] = _referral_notes["withdrawn"]
_WITHDRAWN_BEFORE_SENDING: tuple[str, ...] = _referral_notes["withdrawn_before_sending"]
_DAYS_TO_LAND: dict[str, int] = _referrals_file["days_to_land"]

# --------------------------------------------------------------------------------------------
# The agenda, certifications, targets and the toolbox


@dataclass(frozen=True)
class _PlannedFollowUp:
    org_key: str
    title: str
    days: int  # from the load date; with ``this_week``: which of the days left in the week
    recurrence: str | None = None
    about: str | None = None  # linked to the latest contact moment about this need (ANY_CONTACT: any)
    this_week: bool = False
    done: bool = False  # made and marked done at once, so there is some history


@dataclass(frozen=True)
class _PlannedCertification:
    """One organisation's certification. Obtained and expired ones are history, dated like the
    contact moments; the ones still running are dated from the load day (``started_days_ago``), as
    the checks of running referrals are, so their deadline lies ahead; a few obtained ones run out
    soon after the load day (``expires_in_days``), so the dashboard always has some to show."""

    org_key: str
    kind: str
    status: str
    started: dt.date | None = None
    obtained: dt.date | None = None
    started_days_ago: int | None = None
    expires_in_days: int | None = None
    notes: str = ""


_FOLLOW_UP_PLAN: tuple[_PlannedFollowUp, ...] = tuple(
    _typed(_PlannedFollowUp, entry) for entry in _read("followups.toml")["followup"])
_CERTIFICATION_PLAN: tuple[_PlannedCertification, ...] = tuple(
    _typed(_PlannedCertification, entry) for entry in _read("certifications.toml")["certification"])

# metric, kind (for the certification metrics), target for the year before, target for the load year
_TARGETS: tuple[tuple[str, str | None, float, float], ...] = tuple(
    (entry["metric"], entry.get("kind"), entry["year_before"], entry["load_year"])
    for entry in _read("targets.toml")["target"])

# item id → (answer, status, note); empty fields are left as they are
_TOOLBOX: dict[str, tuple[str, str | None, str]] = {
    item_id: (entry.get("answer", ""), entry.get("status"), entry.get("note", ""))
    for item_id, entry in _read("toolbox.toml").items()}
