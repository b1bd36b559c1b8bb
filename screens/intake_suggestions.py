"""The intake's suggestions: existing organisations (similar names included) and the persons of
the chosen organisation, offered while typing; ↑/↓ move through them without leaving the field."""

from __future__ import annotations

from textual import work
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from desk.records import organisations
from desk.work import duplicates
from screens.literal import literal


class IntakeSuggestions:
    """Part of IntakeScreen (screens.intake), which defines the Suggestions message (its handler is
    named after the screen) and the fields used here, and picks a suggestion on enter or click."""

    @work(thread=True, exclusive=True, group="intake-suggest")
    def suggest_organisations(self, text: str) -> None:
        ws = self.app.ws
        rows: list[tuple[str, str]] = []
        warning = ""
        if text.strip():
            matches = duplicates.find_similar(ws, text, limit=3)
            found = organisations.list_organisations(ws, text, 0, 5, include_archived=False)
            seen = set()
            for match in matches:
                rows.append((match.id, f"{match.name} · {match.city or ''} · {match.reason}"))
                seen.add(match.id)
            rows += [(row.id, f"{row.name} · {row.city or ''}") for row in found if row.id not in seen]
            if matches:
                warning = f"Let op: bestaat al? {matches[0].name} ({matches[0].reason}). ↓ en enter om die te kiezen."
        self.post_message(self.Suggestions(text, rows[:6], warning))

    def on_intake_screen_suggestions(self, message: Suggestions) -> None:
        if message.text != self.query_one("#organisation", Input).value or self.organisation_id:
            return
        suggestions = self.query_one("#organisation-suggestions", OptionList)
        suggestions.clear_options()
        suggestions.add_options([Option(literal(label), id=org_id) for org_id, label in message.rows])
        suggestions.display = bool(message.rows)
        info = self.query_one("#organisation-info", Static)
        hint = "nieuwe organisatie — of kies met ↓ een bestaande" if message.rows else "nieuwe organisatie"
        info.update(literal(message.warning or (hint if message.text.strip() else "")))
        info.set_class(bool(message.warning), "warning")

    def _choose_organisation(self, org_id: str, name: str) -> None:
        self._filling = True
        self.query_one("#organisation", Input).value = name
        self.call_after_refresh(self._done_filling)
        self.organisation_id = org_id
        self.organisation_name = name
        self.query_one("#organisation-suggestions", OptionList).display = False
        info = self.query_one("#organisation-info", Static)
        info.update(literal(f"✓ bestaande organisatie: {name}"))
        info.remove_class("warning")
        self._load_persons(org_id)
        self._changed()

    def _load_persons(self, org_id: str) -> None:
        self.organisation_persons = organisations.get_organisation(self.app.ws, org_id).persons
        self._show_person_suggestions(self.query_one("#person_name", Input).value)

    def _show_person_suggestions(self, text: str) -> None:
        suggestions = self.query_one("#person-suggestions", OptionList)
        suggestions.clear_options()
        wanted = text.casefold().strip()
        people = [p for p in self.organisation_persons if wanted in p.name.casefold()] if not self.person_id else []
        suggestions.add_options([Option(literal(f"{p.name} · {p.role or ''} · {p.email or ''}"), id=p.id)
                                 for p in people])
        suggestions.display = bool(people)

    def _choose_person(self, person_id: str) -> None:
        person = next(p for p in self.organisation_persons if p.id == person_id)
        self._filling = True
        self.query_one("#person_name", Input).value = person.name
        self.query_one("#person_email", Input).value = person.email or ""
        self.query_one("#person_phone", Input).value = person.phone or ""
        self.call_after_refresh(self._done_filling)
        self.person_id = person_id
        self.person_name = person.name
        self.query_one("#person-suggestions", OptionList).display = False
        self._changed()

    def _suggestions_for_focus(self) -> OptionList | None:
        focused = self.focused
        if focused is not None and focused.id in ("organisation", "person_name"):
            suggestions = self.query_one(f"#{focused.id.split('_')[0]}-suggestions", OptionList)
            return suggestions if suggestions.display and suggestions.option_count else None
        return None

    def on_key(self, event) -> None:
        suggestions = self._suggestions_for_focus()
        if suggestions is not None and event.key in ("down", "up"):
            suggestions.action_cursor_down() if event.key == "down" else suggestions.action_cursor_up()
            event.stop()
            event.prevent_default()
