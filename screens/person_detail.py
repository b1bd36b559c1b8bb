"""One contact person: details, what was changed and by whom, the right-of-access export and
erasure (AVG)."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from desk.care import erasure_files, privacy
from desk.core.clock import local_text
from desk.files.writing import exports_dir
from desk.records import persons
from desk.records.models import Organisation
from screens.browser import deliver
from screens.erasure import ErasureReportScreen, confirm_erasure
from screens.literal import lines
from screens.panel import PanelScreen
from screens.person_form import PersonFormScreen


class PersonDetailScreen(PanelScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Sluiten", id="person.close"),
        Binding("e", "edit", "Bewerken", id="person.edit"),
        Binding("i", "access_export", "Inzage-export", id="person.export",
                tooltip="Alles wat Desk over deze persoon bewaart, als JSON en Markdown (AVG)"),
        Binding("w", "erase", "Wissen (AVG)", id="person.erase",
                tooltip="Persoonsgegevens overal verwijderen; contactmomenten blijven anoniem"),
    ]
    DEFAULT_CSS = """
    PersonDetailScreen > Vertical { width: 100; max-width: 95%; height: 80%; }
    """

    def __init__(self, person_id: str, organisation: Organisation) -> None:
        super().__init__()
        self.person_id = person_id
        self.organisation = organisation

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static("", id="person-text")
            yield Static("e bewerken · i inzage-export · w wissen (AVG) · escape sluiten", classes="muted")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        person = persons.get_person(self.app.ws, self.person_id)
        rows = [(person.name, "bold"), *[f"{label}: {value}" for label, value in (
            ("Functie", person.role), ("E-mail", person.email), ("Telefoon", person.phone)) if value]]
        if person.notes:
            rows += ["", person.notes]
        rows += ["", ("Wijzigingen", "bold")]
        rows += [f"{local_text(e['at'])}  {e['author']:<5} {e['action']}" + (f": {e['summary']}" if e["summary"] else "")
                 for e in privacy.audit_entries(self.app.ws, "person", self.person_id)]
        self.person = person
        self.query_one("#person-text", Static).update(lines(rows))

    def action_edit(self) -> None:
        self.app.push_screen(PersonFormScreen(organisation=self.organisation, person=self.person),
                             lambda _: self.reload())

    def action_access_export(self) -> None:
        from desk.files import access_request  # noqa: PLC0415 - only needed here

        json_path, md_path = access_request.write_access_request(self.app.ws, self.person_id,
                                                                 exports_dir(self.app.ws))
        self.notify(f"Inzage-export: {md_path} en {json_path.name}{deliver(self.app, json_path, md_path)}",
                    timeout=10, markup=False)

    def action_erase(self) -> None:
        files = erasure_files.files_to_erase(self.app.ws, self.person_id)

        def answered(yes: bool | None) -> None:
            if yes:
                self.notify("Bezig met wissen…", markup=False)
                # The app owns the worker: this screen closes when the erasure is done, and closing
                # would cancel a worker of its own while it hands over the report.
                self.app.run_worker(partial(self._erase, files), name="erase", group="person-erase",
                                    thread=True, exclusive=True)

        self.app.push_screen(confirm_erasure(self.person.name, files), answered)

    def _erase(self, files: list[erasure_files.FoundFile]) -> None:
        # Every text of the database and every backup is read: seconds at a large data set.
        report = erasure_files.erase_everywhere(self.app.ws, self.person_id, files)
        self.app.call_from_thread(self._erased, report)

    def _erased(self, report: erasure_files.ErasureReport) -> None:
        self.dismiss(None)
        self.app.push_screen(ErasureReportScreen(report))
