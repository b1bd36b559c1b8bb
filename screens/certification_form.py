"""Add or change a certification or label of an organisation."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select

from desk.dates.phrases import format_date_nl, parse_date
from desk.work import certifications
from screens.form import FormScreen, form_row
from screens.literal import options


class CertificationFormScreen(FormScreen):
    field_names = ("kind", "status", "started_on", "obtained_on", "valid_until")

    def __init__(self, organisation_id: str, organisation_name: str,
                 certification: certifications.Certification | None = None) -> None:
        super().__init__()
        self.organisation_id = organisation_id
        self.certification = certification
        self.heading = f"Keurmerk — {organisation_name}"

    def form_rows(self) -> ComposeResult:
        c = self.certification
        day = lambda value: value.strftime("%d-%m-%Y") if value else ""  # noqa: E731
        kinds = options((k.name, k.id) for k in certifications.kinds(self.app.ws))
        yield form_row("Keurmerk *", Select(kinds, value=c.kind_id if c else Select.NULL, prompt="kies"), "kind")
        yield form_row("Status *", Select([(s, s) for s in certifications.STATUSES],
                                          value=c.status if c else certifications.APPLIED, allow_blank=False), "status")
        yield form_row("Gestart op", Input(day(c.started_on) if c else "", placeholder="aanvraag of toelating"),
                       "started_on")
        yield form_row("Behaald op", Input(day(c.obtained_on) if c else ""), "obtained_on")
        yield form_row("Geldig tot", Input(day(c.valid_until) if c else "",
                                           placeholder="leeg: volgt uit de geldigheid van het keurmerk"), "valid_until")

    def field_hint(self, field: str, value: str) -> str:
        if field in ("started_on", "obtained_on", "valid_until") and value.strip():
            try:
                return "→ " + format_date_nl(parse_date(value, self.app.today()))
            except ValueError as exc:
                return str(exc)
        return super().field_hint(field, value)

    def save(self, values: dict[str, Any]) -> str:
        return certifications.save_certification(
            self.app.ws, organisation_id=self.organisation_id, kind_id=values["kind"] or "", status=values["status"],
            started_on=values["started_on"], obtained_on=values["obtained_on"], valid_until=values["valid_until"],
            certification_id=self.certification.id if self.certification else None, today=self.app.today(),
        ).id
