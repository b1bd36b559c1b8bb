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
