"""All organisations: search while typing over the full-text index, a paged list, open one."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Select, Static

from desk.core.search import fts_query
from desk.records import organisations
from desk.records.models import OrganisationRow
from desk.work import certifications
from screens.base import DeskScreen
from screens.format import dutch_count
from screens.literal import literal, options
from screens.organisation_detail import OrganisationDetailScreen
from screens.organisation_form import OrganisationFormScreen
from screens.widgets.row_list import Column, RowList

COLUMNS = [
    Column("Naam", lambda row: row.name + (" (gearchiveerd)" if row.archived else "")),
    Column("KvK", lambda row: row.kvk or "", width=9),
    Column("Plaats", lambda row: row.city or "", width=14),  # the name takes what is left: at 80 columns 25
    Column("Type", lambda row: row.impact_type or "", width=16),
    Column("Partner", lambda row: "partner" if row.is_partner else "", width=8),
]


PAGE = 100  # rows read with each search; the list reads further pages as it scrolls


class OrganisationsScreen(DeskScreen):
    CSS_PATH = "organisations.tcss"
    SUB_TITLE = "Organisaties"
    BINDINGS = [
        Binding("slash", "focus_search", "Zoeken", key_display="/", id="organisations.search",
                tooltip="Typ een deel van naam, KvK-nummer, plaats of contactpersoon"),
        Binding("ctrl+n", "new", "Nieuwe organisatie", id="organisations.new", tooltip="Organisatie toevoegen"),
        Binding("h", "toggle_archived", "Gearchiveerd tonen/verbergen", id="organisations.archived"),
        Binding("escape", "clear_search", "Zoekterm wissen", show=False, id="organisations.clear"),
    ]

    @dataclass
    class Results(Message):
        query: str
        count: int | None  # None: more than a page, counted next (Counted)
        first_page: list[OrganisationRow]
        keep_cursor: bool
        certification: organisations.CertificationFilter | None

    @dataclass
    class Counted(Message):
        query: str
        count: int
        certification: organisations.CertificationFilter | None

    def __init__(self) -> None:
        super().__init__()
        self.include_archived = False
        self.shown_query: str | None = None  # the search whose results the list shows

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            yield Input(placeholder="Zoek: naam, KvK, plaats, persoon…", id="search")
            yield Select(options((k.name, k.id) for k in certifications.kinds(self.app.ws)), prompt="keurmerk", id="kind")
            yield Select([(s, s) for s in certifications.STATUSES], prompt="status", id="status")
            yield Static("", id="result-count")
        yield RowList(COLUMNS, empty_text="Geen organisaties gevonden.", id="organisation-list")

    def on_mount(self) -> None:
        self.query_one(RowList).focus()

    def on_screen_resume(self) -> None:
        self.reload_when_changed(lambda: self.search(self.query_one("#search", Input).value, keep_cursor=True))

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Select.Changed)
    def certification_changed(self) -> None:
        self.search(self.query_one("#search", Input).value)

    @property
    def certification_filter(self) -> organisations.CertificationFilter | None:
        kind, status = self.query_one("#kind", Select).value, self.query_one("#status", Select).value
        if kind is Select.NULL:
            return None
        return organisations.CertificationFilter(kind, None if status is Select.NULL else status)

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self.query_one(RowList).focus()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#search", Input):
            self.query_one(RowList).focus()
            event.stop()

    @work(thread=True, exclusive=True, group="organisation-search")
    def search(self, query: str, keep_cursor: bool = False) -> None:
        """The first page first, the count after it: for a first letter the count is half the work
        (18,769 hits for 'g' at the design scale), and a page of fewer rows is its own count."""
        ws, archived, certification = self.ws, self.include_archived, self.certification_filter
        first = organisations.list_organisations(ws, query, 0, PAGE, include_archived=archived,
                                                 certification=certification)
        whole = len(first) < PAGE
        self.post_message(self.Results(query, len(first) if whole else None, first, keep_cursor, certification))
        if not whole:
            count = organisations.count_organisations(ws, query, include_archived=archived,
                                                      certification=certification)
            self.post_message(self.Counted(query, count, certification))

    def _is_current(self, query: str, certification: organisations.CertificationFilter | None) -> bool:
        return query == self.query_one("#search", Input).value and certification == self.certification_filter

    def on_organisations_screen_results(self, message: Results) -> None:
        if not self._is_current(message.query, message.certification):
            return  # an older search finished after a newer keystroke
        fetch = partial(organisations.list_organisations, self.ws, message.query, include_archived=self.include_archived,
                        certification=message.certification)
        from_end = None if fts_query(message.query) else partial(fetch, from_end=True)  # the list in name order
        row_list = self.query_one(RowList)
        count = message.count
        if count is None:  # until counted: the page, or what the list had when it keeps its cursor
            count = max(len(message.first_page), row_list.row_count if message.keep_cursor else 0)
        row_list.set_source(count, fetch, message.first_page, keep_cursor=message.keep_cursor, fetch_from_end=from_end)
        self.shown_query = message.query
        self._show_count(message.count)

    def on_organisations_screen_counted(self, message: Counted) -> None:
        if self._is_current(message.query, message.certification) and self.shown_query == message.query:
            self.query_one(RowList).set_count(message.count)
            self._show_count(message.count)

    def _show_count(self, count: int | None) -> None:
        """None: not counted yet."""
        text = f"{PAGE} of meer organisaties, tellen…" if count is None else dutch_count(count, "organisatie",
                                                                                                 "organisaties")
        self.query_one("#result-count", Static).update(literal(text))

    @on(RowList.Selected, "#organisation-list")
    def open_organisation(self, event: RowList.Selected) -> None:
        self.app.push_screen(OrganisationDetailScreen(event.row.id))

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        self.query_one(RowList).focus()

    def action_toggle_archived(self) -> None:
        self.include_archived = not self.include_archived
        self.notify("Gearchiveerde organisaties " + ("zichtbaar" if self.include_archived else "verborgen"),
                    markup=False)
        self.search(self.query_one("#search", Input).value)

    def action_new(self) -> None:
        def opened(org_id: str | None) -> None:
            if org_id:
                self.app.push_screen(OrganisationDetailScreen(org_id))

        self.app.push_screen(OrganisationFormScreen(), opened)
