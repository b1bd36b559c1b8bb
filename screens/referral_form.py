"""A new referral: to which department or partner, the question in a sentence, the needs."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from desk.core.errors import ValidationFailed
from desk.records import departments, terms
from desk.records.needs import explain_unknown, resolve_needs
from desk.work import referrals
from screens.form import FormScreen, form_row
from screens.literal import options


class ReferralFormScreen(FormScreen):
    field_names = ("target", "question", "needs", "internal_contact")

    def __init__(self, organisation_id: str, organisation_name: str, contact_id: str | None = None,
                 question: str = "", needs: list[str] | None = None) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self.contact_id = contact_id
        self.initial_question = question
        self.initial_needs = needs or []
        self.heading = f"Doorverwijzen — {organisation_name}"

    def form_rows(self) -> ComposeResult:
        yield form_row("Naar *", Select(options(referrals.targets(self.app.ws)), prompt="kies een afdeling of partner"),
                       "target")
        yield form_row("Vraag *", Input(self.initial_question, placeholder="de vraag in een zin"), "question")
        yield form_row("Vragen", Input(", ".join(self.initial_needs), placeholder="fin, verg, sroi"), "needs")
        yield form_row("Interne contactpersoon", Input(placeholder="wordt ingevuld bij een afdeling"),
                       "internal_contact")

    @on(Select.Changed, "#target")
    def _target_chosen(self, event: Select.Changed) -> None:
        department_id = referrals.target_ids(None if event.value is Select.NULL else str(event.value))["department_id"]
        contact = self.query_one("#internal_contact", Input)
        if department_id and not contact.value:
            department = departments.get_department(self.app.ws, department_id)
            contact.value = ", ".join(p for p in (department.contact_name, department.contact_email) if p)

    def save(self, values: dict[str, Any]) -> str:
        labels = terms.labels(self.app.ws, terms.NEED)
        needs, unknown = resolve_needs(values["needs"], labels)
        if unknown:
            raise ValidationFailed({"needs": explain_unknown(unknown, labels)}, referrals.REFERRAL_LABELS)
        return referrals.create_referral(
            self.app.ws, organisation_id=self.organisation_id, contact_id=self.contact_id,
            question=values["question"], needs=needs, internal_contact=values["internal_contact"],
            **referrals.target_ids(values["target"]),
        ).id
