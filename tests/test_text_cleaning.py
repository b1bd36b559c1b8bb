"""The one cleaner of names and short fields (desk.core.validation.clean_text) and of notes: invisible
characters go (NUL and other controls, bidirectional controls, zero-width characters), visible text
of any script stays as typed; and the app's forms clean the same way as an import."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from desk.core.validation import clean_notes, clean_text
from desk.records import organisations
from desk.records.models import OrganisationInput
from screens.organisation_form import OrganisationFormScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import settle, type_text

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u2060\ufeff"
JOINERS = "\u200c\u200d"
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0e, 0x1c), *range(0x7f, 0x85), *range(0x86, 0xa0)])
REMOVED = set(BIDI + ZERO_WIDTH + CONTROLS)

visible = st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), max_size=40)
anything = st.text(st.one_of(st.characters(), st.sampled_from(BIDI + ZERO_WIDTH + JOINERS + CONTROLS)), max_size=40)


@given(text=visible)
@settings(max_examples=300, deadline=None)
def test_visible_text_of_any_script_is_kept_as_typed(text) -> None:
    assert clean_text(text) == (" ".join(text.split()) or None)
    assert clean_notes(text) == text.strip()


@given(text=anything)
@settings(max_examples=300, deadline=None)
def test_no_invisible_character_survives_and_cleaning_twice_changes_nothing(text) -> None:
    cleaned = clean_text(text) or ""
    assert not REMOVED & set(cleaned)
    assert clean_text(cleaned) == (cleaned or None)
    for at, char in enumerate(cleaned):  # a joiner that stays sits between two non-Latin characters
        if char in JOINERS:
            assert 0 < at < len(cleaned) - 1
            assert all(ord(c) >= 0x370 and unicodedata.category(c)[0] in "LMS" for c in (cleaned[at - 1],
                                                                                          cleaned[at + 1]))
    notes = clean_notes(text)
    assert not set(BIDI) & set(notes) and "\x00" not in notes
    assert clean_notes(notes) == notes


@pytest.mark.parametrize(("typed", "kept"), [
    ("Evil\u202eVB.exe", "EvilVB.exe"),
    ("Ca\u200bfé \u2066Zoë\u2069", "Café Zoë"),
    ("\ufeffBakkerij\x00 de Graaf", "Bakkerij de Graaf"),
    ("Bank\u200dABN", "BankABN"),  # a joiner between Latin letters only hides something
    ("👩\u200d💻 Studio", "👩\u200d💻 Studio"),  # an emoji sequence keeps its joiner
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),  # Persian
    ("Zoë Çelik-Ünal", "Zoë Çelik-Ünal"),
    ("\u202e\u200b", None),
])
def test_examples(typed, kept) -> None:
    assert clean_text(typed) == kept


def test_the_models_clean_names_short_fields_and_notes() -> None:
    data = OrganisationInput.model_validate({"name": "Groen\u202e BV", "city": "Dord\u200brecht",
                                             "notes": "regel een\nregel\u2066 twee\x00\n\u200b"})
    assert (data.name, data.city, data.notes) == ("Groen BV", "Dordrecht", "regel een\nregel twee\n\u200b")


async def test_a_name_pasted_into_the_form_is_saved_without_its_bidi_controls(make_app, ws) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationFormScreen)
        await type_text(pilot, "Groen")
        app.focused.post_message(events.Paste(" \u202eAtelier\u2069\u200b"))  # what a paste from a web page brings
        await settle(pilot)
        assert "\u202e" in app.focused.value  # the field shows what was pasted ...
        await pilot.press("ctrl+s")
        await settle(pilot)
    [row] = organisations.list_organisations(ws)
    assert row.name == "Groen Atelier"  # ... and what is saved is clean
