"""When a form's fields are checked, in one place for every form: a field is checked when it is
left; while it shows an error it is checked again at every key, so the error goes as soon as the
value is right; a preview of what the input becomes ("→ vr 4 dec 2026") shows while typing; on save
all errors show at once. Used by the edit forms, the intake and the setup screen.

The line under field ``x`` is the Static ``#x-error`` (see ``screens.form.form_row``).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Static

from desk.core.errors import ValidationFailed
from screens.literal import literal

PREVIEW = "→ "  # a message that starts so says what the input becomes, not what is wrong


def is_preview(message: str) -> bool:
    return message.startswith(PREVIEW)


class FieldChecks:
    """Mixed into a Screen before it; the screen says what a field's value means in ``field_message``."""

    def field_message(self, field: str, value: str) -> str:
        """An error, a preview (starting with ``PREVIEW``) or "" for one field's value."""
        return ""

    def _line(self, field: str) -> Static | None:
        found = self.query(f"#{field}-error")  # type: ignore[attr-defined]
        return found.first(Static) if found else None

    def shows_error(self, field: str) -> bool:
        line = self._line(field)
        return line is not None and line.has_class("-error")

    def show_field_message(self, field: str, message: str) -> None:
        line = self._line(field)
        if line is not None:
            line.update(literal(message))
            line.set_class(bool(message) and not is_preview(message), "-error")
            line.set_class(is_preview(message), "-hint")

    def show_field_errors(self, exc: ValidationFailed) -> None:
        """All errors of a save at once; each then goes as soon as its field is right."""
        for field, message in exc.errors.items():
            self.show_field_message(field, message)

    def clear_field_messages(self) -> None:
        for line in self.query(".field-error"):  # type: ignore[attr-defined]
            line.update("")
            line.remove_class("-error", "-hint")

    def on_input_changed(self, event: Input.Changed) -> None:  # a plain name: @on does not work in a mixin
        field = event.input.id
        if not field:
            return
        message = self.field_message(field, event.value)
        if is_preview(message) or not message or self.shows_error(field):
            self.show_field_message(field, message)
        else:
            self.show_field_message(field, "")  # half an e-mail address is not wrong yet

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget = event.widget
        if isinstance(widget, Input) and widget.id and self.is_mounted:  # type: ignore[attr-defined]
            self.show_field_message(widget.id, self.field_message(widget.id, widget.value))
