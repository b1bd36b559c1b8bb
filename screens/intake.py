"""The quick intake: a whole conversation in one form, fast to type, never lost.

Organisation and person fields suggest existing records while you type (↑/↓ to pick, enter to
choose) without leaving the field, so tab always goes to the next field. What is typed is kept as
a draft in the database about a second after the last keystroke.

Drafts and the save itself are written from thread workers, one after the other: while another
process holds the write lock they wait (the app shows a notice) and the form stays usable and
keeps its text.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList, Select, Static, TextArea

from desk.core import clock
from desk.core.errors import ValidationFailed
from desk.dates.phrases import format_date_nl, parse_datetime
from desk.dates.tasks import split_date_phrase
from desk.records import contacts, events, terms
from desk.records.models import Organisation
from desk.records.needs import explain_unknown, resolve_needs
from desk.work import drafts, intake, referrals
from screens.base import StyledOnMount
from screens.confirm import ConfirmScreen
from screens.field_checks import PREVIEW, FieldChecks
from screens.form import form_row
from screens.intake_drafts import IntakeDrafts
from screens.intake_suggestions import IntakeSuggestions
from screens.literal import literal, options
from screens.widgets.footer import DeskFooter
from screens.widgets.status_bar import StatusBar

TEXT_FIELDS = ("organisation", "person_name", "person_email", "person_phone", "needs", "follow_up_text",
               "subject", "occurred_at", "organisation_kvk", "organisation_city")


class IntakeScreen(FieldChecks, IntakeDrafts, IntakeSuggestions, StyledOnMount):
    CSS_PATH = "intake.tcss"
    AUTO_FOCUS = "#organisation"
    SUB_TITLE = "Nieuw contactmoment"
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="intake.save", tooltip="Vastleggen en leeg maken voor het volgende gesprek"),
        Binding("escape", "leave", "Sluiten", id="intake.leave", tooltip="Sluiten; vraagt eerst als er iets getypt is"),
    ]

    @dataclass
    class Suggestions(Message):
        text: str
        rows: list[tuple[str, str]]  # (id, label)
        warning: str

    def __init__(self, draft: dict | None = None, organisation: Organisation | None = None) -> None:
        super().__init__()
        self.draft = draft or {}
        self.preset_organisation = organisation
        self.organisation_id: str | None = None
        self.organisation_persons: list = []
        self.person_id: str | None = None
        self.organisation_name = ""
        self.person_name = ""
        self._filling = False
        self._draft_timer: Timer | None = None
        self._draft_to_write: dict | None = None  # the newest draft not yet handed to the writer
        self._draft_writer_busy = False
        self._draft_slot = threading.Lock()  # guards the two fields above between threads
        self._write_order = threading.Lock()  # one intake write at a time, in the order asked
        self._saving = False
        self._focus_before_save = None

    def compose(self) -> ComposeResult:
        ws = self.app.ws
        current = self._current_event = events.current_event(ws)
        yield Header()
        heading = "Nieuw contactmoment" + (f"  ·  evenement: {current.name}" if current else "")
        yield Static(literal(heading), id="intake-heading")
        with VerticalScroll(id="form-body"):
            yield form_row("Organisatie *", Input(compact=True, placeholder="typ de naam; ↑/↓ en enter kiest een bestaande"),
                           "organisation")
            yield OptionList(id="organisation-suggestions", classes="suggestions")
            yield Static("", id="organisation-info", classes="info")
            yield form_row("Contactpersoon", Input(compact=True, placeholder="naam; ↑/↓ kiest iemand van de organisatie"),
                           "person_name")
            yield OptionList(id="person-suggestions", classes="suggestions")
            yield form_row("E-mail", Input(compact=True), "person_email")
            yield form_row("Telefoon", Input(compact=True), "person_phone")
            yield form_row("Vragen", Input(compact=True, placeholder="eerste letters, komma ertussen: fin, verg, sroi"), "needs")
            yield Static("", id="needs-info", classes="info")
            yield form_row("Notities", TextArea(), "notes")
            yield form_row("Opvolging", Input(compact=True, placeholder="bijv. over 2 weken nabellen"), "follow_up_text")
            yield form_row("Doorverwijzen", Select([], prompt="niet doorverwijzen"), "referral_target")
            yield form_row("Onderwerp", Input(compact=True, placeholder="leeg: de eerste regel van de notities"), "subject")
            channels = options((label, label) for label in terms.labels(ws, terms.CHANNEL))
            yield form_row("Kanaal", Select(channels, value="Evenement" if current else "Gesprek", allow_blank=False),
                           "channel")
            yield form_row("Evenement", Select([], prompt="geen"), "event_id")
            yield form_row("Wanneer", Input(compact=True, placeholder="leeg is nu; of bijv. gisteren 14:00"), "occurred_at")
            yield form_row("KvK (nieuw)", Input(compact=True, placeholder="8 cijfers, bij een nieuwe organisatie"), "organisation_kvk")
            yield form_row("Plaats (nieuw)", Input(compact=True), "organisation_city")
        yield StatusBar()
        yield DeskFooter()

    def on_mount(self) -> None:
        for suggestions in self.query(".suggestions").results(OptionList):
            suggestions.can_focus = False
            suggestions.display = False
        if self.draft:  # its choices must be there to take the draft's values
            self._fill_long_choices()
            self._fill(self.draft)
            return
        self.call_after_refresh(self._fill_long_choices)
        if self.preset_organisation:
            self._choose_organisation(self.preset_organisation.id, self.preset_organisation.name)
            self.query_one("#person_name").focus()

    def _fill_long_choices(self) -> None:
        """Departments and partners, and events, once the form is on screen: at the design scale
        they are hundreds of choices, which took 50 ms before the first field showed."""
        ws = self.app.ws
        self.query_one("#referral_target", Select).set_options(options(referrals.targets(ws)))
        event_select = self.query_one("#event_id", Select)
        event_select.set_options(options((event.label, event.id) for event in events.list_events(ws)))
        if self._current_event is not None and not self.draft:
            event_select.value = self._current_event.id

    # --- values, draft ---------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS}
        data["notes"] = self.query_one("#notes", TextArea).text
        channel = self.query_one("#channel", Select).value
        event = self.query_one("#event_id", Select).value
        target = self.query_one("#referral_target", Select).value
        data["channel"] = None if channel is Select.NULL else channel
        data["event_id"] = None if event is Select.NULL else event
        data["referral_target"] = None if target is Select.NULL else target
        data["organisation_id"] = self.organisation_id
        data["person_id"] = self.person_id
        return data

    @property
    def typed_anything(self) -> bool:
        values = self.values()
        return any(values[name].strip() for name in TEXT_FIELDS) or bool(values["notes"].strip())

    def _fill(self, data: dict) -> None:
        self._filling = True
        for name in TEXT_FIELDS:
            self.query_one(f"#{name}", Input).value = data.get(name) or ""
        self.query_one("#notes", TextArea).text = data.get("notes") or ""
        if data.get("channel"):
            self.query_one("#channel", Select).value = data["channel"]
        event_select = self.query_one("#event_id", Select)
        event_select.value = data["event_id"] if data.get("event_id") else Select.NULL
        target_select = self.query_one("#referral_target", Select)
        target_select.value = data["referral_target"] if data.get("referral_target") else Select.NULL
        self.organisation_id = data.get("organisation_id")
        self.organisation_name = data.get("organisation") or ""
        self.person_id = data.get("person_id")
        self.person_name = data.get("person_name") or ""
        if self.organisation_id:
            self._load_persons(self.organisation_id)
            self.query_one("#organisation-info", Static).update("✓ bestaande organisatie")
        self.call_after_refresh(self._done_filling)

    def _done_filling(self) -> None:
        self._filling = False
        self._show_needs(self.query_one("#needs", Input).value)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        self._changed()
        if self._filling:
            return
        if event.input.id == "organisation":
            if self.organisation_id and event.value == self.organisation_name:
                return
            if self.organisation_id:
                self.organisation_id = None
                self.organisation_persons = []
                self.query_one("#organisation-info", Static).update("")
            self.suggest_organisations(event.value)
        elif event.input.id == "person_name":
            if self.person_id and event.value == self.person_name:
                return
            self.person_id = None
            self._show_person_suggestions(event.value)
        elif event.input.id == "needs":
            self._show_needs(event.value)

    @on(TextArea.Changed)
    @on(Select.Changed)
    def _other_changed(self) -> None:
        self._changed()

    # --- organisation suggestions ------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        suggestions = self._suggestions_for_focus()
        if suggestions is not None and suggestions.highlighted is not None:
            chosen = suggestions.get_option_at_index(suggestions.highlighted)
            if event.input.id == "organisation":
                self._choose_organisation(chosen.id, str(chosen.prompt).split(" · ")[0])
            else:
                self._choose_person(chosen.id)
        self.focus_next()

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "organisation-suggestions":
            self._choose_organisation(event.option.id, str(event.option.prompt).split(" · ")[0])
        else:
            self._choose_person(event.option.id)

    def field_message(self, field: str, value: str) -> str:
        """The follow-up's preview or error; a new organisation's KvK-nummer and a new person's e-mail
        and phone checked as the save checks them."""
        if field == "follow_up_text":
            if not value.strip():
                return ""
            try:
                day, time, rest = split_date_phrase(value, self.app.today())
            except ValueError as exc:
                return str(exc)
            return f"{PREVIEW}opvolging {format_date_nl(day)}" + (f" {time:%H:%M}" if time else "") + f": {rest or 'opvolgen'}"
        if field == "organisation_kvk" and self.organisation_id or field.startswith("person_") and self.person_id:
            return ""  # an existing one's: not typed here
        return intake.field_problem(field, value) or ""

    def _show_needs(self, text: str) -> None:
        labels = terms.labels(self.app.ws, terms.NEED)
        chosen, unknown = resolve_needs(text, labels)
        parts = []
        if chosen:
            parts.append("→ " + ", ".join(chosen))
        if unknown:
            parts.append(explain_unknown(unknown, labels))
        self.query_one("#needs-info", Static).update(literal("   ".join(parts)))

    # --- saving ------------------------------------------------------------------------------

    def _intake_input(self, confirm_new: bool) -> dict:
        values = self.values()
        errors: dict[str, str] = {}
        labels = terms.labels(self.app.ws, terms.NEED)
        chosen, unknown = resolve_needs(values["needs"], labels)
        if unknown:
            errors["needs"] = explain_unknown(unknown, labels)
        occurred_at = None
        if values["occurred_at"].strip():
            try:
                day, time = parse_datetime(values["occurred_at"], self.app.today())
                occurred_at = dt.datetime.combine(day, time or clock.now_local().time())
            except ValueError as exc:
                errors["occurred_at"] = str(exc)
        data = {
            **values, "organisation_name": None if self.organisation_id else values["organisation"],
            "needs": chosen, "occurred_at": occurred_at, "confirm_new_organisation": confirm_new,
        }
        errors = {**intake.problems(data, self.app.today()), **errors}  # all of them on the first ctrl+s
        if errors:
            raise ValidationFailed(errors, intake.INTAKE_LABELS)
        return data

    def action_save(self, confirm_new: bool = False) -> None:
        if self._saving:
            return
        self.clear_field_messages()
        try:
            data = self._intake_input(confirm_new)
        except ValidationFailed as exc:
            self._show_errors(exc)
            return
        self._saving = True
        self._forget_pending_draft()
        self._focus_before_save = self.focused
        self.query_one("#form-body").disabled = True  # what is typed now would be wiped by the save
        self._save_in_background(data)

    @work(thread=True, group="intake-save")
    def _save_in_background(self, data: dict) -> None:
        try:
            with self._write_order:  # after a draft write already under way, so none comes after us
                saved = intake.save_intake(self.app.ws, data, today=self.app.today())
        except intake.DuplicateOrganisation as exc:
            self.app.call_from_thread(self._save_ended, None, exc)
        except ValidationFailed as exc:
            self.app.call_from_thread(self._save_ended, None, exc)
        except BaseException:
            self.app.call_from_thread(self._save_ended, None, None)
            raise
        else:
            self.app.call_from_thread(self._save_ended, saved, None)

    def _save_ended(self, saved: contacts.Contact | None, problem: Exception | None) -> None:
        self._saving = False
        self.query_one("#form-body").disabled = False
        if isinstance(problem, intake.DuplicateOrganisation):
            self._ask_duplicate(problem)
        elif isinstance(problem, ValidationFailed):
            self._show_errors(problem)
        elif saved is not None:
            self._after_save(saved)
            return
        self._store_draft()  # not saved: the form keeps its text, and the draft catches up with it
        if not isinstance(problem, intake.DuplicateOrganisation) and self._focus_before_save is not None:
            self._focus_before_save.focus()

    def _show_errors(self, exc: ValidationFailed) -> None:
        for field, message in exc.errors.items():
            self.show_field_message("organisation" if field == "organisation_id" else field, message)
        self.notify(f"Niet opgeslagen: {exc}", severity="error", timeout=6, markup=False)

    def _ask_duplicate(self, exc: intake.DuplicateOrganisation) -> None:
        from screens.duplicate_question import NEW, DuplicateQuestion  # noqa: PLC0415

        def answered(choice: str | None) -> None:
            if choice == NEW:
                self.action_save(confirm_new=True)
            elif choice:
                match = next(m for m in exc.matches if m.id == choice)
                self._choose_organisation(match.id, match.name)
                self.action_save()
            else:
                self.query_one("#organisation", Input).focus()

        typed = self.query_one("#organisation", Input).value
        self.app.push_screen(DuplicateQuestion(typed, exc.matches), answered)

    def _after_save(self, saved: contacts.Contact) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self.notify(f"Contactmoment vastgelegd bij {saved.organisation_name}.", markup=False)
        current = events.current_event(self.app.ws)
        self._fill({"channel": "Evenement" if current else "Gesprek", "event_id": current.id if current else None})
        self.query_one("#organisation-info", Static).update("")
        self.query_one("#organisation", Input).focus()

    def action_leave(self) -> None:
        if self._saving:
            return
        if not self.typed_anything:
            self._forget_pending_draft()
            self._discard_and_close()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._forget_pending_draft()
                self._discard_and_close()

        self.app.push_screen(ConfirmScreen("Dit contactmoment is nog niet opgeslagen. Weggooien?",
                                           yes="Weggooien", no="Verder typen"), answered)

    @work(thread=True, group="intake-save")
    def _discard_and_close(self) -> None:
        with self._write_order:  # after a draft write already under way, which would bring it back
            drafts.discard_draft(self.app.ws, drafts.INTAKE)
        self.app.call_from_thread(self._close)

    def _close(self) -> None:
        self.dismiss(None)
