"""Internal departments and their contact persons: the list, and a form to add or change one."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from desk.records import departments
from screens.form import FormScreen, form_row
from screens.literal import literal
from screens.panel import PanelScreen
from screens.widgets.tables import FittedTable, row_table


class DepartmentFormScreen(FormScreen):
    field_names = ("name", "domain", "contact_name", "contact_email", "contact_phone")

    def __init__(self, department: departments.Department | None = None) -> None:
        super().__init__()
        self.department = department
        self.heading = f"Afdeling bewerken: {department.name}" if department else "Nieuwe afdeling"

    def form_rows(self) -> ComposeResult:
        d = self.department
        value = lambda name: (getattr(d, name) or "") if d else ""  # noqa: E731
        yield form_row("Naam *", Input(value("name")), "name")
        yield form_row("Domein", Input(value("domain"), placeholder="bijv. sociaal domein"), "domain")
        yield form_row("Contactpersoon", Input(value("contact_name")), "contact_name")
        yield form_row("E-mail", Input(value("contact_email")), "contact_email")
        yield form_row("Telefoon", Input(value("contact_phone")), "contact_phone")

    def field_hint(self, field: str, value: str) -> str:
        return super().field_hint({"contact_email": "email", "contact_phone": "phone"}.get(field, field), value)

    def save(self, values: dict[str, Any]) -> str:
        return departments.save_department(self.app.ws, values, self.department.id if self.department else None).id


class DepartmentsScreen(PanelScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Sluiten", id="departments.close"),
        Binding("ctrl+n", "new", "Nieuwe afdeling", id="departments.new"),
    ]
    DEFAULT_CSS = """
    DepartmentsScreen > Vertical { width: 110; max-width: 95%; height: auto; max-height: 90%; }
    DepartmentsScreen DataTable { height: auto; max-height: 24; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Afdelingen[/b] — enter bewerkt, ctrl+n voegt toe, escape sluit")
            yield row_table("departments", "Afdeling", "Domein", "Contactpersoon", "E-mail", "Telefoon")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.query_one("#departments", FittedTable).fill(
            (tuple(map(literal, (d.name, d.domain, d.contact_name, d.contact_email, d.contact_phone))), d.id)
            for d in departments.list_departments(self.app.ws))

    @on(DataTable.RowSelected, "#departments")
    def edit(self, event: DataTable.RowSelected) -> None:
        department = departments.get_department(self.app.ws, event.row_key.value)
        self.app.push_screen(DepartmentFormScreen(department), lambda _: self.reload())

    def action_new(self) -> None:
        self.app.push_screen(DepartmentFormScreen(), lambda _: self.reload())
