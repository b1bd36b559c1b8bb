"""E-mail addresses and phone numbers for the demo's persons, made up from their names: the
organisations' contact persons and the departments' internal ones."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace

from desk.demo.data import _LISTED_PERSONS, MUNICIPAL_MAIL_DOMAIN, _Org, _organisations, _Person

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


def _department_email(name: str) -> str:
    first, *rest = _ascii(name).split()
    return f"{first}.{''.join(rest)}@{MUNICIPAL_MAIL_DOMAIN}"
