"""Dutch date phrases ("morgen", "vrijdag", "over 2 weken", "3 maart 14.30") to dates.

Relative phrases are resolved here against an explicit ``today``; absolute dates are
first checked against our own patterns (dateutil's parser accepts nearly anything and
silently fills in or ignores parts) and then read with dateutil and a Dutch ``parserinfo``.
Every input the module cannot read raises ``ValueError`` with a Dutch message.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

__all__ = [
    "parse_date",
    "parse_datetime",
    "format_date_nl",
    "describe_relative",
    "number_from_nl",
    "weekday_from_nl",
    "WEEKDAY_NAMES",
    "WEEKDAY_ABBREVIATIONS",
    "MONTH_NAMES",
    "MONTH_ABBREVIATIONS",
    "NUMBER_WORDS",
]

WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
WEEKDAY_ABBREVIATIONS = ("ma", "di", "wo", "do", "vr", "za", "zo")
MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
MONTH_ABBREVIATIONS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

NUMBER_WORDS = {
    "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
}
_WEEKDAY_BY_WORD = {
    **{name: i for i, name in enumerate(WEEKDAY_NAMES)},
    **{abbr: i for i, abbr in enumerate(WEEKDAY_ABBREVIATIONS)},
}
# Longest alternatives first so "maandag" is not read as "ma" + "andag".
_WEEKDAY = "|".join(sorted(_WEEKDAY_BY_WORD, key=len, reverse=True))
_NUMBER = "[0-9]+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_MONTH_WORD = "|".join(sorted(
    {*MONTH_NAMES, *MONTH_ABBREVIATIONS, "febr", "sept"}, key=len, reverse=True,
))

_HINT = "Probeer bijvoorbeeld 'morgen', 'vrijdag', 'over 2 weken' of '3 maart'."
_MAX_NUMBER_DIGITS = 6  # keeps int() and date arithmetic far away from their limits


class DutchParserInfo(dateutil_parser.parserinfo):
    """Dutch words for dateutil's parser."""

    JUMP = [" ", ".", ",", ";", "-", "/", "'"]
    WEEKDAYS = list(zip(WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES))
    MONTHS = [
        ("jan", "januari"), ("feb", "febr", "februari"), ("mrt", "maart"),
        ("apr", "april"), ("mei",), ("jun", "juni"), ("jul", "juli"),
        ("aug", "augustus"), ("sep", "sept", "september"), ("okt", "oktober"),
        ("nov", "november"), ("dec", "december"),
    ]
    HMS = [("u", "uur"), ("m", "min", "minuut", "minuten"), ("s", "sec", "seconde", "seconden")]
    AMPM: list[tuple[str, ...]] = []
    PERTAIN = ["van"]


_DUTCH_INFO = DutchParserInfo(dayfirst=True)


# --- small shared helpers -----------------------------------------------------------

def number_from_nl(word: str) -> int | None:
    """'3' or 'drie' -> 3; None when the word is not a number we know."""
    if word.isascii() and word.isdigit():
        return int(word) if len(word) <= _MAX_NUMBER_DIGITS else None
    return NUMBER_WORDS.get(word)


def weekday_from_nl(word: str) -> int | None:
    """'vrijdag' or 'vr' -> 4 (Monday is 0); None when it is not a weekday."""
    return _WEEKDAY_BY_WORD.get(word)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    return " ".join(text.split()).rstrip(".,;:!?").rstrip()


def _shown(text: str) -> str:
    """The user's input as quoted in an error message, shortened when very long."""
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _not_recognised(original: str) -> ValueError:
    return ValueError(f"Datum niet herkend: '{_shown(original)}'. {_HINT}")


class WrongDate(ValueError):
    """A date that was read but cannot be: not in the calendar, or on another weekday than said."""


def _out_of_range(original: str) -> ValueError:
    return WrongDate(f"Die datum valt buiten de kalender: '{_shown(original)}'.")


def _full(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})$", re.ASCII)


# --- times --------------------------------------------------------------------------

# A time is "14:30", "14.30", "14u30", "14u", "14 uur", "14.30 uur", "om 14:30" or
# "om 9". It must stand apart from other digits so "12.12.2025" is not read as 12:12.
_TIME = re.compile(
    r"(?:(?<=\s)|^)(?:"
    r"(?:om\s+)?(?P<hour>[0-9]{1,2})"
    r"(?:[:.](?P<minute>[0-9]{2})(?:\s*(?:uur|u))?|u(?P<minute2>[0-9]{2})|\s*(?:uur|u))"
    r"|om\s+(?P<bare_hour>[0-9]{1,2})"
    r")(?=\s|$)",
    re.ASCII,
)


def _split_time(text: str, original: str) -> tuple[str, dt.time | None]:
    """Remove the time from a normalised phrase; return (rest, time or None)."""
    matches = list(_TIME.finditer(text))
    if not matches:
        return text, None
    if len(matches) > 1:
        raise ValueError(f"Meer dan één tijd gevonden in '{_shown(original)}'. Geef één tijd, bijvoorbeeld 'om 14:00'.")
    match = matches[0]
    hour = int(match["hour"] or match["bare_hour"])
    minute = int(match["minute"] or match["minute2"] or 0)
    if hour > 23 or minute > 59:
        raise ValueError(
            f"Die tijd bestaat niet: '{_shown(match[0])}'. "
            "Uren lopen van 0 tot en met 23 en minuten van 0 tot en met 59."
        )
    rest = (text[: match.start()] + " " + text[match.end():]).strip()
    return _normalise(rest), dt.time(hour, minute)


# --- relative phrases ---------------------------------------------------------------

_DAY_OFFSETS = {"eergisteren": -2, "gisteren": -1, "vandaag": 0, "morgen": 1, "overmorgen": 2}
_UNIT = {
    "d": "days", "dag": "days", "dagen": "days",
    "w": "weeks", "week": "weeks", "weken": "weeks",
    "m": "months", "maand": "months", "maanden": "months",
    "j": "years", "y": "years", "jaar": "years", "jaren": "years",
}
_SHORTCUT = _full(r"(?P<sign>[+-])\s*(?P<n>[0-9]+)\s*(?P<unit>[dwmjy])")
_IN = _full(rf"over (?P<n>{_NUMBER}) (?P<unit>dagen|dag|weken|week|maanden|maand|jaren|jaar)")
_IN_HALF_YEAR = _full(r"over (?:een |één )?half jaar")
_NEXT_WEEKDAY = _full(rf"(?:(?:aanstaande|komende|volgende) )?(?P<wd>{_WEEKDAY})(?: a\.?s\.?)?")
_NEXT_WEEK = _full(rf"volgende week(?: (?P<wd1>{_WEEKDAY}))?|(?P<wd2>{_WEEKDAY}) volgende week")
# "eind(e) [van] [de|deze|het|dit|volgende|volgend] week|maand|jaar", "begin [van] [de] volgende maand|jaar"
_PERIOD_EDGE = _full(
    r"(?P<edge>eind|einde|begin|start) (?:van )?(?:de |het )?"
    r"(?P<which>deze |dit |volgende |volgend )?(?P<period>week|maand|jaar)"
)


def _shift(today: dt.date, amount: int, unit: str, original: str) -> dt.date:
    try:
        return today + relativedelta(**{unit: amount})
    except (ValueError, OverflowError):
        raise _out_of_range(original) from None


def _monday_of_week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _last_day_of_month(day: dt.date) -> dt.date:
    return day + relativedelta(day=31)


def _parse_relative(text: str, today: dt.date, original: str) -> dt.date | None:
    if text in _DAY_OFFSETS:
        return _shift(today, _DAY_OFFSETS[text], "days", original)

    if match := _SHORTCUT.match(text):
        amount = number_from_nl(match["n"])
        if amount is None:
            raise _out_of_range(original)
        sign = -1 if match["sign"] == "-" else 1
        return _shift(today, sign * amount, _UNIT[match["unit"]], original)

    if match := _IN.match(text):
        amount = number_from_nl(match["n"])
        if amount is None:
            raise _out_of_range(original)
        return _shift(today, amount, _UNIT[match["unit"]], original)

    if _IN_HALF_YEAR.match(text):
        return _shift(today, 6, "months", original)

    if match := _NEXT_WEEKDAY.match(text):
        # Strictly after today: "vrijdag" said on a Friday means next week's Friday.
        days_ahead = (_WEEKDAY_BY_WORD[match["wd"]] - today.weekday() - 1) % 7 + 1
        return _shift(today, days_ahead, "days", original)

    if match := _NEXT_WEEK.match(text):
        weekday = match["wd1"] or match["wd2"]
        offset = 7 + (_WEEKDAY_BY_WORD[weekday] if weekday else 0)
        return _shift(_monday_of_week(today), offset, "days", original)

    if match := _PERIOD_EDGE.match(text):
        return _period_edge(match, today, original)

    return None


def _period_edge(match: re.Match[str], today: dt.date, original: str) -> dt.date:
    is_end = match["edge"] in ("eind", "einde")
    is_next = (match["which"] or "").strip() in ("volgende", "volgend")
    period = match["period"]
    if not is_end and not is_next:
        # "begin van de maand" is ambiguous (this month's 1st is usually past); ask instead.
        raise ValueError(
            f"Welk begin bedoel je met '{_shown(original)}'? "
            f"Schrijf bijvoorbeeld 'begin volgende {period}'."
        )
    try:
        if period == "week":
            monday = _monday_of_week(today)
            if is_next:
                return monday + dt.timedelta(days=7 + (4 if is_end else 0))
            # End of the week is Friday; on Saturday and Sunday that Friday has passed,
            # so it means the coming Friday.
            friday = monday + dt.timedelta(days=4)
            return friday if today <= friday else friday + dt.timedelta(days=7)
        if period == "maand":
            month = today + relativedelta(months=1 if is_next else 0, day=1)
            return _last_day_of_month(month) if is_end else month
        year = today.year + (1 if is_next else 0)
        return dt.date(year, 12, 31) if is_end else dt.date(year, 1, 1)
    except (ValueError, OverflowError):
        raise _out_of_range(original) from None


# --- absolute dates -----------------------------------------------------------------

_WEEKDAY_PREFIX = rf"(?:(?P<wd>{_WEEKDAY})\.?,? )?"
_NAMED_DATE = _full(rf"{_WEEKDAY_PREFIX}(?P<date>(?P<day>[0-9]{{1,2}}) (?P<month>{_MONTH_WORD})\.?(?: (?P<year>[0-9]+))?)")
# Day-month with "-" or "/", year optional; with dots the year is required, because
# "3.03" on its own looks like a time.
_NUMERIC_DATE = _full(
    rf"{_WEEKDAY_PREFIX}(?P<date>(?P<day>[0-9]{{1,2}})(?P<sep>[-/])(?P<month>[0-9]{{1,2}})(?:(?P=sep)(?P<year>[0-9]+))?"
    r"|(?P<dday>[0-9]{1,2})\.(?P<dmonth>[0-9]{1,2})\.(?P<dyear>[0-9]+))"
)
_ISO_DATE = _full(rf"{_WEEKDAY_PREFIX}(?P<date>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})")


def _parse_absolute(text: str, today: dt.date, original: str) -> dt.date | None:
    if match := _ISO_DATE.match(text):
        try:
            day = dateutil_parser.isoparse(match["date"]).date()
        except (ValueError, OverflowError):
            raise ValueError(f"Die datum bestaat niet: '{_shown(original)}'.") from None
        return _check_weekday(day, match["wd"])

    match = _NAMED_DATE.match(text) or _NUMERIC_DATE.match(text)
    if not match:
        return None
    year_text = match.groupdict().get("year") or match.groupdict().get("dyear")
    # dateutil guesses a century for short years ("27", and even "0050"); we don't guess.
    if year_text is not None and (len(year_text) != 4 or year_text.startswith("0")):
        raise ValueError(f"Schrijf het jaar met vier cijfers, bijvoorbeeld '3 maart 2027' (in '{_shown(original)}').")
    month_text = match.groupdict().get("month") or match.groupdict().get("dmonth") or ""
    if month_text.isdigit() and not 1 <= int(month_text) <= 12:
        # dateutil would quietly swap day and month ("3-13" -> 13 March); we refuse.
        raise ValueError(f"Die datum bestaat niet: '{_shown(original)}'. Schrijf eerst de dag, dan de maand (1 tot en met 12).")

    # Without a year, dateutil fills in the default's; 2000 is a leap year, so
    # "29 februari" gets through and we pick the real year afterwards.
    parsed = _dateutil_date(match["date"], dt.date(2000, 1, 1), original)
    day_text = match.groupdict().get("day") or match.groupdict().get("dday") or ""
    if (
        parsed.day != int(day_text)
        or (month_text.isdigit() and parsed.month != int(month_text))
        or (year_text is not None and parsed.year != int(year_text))
    ):
        raise ValueError(f"Die datum bestaat niet: '{_shown(original)}'.")
    if year_text is None:
        parsed = _next_occurrence_of(parsed.month, parsed.day, today, original)
    return _check_weekday(parsed, match["wd"])


def _dateutil_date(date_text: str, default: dt.date, original: str) -> dt.date:
    try:
        parsed = dateutil_parser.parse(
            date_text, parserinfo=_DUTCH_INFO, default=dt.datetime.combine(default, dt.time())
        )
    except (ValueError, OverflowError):
        raise ValueError(f"Die datum bestaat niet: '{_shown(original)}'.") from None
    return parsed.date()


def _next_occurrence_of(month: int, day: int, today: dt.date, original: str) -> dt.date:
    # Eight years always contain a 29 February (1900 and 2100 are not leap years).
    for year in range(today.year, today.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    raise _out_of_range(original)


def _check_weekday(day: dt.date, weekday_word: str | None) -> dt.date:
    """dateutil ignores a contradicting weekday; we refuse it."""
    if weekday_word is not None and _WEEKDAY_BY_WORD[weekday_word] != day.weekday():
        claimed = WEEKDAY_NAMES[_WEEKDAY_BY_WORD[weekday_word]]
        real = WEEKDAY_NAMES[day.weekday()]
        raise WrongDate(f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year} is een {real}, geen {claimed}.")
    return day


# --- public API ---------------------------------------------------------------------

def _parse_date_part(text: str, today: dt.date, original: str) -> dt.date:
    day = _parse_relative(text, today, original) or _parse_absolute(text, today, original)
    if day is None:
        raise _not_recognised(original)
    return day


def parse_date(text: str, today: dt.date) -> dt.date:
    """Read a Dutch date phrase relative to ``today``. Raises ValueError (Dutch message)."""
    normalised = _normalise(text)
    if not normalised:
        raise ValueError(f"Geen datum ingevuld. {_HINT}")
    rest, time = _split_time(normalised, text)
    if time is not None:
        raise ValueError(
            f"Hier wordt alleen een datum verwacht, geen tijd: '{_shown(text)}'. "
            "Laat de tijd weg, bijvoorbeeld 'morgen' of '3 maart'."
        )
    return _parse_date_part(rest, today, text)


def parse_datetime(text: str, today: dt.date) -> tuple[dt.date, dt.time | None]:
    """Read a Dutch date phrase with an optional time ("morgen om 14:00", "om 9 uur").

    A time without a date means today. Raises ValueError (Dutch message).
    """
    normalised = _normalise(text)
    if not normalised:
        raise ValueError(f"Geen datum of tijd ingevuld. {_HINT}")
    rest, time = _split_time(normalised, text)
    if not rest:
        return today, time
    return _parse_date_part(rest, today, text), time


def format_date_nl(day: dt.date) -> str:
    """Short Dutch date: 'vr 12 dec 2025'."""
    return (
        f"{WEEKDAY_ABBREVIATIONS[day.weekday()]} {day.day} "
        f"{MONTH_ABBREVIATIONS[day.month - 1]} {day.year}"
    )


def describe_relative(day: dt.date, today: dt.date) -> str:
    """'vandaag', 'morgen', 'gisteren', 'over 3 dagen' or '3 dagen te laat'."""
    days = (day - today).days
    if days == 0:
        return "vandaag"
    if days == 1:
        return "morgen"
    if days == -1:
        return "gisteren"
    if days > 0:
        return f"over {days} dagen"
    return f"{-days} dagen te laat"
