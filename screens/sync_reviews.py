"""Conflicts from the team sync: what the register's value replaced, with who wrote it and when.
h keeps the register's value, t puts the replaced value back (a normal new edit)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from desk.core.clock import local_text
from desk.core.errors import DeskError
from desk.team import reviews
from screens.literal import literal, styled
from screens.panel import PanelScreen
from screens.widgets.tables import FittedTable, row_table


class SyncReviewsScreen(PanelScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Sluiten", id="sync_reviews.close"),
        Binding("h", "keep", "Zo houden", id="sync_reviews.keep", tooltip="De waarde uit het register blijft"),
        Binding("t", "put_back", "Terugzetten", id="sync_reviews.put_back",
                tooltip="De vervangen waarde wordt weer de waarde (een nieuwe wijziging, naar het hele team)"),
    ]
    DEFAULT_CSS = """
    SyncReviewsScreen > Vertical { width: 120; max-width: 95%; height: 85%; }
    SyncReviewsScreen DataTable { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="sync-reviews-heading")
            yield row_table("sync-reviews", "Wat", "Veld", "Nu", "Vervangen", "Door", "Wanneer", "Waarom",
                            optional=(4, 5, 6), main=0)

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        self.items = {item.id: item for item in reviews.open_reviews(self.app.ws)}
        self.query_one(FittedTable).fill(
            (tuple(map(literal, (item.what, item.field, item.kept or "", item.lost or "",
                                 item.lost_by or "", local_text(item.lost_at) if item.lost_at else "", item.reason))),
             item.id) for item in self.items.values())
        text = (" — niets te bekijken." if not self.items else
                f" — {len(self.items)} te bekijken. h houdt de waarde uit het register, t zet de vervangen waarde terug.")
        self.query_one("#sync-reviews-heading", Static).update(styled(("Conflicten van het team", "bold"), text))

    def _selected(self) -> reviews.Review | None:
        key = self.query_one(FittedTable).cursor_key
        return None if key is None else self.items[key]

    def action_keep(self) -> None:
        if (item := self._selected()) is not None:
            reviews.keep_as_is(self.app.ws, item.id)
            self._done()

    def action_put_back(self) -> None:
        item = self._selected()
        if item is None:
            return
        try:
            reviews.put_back(self.app.ws, item.id)
        except DeskError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(f"Teruggezet: {item.what}, {item.field.lower()}.", markup=False)
        self._done()

    def _done(self) -> None:
        self.load()
        self.app.refresh_status()
