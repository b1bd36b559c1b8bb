"""Shared pieces of the edit forms: a labelled field with its error line, dirty tracking,
ctrl+s to save and escape that asks before throwing typed text away."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Header, Input, Label, Select, SelectionList, Static, TextArea

from desk.core.errors import ValidationFailed
from desk.records.models import check_field
from screens.confirm import ConfirmScreen
from screens.field_checks import FieldChecks
from screens.literal import literal
from screens.widgets.footer import DeskFooter
from screens.widgets.organisation_picker import OrganisationPicker


def form_row(label: str, widget: Widget, name: str) -> Horizontal:
    """A label on the left, the widget and its error line on the right."""
    widget.id = name
    return Horizontal(
        Label(label, classes="form-label"),
        Vertical(widget, Static("", id=f"{name}-error", classes="field-error"), classes="form-input"),
        classes="form-row",
    )


def widget_value(widget: Widget) -> Any:
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, SelectionList):
        return list(widget.selected)
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, (Input, Checkbox)):
        return widget.value
    if isinstance(widget, OrganisationPicker):
        return widget.picked_id
    raise TypeError(widget)


class FormScreen(FieldChecks, Screen):
    """A form of named fields. Subclasses build ``form_rows`` and implement ``save``."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Opslaan", id="form.save", tooltip="Bewaren en sluiten"),
        Binding("escape", "leave", "Sluiten", id="form.leave", tooltip="Sluiten; vraagt eerst als er iets getypt is"),
    ]
    DEFAULT_CSS = """
    FormScreen .form-row { height: auto; }
    FormScreen .form-label { width: 22; padding: 1 1 0 1; text-align: right; color: $text-muted; }
    FormScreen .form-input { width: 1fr; height: auto; }
    FormScreen .form-input SelectionList { height: auto; max-height: 12; }
    FormScreen .form-input TextArea { height: 6; }
    FormScreen #form-body { padding: 0 2; }
    FormScreen #form-heading { padding: 1 2 0 2; text-style: bold; }
    """
    AUTO_FOCUS = "Input"
    field_names: tuple[str, ...] = ()
    heading = ""

    def compose(self) -> ComposeResult:
        from textual.containers import VerticalScroll  # noqa: PLC0415

        yield Header()
        yield Static(literal(self.heading), id="form-heading")
        with VerticalScroll(id="form-body"):
            yield from self.form_rows()
        yield DeskFooter()

    def form_rows(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.call_after_refresh(self._remember_initial)

    def _remember_initial(self) -> None:
        self._initial = self.values()

    def values(self) -> dict[str, Any]:
        return {name: widget_value(self.query_one(f"#{name}")) for name in self.field_names}

    @property
    def dirty(self) -> bool:
        return self.values() != getattr(self, "_initial", self.values())

    def field_message(self, field: str, value: str) -> str:
        return self.field_hint(field, value)

    def field_hint(self, field: str, value: str) -> str:
        """The line under a field: an error, or (starting with "→ ") what the input will become."""
        return check_field(field, value) or ""

    def action_save(self) -> None:
        self.clear_field_messages()
        try:
            result = self.save(self.values())
        except ValidationFailed as exc:
            self.show_field_errors(exc)
            first = next(iter(exc.errors))
            if self.query(f"#{first}"):
                self.query_one(f"#{first}").focus()
            self.notify(f"Niet opgeslagen: {exc}", severity="error", timeout=6, markup=False)
            return
        self.notify("Opgeslagen.", markup=False)
        self.dismiss(result)

    def save(self, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def action_leave(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Wat je typte is nog niet opgeslagen. Weggooien?", yes="Weggooien",
                                           no="Verder typen"), answered)
