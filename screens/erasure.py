"""Erasing a person (AVG): the one confirmation that lists the files, and the report afterwards."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from desk.care.erasure_files import ErasureReport, FoundFile
from screens.confirm import ConfirmScreen
from screens.literal import literal
from screens.panel import PanelScreen


def confirm_erasure(name: str, files: list[FoundFile]) -> ConfirmScreen:
    lines = [f"{name} wissen? Naam, e-mail en telefoon verdwijnen overal in de database, ook uit notities, "
             "geschiedenis en het auditlog; contactmomenten blijven anoniem bestaan."]
    if files:
        lines += ["", f"Ook deze {len(files)} bestanden noemen de persoon:"]
        lines += [f"  {f.action}: {f.path.parent.name}/{f.path.name}" for f in files]
    lines += ["", "Dit kan niet ongedaan worden gemaakt."]
    return ConfirmScreen("\n".join(lines), yes="Wissen", no="Niet wissen")


class ErasureReportScreen(PanelScreen[None]):
    BINDINGS = [Binding("escape,enter", "dismiss", "Sluiten", id="erasure.close")]
    DEFAULT_CSS = """
    ErasureReportScreen > Vertical { width: 100; max-width: 95%; height: 80%; }
    """

    def __init__(self, report: ErasureReport) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static(literal("\n".join(self.report.lines())), id="erasure-report")
            yield Static("escape sluiten", classes="muted")
