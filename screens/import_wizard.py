"""The import wizard: choose a CSV or XLSX file, see what Desk detected (encoding, delimiter), correct
the column mapping, preview per row what would happen (a dry run: new, update, skip or an error with
its message), then import everything in one go."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, Static

from desk.core.errors import DeskError
from desk.files import import_mapping, importing, tabular_files
from desk.files.importing import ImportResult
from desk.files.tabular_files import SourceTable, number_text
from screens.literal import literal
from screens.widgets.footer import DeskFooter
from screens.widgets.tables import FittedTable, row_table

PREVIEW_ROWS = 200
EXISTING_LABELS = {"skip": "Bestaande overslaan", "update": "Bestaande bijwerken", "add": "Toch nieuw toevoegen"}
FIELD_OPTIONS = [("(niet gebruiken)", "-"), *((label, key) for key, label in import_mapping.FIELDS.items())]


class ImportWizard(Screen[int | None]):
    """Dismisses with the number of rows imported, or None when nothing was written."""

    BINDINGS = [
        Binding("escape", "close", "Sluiten", id="import.close"),
        Binding("ctrl+s", "import", "Importeren", id="import.run", tooltip="Alle rijen in één keer inlezen"),
    ]
    DEFAULT_CSS = """
    ImportWizard #import-file { height: auto; padding: 1 2; }
    ImportWizard #import-file Input { width: 1fr; }
    ImportWizard #file-info { padding: 0 2; color: $text-muted; height: auto; }
    ImportWizard #import-body { height: 1fr; padding: 0 2; }
    ImportWizard #mapping { width: 46; height: 1fr; border: round $primary; padding: 0 1; }
    ImportWizard .map-row { height: auto; margin-bottom: 1; }
    ImportWizard .map-row Label { width: 20; padding: 0 1 0 0; }
    ImportWizard .map-row Select { width: 1fr; }
    ImportWizard #import-right { width: 1fr; height: 1fr; }
    ImportWizard #import-options { height: auto; padding-bottom: 1; }
    ImportWizard #import-options Select { width: 30; margin-right: 2; }
    ImportWizard #import-options Button { margin-left: 2; }
    ImportWizard #preview { height: 1fr; }
    ImportWizard #import-summary { height: auto; padding: 0 1; }
    """

    def __init__(self, path: str = "") -> None:
        """``path`` prefills (and reads) a file, e.g. one dropped on the terminal."""
        super().__init__()
        self.initial_path = path
        self.table: SourceTable | None = None
        self.field_mapping: import_mapping.Mapping = []
        self.imported = 0
        self._run = 0  # only the newest preview is shown; an older one may finish later

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="import-file"):
            yield Label("Bestand ", classes="muted")
            yield Input(self.initial_path, placeholder="pad naar een .csv- of .xlsx-bestand; enter leest het",
                        compact=True, id="path")
        yield Static("Organisaties met contactpersonen inlezen uit CSV of Excel.", id="file-info")
        with Horizontal(id="import-body"):
            yield VerticalScroll(id="mapping")
            with Vertical(id="import-right"):
                with Horizontal(id="import-options"):
                    yield Select([(label, key) for key, label in EXISTING_LABELS.items()], value="skip",
                                 allow_blank=False, compact=True, id="existing")
                    yield Checkbox("Foute rijen overslaan", compact=True, id="skip-invalid")
                    yield Button("Importeren (ctrl+s)", id="run", variant="primary", compact=True)
                yield row_table("preview", "Regel", "Wat", "Organisatie", "Melding", "Contactpersoon")
                yield Static("", id="import-summary")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.sub_title = "Importeren"
        self.query_one("#mapping").border_title = "Kolommen"
        if self.initial_path:
            self.read_file(self.initial_path)
        else:
            self.query_one("#path", Input).focus()

    # --- reading the file ---------------------------------------------------------------------

    @on(Input.Submitted, "#path")
    def _path_entered(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.read_file(event.value.strip())

    @work(thread=True, exclusive=True, group="import-read")
    def read_file(self, path: str) -> None:
        try:
            table = tabular_files.read_table(Path(path))
        except DeskError as exc:
            self.app.call_from_thread(self._show_summary, str(exc), error=True)
            return
        self.app.call_from_thread(self._show_table, table)

    async def _show_table(self, table: SourceTable) -> None:
        self.table = None  # no previews while the mapping is rebuilt
        self.imported = 0
        self.query_one("#file-info", Static).update(literal(f"{table.path.name}: {table.description}"))
        mapping_box = self.query_one("#mapping", VerticalScroll)
        await mapping_box.remove_children()
        self.field_mapping = import_mapping.guess_mapping(table.headers)
        rows = []
        for index, (header, field) in enumerate(zip(table.headers, self.field_mapping)):
            select = Select(FIELD_OPTIONS, value=field or "-", allow_blank=False, compact=True, id=f"map-{index}")
            rows.append(Horizontal(Label(literal(header or f"kolom {index + 1}")), select, classes="map-row"))
        await mapping_box.mount_all(rows)
        self.table = table
        self.preview()

    def mapping(self) -> import_mapping.Mapping:
        """Per column of the file: the field it fills, or None."""
        return list(self.field_mapping)

    # --- preview and import -------------------------------------------------------------------

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _options_changed(self, event: Select.Changed | Checkbox.Changed) -> None:
        control_id = event.control.id or ""
        if control_id.startswith("map-"):
            value = event.control.value
            field = None if value in ("-", Select.NULL) else value
            column = int(control_id.removeprefix("map-"))
            self.field_mapping[column] = field
            for other, other_field in enumerate(self.field_mapping):
                if field and other != column and other_field == field:  # a field belongs to one column
                    self.query_one(f"#map-{other}", Select).value = "-"
        if self.table is not None:
            self.preview()

    def _choices(self) -> tuple[str, bool]:
        return str(self.query_one("#existing", Select).value), self.query_one("#skip-invalid", Checkbox).value

    def preview(self) -> None:
        if self.table is None:
            return
        existing, skip_invalid = self._choices()
        self._run += 1
        self.run_import(self._run, self.table, self.mapping(), existing, skip_invalid, dry_run=True)

    @on(Button.Pressed, "#run")
    def action_import(self) -> None:
        if self.table is None:
            self.notify("Kies eerst een bestand.", severity="warning", markup=False)
            return
        existing, skip_invalid = self._choices()
        self._run += 1
        self.run_import(self._run, self.table, self.mapping(), existing, skip_invalid, dry_run=False)

    @work(thread=True, exclusive=True, group="import-run")
    def run_import(self, run: int, table: SourceTable, mapping: import_mapping.Mapping, existing: str,
                   skip_invalid: bool, dry_run: bool) -> None:
        try:
            result = importing.import_organisations(self.app.ws, table, mapping, existing=existing,
                                                    skip_invalid=skip_invalid, dry_run=dry_run)
        except DeskError as exc:
            self.app.call_from_thread(self._show_summary, str(exc), error=True)
            return
        self.app.call_from_thread(self._show_result, run, result)

    def _show_result(self, run: int, result: ImportResult) -> None:
        if run != self._run and result.dry_run:
            return
        self.query_one("#preview", FittedTable).fill(
            (tuple(map(literal, (outcome.line, outcome.action, outcome.organisation, outcome.message, outcome.person))),
             None) for outcome in result.outcomes[:PREVIEW_ROWS])
        more = result.row_count - PREVIEW_ROWS
        shown = f" (de eerste {PREVIEW_ROWS} rijen staan hierboven, nog {number_text(more)})" if more > 0 else ""
        if result.dry_run:
            verdict = ("Zo niet te importeren: verbeter de foute rijen, pas de kolommen aan of kies "
                       "'Foute rijen overslaan'." if result.refused else "Ctrl+s leest alles in één keer in.")
            self._show_summary(f"Voorbeeld: {result.summary()}{shown}. {verdict}", error=result.refused)
        elif result.written:
            self.imported = result.row_count - result.error_count
            message = f"Ingelezen: {result.summary()}."
            self._show_summary(message + shown)
            self.notify(message, timeout=10, markup=False)
        else:
            errors = result.error_count
            rows = "rij heeft" if errors == 1 else "rijen hebben"
            self._show_summary(f"Niets opgeslagen: {number_text(errors)} {rows} een fout{shown}.", error=True)
            self.notify("Import geweigerd; er is niets opgeslagen.", severity="error", markup=False)

    def _show_summary(self, text: str, error: bool = False) -> None:
        summary = self.query_one("#import-summary", Static)
        summary.update(literal(text))
        summary.set_class(error, "field-error")

    def action_close(self) -> None:
        self.dismiss(self.imported or None)


def open_import_wizard(app: App, path: str = "") -> None:
    """For a key or palette command: ``open_import_wizard(self)`` in the App."""
    app.push_screen(ImportWizard(path))
