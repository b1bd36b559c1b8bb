"""Create or change an organisation, with validation while typing."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from desk.records import organisations, terms
from desk.records.models import Organisation
from screens.form import FormScreen, form_row
from screens.literal import literal, options

FIELDS = (
    "name", "kvk", "branch_number", "legal_form", "street", "postcode", "city", "municipality",
    "website", "impact_type", "themes", "sdgs", "is_partner", "ecosystem_domains", "notes", "archived",
)


class OrganisationFormScreen(FormScreen):

    def __init__(self, org: Organisation | None = None) -> None:
        super().__init__()
        self.org = org
        self.field_names = FIELDS if org else FIELDS[:-1]
        self.heading = f"Organisatie bewerken: {org.name}" if org else "Nieuwe organisatie"
        self.title = "Organisatie bewerken" if org else "Nieuwe organisatie"

    def form_rows(self) -> ComposeResult:
        org, ws = self.org, self.app.ws

        def text(name: str, placeholder: str = "") -> Input:
            return Input(getattr(org, name) or "" if org else "", placeholder=placeholder)

        def select(kind: str, current: str | None) -> Select:
            labels = terms.labels(ws, kind)
            if current and current not in labels:
                labels.append(current)
            return Select(options((label, label) for label in labels), value=current if current else Select.NULL,
                          prompt="—", allow_blank=True)

        def choices(kind: str, current: list[str]) -> SelectionList:
            return SelectionList(*[(literal(label), label, label in current) for label in terms.labels(ws, kind)])

        yield form_row("Naam *", text("name", "naam van de onderneming"), "name")
        yield form_row("KvK-nummer", text("kvk", "8 cijfers"), "kvk")
        yield form_row("Vestigingsnummer", text("branch_number", "12 cijfers"), "branch_number")
        yield form_row("Rechtsvorm", select(terms.LEGAL_FORM, org.legal_form if org else None), "legal_form")
        yield form_row("Adres", text("street", "straat en huisnummer"), "street")
        yield form_row("Postcode", text("postcode", "1234 AB"), "postcode")
        yield form_row("Plaats", text("city"), "city")
        yield form_row("Gemeente", text("municipality"), "municipality")
        yield form_row("Website", text("website", "www.voorbeeld.nl"), "website")
        yield form_row("Type", select(terms.IMPACT_TYPE, org.impact_type if org else None), "impact_type")
        yield form_row("Thema's", choices(terms.THEME, org.themes if org else []), "themes")
        sdgs = ", ".join(str(sdg) for sdg in org.sdgs) if org else ""
        yield form_row("SDG's", Input(sdgs, placeholder="bijv. 8, 10, 11"), "sdgs")
        yield form_row("Partner", Checkbox("Partner in het ecosysteem", org.is_partner if org else False), "is_partner")
        yield form_row("Ecosysteemdomeinen",
                       choices(terms.ECOSYSTEM_DOMAIN, org.ecosystem_domains if org else []), "ecosystem_domains")
        yield form_row("Notities", TextArea(org.notes if org else ""), "notes")
        if org:
            yield form_row("Gearchiveerd", Checkbox("Gearchiveerd", org.archived), "archived")

    def save(self, values: dict[str, Any]) -> str:
        if self.org:
            return organisations.update_organisation(self.app.ws, self.org.id, values).id
        return organisations.create_organisation(self.app.ws, values).id
