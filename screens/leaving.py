"""Stopping Desk while something is typed and not saved: it asks first.

An open intake is kept as a draft when the user stops anyway (the next start offers it back); what
is typed in another form would be lost, and the question says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.screen import Screen

from screens.confirm import ConfirmScreen


class QuitQuestion(ConfirmScreen):
    """The question before stopping; ctrl+q once more while it is open means yes."""

    def __init__(self, question: str) -> None:
        super().__init__(question, yes="Stoppen", no="Verder werken")


def unsaved_question(screens: Iterable[Screen]) -> str | None:
    """What to ask before stopping, or None when nothing typed would be left behind."""
    from screens.form import FormScreen  # noqa: PLC0415 - not at start-up
    from screens.intake import IntakeScreen  # noqa: PLC0415

    screens = list(screens)
    intake = any(isinstance(s, IntakeScreen) and s.typed_anything for s in screens)
    forms = [s.heading for s in screens if isinstance(s, FormScreen) and s.dirty]
    if not intake and not forms:
        return None
    parts = []
    if intake:
        parts.append("Het nieuwe contactmoment is nog niet opgeslagen; Desk bewaart het als concept en biedt "
                     "het bij de volgende start weer aan.")
    if forms:
        parts.append(f"Wat je typte in '{forms[0]}' is nog niet opgeslagen en gaat verloren.")
    return " ".join(parts) + " Toch stoppen?"
