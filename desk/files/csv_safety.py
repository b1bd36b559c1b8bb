"""Cells that a spreadsheet would run as a formula, made harmless, and given back on import.

Excel and LibreOffice treat a CSV cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after
trimming, a tab or carriage return) as a formula: ``=HYPERLINK(...)`` in a note would run on
opening. Such a cell gets a leading apostrophe. An import strips it again, so ``+31 6 12345678``
comes back as it was. A value that already starts with an apostrophe before such a character
gets one more, so that stripping one always gives the original back.
"""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@\t\r")
GUARD = "'"


CHECK_FIRST = FORMULA_STARTS | {GUARD}  # a cell starting otherwise is safe as it is


def _starts_like_formula(text: str) -> bool:
    return text[:1] in CHECK_FIRST and text.lstrip(GUARD)[:1] in FORMULA_STARTS


def neutralise(text: str) -> str:
    """A CSV cell safe to open in a spreadsheet."""
    return GUARD + text if _starts_like_formula(text) else text


def escape_guard(text: str) -> str:
    """For XLSX, whose text cells never run as formulas: only keep ``restore`` from eating an
    apostrophe that was really there."""
    return GUARD + text if text.startswith(GUARD) and _starts_like_formula(text) else text


def restore(text: str) -> str:
    """The value before ``neutralise``; anything else is returned unchanged."""
    return text[1:] if text.startswith(GUARD) and _starts_like_formula(text) else text
