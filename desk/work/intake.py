"""The quick intake: one conversation logged in one go — organisation (existing or new), contact
person (existing or new), needs, notes and a follow-up phrase — in a single transaction."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, field_validator

from desk.core import clock
from desk.core import validation as v
from desk.core.errors import DeskError, ValidationFailed
from desk.core.workspace import Workspace
from desk.records import contacts, departments, organisations, persons
from desk.records.contacts import Contact
from desk.work import duplicates, followups, referrals
from desk.work.drafts import INTAKE

INTAKE_LABELS = {
    "organisation": "Organisatie", "organisation_kvk": "KvK-nummer", "organisation_city": "Plaats",
    "person_name": "Contactpersoon", "person_email": "E-mail", "person_phone": "Telefoon",
    "needs": "Ondersteuningsvragen", "notes": "Notities", "subject": "Onderwerp", "channel": "Kanaal",
    "event_id": "Evenement", "occurred_at": "Datum en tijd", "follow_up_text": "Opvolging",
    "referral_target": "Doorverwijzen naar",
}


class DuplicateOrganisation(DeskError):
    """The typed organisation looks like one that exists; creating it needs a confirmation."""

    def __init__(self, matches: list[duplicates.Match]):
        self.matches = matches
        names = ", ".join(f"{m.name} ({m.reason})" for m in matches)
        super().__init__(f"Deze organisatie bestaat misschien al: {names}.")


class IntakeInput(BaseModel):
    organisation_id: str | None = None
    organisation_name: str | None = None
    organisation_kvk: str | None = None
    organisation_city: str | None = None
    person_id: str | None = None
    person_name: str | None = None
    person_email: str | None = None
    person_phone: str | None = None
    needs: list[str] = Field(default_factory=list)
    notes: str = ""
    subject: str = ""
    channel: str = "Gesprek"
    event_id: str | None = None
    occurred_at: dt.datetime | None = None
    follow_up_text: str | None = None
    referral_target: str | None = None  # department:<id> or partner:<id>
    confirm_new_organisation: bool = False

    _texts = field_validator("organisation_id", "organisation_name", "organisation_city", "person_id",
                             "person_name", "event_id", "follow_up_text", mode="before")(
        lambda cls, value: v.clean_text(value))


_ORG_FIELDS = {"name": "organisation", "kvk": "organisation_kvk", "city": "organisation_city"}
_PERSON_FIELDS = {"name": "person_name", "email": "person_email", "phone": "person_phone"}


def _renamed(exc: ValidationFailed, names: dict[str, str]) -> ValidationFailed:
    return ValidationFailed({names.get(k, k): m for k, m in exc.errors.items()}, INTAKE_LABELS)


def problems(data: IntakeInput | dict, today: dt.date) -> dict[str, str]:
    """Every field that would stop the save, all at once and before anything is written (the screen
    shows them together with its own): the organisation, the follow-up's date, a new organisation's
    KvK-nummer and a new person's e-mail and phone."""
    data = data if isinstance(data, IntakeInput) else IntakeInput.model_validate(data)
    errors: dict[str, str] = {}
    if not data.organisation_id and not data.organisation_name:
        errors["organisation"] = "kies een organisatie of typ de naam van een nieuwe"
    if data.follow_up_text:
        try:
            followups.split_phrase(data.follow_up_text, today)
        except ValidationFailed as exc:
            errors["follow_up_text"] = exc.errors["phrase"]
    fields = [] if data.organisation_id else ["organisation_kvk"]
    fields += [] if data.person_id else ["person_email", "person_phone"]
    for field in fields:
        if problem := field_problem(field, getattr(data, field)):
            errors[field] = problem
    return errors


FIELD_CHECKS = {"organisation_kvk": v.check_kvk, "person_email": v.check_email, "person_phone": v.check_phone}


def field_problem(field: str, value: str | None) -> str | None:
    """What is wrong with one field of the intake on its own (the screen asks when it is left), or
    None; ``problems`` asks the same for every field at save."""
    check = FIELD_CHECKS.get(field)
    if check is None:
        return None
    try:
        check(value)
    except ValueError as exc:
        return str(exc)
    return None


def save_intake(ws: Workspace, data: IntakeInput | dict, today: dt.date | None = None) -> Contact:
    """Log the intake; raises ValidationFailed or DuplicateOrganisation and then writes nothing.

    A follow-up phrase ("over 2 weken nabellen") becomes a follow-up linked to the contact moment.
    """
    today = today or clock.today()
    data = data if isinstance(data, IntakeInput) else IntakeInput.model_validate(data)
    errors = problems(data, today)
    if errors:
        raise ValidationFailed(errors, INTAKE_LABELS)
    if not data.organisation_id and not data.confirm_new_organisation:
        kvk = _valid_kvk(data.organisation_kvk)
        matches = duplicates.find_similar(ws, data.organisation_name, kvk)
        if matches:
            raise DuplicateOrganisation(matches)
    with ws.write():
        org_id = data.organisation_id
        if org_id is None:
            try:
                org_id = organisations.create_organisation(ws, {
                    "name": data.organisation_name, "kvk": data.organisation_kvk, "city": data.organisation_city,
                }).id
            except ValidationFailed as exc:
                raise _renamed(exc, _ORG_FIELDS) from None
        person_ids = []
        if data.person_id:
            persons.link_person(ws, data.person_id, org_id)
            person_ids.append(data.person_id)
        elif data.person_name:
            try:
                person_ids.append(persons.create_person(ws, {
                    "name": data.person_name, "email": data.person_email, "phone": data.person_phone,
                    "organisation_ids": [org_id],
                }).id)
            except ValidationFailed as exc:
                raise _renamed(exc, _PERSON_FIELDS) from None
        contact = {
            "organisation_id": org_id, "person_ids": person_ids, "needs": data.needs, "notes": data.notes,
            "subject": data.subject or _subject_from(data.notes), "channel": data.channel,
            "event_id": data.event_id, "follow_up_text": data.follow_up_text,
        }
        if data.occurred_at:
            contact["occurred_at"] = data.occurred_at
        try:
            saved = contacts.create_contact(ws, contact)
        except ValidationFailed as exc:
            raise ValidationFailed(exc.errors, INTAKE_LABELS) from None
        if data.follow_up_text:
            followups.create_from_phrase(ws, data.follow_up_text, org_id, contact_id=saved.id, today=today)
        if data.referral_target:
            _refer(ws, data, saved)
        ws.db.execute("DELETE FROM drafts WHERE kind = ?", [INTAKE])
    return saved


def _refer(ws: Workspace, data: IntakeInput, contact: Contact) -> None:
    target = referrals.target_ids(data.referral_target)
    internal_contact = None
    if target["department_id"]:
        department = departments.get_department(ws, target["department_id"])
        internal_contact = ", ".join(p for p in (department.contact_name, department.contact_email) if p) or None
    try:
        referrals.create_referral(ws, organisation_id=contact.organisation_id, contact_id=contact.id,
                                  question=contact.subject or "zie het contactmoment", needs=contact.needs,
                                  internal_contact=internal_contact, **target)
    except ValidationFailed as exc:
        raise ValidationFailed({"referral_target": next(iter(exc.errors.values()))}, INTAKE_LABELS) from None


def _valid_kvk(value: str | None) -> str | None:
    try:
        return v.check_kvk(value)
    except ValueError:
        return None


def _subject_from(notes: str) -> str:
    first_line = notes.strip().splitlines()[0] if notes.strip() else ""
    return first_line if len(first_line) <= 80 else first_line[:77].rstrip() + "…"
