"""Tests for desk.dates.recurrence. Expected series were worked out by hand."""

import calendar
from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.dates.recurrence import Recurrence, describe, next_occurrence, parse_recurrence

PHRASES = [
    # (phrase, freq, interval, byweekday, canonical text, rule string)
    ("elke dag", DAILY, 1, None, "elke dag", "FREQ=DAILY"),
    ("dagelijks", DAILY, 1, None, "elke dag", "FREQ=DAILY"),
    ("elke drie dagen", DAILY, 3, None, "elke 3 dagen", "FREQ=DAILY;INTERVAL=3"),
    ("om de dag", DAILY, 2, None, "elke 2 dagen", "FREQ=DAILY;INTERVAL=2"),
    ("elke week", WEEKLY, 1, None, "elke week", "FREQ=WEEKLY"),
    ("wekelijks", WEEKLY, 1, None, "elke week", "FREQ=WEEKLY"),
    ("Iedere week.", WEEKLY, 1, None, "elke week", "FREQ=WEEKLY"),
    ("per week", WEEKLY, 1, None, "elke week", "FREQ=WEEKLY"),
    ("elke 2 weken", WEEKLY, 2, None, "elke 2 weken", "FREQ=WEEKLY;INTERVAL=2"),
    ("elke twee weken", WEEKLY, 2, None, "elke 2 weken", "FREQ=WEEKLY;INTERVAL=2"),
    ("om de week", WEEKLY, 2, None, "elke 2 weken", "FREQ=WEEKLY;INTERVAL=2"),
    ("om de 3 weken", WEEKLY, 3, None, "elke 3 weken", "FREQ=WEEKLY;INTERVAL=3"),
    ("tweewekelijks", WEEKLY, 2, None, "elke 2 weken", "FREQ=WEEKLY;INTERVAL=2"),
    ("elke 2 weken op maandag", WEEKLY, 2, 0, "elke 2 weken op maandag", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
    ("om de week op vrijdag", WEEKLY, 2, 4, "elke 2 weken op vrijdag", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("tweewekelijks op wo", WEEKLY, 2, 2, "elke 2 weken op woensdag", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"),
    ("elke maandag", WEEKLY, 1, 0, "elke maandag", "FREQ=WEEKLY;BYDAY=MO"),
    ("iedere zondag", WEEKLY, 1, 6, "elke zondag", "FREQ=WEEKLY;BYDAY=SU"),
    ("wekelijks op donderdag", WEEKLY, 1, 3, "elke donderdag", "FREQ=WEEKLY;BYDAY=TH"),
    ("elke week op di", WEEKLY, 1, 1, "elke dinsdag", "FREQ=WEEKLY;BYDAY=TU"),
    ("maandelijks", MONTHLY, 1, None, "elke maand", "FREQ=MONTHLY"),
    ("elke maand", MONTHLY, 1, None, "elke maand", "FREQ=MONTHLY"),
    ("per maand", MONTHLY, 1, None, "elke maand", "FREQ=MONTHLY"),
    ("elke 2 maanden", MONTHLY, 2, None, "elke 2 maanden", "FREQ=MONTHLY;INTERVAL=2"),
    ("tweemaandelijks", MONTHLY, 2, None, "elke 2 maanden", "FREQ=MONTHLY;INTERVAL=2"),
    ("om de maand", MONTHLY, 2, None, "elke 2 maanden", "FREQ=MONTHLY;INTERVAL=2"),
    ("elk kwartaal", MONTHLY, 3, None, "elk kwartaal", "FREQ=MONTHLY;INTERVAL=3"),
    ("per kwartaal", MONTHLY, 3, None, "elk kwartaal", "FREQ=MONTHLY;INTERVAL=3"),
    ("driemaandelijks", MONTHLY, 3, None, "elk kwartaal", "FREQ=MONTHLY;INTERVAL=3"),
    ("elke 3 maanden", MONTHLY, 3, None, "elk kwartaal", "FREQ=MONTHLY;INTERVAL=3"),
    ("4 keer per jaar", MONTHLY, 3, None, "elk kwartaal", "FREQ=MONTHLY;INTERVAL=3"),
    ("twee keer per jaar", MONTHLY, 6, None, "elk half jaar", "FREQ=MONTHLY;INTERVAL=6"),
    ("2x per jaar", MONTHLY, 6, None, "elk half jaar", "FREQ=MONTHLY;INTERVAL=6"),
    ("tweemaal per jaar", MONTHLY, 6, None, "elk half jaar", "FREQ=MONTHLY;INTERVAL=6"),
    ("halfjaarlijks", MONTHLY, 6, None, "elk half jaar", "FREQ=MONTHLY;INTERVAL=6"),
    ("elk half jaar", MONTHLY, 6, None, "elk half jaar", "FREQ=MONTHLY;INTERVAL=6"),
    ("elke twaalf maanden", MONTHLY, 12, None, "elke 12 maanden", "FREQ=MONTHLY;INTERVAL=12"),
    ("jaarlijks", YEARLY, 1, None, "elk jaar", "FREQ=YEARLY"),
    ("elk jaar", YEARLY, 1, None, "elk jaar", "FREQ=YEARLY"),
    ("ieder jaar", YEARLY, 1, None, "elk jaar", "FREQ=YEARLY"),
    ("een keer per jaar", YEARLY, 1, None, "elk jaar", "FREQ=YEARLY"),
    ("elke 5 jaar", YEARLY, 5, None, "elke 5 jaar", "FREQ=YEARLY;INTERVAL=5"),
]


@pytest.mark.parametrize(("phrase", "freq", "interval", "byweekday", "text", "rule"), PHRASES)
def test_parse_recurrence(
    phrase: str, freq: int, interval: int, byweekday: int | None, text: str, rule: str
) -> None:
    rec = parse_recurrence(phrase)
    assert rec == Recurrence(freq, interval, byweekday)
    assert rec.text == describe(rec) == text
    assert rec.to_rule_string() == rule
    assert Recurrence.from_rule_string(rule) == rec
    assert parse_recurrence(text) == rec
    # The stored string is a real RFC 5545 rule that dateutil itself accepts.
    rrulestr("RRULE:" + rule, dtstart=datetime(2026, 1, 1))


REFUSED = [
    ("blabla", "Herhaling niet herkend: 'blabla'"),
    ("", "Herhaling niet herkend"),
    ("elke", "Herhaling niet herkend"),
    ("elke blub", "Herhaling niet herkend"),
    ("elke 2 weken op blub", "Herhaling niet herkend"),
    ("elke 0 dagen", "minstens 1"),
    ("elke maand op maandag", "alleen bij een wekelijkse herhaling"),
    ("dagelijks op vrijdag", "alleen bij een wekelijkse herhaling"),
    ("twee keer per week", "kan niet als één vaste herhaling"),
    ("5 keer per jaar", "kan niet als één vaste herhaling"),
]


@pytest.mark.parametrize(("phrase", "fragment"), REFUSED)
def test_parse_recurrence_refuses(phrase: str, fragment: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_recurrence(phrase)
    assert fragment in str(excinfo.value)


def series(rec: Recurrence, start: date, count: int) -> list[date]:
    """The first ``count`` occurrences, found by repeatedly asking for the next one."""
    found: list[date] = []
    after = start - timedelta(days=1)
    for _ in range(count):
        after = next_occurrence(rec, start, after)
        found.append(after)
    return found


SERIES = [
    (
        "maandelijks", date(2027, 1, 31),
        [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30),
         date(2027, 5, 31), date(2027, 6, 30), date(2027, 7, 31), date(2027, 8, 31),
         date(2027, 9, 30), date(2027, 10, 31), date(2027, 11, 30), date(2027, 12, 31),
         date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)],
    ),
    ("maandelijks", date(2028, 1, 31), [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]),
    (
        "maandelijks", date(2027, 1, 30),
        [date(2027, 1, 30), date(2027, 2, 28), date(2027, 3, 30), date(2027, 4, 30), date(2027, 5, 30)],
    ),
    ("maandelijks", date(2027, 1, 29), [date(2027, 1, 29), date(2027, 2, 28), date(2027, 3, 29)]),
    ("maandelijks", date(2028, 1, 29), [date(2028, 1, 29), date(2028, 2, 29), date(2028, 3, 29)]),
    ("maandelijks", date(2026, 11, 15), [date(2026, 11, 15), date(2026, 12, 15), date(2027, 1, 15)]),
    (
        "elke 2 maanden", date(2026, 12, 31),
        [date(2026, 12, 31), date(2027, 2, 28), date(2027, 4, 30), date(2027, 6, 30),
         date(2027, 8, 31), date(2027, 10, 31), date(2027, 12, 31), date(2028, 2, 29)],
    ),
    (
        "elk kwartaal", date(2026, 11, 30),
        [date(2026, 11, 30), date(2027, 2, 28), date(2027, 5, 30), date(2027, 8, 30),
         date(2027, 11, 30), date(2028, 2, 29), date(2028, 5, 30)],
    ),
    (
        "twee keer per jaar", date(2026, 8, 31),
        [date(2026, 8, 31), date(2027, 2, 28), date(2027, 8, 31), date(2028, 2, 29), date(2028, 8, 31)],
    ),
    (
        "jaarlijks", date(2028, 2, 29),
        [date(2028, 2, 29), date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28), date(2032, 2, 29)],
    ),
    ("elke 4 jaar", date(2028, 2, 29), [date(2028, 2, 29), date(2032, 2, 29), date(2036, 2, 29)]),
    ("elke 2 jaar", date(2028, 2, 29), [date(2028, 2, 29), date(2030, 2, 28), date(2032, 2, 29)]),
    ("jaarlijks", date(2026, 12, 31), [date(2026, 12, 31), date(2027, 12, 31), date(2028, 12, 31)]),
    ("elke dag", date(2026, 12, 30), [date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1)]),
    ("elke 3 dagen", date(2028, 2, 27), [date(2028, 2, 27), date(2028, 3, 1), date(2028, 3, 4)]),
    ("elke week", date(2026, 12, 29), [date(2026, 12, 29), date(2027, 1, 5), date(2027, 1, 12)]),
    # Starts on Wednesday 25 November 2026; the first Monday on or after it is 30 November.
    ("elke 2 weken op maandag", date(2026, 11, 25), [date(2026, 11, 30), date(2026, 12, 14), date(2026, 12, 28)]),
    ("elke maandag", date(2026, 11, 23), [date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)]),
    ("elke vrijdag", date(2026, 12, 31), [date(2027, 1, 1), date(2027, 1, 8)]),
]


@pytest.mark.parametrize(("phrase", "start", "expected"), SERIES)
def test_series(phrase: str, start: date, expected: list[date]) -> None:
    assert series(parse_recurrence(phrase), start, len(expected)) == expected


def test_next_occurrence_is_strictly_after() -> None:
    monthly = parse_recurrence("maandelijks")
    start = date(2027, 1, 31)
    assert next_occurrence(monthly, start, date(2027, 1, 30)) == date(2027, 1, 31)
    assert next_occurrence(monthly, start, date(2027, 1, 31)) == date(2027, 2, 28)
    assert next_occurrence(monthly, start, date(2027, 2, 28)) == date(2027, 3, 31)
    assert next_occurrence(monthly, start, date(2026, 1, 1)) == start  # before the start
    assert next_occurrence(monthly, start, date(2030, 6, 15)) == date(2030, 6, 30)


def test_no_occurrence_beyond_the_calendar() -> None:
    with pytest.raises(ValueError, match="niet meer voor"):
        next_occurrence(parse_recurrence("jaarlijks"), date(9998, 5, 1), date(9999, 6, 1))


@pytest.mark.parametrize(
    "rule",
    [
        "", "blabla", "FREQ=HOURLY", "FREQ=MONTHLY;INTERVAL=0", "FREQ=MONTHLY;INTERVAL=-1",
        "FREQ=MONTHLY;INTERVAL=x", "FREQ=MONTHLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;BYDAY=MO,TU", "FREQ=DAILY;COUNT=3", "FREQ=DAILY;FREQ=DAILY", "INTERVAL=2",
    ],
)
def test_from_rule_string_refuses(rule: str) -> None:
    with pytest.raises(ValueError):
        Recurrence.from_rule_string(rule)


def test_from_rule_string_accepts_rrule_prefix_and_any_order() -> None:
    expected = Recurrence(WEEKLY, 2, 0)
    assert Recurrence.from_rule_string("RRULE:BYDAY=MO;INTERVAL=2;FREQ=WEEKLY") == expected
    assert Recurrence.from_rule_string("freq=weekly;interval=2;byday=mo") == expected


# --- properties -----------------------------------------------------------------------

starts = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def clamped_day(day: int, on: date) -> int:
    return min(day, calendar.monthrange(on.year, on.month)[1])


@settings(max_examples=300, deadline=None)
@given(start=starts, interval=st.sampled_from([1, 2, 3, 6, 12]))
def test_monthly_series_never_skips_a_month(start: date, interval: int) -> None:
    occurrences = series(Recurrence(MONTHLY, interval), start, 14)
    assert occurrences[0] == start
    for earlier, later in zip(occurrences, occurrences[1:]):
        assert months_between(earlier, later) == interval
    for occurrence in occurrences:
        assert occurrence.day == clamped_day(start.day, occurrence)


@settings(max_examples=300, deadline=None)
@given(start=starts)
def test_yearly_series_keeps_its_day(start: date) -> None:
    for offset, occurrence in enumerate(series(Recurrence(YEARLY), start, 5)):
        assert (occurrence.year, occurrence.month) == (start.year + offset, start.month)
        assert occurrence.day == clamped_day(start.day, occurrence)


recurrences = st.one_of(
    st.builds(Recurrence, st.sampled_from([DAILY, MONTHLY, YEARLY]), st.integers(1, 999_999)),
    st.builds(Recurrence, st.just(WEEKLY), st.integers(1, 999_999), st.none() | st.integers(0, 6)),
)


@settings(max_examples=300, deadline=None)
@given(rec=recurrences)
def test_rule_string_and_text_round_trip(rec: Recurrence) -> None:
    assert Recurrence.from_rule_string(rec.to_rule_string()) == rec
    assert parse_recurrence(rec.text) == rec


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_any_text_gives_a_recurrence_or_a_value_error(text: str) -> None:
    try:
        parse_recurrence(text)
    except ValueError as error:
        assert str(error)
