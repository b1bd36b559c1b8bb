"""Add or change a follow-up: what, when (a Dutch phrase), how often, for which organisation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input

from desk.dates.phrases import format_date_nl, parse_datetime
from desk.dates.recurrence import parse_recurrence
from desk.work import followups
from screens.form import FormScreen, form_row
from screens.widgets.organisation_picker import OrganisationPicker


class FollowUpFormScreen(FormScreen):
    def __init__(self, followup: followups.FollowUp | None = None, organisation_id: str | None = None,
                 organisation_name: str = "") -> None:
        super().__init__()
        self.followup = followup
        self.organisation_id = followup.organisation_id if followup else organisation_id
        name = followup.organisation_name if followup else organisation_name
        self.heading = (f"Opvolging bewerken — {name}" if followup
                        else f"Nieuwe opvolging — {name}" if organisation_id else "Nieuwe opvolging")
        self.field_names = ("title", "due", "recurrence") + (() if self.organisation_id else ("organisation_id",))

    def form_rows(self) -> ComposeResult:
        f = self.followup
        yield form_row("Wat *", Input(f.title if f else "", placeholder="bijv. nabellen over de offerte"), "title")
        due = (f.due_date.strftime("%d-%m-%Y") + (f" {f.due_time}" if f.due_time else "")) if f else ""
        yield form_row("Wanneer *", Input(due, placeholder="morgen, vrijdag 14u, over 2 weken, 3 maart"), "due")
        yield form_row("Herhaling", Input(f.recurrence_text if f else "",
                                          placeholder="leeg, of: elke maand, twee keer per jaar"), "recurrence")
        if not self.organisation_id:
            yield form_row("Organisatie *", OrganisationPicker(), "organisation_id")

    def field_hint(self, field: str, value: str) -> str:
        try:
            if field == "due" and value.strip():
                day, time = parse_datetime(value, self.app.today())
                return f"→ {format_date_nl(day)}" + (f" om {time:%H:%M}" if time else "")
            if field == "recurrence" and value.strip():
                return f"→ {parse_recurrence(value).text}"
        except ValueError as exc:
            return str(exc)
        return super().field_hint(field, value)

    def save(self, values: dict[str, Any]) -> str:
        today: dt.date = self.app.today()
        if self.followup:
            return followups.update_followup(self.app.ws, self.followup.id, title=values["title"], due=values["due"],
                                             recurrence=values["recurrence"], today=today).id
        return followups.create_followup(
            self.app.ws, title=values["title"], due=values["due"], recurrence=values["recurrence"],
            organisation_id=self.organisation_id or values.get("organisation_id"), today=today,
        ).id
