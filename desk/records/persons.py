"""Contact persons, linked to one or more organisations."""

from __future__ import annotations

from desk.core.clock import new_id, utc_iso
from desk.core.errors import NotFound, ValidationFailed
from desk.core.validation import validate
from desk.core.workspace import Workspace
from desk.records.models import PERSON_LABELS, Person, PersonInput
from desk.records.organisation_index import refresh_search_text


def _input(data: PersonInput | dict) -> PersonInput:
    return data if isinstance(data, PersonInput) else validate(PersonInput, data, PERSON_LABELS)


def _check_organisations(ws: Workspace, org_ids: list[str]) -> None:
    with ws.read() as db:
        for org_id in org_ids:
            if not db.execute("SELECT 1 FROM organisations WHERE id = ? AND deleted_at IS NULL", [org_id]).fetchone():
                raise ValidationFailed({"organisation_ids": "onbekende organisatie"}, PERSON_LABELS)


def create_person(ws: Workspace, data: PersonInput | dict) -> Person:
    data = _input(data)
    _check_organisations(ws, data.organisation_ids)
    person_id = new_id()
    with ws.write() as db:
        db["persons"].insert(
            {"id": person_id, "name": data.name, "role": data.role, "email": data.email,
             "phone": data.phone, "notes": data.notes, **ws.stamp_new()}
        )
        _link(ws, person_id, data.organisation_ids)
        ws.audit("aangemaakt", "person", person_id, data.name)
    return get_person(ws, person_id)


def update_person(ws: Workspace, person_id: str, data: PersonInput | dict) -> Person:
    before = get_person(ws, person_id)
    data = _input(data)
    _check_organisations(ws, data.organisation_ids)
    with ws.write() as db:
        db.execute(
            """UPDATE persons SET name = ?, role = ?, email = ?, phone = ?, notes = ?,
               updated_at = ?, updated_by = ? WHERE id = ?""",
            [data.name, data.role, data.email, data.phone, data.notes, utc_iso(), ws.author, person_id],
        )
        db.execute("DELETE FROM person_organisations WHERE person_id = ?", [person_id])
        _link(ws, person_id, data.organisation_ids)
        for org_id in set(before.organisation_ids) - set(data.organisation_ids):
            refresh_search_text(ws, org_id)
        ws.audit("gewijzigd", "person", person_id)
    return get_person(ws, person_id)


def _link(ws: Workspace, person_id: str, org_ids: list[str]) -> None:
    ws.db["person_organisations"].insert_all(
        [{"person_id": person_id, "organisation_id": org_id} for org_id in dict.fromkeys(org_ids)]
    )
    for org_id in org_ids:
        refresh_search_text(ws, org_id)


def link_person(ws: Workspace, person_id: str, org_id: str) -> None:
    person = get_person(ws, person_id)
    if org_id not in person.organisation_ids:
        update_person(ws, person_id, {**person.model_dump(), "organisation_ids": [*person.organisation_ids, org_id]})


def get_person(ws: Workspace, person_id: str) -> Person:
    with ws.read() as db:
        row = next(db.query("SELECT * FROM persons WHERE id = ? AND deleted_at IS NULL", [person_id]), None)
        if row is None:
            raise NotFound("Die contactpersoon bestaat niet (meer).")
        org_ids = [r[0] for r in db.execute(
            "SELECT organisation_id FROM person_organisations WHERE person_id = ?", [person_id])]
    return Person(**{k: v for k, v in row.items() if k in Person.model_fields}, organisation_ids=org_ids)


def persons_of(ws: Workspace, org_id: str) -> list[Person]:
    with ws.read() as db:
        ids = [r[0] for r in db.execute(
            """SELECT p.id FROM persons p JOIN person_organisations po ON po.person_id = p.id
               WHERE po.organisation_id = ? AND p.deleted_at IS NULL ORDER BY p.name COLLATE NOCASE""",
            [org_id],
        )]
    return [get_person(ws, person_id) for person_id in ids]
