"""Repeating dates: Dutch phrases ("elke 2 weken op maandag", "elk kwartaal") to rules.

A ``Recurrence`` holds only frequency, interval and an optional weekday; the day of
the month or year comes from the date the series starts on. Series are computed with
``dateutil.rrule``. Monthly-type series that start on the 29th, 30th or 31st fall back
to the last day of shorter months instead of skipping them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule

from desk.dates.phrases import NUMBER_WORDS, WEEKDAY_NAMES, number_from_nl, weekday_from_nl

__all__ = ["Recurrence", "parse_recurrence", "next_occurrence", "describe"]

_FREQ_NAMES = {DAILY: "DAILY", WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}
_RFC_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_HINT = "Probeer bijvoorbeeld 'elke week', 'elke 2 weken op maandag', 'maandelijks' of 'elk kwartaal'."


@dataclass(frozen=True)
class Recurrence:
    """How often something repeats. ``byweekday`` (0 = Monday) is only for weekly series."""

    freq: int
    interval: int = 1
    byweekday: int | None = None

    def __post_init__(self) -> None:
        if self.freq not in _FREQ_NAMES:
            raise ValueError(f"Onbekende herhaalfrequentie: {self.freq!r}.")
        if not isinstance(self.interval, int) or self.interval < 1:
            raise ValueError(f"Het aantal moet minstens 1 zijn, niet {self.interval!r}.")
        if self.byweekday is not None:
            if self.freq != WEEKLY:
                raise ValueError("Een vaste weekdag kan alleen bij een wekelijkse herhaling.")
            if self.byweekday not in range(7):
                raise ValueError(f"Onbekende weekdag: {self.byweekday!r}.")

    @property
    def text(self) -> str:
        """Canonical Dutch description, e.g. 'elke 2 weken op maandag'."""
        return describe(self)

    def to_rule_string(self) -> str:
        """RFC 5545 RRULE value for storage, e.g. 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO'."""
        parts = [f"FREQ={_FREQ_NAMES[self.freq]}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.byweekday is not None:
            parts.append(f"BYDAY={_RFC_WEEKDAYS[self.byweekday]}")
        return ";".join(parts)

    @classmethod
    def from_rule_string(cls, rule: str) -> Recurrence:
        """Inverse of ``to_rule_string``; also accepts an 'RRULE:' prefix."""
        body = rule.strip()
        if body.upper().startswith("RRULE:"):
            body = body[len("RRULE:"):]
        fields: dict[str, str] = {}
        for part in body.split(";"):
            key, sep, value = part.partition("=")
            key = key.strip().upper()
            if not sep or key in fields or key not in ("FREQ", "INTERVAL", "BYDAY"):
                raise ValueError(f"Ongeldige herhaalregel: {rule!r}.")
            fields[key] = value.strip().upper()
        freq = {name: code for code, name in _FREQ_NAMES.items()}.get(fields.get("FREQ", ""))
        interval = fields.get("INTERVAL", "1")
        weekday = fields.get("BYDAY")
        if (
            freq is None
            or not (interval.isascii() and interval.isdigit() and len(interval) <= 6)
            or (weekday is not None and weekday not in _RFC_WEEKDAYS)
        ):
            raise ValueError(f"Ongeldige herhaalregel: {rule!r}.")
        return cls(
            freq=freq,
            interval=int(interval),
            byweekday=None if weekday is None else _RFC_WEEKDAYS.index(weekday),
        )


def describe(rec: Recurrence) -> str:
    """Canonical Dutch text: 'elke dag', 'elke maandag', 'elk kwartaal', 'elke 3 jaar'."""
    n = rec.interval
    if rec.freq == DAILY:
        return "elke dag" if n == 1 else f"elke {n} dagen"
    if rec.freq == WEEKLY:
        if rec.byweekday is not None:
            weekday = WEEKDAY_NAMES[rec.byweekday]
            return f"elke {weekday}" if n == 1 else f"elke {n} weken op {weekday}"
        return "elke week" if n == 1 else f"elke {n} weken"
    if rec.freq == MONTHLY:
        return {1: "elke maand", 3: "elk kwartaal", 6: "elk half jaar"}.get(n, f"elke {n} maanden")
    return "elk jaar" if n == 1 else f"elke {n} jaar"


# --- parsing ------------------------------------------------------------------------

# unit word -> (frequency, number of those frequency steps in one unit)
_UNITS: dict[str, tuple[int, int]] = {
    "dag": (DAILY, 1), "dagen": (DAILY, 1),
    "week": (WEEKLY, 1), "weken": (WEEKLY, 1),
    "maand": (MONTHLY, 1), "maanden": (MONTHLY, 1),
    "kwartaal": (MONTHLY, 3), "kwartalen": (MONTHLY, 3),
    "half jaar": (MONTHLY, 6),
    "jaar": (YEARLY, 1), "jaren": (YEARLY, 1),
}
_ADJECTIVES: dict[str, tuple[int, int]] = {
    "dagelijks": (DAILY, 1),
    "wekelijks": (WEEKLY, 1),
    "tweewekelijks": (WEEKLY, 2),
    "maandelijks": (MONTHLY, 1),
    "tweemaandelijks": (MONTHLY, 2),
    "driemaandelijks": (MONTHLY, 3),
    "halfjaarlijks": (MONTHLY, 6),
    "jaarlijks": (YEARLY, 1),
}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))
_WORD = r"[^\s]+"
_COUNT = "[0-9]+|" + "|".join(NUMBER_WORDS)
_ON_WEEKDAY = rf"(?: op (?P<wd>{_WORD}))?"


def _full(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})$", re.ASCII)


_EVERY = _full(rf"(?:elke|elk|iedere|ieder|per) (?:(?P<n>{_COUNT}) )?(?P<unit>{_UNIT}){_ON_WEEKDAY}")
# Dutch "om de week" means every other week; "om de 3 weken" every three weeks.
_EVERY_OTHER = _full(rf"om de (?:(?P<n>{_COUNT}) )?(?P<unit>{_UNIT}){_ON_WEEKDAY}")
_ADJECTIVE = _full(rf"(?P<adj>{'|'.join(_ADJECTIVES)}){_ON_WEEKDAY}")
_TIMES_PER = _full(rf"(?P<n>{_COUNT}) ?(?:keer|maal|x) per (?P<unit>dag|week|maand|jaar)")
_EVERY_WEEKDAY = _full(rf"(?:elke|iedere) (?P<wd>{_WORD})")


def parse_recurrence(text: str) -> Recurrence:
    """Read a Dutch recurrence phrase. Raises ValueError with a Dutch message."""
    phrase = " ".join(unicodedata.normalize("NFC", text).lower().split()).rstrip(".,;:!?").rstrip()
    shown = phrase if len(phrase) <= 40 else phrase[:39] + "…"
    not_recognised = ValueError(f"Herhaling niet herkend: '{shown}'. {_HINT}")

    def number(word: str | None, default: int) -> int:
        if word is None:
            return default
        value = number_from_nl(word)
        if value is None:
            raise not_recognised
        if value < 1:
            raise ValueError(f"Het aantal moet minstens 1 zijn in '{shown}'.")
        return value

    def weekday(word: str | None) -> int | None:
        if word is None:
            return None
        value = weekday_from_nl(word)
        if value is None:
            raise not_recognised
        return value

    def build(freq: int, interval: int, weekday_word: str | None) -> Recurrence:
        if weekday_word is not None and freq != WEEKLY:
            raise ValueError(f"Een vaste weekdag kan alleen bij een wekelijkse herhaling: '{shown}'.")
        return Recurrence(freq, interval, weekday(weekday_word))

    if match := _ADJECTIVE.match(phrase):
        freq, interval = _ADJECTIVES[match["adj"]]
        return build(freq, interval, match["wd"])

    for pattern, default_count in ((_EVERY, 1), (_EVERY_OTHER, 2)):
        if match := pattern.match(phrase):
            freq, steps = _UNITS[match["unit"]]
            return build(freq, steps * number(match["n"], default_count), match["wd"])

    if match := _TIMES_PER.match(phrase):
        times = number(match["n"], 1)
        unit = match["unit"]
        if unit == "jaar" and 12 % times == 0:
            return Recurrence(YEARLY) if times == 1 else Recurrence(MONTHLY, 12 // times)
        if times == 1:
            return Recurrence(_UNITS[unit][0])
        raise ValueError(
            f"'{shown}' kan niet als één vaste herhaling. "
            "Kies bijvoorbeeld 'elke week', 'elk kwartaal' of 'twee keer per jaar'."
        )

    if match := _EVERY_WEEKDAY.match(phrase):
        return Recurrence(WEEKLY, 1, weekday(match["wd"]))

    raise not_recognised


# --- computing dates ----------------------------------------------------------------

def _rule(rec: Recurrence, start: dt.date) -> rrule:
    dtstart = dt.datetime.combine(start, dt.time())
    if rec.byweekday is not None:
        # The series begins on the first such weekday on or after start, so
        # "elke 2 weken op maandag" from a Wednesday starts five days later.
        dtstart += dt.timedelta(days=(rec.byweekday - start.weekday()) % 7)
        return rrule(WEEKLY, dtstart=dtstart, interval=rec.interval)
    if rec.freq == MONTHLY and start.day > 28:
        # rrule(MONTHLY, bymonthday=31) skips short months. Taking the last of the days
        # 28..start.day that exist in each month gives min(start.day, month length).
        return rrule(
            MONTHLY, dtstart=dtstart, interval=rec.interval,
            bymonthday=tuple(range(28, start.day + 1)), bysetpos=-1,
        )
    if rec.freq == YEARLY and (start.month, start.day) == (2, 29):
        return rrule(
            YEARLY, dtstart=dtstart, interval=rec.interval,
            bymonth=2, bymonthday=(28, 29), bysetpos=-1,
        )
    return rrule(rec.freq, dtstart=dtstart, interval=rec.interval)


def next_occurrence(rec: Recurrence, start: dt.date, after: dt.date) -> dt.date:
    """First date of the series starting at ``start`` that lies strictly after ``after``."""
    try:
        found = _rule(rec, start).after(dt.datetime.combine(after, dt.time()), inc=False)
    except (OverflowError, ValueError):
        found = None
    if found is None:
        raise ValueError(f"Na {after.isoformat()} komt '{describe(rec)}' niet meer voor binnen de kalender.")
    return found.date()
