"""One contact moment: read it, change it (the earlier version is kept) or delete it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Select, SelectionList, Static, TextArea

from desk.core.clock import LOCAL_TZ, local_text
from desk.core.errors import NotFound, ValidationFailed
from desk.dates.phrases import parse_datetime
from desk.records import contacts, persons, terms
from desk.records.needs import explain_unknown, resolve_needs
from screens.confirm import ConfirmScreen
from screens.form import FormScreen, form_row
from screens.literal import lines, literal, options, styled
from screens.panel import PanelScreen


def contact_text(contact: contacts.Contact) -> Text:
    fields = [
        ("Wanneer", local_text(contact.occurred_at)),
        ("Organisatie", contact.organisation_name),
        ("Contactpersonen", ", ".join(name for _, name in contact.persons)),
        ("Kanaal", contact.channel),
        ("Evenement", contact.event_name),
        ("Ondersteuningsvragen", ", ".join(contact.needs)),
        ("Opvolging", contact.follow_up_text),
        ("Vastgelegd door", contact.author),
        ("Versie", str(contact.version) if contact.version > 1 else ""),
    ]
    return lines([(contact.subject or "Contactmoment", "bold"), "",
                  *[styled((f"{label}:", "bold"), " ", value) for label, value in fields if value],
                  "", contact.notes])


class ContactDetailScreen(PanelScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Sluiten", id="contact.close"),
        Binding("e", "edit", "Bewerken", id="contact.edit"),
        Binding("delete,x", "delete", "Verwijderen", id="contact.delete", tooltip="Verwijderen (vraagt eerst)"),
        Binding("o", "open_organisation", "Organisatie", id="contact.organisation"),
        Binding("v", "refer", "Doorverwijzen", id="contact.refer", tooltip="Doorverwijzing vanuit dit gesprek"),
    ]
    DEFAULT_CSS = """
    ContactDetailScreen > Vertical { width: 100; max-width: 95%; height: 80%; }
    """

    def __init__(self, contact_id: str) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.contact: contacts.Contact | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static("", id="contact-text")
            yield Static("e bewerken · x verwijderen · v doorverwijzen · o organisatie · escape sluiten",
                         classes="muted")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        try:
            self.contact = contacts.get_contact(self.app.ws, self.contact_id)
        except NotFound as exc:
            self.notify(str(exc), severity="error", markup=False)
            self.dismiss(None)
            return
        self.query_one("#contact-text", Static).update(contact_text(self.contact))

    def action_edit(self) -> None:
        self.app.push_screen(ContactFormScreen(self.contact), lambda _: self.reload())

    def action_delete(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                contacts.delete_contact(self.app.ws, self.contact_id)
                self.notify("Contactmoment verwijderd.", markup=False)
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(f"Contactmoment '{self.contact.subject}' verwijderen?",
                                           yes="Verwijderen", no="Bewaren"), answered)

    def action_refer(self) -> None:
        from screens.referral_form import ReferralFormScreen  # noqa: PLC0415

        contact = self.contact
        self.app.push_screen(ReferralFormScreen(contact.organisation_id, contact.organisation_name,
                                                contact_id=contact.id, question=contact.subject, needs=contact.needs))

    def action_open_organisation(self) -> None:
        organisation_id = self.contact.organisation_id
        self.dismiss(None)
        self.app.open_organisation(organisation_id)


class ContactFormScreen(FormScreen):
    field_names = ("occurred_at", "channel", "person_ids", "subject", "needs", "notes")

    def __init__(self, contact: contacts.Contact) -> None:
        super().__init__()
        self.contact = contact
        self.heading = f"Contactmoment bewerken — {contact.organisation_name}"

    def form_rows(self) -> ComposeResult:
        ws, contact = self.app.ws, self.contact
        yield form_row("Wanneer", Input(local_text(contact.occurred_at)), "occurred_at")
        yield form_row("Kanaal", Select(options((x, x) for x in terms.labels(ws, terms.CHANNEL)), value=contact.channel,
                                        allow_blank=False), "channel")
        # Who was there: the organisation's contact persons, and anyone already on this contact
        # moment who is no longer linked to it (so that saving does not drop them unasked).
        present = dict(contact.persons)
        people = {person.id: person.name for person in persons.persons_of(ws, contact.organisation_id)}
        people.update({person_id: name for person_id, name in present.items() if person_id not in people})
        yield form_row("Aanwezig", SelectionList(*[(literal(name), person_id, person_id in present)
                                                   for person_id, name in people.items()]), "person_ids")
        yield form_row("Onderwerp", Input(contact.subject), "subject")
        yield form_row("Vragen", Input(", ".join(contact.needs)), "needs")
        yield form_row("Notities", TextArea(contact.notes), "notes")

    def save(self, values: dict[str, Any]) -> str:
        errors = {}
        labels = terms.labels(self.app.ws, terms.NEED)
        needs, unknown = resolve_needs(values["needs"], labels)
        if unknown:
            errors["needs"] = explain_unknown(unknown, labels)
        try:
            day, time = parse_datetime(values["occurred_at"], self.app.today())
        except ValueError as exc:
            errors["occurred_at"] = str(exc)
        if errors:
            raise ValidationFailed(errors, contacts.CONTACT_LABELS)
        occurred = dt.datetime.combine(day, time or dt.time(12), LOCAL_TZ)
        data = {**self.contact.model_dump(), "occurred_at": occurred, "channel": values["channel"],
                "subject": values["subject"], "notes": values["notes"], "needs": needs,
                "person_ids": values["person_ids"]}
        return contacts.update_contact(self.app.ws, self.contact.id, data).id
