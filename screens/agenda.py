"""The agenda: open follow-ups grouped as te laat, vandaag, deze week and later."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from desk.core.errors import DeskError
from desk.dates.phrases import describe_relative, parse_date
from desk.files.calendar_export import followups_ics
from desk.files.writing import exports_dir, write_file_privately
from desk.work import followups
from screens.base import DeskScreen
from screens.browser import deliver
from screens.confirm import ConfirmScreen
from screens.followup_form import FollowUpFormScreen
from screens.format import dutch_number
from screens.literal import literal
from screens.prompt import PromptScreen
from screens.widgets.tables import FittedTable, row_table

SECTIONS = (("overdue", "Te laat"), ("today", "Vandaag"), ("this_week", "Deze week"), ("later", "Later"))
# Rows per group: a busy team's thousands of open follow-ups would make the table slow to fill.
GROUP_LIMIT = 200


class AgendaScreen(DeskScreen):
    CSS_PATH = "agenda.tcss"
    SUB_TITLE = "Agenda"
    last_done: tuple[str, str | None] | None = None  # (follow-up, the next occurrence it made), for ctrl+z
    keep_selected: str | None = None  # the row to select after the next load
    BINDINGS = [
        Binding("space", "done", "Gedaan", key_display="spatie", id="agenda.done",
                tooltip="Afvinken; bij herhaling komt de volgende"),
        Binding("ctrl+z", "undo_done", "Ongedaan", id="agenda.undo",
                tooltip="Het laatste afvinken terugdraaien"),
        Binding("s", "snooze", "Uitstellen", id="agenda.snooze", tooltip="Naar een andere dag: morgen, +1w, maandag"),
        Binding("e", "edit", "Bewerken", id="agenda.edit"),
        Binding("c", "cancel_followup", "Annuleren", id="agenda.cancel", tooltip="Opvolging vervalt (vraagt eerst)"),
        Binding("enter", "open_organisation", "Naar organisatie", id="agenda.organisation"),
        Binding("ctrl+n", "new", "Nieuwe opvolging", id="agenda.new"),
        Binding("x", "export_ics", "Naar agenda (.ics)", id="agenda.export",
                tooltip="Open opvolging als .ics-bestand voor Outlook of een andere agenda"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="agenda-summary")
        yield row_table("agenda", "Wanneer", "", "Wat", "Organisatie", "Herhaling", optional=(4, 3), main=2)

    def on_mount(self) -> None:
        self.query_one("#agenda", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload_when_changed(self.load)

    @work(thread=True, exclusive=True, group="agenda")
    def load(self) -> None:
        agenda = followups.agenda(self.app.ws, self.app.today(), limit=GROUP_LIMIT)
        self.app.call_from_thread(self._show, agenda)

    def _show(self, agenda: followups.Agenda) -> None:
        table = self.query_one("#agenda", FittedTable)
        selected, self.keep_selected = self.keep_selected or self.selected_id, None
        row_before = table.cursor_row
        today = self.app.today()
        rows = []
        for key, title in SECTIONS:
            items, total = getattr(agenda, key), agenda.totals[key]
            style = "bold red" if key == "overdue" and items else "bold"
            more = f"de eerste {len(items)} van {dutch_number(total)} getoond" if total > len(items) else ""
            rows.append(((Text(f"{title} ({dutch_number(total)})", style=style), "", Text(more, style="dim"), "", ""),
                         f"section:{key}"))
            for item in items:
                row_style = "red" if key == "overdue" else ""
                rows.append(((Text(item.when_text, style=row_style),
                              Text(describe_relative(item.due_date, today), style=row_style),
                              *map(literal, (item.title, item.organisation_name, item.recurrence_text))), item.id))
        table.fill(rows)
        totals = {key: dutch_number(count) for key, count in agenda.totals.items()}
        summary = f"{totals['overdue']} te laat · {totals['today']} vandaag · {totals['this_week']} deze week"
        self.query_one("#agenda-summary", Static).update(literal(summary))
        try:
            table.move_cursor(row=table.get_row_index(selected))
        except Exception:  # noqa: BLE001 - the row went away (done or cancelled): stay where it was
            table.move_cursor(row=min(row_before, table.row_count - 1))

    @property
    def selected_id(self) -> str | None:
        key = self.query_one("#agenda", FittedTable).cursor_key
        return None if key is None or key.startswith("section:") else key

    def _selected(self) -> followups.FollowUp | None:
        followup_id = self.selected_id
        if followup_id is None:
            self.notify("Kies eerst een opvolging.", severity="warning", markup=False)
            return None
        return followups.get_followup(self.app.ws, followup_id)

    def action_done(self) -> None:
        item = self._selected()
        if item is None:
            return
        try:
            following = followups.mark_done(self.app.ws, item.id, today=self.app.today())
        except DeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.last_done = (item.id, following.id if following else None)
        message = f"Gedaan: {item.title}."
        if following:
            message += f" Volgende keer: {following.when_text}."
        self.notify(message + " ctrl+z maakt het ongedaan.", markup=False)
        self.load()

    def action_undo_done(self) -> None:
        if self.last_done is None:
            self.notify("Er is niets af te vinken om terug te draaien.", severity="warning", markup=False)
            return
        followup_id, following_id = self.last_done
        try:
            followups.undo_done(self.app.ws, followup_id, following_id)
        except DeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.last_done = None
        self.keep_selected = followup_id
        self.notify(f"Weer open: {followups.get_followup(self.app.ws, followup_id).title}.", markup=False)
        self.load()

    def action_snooze(self) -> None:
        item = self._selected()
        if item is None:
            return
        today = self.app.today()

        def check(text: str) -> str | None:
            try:
                parse_date(text, today)
            except ValueError as exc:
                return str(exc)
            return None

        def hint(text: str) -> str:
            try:
                return f"→ {describe_relative(parse_date(text, today), today)}" if text.strip() else ""
            except ValueError as exc:
                return str(exc)

        def answered(phrase: str | None) -> None:
            if phrase:
                moved = followups.snooze(self.app.ws, item.id, phrase, today=today)
                self.notify(f"Uitgesteld tot {moved.when_text}.", markup=False)
                self.load()

        self.app.push_screen(PromptScreen(f"'{item.title}' uitstellen tot:", "morgen, +1w, maandag, 3 maart",
                                          check, hint), answered)

    def action_edit(self) -> None:
        item = self._selected()
        if item:
            self.app.push_screen(FollowUpFormScreen(item), lambda _: self.load())

    def action_cancel_followup(self) -> None:
        item = self._selected()
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                followups.cancel(self.app.ws, item.id)
                self.load()

        self.app.push_screen(ConfirmScreen(f"Opvolging '{item.title}' annuleren?", yes="Annuleren", no="Houden"),
                             answered)

    def action_open_organisation(self) -> None:
        from screens.organisation_detail import OrganisationDetailScreen  # noqa: PLC0415 - it imports us

        item = self._selected()
        if item:
            self.app.push_screen(OrganisationDetailScreen(item.organisation_id))

    def action_new(self) -> None:
        self.app.push_screen(FollowUpFormScreen(), lambda _: self.load())

    @work(thread=True, exclusive=True, group="agenda-export")
    def action_export_ics(self) -> None:
        ws = self.app.ws
        target = exports_dir(ws) / f"desk-opvolging-{self.app.today():%Y%m%d}.ics"
        count = write_file_privately(target, lambda stream: followups_ics(ws, stream))
        with ws.write():
            ws.audit("export", "followups", "", f"ics naar {target}")
        delivered = self.app.call_from_thread(deliver, self.app, target)
        self.app.call_from_thread(self.notify, f"{count} opvolgingen naar {target}{delivered}", timeout=10,
                                  markup=False)

    @on(DataTable.RowSelected, "#agenda")
    def _enter(self) -> None:
        self.action_open_organisation()
