"""Small helps while typing: a need that is not recognised says what it may have meant; an error in
the settings goes as soon as the field is changed."""

from __future__ import annotations

from desk.records.needs import explain_unknown, resolve_needs, suggestions
from desk.records.terms import DEFAULTS, NEED
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, static_text, type_text

LABELS = DEFAULTS[NEED]


def test_a_need_that_picks_nothing_suggests_what_it_may_mean() -> None:
    chosen, unknown = resolve_needs("fin, werk, fianciering", LABELS)
    assert chosen == ["Financiering"] and unknown == ["werk", "fianciering"]
    assert suggestions("werk", LABELS) == ["Netwerk"]
    assert suggestions("fianciering", LABELS)[0] == "Financiering"
    assert explain_unknown(unknown, LABELS).startswith("niet herkend: 'werk' (bedoel je Netwerk?)")
    assert suggestions("xyzzy", LABELS) == []


async def test_the_intake_shows_the_suggestion(make_app) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#needs").focus()
        await type_text(pilot, "fin, werk")
        await settle(pilot)
        assert static_text(pilot, "#needs-info") == "→ Financiering   niet herkend: 'werk' (bedoel je Netwerk?)"


async def test_a_settings_error_goes_as_soon_as_the_field_is_right(make_app) -> None:
    """It stayed after it was fixed; now it is checked again at every key while it shows."""
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        app.action_settings()
        await settle(pilot)
        initials = app.screen.query_one("#initials")
        initials.value = "123"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "letters" in static_text(pilot, "#initials-error")
        initials.focus()
        await pilot.press("end", "backspace")
        await settle(pilot)
        assert "letters" in static_text(pilot, "#initials-error")  # "12" is still wrong
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "TG")
        await settle(pilot)
        assert static_text(pilot, "#initials-error") == ""
