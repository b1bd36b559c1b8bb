"""Stored text on screen: the one way to show what a user typed or imported.

Textual reads a plain ``str`` as markup almost everywhere (Static, Label, DataTable cells, Tree
labels, Select, SelectionList and OptionList prompts, notifications): a stored ``[/b]`` raises
MarkupError and ``[let op]`` vanishes. A Rich ``Text`` is shown as it is, and every one of those
widgets takes one, so screens hand them ``literal(value)``, or a line built from parts with
``styled(...)``. Markup is only ever written by hand, in a constant. Notifications take a ``str``
only: they are sent with ``markup=False``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

# A part of a styled line: text shown as it is, or (text, style) such as ("Naam:", "bold").
Part = str | Text | tuple[str, str]


def literal(text: object) -> Text:
    """The text exactly as stored (None shows as nothing); a Text is returned as it is."""
    if isinstance(text, Text):
        return text
    return Text("" if text is None else str(text), end="")


def styled(*parts: Part) -> Text:
    """One line from parts, e.g. ``styled(("Status:", "bold"), " ", status)``; no part is parsed."""
    return Text.assemble(*parts, end="")


def lines(rows: Iterable[Part]) -> Text:
    """Rows below each other; each row is a part (a str is shown as it is)."""
    return Text("\n", end="").join(styled(row) for row in rows)


def options(values: Iterable[tuple[str, object]]) -> list[tuple[Text, object]]:
    """(label, value) pairs for a Select, with every label shown as it is."""
    return [(literal(label), value) for label, value in values]
