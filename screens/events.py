"""Events: create one, and switch event mode on or off."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Static

from desk.core.errors import ValidationFailed
from desk.records import events
from screens.literal import literal
from screens.panel import PanelScreen
from screens.widgets.tables import FittedTable, row_table


class EventsScreen(PanelScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Sluiten", id="events.close"),
        Binding("ctrl+s", "create", "Evenement aanmaken", id="events.create"),
        Binding("ctrl+e", "stop", "Evenementmodus uit", id="events.stop"),
    ]
    DEFAULT_CSS = """
    EventsScreen > Vertical { width: 100; height: auto; max-height: 90%; }
    EventsScreen DataTable { height: auto; max-height: 14; }
    EventsScreen Horizontal { height: auto; }
    EventsScreen Input { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Evenementen[/b] — enter zet evenementmodus aan voor het gekozen evenement, tot en met "
                         "de dag van het evenement; ctrl+e zet hem eerder uit", id="events-status")
            yield row_table("events", "Evenement", "Datum", "Plaats", "")
            yield Static("Nieuw evenement (ctrl+s maakt het aan):", classes="section-title")
            with Horizontal():
                yield Input(placeholder="naam, bijv. Beursvloer 2026", id="name")
                yield Input(placeholder="datum, bijv. 12 maart", id="date")
                yield Input(placeholder="plaats", id="place")
            yield Static("", id="event-error", classes="field-error")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        current = events.current_event(self.app.ws, self.app.today())
        rows = []
        for event in events.list_events(self.app.ws):
            marker = "● evenementmodus" if current and current.id == event.id else ""
            rows.append((tuple(map(literal, (event.name, f"{event.date:%d-%m-%Y}", event.place, marker))), event.id))
        self.query_one("#events", FittedTable).fill(rows)

    @on(DataTable.RowSelected, "#events")
    def choose(self, event: DataTable.RowSelected) -> None:
        chosen = events.set_current_event(self.app.ws, event.row_key.value, today=self.app.today())
        last_day = max(chosen.date, self.app.today())
        self.notify(f"Evenementmodus aan: {chosen.name}, tot en met {last_day:%d-%m-%Y}. ctrl+e zet hem uit.",
                    markup=False)
        self.app.refresh_status()
        self.dismiss(None)

    def action_stop(self) -> None:
        events.set_current_event(self.app.ws, None)
        self.notify("Evenementmodus uit.", markup=False)
        self.app.refresh_status()
        self.reload()

    def action_create(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in ("name", "date", "place")}
        try:
            created = events.create_event(self.app.ws, values)
        except ValidationFailed as exc:
            self.query_one("#event-error", Static).update(literal(str(exc)))
            return
        self.query_one("#event-error", Static).update("")
        for name in values:
            self.query_one(f"#{name}", Input).value = ""
        self.notify(f"Evenement {created.label} aangemaakt.", markup=False)
        self.reload()
