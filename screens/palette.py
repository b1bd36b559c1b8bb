"""The command palette (ctrl+p): every key of the current screen as a Dutch command, and a few without one."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.markup import escape
from textual.screen import Screen
from textual.system_commands import SystemCommandsProvider
from textual.theme import ThemeProvider


def nothing_found(query: str) -> Hit:
    """The palette's line when nothing matches (Textual's own says "No matches found"); choosing it
    closes the palette. The query is typed text: shown as it is."""
    return Hit(1.0, Text.assemble(("Niets gevonden voor ", "dim"), query), lambda: None,
               text=f"Niets gevonden voor {query}")


class DutchWhenNothingFound(Provider):
    """Mixed in before a Textual provider: its hits, or one Dutch line that says nothing matched."""

    async def search(self, query: str) -> Hits:
        found = False
        async for hit in super().search(query):  # type: ignore[misc]
            found = True
            yield hit
        if not found and query.strip():
            yield nothing_found(query)


class DeskCommands(DutchWhenNothingFound, SystemCommandsProvider):
    """The palette's commands: see ``palette_commands``."""


class DeskThemes(DutchWhenNothingFound, ThemeProvider):
    """The theme picker's themes."""


def is_desk_binding(binding: Binding) -> bool:
    """Desk's own keys have an id and a Dutch description; Textual's (a text field's "Delete word
    left", "Focus Next") have no id and stay out of the help and the palette."""
    return bool(binding.id and binding.description)


def palette_commands(app: App, screen: Screen) -> Iterable[SystemCommand]:
    """Every key of the current screen as a Dutch palette command, plus a few without a key."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not is_desk_binding(binding) or binding.action == "command_palette" or binding.action in seen:
            continue
        seen.add(binding.action)
        yield SystemCommand(  # the palette reads both texts as markup
            escape(binding.description),
            escape(f"{binding.tooltip or binding.description} (toets {app.get_key_display(binding)})"),
            partial(app.run_action, binding.action, active.node),
        )
    yield SystemCommand("Afdelingen", "Interne afdelingen en hun contactpersonen", app.action_departments)
    yield SystemCommand("Doelen", "Doelen voor dit jaar en hun realisatie", app.action_targets)
    yield SystemCommand("Bewaartermijn", "Personen en organisaties zonder contact sinds lang (AVG)",
                        app.action_retention)
    yield SystemCommand("Exporteren", "Contactmomenten, adreslijst, doorverwijzingen, opvolging of "
                        "AVG-inzage naar een bestand", app.action_export)
    yield SystemCommand("Importeren", "Organisaties met contactpersonen uit CSV of Excel", app.action_import)
    yield SystemCommand("Evenementen", "Evenementen aanmaken en evenementmodus kiezen", app.action_events)
    yield SystemCommand("Instellingen", "Naam, initialen en gemeente of provincie", app.action_settings)
    yield SystemCommand("Conflicten van het team", "Wat het synchroniseren verving: houden of terugzetten",
                        app.action_sync_reviews)
    yield SystemCommand("Kleurenthema kiezen", "Een ander kleurenschema voor Desk", app.action_change_theme)
