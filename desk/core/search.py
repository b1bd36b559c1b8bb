"""Building full-text queries from whatever a user types.

``table.search(user_text)`` breaks on input such as ``2027-03`` or ``e-mail``, so the words are
taken out of the text, each quoted, and the last one gets a ``*`` to find by prefix while typing.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text``, or None when it holds no searchable word."""
    words = _WORD.findall(text or "")
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def name_start_range(text: str) -> tuple[str, str] | None:
    """Bounds (low inclusive, high exclusive, for ``COLLATE NOCASE``) of the names that start with the
    typed words, or None when a word is not plain ASCII letters and digits.

    Every name in the range is a hit of ``fts_query(text)``: its first words are the typed ones and
    the last typed word starts its next one. NOCASE folds only ASCII, hence the limit to ASCII words.
    """
    words = _WORD.findall(text or "")
    if not words or not all(word.isascii() and word.isalnum() for word in words):
        return None
    low = " ".join(words).lower()
    return low, low[:-1] + chr(ord(low[-1]) + 1)
