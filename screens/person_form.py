"""Create or change a contact person of an organisation."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from desk.records import persons
from desk.records.models import Organisation, Person
from screens.form import FormScreen, form_row


class PersonFormScreen(FormScreen):
    field_names = ("name", "role", "email", "phone", "notes")

    def __init__(self, organisation: Organisation, person: Person | None = None) -> None:
        super().__init__()
        self.organisation = organisation
        self.person = person
        self.heading = (f"Contactpersoon bewerken: {person.name}" if person
                        else f"Nieuwe contactpersoon bij {organisation.name}")
        self.title = "Contactpersoon"

    def form_rows(self) -> ComposeResult:
        person = self.person

        def text(name: str, placeholder: str = "") -> Input:
            return Input((getattr(person, name) or "") if person else "", placeholder=placeholder)

        yield form_row("Naam *", text("name"), "name")
        yield form_row("Functie", text("role", "bijv. eigenaar"), "role")
        yield form_row("E-mail", text("email"), "email")
        yield form_row("Telefoon", text("phone", "bijv. 06 12345678"), "phone")
        yield form_row("Notities", TextArea(person.notes if person else ""), "notes")

    def save(self, values: dict[str, Any]) -> str:
        ws = self.app.ws
        if self.person:
            return persons.update_person(ws, self.person.id, {**values, "organisation_ids": self.person.organisation_ids}).id
        return persons.create_person(ws, {**values, "organisation_ids": [self.organisation.id]}).id
