"""The line above the footer: the current event, who is typing, in which database file."""

from __future__ import annotations

from textual.widgets import Static

from desk.events import current_event


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        ws = self.app.ws
        user = f"{ws.user.name} ({ws.user.initials})" if ws.user else "geen gebruiker ingesteld"
        event = current_event(ws)
        prefix = f"[b reverse] Evenement: {event.name} [/] " if event else ""
        self.update(f"{prefix}{user} · {ws.path}")
