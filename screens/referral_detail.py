"""One referral: its question, status history and the keys that move it along."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from desk.core.clock import local_text
from desk.core.errors import DeskError, ValidationFailed
from desk.files.writing import exports_dir, write_file_privately
from desk.work import referrals
from screens.browser import deliver
from screens.literal import lines, styled
from screens.panel import PanelScreen
from screens.prompt import PromptScreen

# key, target status, label
STATUS_KEYS = (
    ("d", referrals.SENT, "Doorgezet"),
    ("b", referrals.IN_PROGRESS, "In behandeling"),
    ("g", referrals.LANDED, "Geland"),
    ("m", referrals.FAILED, "Niet gelukt"),
    ("i", referrals.WITHDRAWN, "Ingetrokken"),
)


def referral_text(referral: referrals.Referral, history: list[referrals.HistoryEntry]) -> Text:
    rows: list = [
        styled((referral.organisation_name, "bold"), f" → {referral.target_kind} ", (referral.target_name, "bold")),
        styled("Status: ", (referral.status, "bold")),
        f"Vraag: {referral.question}",
    ]
    if referral.needs:
        rows.append(f"Ondersteuningsvragen: {', '.join(referral.needs)}")
    if referral.internal_contact:
        rows.append(f"Interne contactpersoon: {referral.internal_contact}")
    if referral.outcome_note:
        rows.append(f"Afloop: {referral.outcome_note}")
    rows += ["", ("Geschiedenis", "bold")]
    for entry in history:
        step = f"{entry.from_status} → {entry.to_status}" if entry.from_status else f"aangemaakt ({entry.to_status})"
        rows.append(f"{local_text(entry.at)}  {entry.author:<5} {step}" + (f": {entry.note}" if entry.note else ""))
    return lines(rows)


class ReferralDetailScreen(PanelScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Sluiten", id="referral.close"),
        *[Binding(key, f"move('{status}')", label, id=f"referral.{key}") for key, status, label in STATUS_KEYS],
        Binding("h", "reopen", "Heropenen", id="referral.reopen"),
        Binding("c", "copy_note", "Overdracht kopiëren", id="referral.copy",
                tooltip="Overdrachtstekst naar het klembord, om in een mail te plakken"),
        Binding("w", "save_note", "Overdracht bewaren", id="referral.save", tooltip="Overdrachtstekst als bestand"),
    ]
    DEFAULT_CSS = """
    ReferralDetailScreen > Vertical { width: 110; max-width: 95%; height: 80%; }
    """

    def __init__(self, referral_id: str) -> None:
        super().__init__()
        self.referral_id = referral_id

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static("", id="referral-text")
            yield Static("d doorgezet · b in behandeling · g geland · m niet gelukt · i ingetrokken · h heropenen · "
                         "c overdracht kopiëren · w bewaren · escape sluiten", classes="muted")

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.referral = referrals.get_referral(self.app.ws, self.referral_id)
        self.query_one("#referral-text", Static).update(
            referral_text(self.referral, referrals.history(self.app.ws, self.referral_id)))

    def action_move(self, status: str) -> None:
        if status not in referrals.TRANSITIONS.get(self.referral.status, ()):
            try:
                referrals.change_status(self.app.ws, self.referral_id, status, today=self.app.today())
            except DeskError as exc:
                self.notify(str(exc), severity="error", timeout=6, markup=False)
            return
        if status in referrals.NEEDS_OUTCOME:
            self.app.push_screen(
                PromptScreen(f"Hoe liep het af? ({status})", "bijv. intake gehad, aanvraag loopt",
                             lambda text: None if text.strip() else "schrijf kort op hoe het afliep"),
                lambda note: self._move(status, note) if note else None,
            )
        else:
            self._move(status, None)

    def _move(self, status: str, note: str | None) -> None:
        try:
            referrals.change_status(self.app.ws, self.referral_id, status, note, today=self.app.today())
        except (DeskError, ValidationFailed) as exc:
            self.notify(str(exc), severity="error", timeout=6, markup=False)
            return
        self.notify(f"Doorverwijzing: {status}.", markup=False)
        self.reload()

    def action_reopen(self) -> None:
        if self.referral.status not in referrals.CLOSED:
            self.notify("Deze doorverwijzing loopt nog.", severity="warning", markup=False)
            return
        self._move(referrals.TRANSITIONS[self.referral.status][0], "heropend")

    def action_copy_note(self) -> None:
        self.app.copy_to_clipboard(referrals.handover_note(self.app.ws, self.referral_id))
        self.notify("Overdrachtstekst gekopieerd; plak hem in je mail.", markup=False)

    def action_save_note(self) -> None:
        slug = "".join(c if c.isalnum() else "-" for c in self.referral.organisation_name.lower()).strip("-")
        target = exports_dir(self.app.ws) / f"doorverwijzing-{slug}-{self.referral_id[:8]}.txt"
        note = referrals.handover_note(self.app.ws, self.referral_id).encode("utf-8")
        write_file_privately(target, lambda stream: stream.write(note))
        self.notify(f"Overdrachtstekst bewaard in {target}{deliver(self.app, target)}", timeout=8, markup=False)
