"""Pydantic models of the domain. Inputs validate and normalise what a user typed; records are
what the services read back. No storage here: that belongs to the services and db/."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from desk.core import validation as v

ORGANISATION_LABELS = {
    "name": "Naam",
    "kvk": "KvK-nummer",
    "branch_number": "Vestigingsnummer",
    "legal_form": "Rechtsvorm",
    "street": "Adres",
    "postcode": "Postcode",
    "city": "Plaats",
    "municipality": "Gemeente",
    "website": "Website",
    "impact_type": "Type",
    "themes": "Thema's",
    "sdgs": "SDG's",
    "notes": "Notities",
    "is_partner": "Partner",
    "ecosystem_domains": "Ecosysteemdomeinen",
    "archived": "Gearchiveerd",
}

PERSON_LABELS = {
    "name": "Naam",
    "role": "Functie",
    "email": "E-mail",
    "phone": "Telefoon",
    "notes": "Notities",
    "organisation_ids": "Organisaties",
}


class OrganisationInput(BaseModel):
    """An organisation as typed in a form or an import row. Lists refer to terms by label."""

    name: str
    kvk: str | None = None
    branch_number: str | None = None
    legal_form: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    municipality: str | None = None
    website: str | None = None
    impact_type: str | None = None
    themes: list[str] = Field(default_factory=list)
    sdgs: list[int] = Field(default_factory=list)
    notes: str = ""
    is_partner: bool = False
    ecosystem_domains: list[str] = Field(default_factory=list)
    archived: bool = False

    _name = field_validator("name", mode="before")(lambda cls, value: v.check_required_name(value))
    _kvk = field_validator("kvk", mode="before")(lambda cls, value: v.check_kvk(value))
    _branch = field_validator("branch_number", mode="before")(lambda cls, value: v.check_branch_number(value))
    _postcode = field_validator("postcode", mode="before")(lambda cls, value: v.check_postcode(value))
    _website = field_validator("website", mode="before")(lambda cls, value: v.check_website(value))
    _sdgs = field_validator("sdgs", mode="before")(lambda cls, value: v.check_sdgs(value))
    _texts = field_validator("legal_form", "street", "city", "municipality", "impact_type", mode="before")(
        lambda cls, value: v.clean_text(value)
    )

    _notes = field_validator("notes", mode="before")(lambda cls, value: v.clean_notes(value))

    @field_validator("themes", "ecosystem_domains", mode="before")
    @classmethod
    def _labels(cls, value: list[str] | str | None) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = value.split(",")
        return [label for label in (v.clean_text(item) for item in value) if label]


class PersonInput(BaseModel):
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str = ""
    organisation_ids: list[str] = Field(default_factory=list)

    _name = field_validator("name", mode="before")(lambda cls, value: v.check_required_name(value))
    _role = field_validator("role", mode="before")(lambda cls, value: v.clean_text(value))
    _email = field_validator("email", mode="before")(lambda cls, value: v.check_email(value))
    _phone = field_validator("phone", mode="before")(lambda cls, value: v.check_phone(value))

    _notes = field_validator("notes", mode="before")(lambda cls, value: v.clean_notes(value))


class Person(BaseModel):
    id: str
    name: str
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str = ""
    organisation_ids: list[str] = Field(default_factory=list)
    created_at: str
    updated_at: str
    created_by: str | None = None
    updated_by: str | None = None


class Organisation(BaseModel):
    id: str
    name: str
    kvk: str | None = None
    former_kvks: list[str] = Field(default_factory=list)
    branch_number: str | None = None
    legal_form: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    municipality: str | None = None
    website: str | None = None
    impact_type: str | None = None
    themes: list[str] = Field(default_factory=list)
    sdgs: list[int] = Field(default_factory=list)
    notes: str = ""
    is_partner: bool = False
    ecosystem_domains: list[str] = Field(default_factory=list)
    archived: bool = False
    persons: list[Person] = Field(default_factory=list)
    created_at: str
    updated_at: str
    created_by: str | None = None
    updated_by: str | None = None

    def as_input(self) -> OrganisationInput:
        return OrganisationInput.model_validate(self.model_dump(include=set(OrganisationInput.model_fields)))


class OrganisationRow(BaseModel):
    """One line in the organisations list."""

    id: str
    name: str
    kvk: str | None = None
    city: str | None = None
    impact_type: str | None = None
    is_partner: bool = False
    archived: bool = False
    updated_at: str


# Single-field checks for forms that validate while the user types.
FIELD_CHECKS = {
    "name": v.check_required_name,
    "kvk": v.check_kvk,
    "branch_number": v.check_branch_number,
    "postcode": v.check_postcode,
    "website": v.check_website,
    "sdgs": v.check_sdgs,
    "email": v.check_email,
    "phone": v.check_phone,
}


def check_field(field: str, value: object) -> str | None:
    """The Dutch message for one field's value, or None when it is fine."""
    check = FIELD_CHECKS.get(field)
    if check is None:
        return None
    try:
        check(value)
    except ValueError as exc:
        return str(exc)
    return None
