"""Follow-ups: phrases, recurrence, snooze, the agenda groups, and the intake's follow-up phrase."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.core.errors import DeskError, ValidationFailed
from desk.records import organisations
from desk.work import followups, intake

TODAY = dt.date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def org(ws):
    return organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})


def test_phrase_due_dates_and_time(ws, org) -> None:
    item = followups.create_followup(ws, title="Offerte nabellen", due="vrijdag 14u", organisation_id=org.id,
                                     today=TODAY)
    assert item.due_date == dt.date(2026, 11, 27) and item.due_time == "14:00"
    assert item.organisation_name == "Fietsatelier Oost" and item.status == "open"


@pytest.mark.parametrize(("field", "kwargs"), [
    ("due", {"due": "ooit"}),
    ("due", {"due": "31 februari 2027"}),
    ("recurrence", {"due": "morgen", "recurrence": "af en toe"}),
    ("title", {"due": "morgen", "title": "  "}),
])
def test_bad_phrases_are_refused_in_dutch(ws, org, field, kwargs) -> None:
    arguments = {"title": "Iets", "organisation_id": org.id, "today": TODAY, **kwargs}
    with pytest.raises(ValidationFailed) as caught:
        followups.create_followup(ws, **arguments)
    assert field in caught.value.errors
    assert followups.open_followups(ws) == []


def test_monthly_from_the_31st_never_skips_a_month(ws, org) -> None:
    item = followups.create_followup(ws, title="Maandoverleg", due="31 januari 2027", recurrence="maandelijks",
                                     organisation_id=org.id, today=TODAY)
    dues = []
    for _ in range(4):
        item = followups.mark_done(ws, item.id, today=item.due_date)
        dues.append(item.due_date)
    assert dues == [dt.date(2027, 2, 28), dt.date(2027, 3, 31), dt.date(2027, 4, 30), dt.date(2027, 5, 31)]
    assert len(followups.open_followups(ws)) == 1


def test_done_late_creates_the_next_occurrence_from_today_on(ws, org) -> None:
    item = followups.create_followup(ws, title="Overlegtafel", due="1 maart 2026", recurrence="twee keer per jaar",
                                     organisation_id=org.id, today=dt.date(2026, 1, 1))
    following = followups.mark_done(ws, item.id, today=TODAY)
    assert following.due_date == dt.date(2027, 3, 1)
    with pytest.raises(DeskError, match="al gedaan"):
        followups.mark_done(ws, item.id, today=TODAY)


def test_snooze_by_phrase_and_shortcut(ws, org) -> None:
    item = followups.create_followup(ws, title="Bellen", due="vandaag", organisation_id=org.id, today=TODAY)
    assert followups.snooze(ws, item.id, "morgen", today=TODAY).due_date == dt.date(2026, 11, 26)
    assert followups.snooze(ws, item.id, "+1w", today=TODAY).due_date == dt.date(2026, 12, 2)
    with pytest.raises(ValidationFailed):
        followups.snooze(ws, item.id, "later eens", today=TODAY)


def test_agenda_groups(ws, org) -> None:
    for title, due in (("oud", "gisteren"), ("nu", "vandaag"), ("zondag", "zondag"), ("straks", "maandag")):
        followups.create_followup(ws, title=title, due=due, organisation_id=org.id, today=TODAY)
    agenda = followups.agenda(ws, TODAY)
    titles = lambda items: [i.title for i in items]  # noqa: E731
    assert (titles(agenda.overdue), titles(agenda.today), titles(agenda.this_week), titles(agenda.later)) == (
        ["oud"], ["nu"], ["zondag"], ["straks"])
    assert followups.due_counts(ws, TODAY) == (1, 1)
    assert followups.agenda(ws, TODAY).totals == {"overdue": 1, "today": 1, "this_week": 1, "later": 1}


def test_agenda_limit_keeps_the_first_by_due_date_and_counts_all(ws, org) -> None:
    for title, due in (("c", "over 3 weken"), ("a", "over 2 weken"), ("b", "over 2 weken"), ("oud", "gisteren")):
        followups.create_followup(ws, title=title, due=due, organisation_id=org.id, today=TODAY)
    agenda = followups.agenda(ws, TODAY, limit=2)
    assert [i.title for i in agenda.later] == ["a", "b"]
    assert [i.title for i in agenda.overdue] == ["oud"]
    assert agenda.totals == {"overdue": 1, "today": 0, "this_week": 0, "later": 3}


def test_intake_phrase_becomes_a_followup_linked_to_the_contact(ws) -> None:
    contact = intake.save_intake(ws, {"organisation_name": "Zonnige Zaken", "notes": "Dak",
                                      "follow_up_text": "over 2 weken nabellen"}, today=TODAY)
    [item] = followups.open_followups(ws)
    assert (item.title, item.due_date, item.contact_id) == ("nabellen", dt.date(2026, 12, 9), contact.id)


def test_intake_with_unreadable_follow_up_writes_nothing(ws) -> None:
    with pytest.raises(ValidationFailed) as caught:
        intake.save_intake(ws, {"organisation_name": "Zonnige Zaken", "follow_up_text": "binnenkort bellen"},
                           today=TODAY)
    assert "follow_up_text" in caught.value.errors
    assert organisations.count_organisations(ws) == 0
