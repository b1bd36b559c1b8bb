"""Choose an organisation by typing part of its name: ↑/↓ move through the matches, enter picks."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from desk.records import organisations
from screens.literal import literal


class OrganisationPicker(Vertical):
    DEFAULT_CSS = """
    OrganisationPicker { height: auto; }
    OrganisationPicker OptionList { height: auto; max-height: 6; border: none; display: none; }
    OrganisationPicker .picked { color: $success; height: auto; }
    """

    @dataclass
    class Matches(Message):
        text: str
        rows: list[tuple[str, str]]

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.picked_id: str | None = None
        self.picked_name = ""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="typ een deel van de naam; ↑/↓ en enter kiest", compact=True)
        options = OptionList()
        options.can_focus = False
        yield options
        yield Static("", classes="picked")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self.picked_id and event.value == self.picked_name:
            return
        self.picked_id = None
        self.query_one(".picked", Static).update("")
        self._search(event.value)

    @work(thread=True, exclusive=True, group="organisation-picker")
    def _search(self, text: str) -> None:
        rows = organisations.list_organisations(self.app.ws, text, 0, 6, include_archived=False) if text.strip() else []
        self.post_message(self.Matches(text, [(row.id, f"{row.name} · {row.city or ''}") for row in rows]))

    def on_organisation_picker_matches(self, message: Matches) -> None:
        message.stop()
        if message.text != self.query_one(Input).value:
            return
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(literal(label), id=org_id) for org_id, label in message.rows])
        options.display = bool(message.rows)
        if message.rows:
            options.highlighted = 0

    def on_key(self, event) -> None:
        options = self.query_one(OptionList)
        if options.display and event.key in ("up", "down"):
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()
            event.prevent_default()

    @on(Input.Submitted)
    def _chosen(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.display and options.highlighted is not None:
            event.stop()
            self._pick(options.get_option_at_index(options.highlighted))

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option)

    def _pick(self, option: Option) -> None:
        self.picked_id = option.id
        self.picked_name = str(option.prompt).split(" · ")[0]
        self.query_one(Input).value = self.picked_name
        self.query_one(OptionList).display = False
        self.query_one(".picked", Static).update(literal(f"✓ {self.picked_name}"))
        self.screen.focus_next()
