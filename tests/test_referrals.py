"""Referrals: transitions, history, the landing check, figures per target, the hand-over note."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.core.errors import DeskError, ValidationFailed
from desk.records import departments, organisations, persons
from desk.work import followups, referrals

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def org(ws):
    org = organisations.create_organisation(ws, {"name": "Zorgboerderij De Hoeve", "city": "Laagveld",
                                                 "kvk": "91234567"})
    persons.create_person(ws, {"name": "Ineke Bos", "email": "ineke@hoeve.example", "organisation_ids": [org.id]})
    return org


@pytest.fixture
def department(ws):
    [permits] = [d for d in departments.list_departments(ws) if d.name == "Vergunningen"]
    return departments.save_department(ws, {"name": "Vergunningen", "contact_name": "Karin Smit",
                                            "contact_email": "k.smit@rivierstad.example"}, permits.id)


def _referral(ws, org, department, **extra):
    return referrals.create_referral(ws, organisation_id=org.id, department_id=department.id,
                                     question="Vergunning voor een zorgstal", needs=["Vergunningen"], **extra)


def test_every_valid_path_is_kept_in_history(ws, org, department) -> None:
    referral = _referral(ws, org, department)
    for status, note in ((referrals.SENT, None), (referrals.IN_PROGRESS, None),
                         (referrals.LANDED, "Intake bij Vergunningen gehad"), (referrals.IN_PROGRESS, "heropend"),
                         (referrals.FAILED, "Past niet in het bestemmingsplan")):
        referral = referrals.change_status(ws, referral.id, status, note, today=TODAY)
    assert referral.status == referrals.FAILED and referral.outcome_note == "Past niet in het bestemmingsplan"
    steps = [(h.from_status, h.to_status, h.author) for h in referrals.history(ws, referral.id)]
    assert steps == [(None, "open", "TG"), ("open", "doorgezet", "TG"), ("doorgezet", "in behandeling", "TG"),
                     ("in behandeling", "geland", "TG"), ("geland", "in behandeling", "TG"),
                     ("in behandeling", "niet gelukt", "TG")]


@pytest.mark.parametrize(("path", "refused"), [
    ((), referrals.LANDED),
    ((), referrals.IN_PROGRESS),
    ((referrals.SENT,), referrals.OPEN),
    ((referrals.WITHDRAWN,), referrals.LANDED),
])
def test_invalid_transitions_are_refused_and_change_nothing(ws, org, department, path, refused) -> None:
    referral = _referral(ws, org, department)
    for status in path:
        referral = referrals.change_status(ws, referral.id, status, today=TODAY)
    with pytest.raises(DeskError, match="kan niet naar"):
        referrals.change_status(ws, referral.id, refused, "toelichting", today=TODAY)
    assert referrals.get_referral(ws, referral.id).status == referral.status


def test_landing_needs_an_outcome_note(ws, org, department) -> None:
    referral = _referral(ws, org, department)
    referrals.change_status(ws, referral.id, referrals.SENT, today=TODAY)
    with pytest.raises(ValidationFailed, match="hoe het afliep"):
        referrals.change_status(ws, referral.id, referrals.LANDED, "  ", today=TODAY)


def test_sending_schedules_a_check_and_closing_closes_it(ws, org, department) -> None:
    referral = _referral(ws, org, department)
    assert followups.open_followups(ws, referral_id=referral.id) == []
    referrals.change_status(ws, referral.id, referrals.SENT, today=TODAY)
    [check] = followups.open_followups(ws, referral_id=referral.id)
    assert check.title == "Check of Zorgboerderij De Hoeve geland is bij Vergunningen"
    assert check.due_date == TODAY + dt.timedelta(days=14)
    referrals.change_status(ws, referral.id, referrals.LANDED, "Afspraak gemaakt", today=TODAY)
    assert followups.open_followups(ws, referral_id=referral.id) == []
    assert followups.get_followup(ws, check.id).status == followups.DONE


def test_check_period_is_configurable(ws, org, department) -> None:
    from desk.core.settings import set_setting

    set_setting(ws, referrals.CHECK_DAYS_SETTING, "7")
    referral = _referral(ws, org, department)
    referrals.change_status(ws, referral.id, referrals.SENT, today=TODAY)
    assert followups.open_followups(ws, referral_id=referral.id)[0].due_date == TODAY + dt.timedelta(days=7)


def test_target_must_be_a_department_or_a_partner(ws, org) -> None:
    with pytest.raises(ValidationFailed, match="geen partner"):
        referrals.create_referral(ws, organisation_id=org.id, partner_id=org.id, question="Iets")
    with pytest.raises(ValidationFailed, match="afdeling of een partner"):
        referrals.create_referral(ws, organisation_id=org.id, question="Iets")


def test_figures_per_target(ws, org, department) -> None:
    partner = organisations.create_organisation(ws, {"name": "MKB-fonds Rivierland", "is_partner": True})
    landed = _referral(ws, org, department)
    referrals.change_status(ws, landed.id, referrals.SENT, today=TODAY)
    referrals.change_status(ws, landed.id, referrals.LANDED, "gelukt", today=TODAY)
    failed = _referral(ws, org, department)
    referrals.change_status(ws, failed.id, referrals.SENT, today=TODAY)
    referrals.change_status(ws, failed.id, referrals.FAILED, "niet gelukt", today=TODAY)
    _referral(ws, org, department)
    referrals.create_referral(ws, organisation_id=org.id, partner_id=partner.id, question="Lening")
    by_name = {f.target_name: f for f in referrals.figures_per_target(ws)}
    permits = by_name["Vergunningen"]
    assert (permits.kind, permits.referrals, permits.open, permits.landed, permits.closed) == ("afdeling", 3, 1, 1, 2)
    assert permits.share_landed == 0.5 and permits.median_days_to_land is not None
    assert by_name["MKB-fonds Rivierland"].share_landed is None


def test_handover_note_names_who_what_and_contacts(ws, org, department) -> None:
    referral = _referral(ws, org, department, internal_contact="Karin Smit")
    note = referrals.handover_note(ws, referral.id)
    for expected in ("Zorgboerderij De Hoeve", "Vergunning voor een zorgstal", "91234567", "Ineke Bos",
                     "ineke@hoeve.example", "Karin Smit", "Test Gebruiker"):
        assert expected in note
