"""The contact log: every contact moment, newest first, with filters and search."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Select, Static

from desk.core.clock import local_text
from desk.dates.phrases import parse_date
from desk.records import contacts, events, terms
from desk.records.contacts import ContactFilter, ContactRow
from screens.base import DeskScreen
from screens.contact_detail import ContactDetailScreen
from screens.format import dutch_count
from screens.literal import literal, options
from screens.widgets.row_list import Column, RowList

COLUMNS = [
    Column("Wanneer", lambda row: local_text(row.occurred_at), width=16),
    Column("Organisatie", lambda row: row.organisation_name),
    Column("Onderwerp", lambda row: row.subject),
    Column("Kanaal", lambda row: row.channel or "", width=10),
    Column("Evenement", lambda row: row.event_name or "", width=22, optional=True),
    Column("Door", lambda row: row.author or "", width=5),
]


class LogScreen(DeskScreen):
    CSS_PATH = "log.tcss"
    SUB_TITLE = "Log"
    BINDINGS = [
        Binding("slash", "focus_search", "Zoeken", key_display="/", id="log.search",
                tooltip="Zoek in onderwerp en notities"),
        Binding("f", "focus_filters", "Filters", id="log.filters", tooltip="Periode, kanaal, evenement, vraag, thema, auteur"),
        Binding("escape", "clear", "Filters wissen", show=False, id="log.clear"),
    ]

    @dataclass
    class Results(Message):
        token: int
        count: int
        first_page: list[ContactRow]
        flt: ContactFilter

    def __init__(self) -> None:
        super().__init__()
        self._token = 0

    def compose_body(self) -> ComposeResult:
        ws = self.app.ws
        with Horizontal(id="log-search"):
            yield Input(placeholder="Zoek in onderwerp en notities…", id="search")
            yield Static("", id="log-count")
        with Horizontal(id="log-filters"):
            yield Input(placeholder="van (bijv. 1 jan 2026)", id="date_from")
            yield Input(placeholder="tot en met", id="date_to")
            yield Select(options((x, x) for x in terms.labels(ws, terms.CHANNEL)), prompt="kanaal", id="channel")
            yield Select(options((e.label, e.id) for e in events.list_events(ws)), prompt="evenement", id="event_id")
            yield Select(options((x, x) for x in terms.labels(ws, terms.NEED)), prompt="vraag", id="need")
            yield Select(options((x, x) for x in terms.labels(ws, terms.THEME)), prompt="thema", id="theme")
            yield Select(options((x, x) for x in contacts.authors(ws)), prompt="door", id="author")
        yield Static("", id="filter-error", classes="field-error")
        yield RowList(COLUMNS, empty_text="Geen contactmomenten.", id="log-list")

    def on_mount(self) -> None:
        self.query_one(RowList).focus()

    def on_screen_resume(self) -> None:
        self.reload_when_changed(self.refresh_log)

    def current_filter(self) -> ContactFilter | None:
        def value(selector: str):
            selected = self.query_one(selector, Select).value
            return None if selected is Select.NULL else selected

        error = self.query_one("#filter-error", Static)
        dates: dict[str, dt.date | None] = {}
        for name, label in (("date_from", "van"), ("date_to", "tot en met")):
            text = self.query_one(f"#{name}", Input).value.strip()
            try:
                dates[name] = parse_date(text, self.app.today()) if text else None
            except ValueError as exc:
                error.update(literal(f"{label}: {exc}"))
                return None
        error.update("")
        return ContactFilter(
            query=self.query_one("#search", Input).value, channel=value("#channel"), event_id=value("#event_id"),
            need=value("#need"), theme=value("#theme"), author=value("#author"), **dates,
        )

    @on(Input.Changed)
    @on(Select.Changed)
    def refresh_log(self) -> None:
        flt = self.current_filter()
        if flt is not None:
            self._token += 1
            self.load(self._token, flt)

    @work(thread=True, exclusive=True, group="log")
    def load(self, token: int, flt: ContactFilter) -> None:
        ws = self.app.ws
        self.post_message(self.Results(token, contacts.count_contacts(ws, flt),
                                       contacts.list_contacts(ws, flt, 0, 100), flt))

    def on_log_screen_results(self, message: Results) -> None:
        if message.token != self._token:
            return
        fetch = partial(contacts.list_contacts, self.app.ws, message.flt)
        self.query_one(RowList).set_source(message.count, fetch, message.first_page, keep_cursor=True)
        self.query_one("#log-count", Static).update(literal(dutch_count(message.count, "contactmoment",
                                                                        "contactmomenten")))

    @on(RowList.Selected, "#log-list")
    def open_contact(self, event: RowList.Selected) -> None:
        self.app.push_screen(ContactDetailScreen(event.row.id))

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#date_from", Input).focus()

    def action_clear(self) -> None:
        for name in ("search", "date_from", "date_to"):
            self.query_one(f"#{name}", Input).value = ""
        for select in self.query("#log-filters Select").results(Select):
            select.clear()
        self.query_one(RowList).focus()
