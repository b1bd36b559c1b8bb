"""The export dialog: what to export, as what, and which selection; the file goes to the exports/
folder beside the database, written in a thread worker with a progress bar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from desk.core.errors import DeskError
from desk.files import access_request, export_filters, export_kinds, exporting
from desk.files.writing import exports_dir, write_file_privately
from desk.records import contacts, events, terms
from screens.browser import deliver
from screens.literal import literal, options
from screens.widgets.organisation_picker import OrganisationPicker

KIND_LABELS = {
    "contacts": "Contactmomenten",
    "organisations": "Organisaties met contactpersonen (adreslijst)",
    "referrals": "Doorverwijzingen",
    "followups": "Opvolging",
    "person": "Alles over één persoon (AVG-inzage)",
}
FORMAT_LABELS = {"csv": "CSV (Excel)", "xlsx": "Excel (xlsx)", "jsonl": "JSON Lines", "ics": "Agenda (ics, open opvolging)"}
DELIMITER_LABELS = {";": "puntkomma (;)", ",": "komma (,)", "tab": "tab"}
FILTER_ROWS = ("date_from", "date_to", "event", "organisation", "theme", "need", "author")


@dataclass(frozen=True)
class ExportRequest:
    kind: str
    fmt: str
    delimiter: str
    date_from: dt.date | None
    date_to: dt.date | None
    event: str | None
    organisation: str | None
    theme: str | None
    need: str | None
    author: str | None
    subject: str


def _row(label: str, widget: Widget, name: str) -> Horizontal:
    widget.id = name
    return Horizontal(Label(label, classes="export-label"), widget, classes="export-row", id=f"row-{name}")


class ExportDialog(ModalScreen[Path | None]):
    """Dismisses with the path of the file written (the JSON for an AVG export), or None."""

    BINDINGS = [
        Binding("escape", "close", "Sluiten", id="export.close"),
        Binding("ctrl+s", "export", "Exporteren", id="export.run", tooltip="Het bestand maken"),
    ]
    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical { width: 92; height: auto; max-height: 95%; border: round $primary;
                              background: $surface; padding: 0 2; }
    ExportDialog #export-heading { padding: 1 0; }
    ExportDialog #export-form { height: auto; max-height: 22; }
    ExportDialog .export-row { height: auto; margin-bottom: 1; }
    ExportDialog .export-label { width: 18; padding: 0 1 0 0; text-align: right; color: $text-muted; }
    ExportDialog .export-row > Input, ExportDialog .export-row > Select,
    ExportDialog .export-row > OrganisationPicker { width: 1fr; }
    ExportDialog #export-buttons { height: auto; align-horizontal: right; padding-top: 1; }
    ExportDialog #export-buttons Button { margin-left: 2; }
    ExportDialog ProgressBar { padding-top: 1; }
    """

    def __init__(self, kind: str = "contacts", subject: str = "") -> None:
        """``kind`` preselects what to export; ``subject`` is a person's id or e-mail for ``person``."""
        super().__init__()
        self.kind = kind
        self.subject = subject
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        ws = self.app.ws
        with Vertical():
            yield Static("[b]Exporteren[/b] — het bestand komt in de map exports/ naast de database", id="export-heading")
            with VerticalScroll(id="export-form"):
                yield _row("Wat", Select([(label, kind) for kind, label in KIND_LABELS.items()], value=self.kind,
                                         allow_blank=False, compact=True), "kind")
                yield _row("Formaat", Select([(label, fmt) for fmt, label in FORMAT_LABELS.items()], value="csv",
                                             allow_blank=False, compact=True), "format")
                yield _row("Scheidingsteken", Select([(label, key) for key, label in DELIMITER_LABELS.items()],
                                                     value=";", allow_blank=False, compact=True), "delimiter")
                yield _row("Persoon", Input(self.subject, placeholder="e-mailadres of id", compact=True), "subject")
                yield _row("Van", Input(placeholder="bijv. 1 januari 2026 (leeg: alles)", compact=True), "date_from")
                yield _row("Tot en met", Input(placeholder="bijv. vandaag", compact=True), "date_to")
                yield _row("Evenement", Select(options((e.label, e.id) for e in events.list_events(ws)), prompt="alle",
                                               compact=True), "event")
                yield _row("Organisatie", OrganisationPicker(), "organisation")
                yield _row("Thema", Select(options((x, x) for x in terms.labels(ws, terms.THEME)), prompt="alle",
                                           compact=True), "theme")
                yield _row("Vraag", Select(options((x, x) for x in terms.labels(ws, terms.NEED)), prompt="alle",
                                          compact=True), "need")
                yield _row("Door", Select(options((x, x) for x in contacts.authors(ws)), prompt="iedereen",
                                          compact=True), "author")
            yield Static("", id="export-error", classes="field-error")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-status")
            with Horizontal(id="export-buttons"):
                yield Button("Sluiten (esc)", id="close")
                yield Button("Exporteren (ctrl+s)", id="run", variant="primary")

    def on_mount(self) -> None:
        self._show_fields()
        self.query_one("#kind", Select).focus()  # what to export comes first; typing never goes nowhere

    @on(Select.Changed, "#kind")
    @on(Select.Changed, "#format")
    def _show_fields(self) -> None:
        kind = self.query_one("#kind", Select).value
        fmt_select = self.query_one("#format", Select)
        formats = ("ics", *exporting.FORMATS) if kind == "followups" else exporting.FORMATS
        if kind != "person" and fmt_select.value not in formats:
            fmt_select.value = "csv"
        fmt = fmt_select.value
        filters = set() if kind == "person" or fmt == "ics" else export_kinds.KINDS[kind].filters
        shown = {"format": kind != "person", "delimiter": kind != "person" and fmt == "csv",
                 "subject": kind == "person"}
        shown.update({name: name in filters or f"{name}_id" in filters for name in FILTER_ROWS})
        for name, visible in shown.items():
            self.query_one(f"#row-{name}").display = visible

    def _value(self, name: str) -> str | None:
        widget = self.query_one(f"#{name}")
        if not self.query_one(f"#row-{name}").display:
            return None
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else str(widget.value)
        if isinstance(widget, OrganisationPicker):
            return widget.picked_id or widget.query_one(Input).value.strip() or None
        return widget.value.strip() or None

    def request(self) -> ExportRequest:
        """What the form asks for; ValueError (Dutch) for a period that cannot be read."""
        date_from, date_to = export_filters.parse_period(self._value("date_from"), self._value("date_to"), self.app.today())
        kind = self.query_one("#kind", Select).value
        return ExportRequest(
            kind=kind, fmt=self.query_one("#format", Select).value, delimiter=self.query_one("#delimiter", Select).value,
            date_from=date_from, date_to=date_to, event=self._value("event"), organisation=self._value("organisation"),
            theme=self._value("theme"), need=self._value("need"), author=self._value("author"),
            subject=self._value("subject") or "",
        )

    @on(Button.Pressed, "#run")
    def action_export(self) -> None:
        error = self.query_one("#export-error", Static)
        try:
            request = self.request()
        except ValueError as exc:
            error.update(literal(str(exc)))
            return
        if request.kind == "person" and not request.subject:
            error.update("Vul het e-mailadres of id van de persoon in.")
            return
        error.update("")
        self.query_one("#export-status", Static).update("Bezig…")
        self.run_export(request)

    @work(thread=True, exclusive=True, group="export-dialog")
    def run_export(self, request: ExportRequest) -> None:
        ws = self.app.ws
        try:
            if request.kind == "person":
                person = access_request.find_person(ws, request.subject)
                json_path, md_path = access_request.write_access_request(ws, person.id, exports_dir(ws))
                self.app.call_from_thread(self._finished, (json_path, md_path),
                                          f"Inzage voor {person.name}: {json_path.name} en {md_path.name}")
                return
            target = exports_dir(ws) / exporting.default_filename(request.kind, request.fmt)
            if request.fmt == "ics":
                from desk.files.calendar_export import followups_ics  # noqa: PLC0415 - loads icalendar only when needed

                count = write_file_privately(target, lambda stream: followups_ics(ws, stream))
                exporting.audit_export(ws, "followups", "ics", str(target))
            else:
                flt = export_filters.build_filter(
                    ws, date_from=request.date_from, date_to=request.date_to, event=request.event,
                    organisation=request.organisation, theme=request.theme, need=request.need, author=request.author)
                total = exporting.count_records(ws, request.kind, flt)
                self.app.call_from_thread(self._progress, 0, total)
                count = exporting.export_to_file(
                    ws, request.kind, request.fmt, target, flt, exporting.DELIMITERS[request.delimiter],
                    progress=lambda done: self.app.call_from_thread(self._progress, done, total))
            self.app.call_from_thread(self._finished, (target,), f"{exporting.count_text(request.kind, count)}")
        except DeskError as exc:
            self.app.call_from_thread(self._failed, str(exc))

    def _progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
        self.query_one("#export-status", Static).update(literal(f"{done} van {total}…"))

    def _finished(self, written: tuple[Path, ...], what: str) -> None:
        self.written = written[0]
        bar = self.query_one(ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)
        where = written[0] if len(written) == 1 else written[0].parent
        message = f"{what} geëxporteerd naar {where}{deliver(self.app, *written)}"
        self.query_one("#export-status", Static).update(literal(message))
        self.notify(message, timeout=10, markup=False)

    def _failed(self, message: str) -> None:
        self.query_one("#export-status", Static).update("")
        self.query_one("#export-error", Static).update(literal(message))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.written)


def open_export_dialog(app: App, kind: str = "contacts", subject: str = "") -> None:
    """For a key or palette command: ``open_export_dialog(self)`` in the App."""
    app.push_screen(ExportDialog(kind, subject))
