"""First start and settings: who is typing (this machine) and for which municipality (the database)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from desk.core import settings
from desk.core.config import make_user, save_user
from desk.core.errors import ValidationFailed
from screens.field_checks import FieldChecks
from screens.panel import PanelScreen


class SetupScreen(FieldChecks, PanelScreen[bool]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="setup.save"),
        Binding("escape", "cancel", "Annuleren", id="setup.cancel"),
    ]
    DEFAULT_CSS = """
    SetupScreen > Vertical { width: 72; height: auto; }
    SetupScreen Input { margin-bottom: 0; }
    SetupScreen Button { margin-top: 1; }
    """

    def __init__(self, first_run: bool) -> None:
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        ws = self.app.ws
        with Vertical():
            yield Static("[b]Welkom bij Desk[/b]" if self.first_run else "[b]Instellingen[/b]")
            if self.first_run:
                yield Static("Eerst even kennismaken. Je initialen komen bij alles wat je vastlegt.", classes="muted")
            yield Label("Je naam")
            yield Input(ws.user.name if ws.user else "", id="name", placeholder="bijv. Sanne de Groot")
            yield Static("", id="name-error", classes="field-error")
            yield Label("Initialen")
            yield Input(ws.user.initials if ws.user else "", id="initials", placeholder="bijv. SdG", max_length=8)
            yield Static("", id="initials-error", classes="field-error")
            yield Label("Gemeente of provincie")
            # At the first start the name stored (the demo's, if loaded) is an example, not a value to keep.
            stored = settings.organisation_name(ws) or ""
            yield Input("" if self.first_run else stored, id="organisation",
                        placeholder=f"bijv. {stored if self.first_run and stored else 'Gemeente Rivierstad'}")
            yield Static("", id="organisation-error", classes="field-error")
            yield Button("Opslaan (ctrl+s)", variant="primary", id="save")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def field_message(self, field: str, value: str) -> str:
        if field == "organisation":
            return "" if value.strip() else "vul de naam van je gemeente of provincie in"
        typed = {name: self.query_one(f"#{name}", Input).value for name in ("name", "initials")}
        try:
            make_user(**{**typed, field: value})
        except ValidationFailed as exc:
            return exc.errors.get(field, "")
        return ""

    def action_save(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in ("name", "initials", "organisation")}
        self.clear_field_messages()
        errors = {field: message for field, value in values.items() if (message := self.field_message(field, value))}
        if errors:  # all at once; each goes as soon as its field is right
            self.show_field_errors(ValidationFailed(errors))
            return
        user = make_user(values["name"], values["initials"])
        organisation = " ".join(values["organisation"].split())
        if self.app.ws.user is not None:  # the name changes; the theme and keys stay
            user = user.model_copy(update={"theme": self.app.ws.user.theme, "keys": self.app.ws.user.keys})
        save_user(self.app.config_path, user)
        self.app.ws.user = user
        settings.set_setting(self.app.ws, settings.ORGANISATION_NAME, organisation)
        self.dismiss(True)

    def action_cancel(self) -> None:
        if self.first_run:
            self.notify("Vul eerst je naam en initialen in; ctrl+q stopt Desk.", severity="warning", markup=False)
            return
        self.dismiss(False)
