"""Internal departments (afdelingen) a referral can go to, each with its internal contact person.
Seeded once per database with defaults that fit a Dutch municipality; the user edits them."""

from __future__ import annotations

from pydantic import BaseModel, field_validator

from desk.core import validation as v
from desk.core.clock import new_id
from desk.core.errors import NotFound
from desk.core.validation import validate
from desk.core.workspace import Workspace

DEPARTMENT_LABELS = {"name": "Naam", "domain": "Domein", "contact_name": "Contactpersoon",
                     "contact_email": "E-mail", "contact_phone": "Telefoon"}

DEFAULTS = [
    ("Werk & Inkomen", "sociaal domein"),
    ("Inkoop", "bedrijfsvoering"),
    ("Vergunningen", "ruimtelijk domein"),
    ("Vastgoed", "ruimtelijk domein"),
    ("Subsidies", "bedrijfsvoering"),
    ("Duurzaamheid", "ruimtelijk domein"),
    ("Sociaal domein", "sociaal domein"),
    ("Economische Zaken", "economisch domein"),
    ("Ruimtelijke ordening", "ruimtelijk domein"),
]
_SEED_SETTING = "seeded_departments"


class DepartmentInput(BaseModel):
    name: str
    domain: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None

    _name = field_validator("name", mode="before")(lambda cls, value: v.check_required_name(value))
    _texts = field_validator("domain", "contact_name", mode="before")(lambda cls, value: v.clean_text(value))
    _email = field_validator("contact_email", mode="before")(lambda cls, value: v.check_email(value))
    _phone = field_validator("contact_phone", mode="before")(lambda cls, value: v.check_phone(value))


class Department(DepartmentInput):
    id: str
    archived: bool = False


def seed_defaults(ws: Workspace) -> None:
    with ws.read() as db:  # seeded before: no write lock needed, so Desk opens while another process writes
        if db.execute("SELECT 1 FROM settings WHERE key = ?", [_SEED_SETTING]).fetchone():
            return
    with ws.write() as db:
        if db.execute("SELECT 1 FROM settings WHERE key = ?", [_SEED_SETTING]).fetchone():
            return
        for name, domain in DEFAULTS:
            db["departments"].insert({"id": new_id(), "name": name, "domain": domain, **ws.stamp_new()})
        db["settings"].insert({"key": _SEED_SETTING, "value": "1"})


def list_departments(ws: Workspace, include_archived: bool = False) -> list[Department]:
    sql = "SELECT * FROM departments WHERE deleted_at IS NULL" + ("" if include_archived else " AND archived = 0")
    with ws.read() as db:
        return [Department(**{k: val for k, val in row.items() if k in Department.model_fields})
                for row in db.query(sql + " ORDER BY name")]


def get_department(ws: Workspace, department_id: str) -> Department:
    with ws.read() as db:
        row = next(db.query("SELECT * FROM departments WHERE id = ? AND deleted_at IS NULL", [department_id]), None)
    if row is None:
        raise NotFound("Die afdeling bestaat niet (meer).")
    return Department(**{k: val for k, val in row.items() if k in Department.model_fields})


def save_department(ws: Workspace, data: DepartmentInput | dict, department_id: str | None = None) -> Department:
    data = data if isinstance(data, DepartmentInput) else validate(DepartmentInput, data, DEPARTMENT_LABELS)
    values = data.model_dump()
    with ws.write() as db:
        if department_id:
            get_department(ws, department_id)
            db["departments"].update(department_id, {**values, **ws.stamp_changed()})
            ws.audit("gewijzigd", "department", department_id, data.name)
        else:
            department_id = new_id()
            db["departments"].insert({"id": department_id, **values, **ws.stamp_new()})
            ws.audit("aangemaakt", "department", department_id, data.name)
    return get_department(ws, department_id)
