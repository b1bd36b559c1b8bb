"""A follow-up typed as one line: the date goes through the same parser as everywhere, so what the
agenda refuses the intake refuses too, and the words that only tie the date on leave the task."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.core.errors import ValidationFailed
from desk.dates.phrases import parse_date
from desk.dates.tasks import split_date_phrase
from desk.records import organisations
from desk.work import followups

TODAY = dt.date(2026, 12, 2)  # a Wednesday; 3 December 2026 is a Thursday


@pytest.mark.parametrize("typed", ["vrijdag 3 december bellen", "bellen vrijdag 3 december"])
def test_a_weekday_that_does_not_fit_the_date_is_refused_as_in_the_agenda(typed) -> None:
    with pytest.raises(ValueError, match="is een donderdag, geen vrijdag") as refused:
        split_date_phrase(typed, TODAY)
    with pytest.raises(ValueError) as in_agenda:
        parse_date("vrijdag 3 december", TODAY)
    assert str(refused.value) == str(in_agenda.value)


@pytest.mark.parametrize(("typed", "day", "task"), [
    ("bellen op 3-12", dt.date(2026, 12, 3), "bellen"),
    ("op 3-12 bellen", dt.date(2026, 12, 3), "bellen"),
    ("uiterlijk vrijdag offerte mailen", dt.date(2026, 12, 4), "offerte mailen"),
    ("donderdag 3 december bellen", dt.date(2026, 12, 3), "bellen"),
    ("over 2 weken nabellen", dt.date(2026, 12, 16), "nabellen"),
    ("langsgaan op de zaak morgen", dt.date(2026, 12, 3), "langsgaan op de zaak"),
])
def test_the_date_and_its_linking_word_leave_the_task(typed, day, task) -> None:
    found, _time, rest = split_date_phrase(typed, TODAY)
    assert (found, rest) == (day, task)


def test_the_intakes_follow_up_is_refused_and_nothing_is_stored(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    with pytest.raises(ValidationFailed, match="geen vrijdag"):
        followups.create_from_phrase(ws, "vrijdag 3 december bellen", org.id, today=TODAY)
    assert followups.open_followups(ws) == []
