"""A follow-up typed as one line, date and task together: ``over 2 weken nabellen``, ``bellen op 3-12``."""

from __future__ import annotations

import datetime as dt

from desk.dates.phrases import _HINT, WrongDate, _shown, parse_datetime

# Words that only tie a date to the task ("bellen op 3-12", "uiterlijk vrijdag mailen").
_LINKING_WORDS = {"op", "per", "uiterlijk"}


def split_date_phrase(text: str, today: dt.date) -> tuple[dt.date, dt.time | None, str]:
    """A date phrase at the start or end of a note: ``over 2 weken nabellen`` gives the date in two
    weeks and ``nabellen``; ``bellen op 3-12`` gives 3 December and ``bellen``. The longest readable
    phrase wins, and one that reads as a date that cannot be (``vrijdag 3 december`` on a Thursday)
    is refused as the agenda refuses it, not read as a shorter one. ValueError when none is found."""
    words = (text or "").split()
    leading = 1 if len(words) > 1 and words[0].casefold() in _LINKING_WORDS else 0
    for size in range(len(words), 0, -1):
        for start in dict.fromkeys((leading, 0, len(words) - size)):
            if start + size > len(words):
                continue
            try:
                day, time = parse_datetime(" ".join(words[start:start + size]), today)
            except WrongDate:
                raise
            except ValueError:
                continue
            before, after = words[:start], words[start + size:]
            if before and before[-1].casefold() in _LINKING_WORDS:
                before = before[:-1]
            rest = " ".join(before + after).strip(" ,:;-")
            return day, time, rest
    raise ValueError(f"Geen datum gevonden in '{_shown(text)}'. {_HINT}")
