"""The line above the footer: the current event, who is typing, the database file, the last backup."""

from __future__ import annotations

from textual.widgets import Static

from desk.care.backups import last_backup_time
from desk.core.clock import local_text
from desk.records.events import current_event
from desk.team.status import describe, team_status
from screens.literal import styled


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
        badge = (f" Evenement: {event.name} · ctrl+e zet uit ", "bold reverse") if event else ""
        last = last_backup_time(ws.path)
        backup = f"back-up {local_text(last.isoformat())}" if last else "nog geen back-up"
        team = team_status(ws)
        together = f" · {describe(team, getattr(self.app, 'team_problem', None))}" if team else ""
        self.update(styled(badge, " " if event else "", f"{user} · {ws.path} · {backup}{together}"))
