"""Tests for desk.dates.phrases. Every expected date in the tables was worked out by hand."""

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.dates.phrases import (
    MONTH_NAMES,
    describe_relative,
    format_date_nl,
    parse_date,
    parse_datetime,
)

MON_2026_11_23 = date(2026, 11, 23)
THU_2026_12_31 = date(2026, 12, 31)
SUN_2027_01_31 = date(2027, 1, 31)
MON_2028_02_28 = date(2028, 2, 28)  # leap year
SUN_2027_02_28 = date(2027, 2, 28)

DATE_CASES = [
    # --- Monday 23 November 2026 ---
    (MON_2026_11_23, "vandaag", date(2026, 11, 23)),
    (MON_2026_11_23, "morgen", date(2026, 11, 24)),
    (MON_2026_11_23, "overmorgen", date(2026, 11, 25)),
    (MON_2026_11_23, "gisteren", date(2026, 11, 22)),
    (MON_2026_11_23, "eergisteren", date(2026, 11, 21)),
    (MON_2026_11_23, "  Morgen!  ", date(2026, 11, 24)),
    (MON_2026_11_23, "VANDAAG.", date(2026, 11, 23)),
    (MON_2026_11_23, "maandag", date(2026, 11, 30)),  # strictly after today
    (MON_2026_11_23, "ma", date(2026, 11, 30)),
    (MON_2026_11_23, "dinsdag", date(2026, 11, 24)),
    (MON_2026_11_23, "di", date(2026, 11, 24)),
    (MON_2026_11_23, "woensdag", date(2026, 11, 25)),
    (MON_2026_11_23, "wo", date(2026, 11, 25)),
    (MON_2026_11_23, "donderdag", date(2026, 11, 26)),
    (MON_2026_11_23, "do", date(2026, 11, 26)),
    (MON_2026_11_23, "vrijdag", date(2026, 11, 27)),
    (MON_2026_11_23, "vr", date(2026, 11, 27)),
    (MON_2026_11_23, "zaterdag", date(2026, 11, 28)),
    (MON_2026_11_23, "za", date(2026, 11, 28)),
    (MON_2026_11_23, "zondag", date(2026, 11, 29)),
    (MON_2026_11_23, "zo", date(2026, 11, 29)),
    (MON_2026_11_23, "aanstaande vrijdag", date(2026, 11, 27)),
    (MON_2026_11_23, "komende vrijdag", date(2026, 11, 27)),
    (MON_2026_11_23, "vrijdag a.s.", date(2026, 11, 27)),
    (MON_2026_11_23, "Volgende Vrijdag", date(2026, 11, 27)),
    (MON_2026_11_23, "volgende week", date(2026, 11, 30)),
    (MON_2026_11_23, "volgende week dinsdag", date(2026, 12, 1)),
    (MON_2026_11_23, "dinsdag volgende week", date(2026, 12, 1)),
    (MON_2026_11_23, "volgende week zondag", date(2026, 12, 6)),
    (MON_2026_11_23, "volgende week ma", date(2026, 11, 30)),
    (MON_2026_11_23, "over 3 dagen", date(2026, 11, 26)),
    (MON_2026_11_23, "over 1 dag", date(2026, 11, 24)),
    (MON_2026_11_23, "over één dag", date(2026, 11, 24)),
    (MON_2026_11_23, "over twaalf dagen", date(2026, 12, 5)),
    (MON_2026_11_23, "over 2 weken", date(2026, 12, 7)),
    (MON_2026_11_23, "over een week", date(2026, 11, 30)),
    (MON_2026_11_23, "over 1 maand", date(2026, 12, 23)),
    (MON_2026_11_23, "over drie maanden", date(2027, 2, 23)),
    (MON_2026_11_23, "over een jaar", date(2027, 11, 23)),
    (MON_2026_11_23, "over twee jaren", date(2028, 11, 23)),
    (MON_2026_11_23, "over een half jaar", date(2027, 5, 23)),
    (MON_2026_11_23, "over half jaar", date(2027, 5, 23)),
    (MON_2026_11_23, "+3d", date(2026, 11, 26)),
    (MON_2026_11_23, "+1w", date(2026, 11, 30)),
    (MON_2026_11_23, "+2m", date(2027, 1, 23)),
    (MON_2026_11_23, "+1j", date(2027, 11, 23)),
    (MON_2026_11_23, "+1y", date(2027, 11, 23)),
    (MON_2026_11_23, "-1d", date(2026, 11, 22)),
    (MON_2026_11_23, "+ 10 d", date(2026, 12, 3)),
    (MON_2026_11_23, "eind van de maand", date(2026, 11, 30)),
    (MON_2026_11_23, "einde van de maand", date(2026, 11, 30)),
    (MON_2026_11_23, "eind deze maand", date(2026, 11, 30)),
    (MON_2026_11_23, "eind van de week", date(2026, 11, 27)),
    (MON_2026_11_23, "eind volgende week", date(2026, 12, 4)),
    (MON_2026_11_23, "begin volgende week", date(2026, 11, 30)),
    (MON_2026_11_23, "begin volgende maand", date(2026, 12, 1)),
    (MON_2026_11_23, "begin van de volgende maand", date(2026, 12, 1)),
    (MON_2026_11_23, "eind volgende maand", date(2026, 12, 31)),
    (MON_2026_11_23, "eind van het jaar", date(2026, 12, 31)),
    (MON_2026_11_23, "begin volgend jaar", date(2027, 1, 1)),
    (MON_2026_11_23, "3 maart", date(2027, 3, 3)),  # already past in 2026
    (MON_2026_11_23, "3 maart 2027", date(2027, 3, 3)),
    (MON_2026_11_23, "3 mrt", date(2027, 3, 3)),
    (MON_2026_11_23, "3 mrt. 2027", date(2027, 3, 3)),
    (MON_2026_11_23, "3-3-2027", date(2027, 3, 3)),
    (MON_2026_11_23, "03/03/2027", date(2027, 3, 3)),
    (MON_2026_11_23, "3-3", date(2027, 3, 3)),
    (MON_2026_11_23, "2027-03-03", date(2027, 3, 3)),
    (MON_2026_11_23, "12.12.2025", date(2025, 12, 12)),
    (MON_2026_11_23, "22 november", date(2027, 11, 22)),
    (MON_2026_11_23, "23 november", date(2026, 11, 23)),  # today counts
    (MON_2026_11_23, "24 nov", date(2026, 11, 24)),
    (MON_2026_11_23, "31-12", date(2026, 12, 31)),
    (MON_2026_11_23, "1 jan", date(2027, 1, 1)),
    (MON_2026_11_23, "1 sept", date(2027, 9, 1)),
    (MON_2026_11_23, "15 okt 1999", date(1999, 10, 15)),  # the past is allowed
    (MON_2026_11_23, "za 12 december", date(2026, 12, 12)),
    (MON_2026_11_23, "vr. 27 nov", date(2026, 11, 27)),
    (MON_2026_11_23, "vrijdag 12 december 2025", date(2025, 12, 12)),
    (MON_2026_11_23, "Vrijdag, 12 December 2025", date(2025, 12, 12)),
    (MON_2026_11_23, "29 februari", date(2028, 2, 29)),
    # --- Thursday 31 December 2026 ---
    (THU_2026_12_31, "morgen", date(2027, 1, 1)),
    (THU_2026_12_31, "overmorgen", date(2027, 1, 2)),
    (THU_2026_12_31, "gisteren", date(2026, 12, 30)),
    (THU_2026_12_31, "donderdag", date(2027, 1, 7)),
    (THU_2026_12_31, "vrijdag", date(2027, 1, 1)),
    (THU_2026_12_31, "woensdag", date(2027, 1, 6)),
    (THU_2026_12_31, "volgende week", date(2027, 1, 4)),
    (THU_2026_12_31, "volgende week vrijdag", date(2027, 1, 8)),
    (THU_2026_12_31, "over 1 maand", date(2027, 1, 31)),
    (THU_2026_12_31, "over 2 maanden", date(2027, 2, 28)),  # clamped
    (THU_2026_12_31, "+2m", date(2027, 2, 28)),
    (THU_2026_12_31, "over 14 maanden", date(2028, 2, 29)),  # clamped, leap year
    (THU_2026_12_31, "over een jaar", date(2027, 12, 31)),
    (THU_2026_12_31, "+1d", date(2027, 1, 1)),
    (THU_2026_12_31, "eind van de maand", date(2026, 12, 31)),
    (THU_2026_12_31, "eind van de week", date(2027, 1, 1)),
    (THU_2026_12_31, "begin volgende maand", date(2027, 1, 1)),
    (THU_2026_12_31, "eind volgende maand", date(2027, 1, 31)),
    (THU_2026_12_31, "eind van het jaar", date(2026, 12, 31)),
    (THU_2026_12_31, "begin volgend jaar", date(2027, 1, 1)),
    (THU_2026_12_31, "31 december", date(2026, 12, 31)),
    (THU_2026_12_31, "30 december", date(2027, 12, 30)),
    (THU_2026_12_31, "1 januari", date(2027, 1, 1)),
    (THU_2026_12_31, "vr 1 januari", date(2027, 1, 1)),
    (THU_2026_12_31, "29 februari", date(2028, 2, 29)),
    # --- Sunday 31 January 2027 ---
    (SUN_2027_01_31, "morgen", date(2027, 2, 1)),
    (SUN_2027_01_31, "maandag", date(2027, 2, 1)),
    (SUN_2027_01_31, "vrijdag", date(2027, 2, 5)),
    (SUN_2027_01_31, "zondag", date(2027, 2, 7)),
    (SUN_2027_01_31, "volgende week", date(2027, 2, 1)),
    (SUN_2027_01_31, "volgende week zondag", date(2027, 2, 7)),
    (SUN_2027_01_31, "over 1 maand", date(2027, 2, 28)),
    (SUN_2027_01_31, "+1m", date(2027, 2, 28)),
    (SUN_2027_01_31, "-1m", date(2026, 12, 31)),
    (SUN_2027_01_31, "over 3 maanden", date(2027, 4, 30)),
    (SUN_2027_01_31, "over 13 maanden", date(2028, 2, 29)),
    (SUN_2027_01_31, "eind van de week", date(2027, 2, 5)),  # this week's Friday has passed
    (SUN_2027_01_31, "eind volgende week", date(2027, 2, 5)),
    (SUN_2027_01_31, "eind van de maand", date(2027, 1, 31)),
    (SUN_2027_01_31, "eind volgende maand", date(2027, 2, 28)),
    (SUN_2027_01_31, "begin volgende maand", date(2027, 2, 1)),
    (SUN_2027_01_31, "begin volgende week", date(2027, 2, 1)),
    (SUN_2027_01_31, "31 januari", date(2027, 1, 31)),
    (SUN_2027_01_31, "30 januari", date(2028, 1, 30)),
    (SUN_2027_01_31, "29 februari", date(2028, 2, 29)),
    # --- Monday 28 February 2028 (leap year) ---
    (MON_2028_02_28, "morgen", date(2028, 2, 29)),
    (MON_2028_02_28, "overmorgen", date(2028, 3, 1)),
    (MON_2028_02_28, "gisteren", date(2028, 2, 27)),
    (MON_2028_02_28, "over 2 dagen", date(2028, 3, 1)),
    (MON_2028_02_28, "over een week", date(2028, 3, 6)),
    (MON_2028_02_28, "over 1 jaar", date(2029, 2, 28)),
    (MON_2028_02_28, "dinsdag", date(2028, 2, 29)),
    (MON_2028_02_28, "vrijdag", date(2028, 3, 3)),
    (MON_2028_02_28, "volgende week", date(2028, 3, 6)),
    (MON_2028_02_28, "eind van de week", date(2028, 3, 3)),
    (MON_2028_02_28, "eind van de maand", date(2028, 2, 29)),
    (MON_2028_02_28, "begin volgende maand", date(2028, 3, 1)),
    (MON_2028_02_28, "29 februari", date(2028, 2, 29)),
    (MON_2028_02_28, "di 29 februari", date(2028, 2, 29)),
    (MON_2028_02_28, "28 februari", date(2028, 2, 28)),
    (MON_2028_02_28, "27 februari", date(2029, 2, 27)),
    (MON_2028_02_28, "29-2-2028", date(2028, 2, 29)),
    (MON_2028_02_28, "29-2", date(2028, 2, 29)),
    # --- Sunday 28 February 2027 ---
    (SUN_2027_02_28, "morgen", date(2027, 3, 1)),
    (SUN_2027_02_28, "gisteren", date(2027, 2, 27)),
    (SUN_2027_02_28, "+1d", date(2027, 3, 1)),
    (SUN_2027_02_28, "maandag", date(2027, 3, 1)),
    (SUN_2027_02_28, "volgende week", date(2027, 3, 1)),
    (SUN_2027_02_28, "eind van de week", date(2027, 3, 5)),
    (SUN_2027_02_28, "eind van de maand", date(2027, 2, 28)),
    (SUN_2027_02_28, "eind volgende maand", date(2027, 3, 31)),
    (SUN_2027_02_28, "over 1 maand", date(2027, 3, 28)),
    (SUN_2027_02_28, "over 1 jaar", date(2028, 2, 28)),
    (SUN_2027_02_28, "28 februari", date(2027, 2, 28)),
    (SUN_2027_02_28, "29 februari", date(2028, 2, 29)),
    (SUN_2027_02_28, "29-2", date(2028, 2, 29)),
]


@pytest.mark.parametrize(("today", "phrase", "expected"), DATE_CASES)
def test_parse_date(today: date, phrase: str, expected: date) -> None:
    assert parse_date(phrase, today) == expected


@pytest.mark.parametrize(("today", "phrase", "expected"), DATE_CASES)
def test_parse_datetime_without_time(today: date, phrase: str, expected: date) -> None:
    assert parse_datetime(phrase, today) == (expected, None)


DATETIME_CASES = [
    ("morgen om 14:00", date(2026, 11, 24), time(14, 0)),
    ("om 14:00", date(2026, 11, 23), time(14, 0)),
    ("14:30", date(2026, 11, 23), time(14, 30)),
    ("14 uur", date(2026, 11, 23), time(14, 0)),
    ("om 9 uur", date(2026, 11, 23), time(9, 0)),
    ("om 9", date(2026, 11, 23), time(9, 0)),
    ("vrijdag 14u", date(2026, 11, 27), time(14, 0)),
    ("vrijdag om 9", date(2026, 11, 27), time(9, 0)),
    ("morgen 9u30", date(2026, 11, 24), time(9, 30)),
    ("3 maart 14.30", date(2027, 3, 3), time(14, 30)),
    ("3-3-2027 om 08:05", date(2027, 3, 3), time(8, 5)),
    ("12.12.2025 14.30 uur", date(2025, 12, 12), time(14, 30)),
    ("overmorgen, 10:15", date(2026, 11, 25), time(10, 15)),
    ("za 12 december om 10:00", date(2026, 12, 12), time(10, 0)),
    ("over 2 weken om 0:00", date(2026, 12, 7), time(0, 0)),
    ("Volgende week dinsdag om 23:59.", date(2026, 12, 1), time(23, 59)),
]


@pytest.mark.parametrize(("phrase", "expected_date", "expected_time"), DATETIME_CASES)
def test_parse_datetime(phrase: str, expected_date: date, expected_time: time) -> None:
    assert parse_datetime(phrase, MON_2026_11_23) == (expected_date, expected_time)


REFUSED_DATES = [
    # (phrase, fragment the Dutch message must contain)
    ("blabla", "Datum niet herkend: 'blabla'"),
    ("blabla", "'over 2 weken'"),
    ("", "Geen datum ingevuld"),
    ("   ", "Geen datum ingevuld"),
    ("over veel dagen", "Datum niet herkend"),
    ("over 3 eeuwen", "Datum niet herkend"),
    ("vrijdag 13", "Datum niet herkend"),
    ("maart 2027", "Datum niet herkend"),
    ("sa 12 december", "Datum niet herkend"),
    ("31 februari", "Die datum bestaat niet: '31 februari'"),
    ("30-2-2027", "Die datum bestaat niet: '30-2-2027'"),
    ("29-2-2027", "Die datum bestaat niet"),
    ("29 februari 2100", "Die datum bestaat niet"),  # 2100 is not a leap year
    ("32 maart", "Die datum bestaat niet"),
    ("0 maart", "Die datum bestaat niet"),
    ("3-13-2027", "Schrijf eerst de dag, dan de maand"),
    ("2027-13-01", "Die datum bestaat niet"),
    ("2027-02-30", "Die datum bestaat niet"),
    ("vr 12 december", "12 december 2026 is een zaterdag, geen vrijdag."),
    ("maandag 12 december 2025", "12 december 2025 is een vrijdag, geen maandag."),
    ("3 maart 27", "vier cijfers"),
    ("3-3-27", "vier cijfers"),
    ("begin van de maand", "begin volgende maand"),
    ("over 99999999 dagen", "buiten de kalender"),
    ("+9999999j", "buiten de kalender"),
    ("over 9000 jaar", "buiten de kalender"),
    ("morgen om 14:00", "alleen een datum verwacht, geen tijd"),
    ("14:00", "alleen een datum verwacht, geen tijd"),
]


@pytest.mark.parametrize(("phrase", "fragment"), REFUSED_DATES)
def test_parse_date_refuses(phrase: str, fragment: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_date(phrase, MON_2026_11_23)
    assert fragment in str(excinfo.value)


REFUSED_DATETIMES = [
    ("25:00", "Die tijd bestaat niet: '25:00'"),
    ("morgen 14:60", "Die tijd bestaat niet"),
    ("morgen om 24 uur", "Die tijd bestaat niet"),
    ("morgen om 14:00 om 15:00", "Meer dan één tijd"),
    ("morgen om", "Datum niet herkend"),
    ("om", "Datum niet herkend"),
    ("", "Geen datum of tijd ingevuld"),
    ("blabla om 14:00", "Datum niet herkend: 'blabla om 14:00'"),
    ("vr 12 december 14u", "geen vrijdag"),
]


@pytest.mark.parametrize(("phrase", "fragment"), REFUSED_DATETIMES)
def test_parse_datetime_refuses(phrase: str, fragment: str) -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_datetime(phrase, MON_2026_11_23)
    assert fragment in str(excinfo.value)


def test_long_input_is_shortened_in_message() -> None:
    with pytest.raises(ValueError) as excinfo:
        parse_date("x" * 500, MON_2026_11_23)
    assert len(str(excinfo.value)) < 200


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 12, 12), "vr 12 dec 2025"),
        (date(2026, 11, 23), "ma 23 nov 2026"),
        (date(2027, 3, 3), "wo 3 mrt 2027"),
        (date(2028, 2, 29), "di 29 feb 2028"),
        (date(2027, 10, 31), "zo 31 okt 2027"),
    ],
)
def test_format_date_nl(day: date, expected: str) -> None:
    assert format_date_nl(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 23), "vandaag"),
        (date(2026, 11, 24), "morgen"),
        (date(2026, 11, 22), "gisteren"),
        (date(2026, 11, 25), "over 2 dagen"),
        (date(2026, 11, 26), "over 3 dagen"),
        (date(2026, 11, 20), "3 dagen te laat"),
        (date(2027, 11, 23), "over 365 dagen"),
    ],
)
def test_describe_relative(day: date, expected: str) -> None:
    assert describe_relative(day, MON_2026_11_23) == expected


# --- properties -----------------------------------------------------------------------

todays = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))

# Words and pieces the parser knows, so generated phrases reach the deeper branches.
VOCABULARY = [
    "over", "een", "één", "twee", "drie", "twaalf", "half", "dag", "dagen", "week", "weken",
    "maand", "maanden", "jaar", "jaren", "volgende", "volgend", "aanstaande", "komende",
    "eind", "einde", "begin", "van", "de", "het", "deze", "dit", "vandaag", "morgen",
    "gisteren", "maandag", "vr", "zo", "a.s.", "om", "uur", "u", "14:00", "25:61", "9", "14.30",
    "3", "31", "29", "0", "00", "99999999", "maart", "feb", "mrt", "sept", "februari",
    "2027", "0050", "27", "3-3", "3-13", "31-2-2027", "2027-02-29", "12.12.2025", "+3d", "-1m",
    "+9999999j", ",", ".", "!", "-", "/",
]
phrases = st.one_of(
    st.text(),
    st.lists(st.sampled_from(VOCABULARY), max_size=6).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(text=phrases, today=todays)
def test_any_text_gives_a_date_or_a_value_error(text: str, today: date) -> None:
    for parse in (parse_date, parse_datetime):
        try:
            parse(text, today)
        except ValueError as error:
            assert str(error)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1000, 1, 1)), today=todays)
def test_numeric_date_round_trip(day: date, today: date) -> None:
    # strftime pads years below 1000 inconsistently across platforms, hence the minimum.
    assert parse_date(day.strftime("%d-%m-%Y"), today) == day


@settings(max_examples=300, deadline=None)
@given(days=st.integers(min_value=0, max_value=20000), today=todays)
def test_over_n_days(days: int, today: date) -> None:
    assert parse_date(f"over {days} dagen", today) == today + timedelta(days=days)


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)), today=todays)
def test_date_without_year_is_next_occurrence(day: date, today: date) -> None:
    result = parse_date(f"{day.day} {MONTH_NAMES[day.month - 1]}", today)
    assert (result.month, result.day) == (day.month, day.day)
    assert result >= today
    # Only 29 February may need more than one year to come round again.
    if (day.month, day.day) != (2, 29):
        assert (result - today).days <= 365
    else:
        assert result.year - today.year <= 8


@settings(max_examples=300, deadline=None)
@given(today=todays, offset=st.integers(min_value=0, max_value=6))
def test_weekday_is_strictly_after_today(today: date, offset: int) -> None:
    names = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    result = parse_date(names[(today.weekday() + offset) % 7], today)
    assert (result - today).days in range(1, 8)
    assert result.weekday() == (today.weekday() + offset) % 7
