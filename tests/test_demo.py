"""The fictional demo data set loads through the services, covers every list, and is safe to load
twice."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pytest
from stdnum.nl import postcode as nl_postcode

from desk import demo
from desk.core import clock, settings
from desk.core.clock import LOCAL_TZ
from desk.core.config import make_user
from desk.core.errors import DeskError
from desk.records import terms
from desk.records.contacts import ContactFilter, count_contacts, get_contact, list_contacts
from desk.records.departments import list_departments, save_department
from desk.records.events import list_events
from desk.records.organisations import count_organisations, create_organisation, get_organisation, list_organisations
from desk.toolbox import workbook
from desk.work import certifications, referrals, targets
from desk.work.followups import agenda, open_followups
from desk.work.opening import open_workspace
from desk.work.referrals import figures_per_target, list_referrals

# The demo's history is written for the autumn of 2026 (its contact moments end on 31 October 2026);
# these tests look at it as loaded on this day. Loading on another day: test_clock.py and the tests
# below that pass their own day.
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def ws(tmp_path):
    workspace = open_workspace(tmp_path / "d.sqlite", make_user("Test Gebruiker", "TG"))
    yield workspace
    workspace.close()


@pytest.fixture
def loaded(ws):
    started = time.perf_counter()
    summary = demo.load_demo(ws)
    elapsed = time.perf_counter() - started
    organisations = [get_organisation(ws, row.id) for row in list_organisations(ws, limit=1000)]
    return summary, organisations, elapsed


def test_empty_database_is_empty(ws):
    assert demo.is_empty(ws)


def test_demo_fills_the_database(ws, loaded):
    summary, organisations, elapsed = loaded
    assert 35 <= len(organisations) <= 45
    assert count_organisations(ws) == len(organisations) == summary.organisations
    assert not demo.is_empty(ws)
    assert 70 <= summary.persons <= 90
    assert summary.skipped_organisations == 0


def test_demo_covers_every_theme_and_impact_type(ws, loaded):
    _, organisations, _ = loaded
    themes = {theme for org in organisations for theme in org.themes}
    assert set(terms.DEFAULTS[terms.THEME]) <= themes
    impact_types = {org.impact_type for org in organisations}
    assert set(terms.DEFAULTS[terms.IMPACT_TYPE]) <= impact_types
    legal_forms = {org.legal_form for org in organisations}
    assert {"BV", "Stichting", "Coöperatie", "Eenmanszaak", "Maatschappelijke BV", "VOF"} <= legal_forms
    assert all(1 <= len(org.themes) <= 3 for org in organisations if not org.is_partner)


def test_partners_cover_every_ecosystem_domain(ws, loaded):
    summary, organisations, _ = loaded
    partners = [org for org in organisations if org.is_partner]
    assert len(partners) >= 6
    assert summary.partners == len(partners)
    domains = {domain for org in partners for domain in org.ecosystem_domains}
    assert domains == set(terms.DEFAULTS[terms.ECOSYSTEM_DOMAIN])
    assert all(org.ecosystem_domains for org in partners)
    assert not any(org.ecosystem_domains for org in organisations if not org.is_partner)


def test_every_organisation_has_persons(ws, loaded):
    summary, organisations, _ = loaded
    assert all(org.persons for org in organisations), [org.name for org in organisations if not org.persons]
    person_ids = {person.id for org in organisations for person in org.persons}
    assert len(person_ids) == summary.persons
    shared = {person.id for org in organisations for person in org.persons if len(person.organisation_ids) > 1}
    assert len(shared) >= 1
    for org in organisations:
        for person in org.persons:
            assert person.role
            assert person.phone and person.phone.startswith("+31 ")  # Dutch numbers, in the stored form


def test_identifiers_look_right_and_are_unique(ws, loaded):
    _, organisations, _ = loaded
    kvks = [org.kvk for org in organisations if org.kvk]
    assert len(kvks) == len(set(kvks))
    assert len(kvks) >= 30
    assert all(len(kvk) == 8 and kvk.isdigit() and kvk.startswith("9") for kvk in kvks)
    branches = [org.branch_number for org in organisations if org.branch_number]
    assert branches and all(len(number) == 12 and number.isdigit() for number in branches)
    assert len(branches) == len(set(branches))
    for org in organisations:
        assert org.postcode and nl_postcode.is_valid(org.postcode)
        assert org.postcode[-2:] not in {"SA", "SD", "SS"}
        assert org.municipality in {"Rivierstad", "Laagveld"}
        assert org.website is None or ".example" in org.website
        assert all(1 <= sdg <= 17 for sdg in org.sdgs) and org.sdgs
        assert org.notes
    emails = [person.email for org in organisations for person in org.persons if person.email]
    assert all(email.endswith(".example") for email in emails)


def test_some_organisations_archived(ws, loaded):
    summary, organisations, _ = loaded
    archived = [org for org in organisations if org.archived]
    assert len(archived) in range(1, 4)
    assert summary.archived == len(archived)
    assert count_organisations(ws, include_archived=False) == len(organisations) - len(archived)


def test_sets_the_municipality_name_only_when_unset(ws, tmp_path):
    summary = demo.load_demo(ws)
    assert summary.municipality_set
    assert settings.organisation_name(ws) == demo.MUNICIPALITY == "Gemeente Rivierstad"

    other = open_workspace(tmp_path / "e.sqlite", make_user("Test Gebruiker", "TG"))
    try:
        settings.set_setting(other, settings.ORGANISATION_NAME, "Provincie Voorbeeld")
        assert not demo.load_demo(other).municipality_set
        assert settings.organisation_name(other) == "Provincie Voorbeeld"
    finally:
        other.close()


def test_refuses_a_database_that_is_not_empty(ws, loaded):
    before = count_organisations(ws)
    with pytest.raises(DeskError, match="niet leeg"):
        demo.load_demo(ws)
    assert count_organisations(ws) == before


def test_refuses_even_one_own_organisation(ws):
    create_organisation(ws, {"name": "Eigen Onderneming"})
    with pytest.raises(DeskError, match="--force"):
        demo.load_demo(ws)
    assert count_organisations(ws) == 1


def test_force_adds_the_demo_next_to_own_data(ws):
    create_organisation(ws, {"name": "Eigen Onderneming"})
    summary = demo.load_demo(ws, force=True)
    assert count_organisations(ws) == summary.organisations + 1
    assert summary.skipped_organisations == 0


def test_force_twice_makes_no_doubles(ws, loaded):
    first, organisations, _ = loaded
    second = demo.load_demo(ws, force=True)
    assert second.organisations == 0
    assert second.persons == 0
    assert second.events == second.contacts == 0
    assert second.referrals == second.followups == second.followups_done == second.departments_filled == 0
    assert second.certifications == second.certification_reminders == second.targets == second.toolbox_items == 0
    assert second.skipped_organisations == first.organisations
    assert count_organisations(ws) == len(organisations)
    assert len(list_events(ws)) == first.events
    assert count_contacts(ws) == first.contacts
    assert len(list_referrals(ws)) == first.referrals
    assert len(open_followups(ws)) == first.followups
    assert len(_all_certifications(ws)) == first.certifications
    assert len(targets.targets_for(ws, clock.today().year)) == len(demo._TARGETS)
    assert len(workbook.answers(ws, workbook.current_round(ws).id)) == first.toolbox_items
    assert len(workbook.rounds(ws)) == 1
    assert "overgeslagen" in str(second)


def test_force_fills_in_missing_demo_organisations(ws, loaded):
    from desk.records.organisations import delete_organisation

    _, organisations, _ = loaded
    gone = next(org for org in organisations if org.name == "Fietsatelier Oost")
    delete_organisation(ws, gone.id)
    again = demo.load_demo(ws, force=True)
    assert again.organisations == 1
    assert again.persons == len(gone.persons)
    assert count_organisations(ws) == len(organisations)
    # only the new Fietsatelier gets its history again; the events were there already
    assert again.events == 0
    planned = [c for c in demo._contact_plan() if c.org_key == "fietsatelier"]
    assert again.contacts == len(planned) > 0
    new_id = next(row.id for row in list_organisations(ws, "Fietsatelier Oost") if row.id != gone.id)
    assert count_contacts(ws, ContactFilter(organisation_id=new_id)) == len(planned)
    # and its referrals and follow-ups, nobody else's; the departments had their contact person already
    planned_referrals = [r for r in demo._referral_plan(demo._contact_plan()) if r.contact.org_key == "fietsatelier"]
    assert again.referrals == len(planned_referrals) == len(list_referrals(ws, organisation_id=new_id)) > 0
    assert again.followups == len(open_followups(ws, organisation_id=new_id)) > 0
    assert again.departments_filled == 0
    # its certifications too; the targets and the toolbox were there already
    planned_certifications = [c for c in demo._CERTIFICATION_PLAN if c.org_key == "fietsatelier"]
    assert again.certifications == len(planned_certifications) == len(certifications.of_organisation(ws, new_id)) > 0
    assert again.targets == again.toolbox_items == 0


def test_summary_reads_as_dutch(ws):
    summary = demo.load_demo(ws)
    text = str(summary)
    assert f"{summary.organisations} organisaties" in text
    assert f"{summary.persons} contactpersonen" in text
    assert f"{summary.events} evenementen" in text
    assert f"{summary.contacts} contactmomenten" in text
    assert f"{summary.referrals} doorverwijzingen" in text
    assert f"{summary.followups} open opvolgingen" in text
    assert f"{summary.departments_filled} afdelingen" in text
    assert f"{summary.certifications} keurmerken" in text
    assert f"{summary.certification_reminders} herinneringen voor keurmerken" in text
    assert f"{summary.targets} doelen voor {clock.today().year - 1} en {clock.today().year}" in text
    assert f"{summary.toolbox_items} onderdelen van de toolbox" in text


def test_data_is_deterministic():
    first = [(p.name, p.email, p.phone) for p in demo._persons()]
    assert first == [(p.name, p.email, p.phone) for p in demo._persons()]
    names = [org.name for org in demo._organisations()]
    assert len(names) == len(set(names))
    keys = [org.key for org in demo._organisations()]
    assert len(keys) == len(set(keys))


# --------------------------------------------------------------------------------------------
# Contact history (read-only checks on one load, shared by the tests below)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    workspace = open_workspace(tmp_path_factory.mktemp("history") / "d.sqlite", make_user("Test Gebruiker", "TG"))
    with clock.frozen(TODAY):  # a module fixture starts before the per-test clock (conftest)
        summary = demo.load_demo(workspace)
    yield workspace, summary
    workspace.close()


def _local(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso).astimezone(LOCAL_TZ)


def test_history_size_and_spread(history):
    ws, summary = history
    rows = list_contacts(ws, limit=1000)
    assert 200 <= len(rows) <= 400
    assert count_contacts(ws) == len(rows) == summary.contacts
    moments = [_local(row.occurred_at) for row in rows]
    assert all(demo.HISTORY_START <= moment.date() < demo.REFERENCE_DATE for moment in moments)
    assert len({(moment.year, moment.month) for moment in moments}) >= 20
    assert {row.author for row in rows} == {"TG"}


def test_history_uses_every_channel_and_need(history):
    ws, _ = history
    for channel in terms.DEFAULTS[terms.CHANNEL]:
        assert count_contacts(ws, ContactFilter(channel=channel)) > 0, channel
    for need in terms.DEFAULTS[terms.NEED]:
        assert count_contacts(ws, ContactFilter(need=need)) > 0, need


def test_events_have_intakes_on_the_day(history):
    ws, summary = history
    events = list_events(ws)
    assert 6 <= len(events) == summary.events <= 8
    assert all(demo.HISTORY_START <= event.date < demo.REFERENCE_DATE for event in events)
    busy = 0
    for event in events:
        rows = list_contacts(ws, ContactFilter(event_id=event.id), limit=1000)
        assert all(row.channel == "Evenement" and _local(row.occurred_at).date() == event.date for row in rows)
        busy += len(rows) >= 5
    assert busy >= 5
    assert count_contacts(ws, ContactFilter(channel="Evenement")) == sum(
        count_contacts(ws, ContactFilter(event_id=event.id)) for event in events)


def test_every_active_organisation_has_a_history(history):
    ws, _ = history
    counts = {row.name: count_contacts(ws, ContactFilter(organisation_id=row.id))
              for row in list_organisations(ws, limit=1000, include_archived=False)}
    assert all(counts.values()), [name for name, count in counts.items() if not count]
    assert sum(2 <= count <= 15 for count in counts.values()) >= 0.8 * len(counts)


def test_contacts_are_with_the_organisations_own_people(history):
    ws, _ = history
    people = {row.id: {person.id for person in get_organisation(ws, row.id).persons}
              for row in list_organisations(ws, limit=1000)}
    with_follow_up = 0
    for row in list_contacts(ws, limit=1000):
        contact = get_contact(ws, row.id)
        assert contact.persons and {pid for pid, _ in contact.persons} <= people[contact.organisation_id]
        assert 0 <= len(contact.needs) <= 3
        assert contact.subject and contact.notes
        assert contact.notes.count(". ") + 1 in range(1, 4)
        with_follow_up += bool(contact.follow_up_text)
    assert with_follow_up >= 30


def test_history_is_varied(history):
    ws, _ = history
    subjects = [row.subject for row in list_contacts(ws, limit=1000)]
    assert len(set(subjects)) >= 60


def test_history_is_deterministic(tmp_path):
    plan = demo._contact_plan()
    assert plan == demo._contact_plan()
    assert demo._referral_plan(plan) == demo._referral_plan(demo._contact_plan())
    loads, questions = [], []
    for name in ("a.sqlite", "b.sqlite"):
        workspace = open_workspace(tmp_path / name, make_user("Test Gebruiker", "TG"))
        try:
            demo.load_demo(workspace)
            rows = list_contacts(workspace, limit=1000)
            # the log orders equal times by id, which differs per load
            rows.sort(key=lambda r: (r.occurred_at, r.organisation_name, r.subject))
            loads.append([row.subject for row in rows])
            # referrals are dated from their contact moments, so they come in the same order every time
            questions.append([(r.created_at, r.organisation_name, r.question, r.target_name, r.status)
                              for r in list_referrals(workspace)])
        finally:
            workspace.close()
    assert loads[0] == loads[1]
    assert len(loads[0]) > 200
    assert questions[0] == questions[1]
    assert len(questions[0]) >= 40


# --------------------------------------------------------------------------------------------
# Departments, referrals and follow-ups (read-only checks on the same load)


def test_every_department_has_a_contact_person(history):
    ws, summary = history
    departments = list_departments(ws)
    assert len(departments) == summary.departments_filled == 9
    for department in departments:
        assert department.contact_name, department.name
        assert department.contact_email and department.contact_email.endswith("@rivierstad.example")
        assert department.contact_phone
    assert len({department.contact_email for department in departments}) == len(departments)


def test_a_department_contact_the_user_filled_in_is_kept(ws):
    inkoop = next(department for department in list_departments(ws) if department.name == "Inkoop")
    save_department(ws, {"name": "Inkoop", "domain": inkoop.domain, "contact_name": "Eigen Collega"}, inkoop.id)
    summary = demo.load_demo(ws)
    assert summary.departments_filled == len(list_departments(ws)) - 1
    kept = next(department for department in list_departments(ws) if department.name == "Inkoop")
    assert (kept.contact_name, kept.contact_email) == ("Eigen Collega", None)
    to_inkoop = list_referrals(ws, department_id=inkoop.id)
    assert to_inkoop and all(r.internal_contact == "Eigen Collega" for r in to_inkoop)


def test_every_referral_status_occurs(history):
    ws, summary = history
    rows = list_referrals(ws)
    assert len(rows) == summary.referrals
    assert len(rows) in range(40, 61)
    counts = Counter(r.status for r in rows)
    assert all(counts[status] >= 2 for status in referrals.STATUSES), counts
    assert summary.referral_statuses == {status: counts[status] for status in referrals.STATUSES}


def test_referrals_go_to_departments_and_partners(history):
    ws, _ = history
    rows = list_referrals(ws)
    departments = {r.target_name for r in rows if r.department_id}
    partners = {r.target_name for r in rows if r.partner_id}
    assert len(departments) >= 5, departments
    assert len(partners) >= 3, partners
    contact_persons = {d.id: d.contact_name for d in list_departments(ws)}
    for referral in rows:
        assert referral.question[0].isupper() and "?" in referral.question
        if referral.department_id:
            assert contact_persons[referral.department_id] in referral.internal_contact
        else:
            assert get_organisation(ws, referral.partner_id).is_partner


def test_referrals_come_from_contact_moments_with_that_need(history):
    ws, _ = history
    for referral in list_referrals(ws):
        contact = get_contact(ws, referral.contact_id)
        assert contact.organisation_id == referral.organisation_id
        assert referral.needs and set(referral.needs) <= set(contact.needs)


def test_referrals_were_walked_through_their_statuses(history):
    ws, _ = history
    for referral in list_referrals(ws):
        steps = referrals.history(ws, referral.id)
        assert steps[0].to_status == referrals.OPEN and steps[-1].to_status == referral.status
        for before, after in zip(steps, steps[1:]):
            assert after.to_status in referrals.TRANSITIONS[before.to_status]
        if referral.status in referrals.NEEDS_OUTCOME:
            assert referral.outcome_note and referral.outcome_note == steps[-1].note
        # a referral still being handled has exactly one check on the agenda; the others none
        checks = open_followups(ws, referral_id=referral.id)
        assert len(checks) == (referral.status in (referrals.SENT, referrals.IN_PROGRESS))


def test_figures_per_target_have_landed_referrals(history):
    ws, summary = history
    figures = figures_per_target(ws)
    assert sum(f.referrals for f in figures) == summary.referrals
    landed = [f for f in figures if f.landed]
    assert len(landed) >= 3
    assert all(f.median_days_to_land is not None and f.share_landed for f in landed)


def test_referral_history_is_dated_in_the_past_in_order(history):
    ws, _ = history
    now = clock.now_utc()
    for referral in list_referrals(ws):
        steps = referrals.history(ws, referral.id)
        moments = [dt.datetime.fromisoformat(step.at) for step in steps]
        assert all(moment <= now for moment in moments), referral.question
        assert moments == sorted(moments), referral.question
        assert steps[0].at == referral.created_at
        contact = get_contact(ws, referral.contact_id)
        assert dt.datetime.fromisoformat(contact.occurred_at) <= moments[0]
        if referral.sent_at:  # within a few working days of the conversation
            sent_after = _local(referral.sent_at).date() - _local(referral.created_at).date()
            assert sent_after.days in range(0, 6), referral.question


def test_referrals_took_a_plausible_time_to_land(history):
    ws, _ = history
    medians = [f.median_days_to_land for f in figures_per_target(ws) if f.landed]
    assert len(medians) >= 3
    assert all(median > 0 for median in medians), medians
    assert all(3 <= median <= 62 for median in medians), medians
    assert len(set(medians)) >= 3, "the departments and partners differ in how quickly they help"
    for referral in list_referrals(ws, status=referrals.LANDED):
        days = (dt.datetime.fromisoformat(referral.closed_at) - dt.datetime.fromisoformat(referral.sent_at)).days
        assert days in range(3, 61), referral.question


def test_running_referrals_have_ages_that_vary(history):
    ws, _ = history
    today = clock.today()
    running = [r for r in list_referrals(ws)
               if r.status in (referrals.OPEN, referrals.SENT, referrals.IN_PROGRESS)]
    ages = [r.age_days(today) for r in running]
    assert all(age >= 0 for age in ages)
    assert len(set(ages)) >= 5, ages
    assert any(age > referrals.DEFAULT_CHECK_DAYS for age in ages), "some are overdue for a check"


def test_referral_plan_moves_forward_from_the_contact_moment():
    for planned in demo._referral_plan(demo._contact_plan()):
        assert len(planned.moments) == len(planned.steps) + 1
        assert planned.contact.occurred_at < planned.moments[0]
        assert all(earlier < later for earlier, later in zip(planned.moments, planned.moments[1:]))
        assert (planned.moments[0] - planned.contact.occurred_at) < dt.timedelta(hours=1)


def test_loaded_as_if_on_an_earlier_day_nothing_lies_after_it(ws):
    day = dt.date(2026, 3, 1)
    demo.load_demo(ws, today=day)
    end_of_day = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), LOCAL_TZ)
    for referral in list_referrals(ws):
        moments = [dt.datetime.fromisoformat(step.at) for step in referrals.history(ws, referral.id)]
        assert moments == sorted(moments) and all(moment < end_of_day for moment in moments)


def test_agenda_is_alive_on_the_day_of_loading(history):
    ws, summary = history
    today = clock.today()
    items = agenda(ws, today=today)
    assert len(items.overdue) >= 1
    assert all((today - f.due_date).days in range(1, 11) for f in items.overdue)
    assert len(items.today) >= 1
    if today.weekday() < 6:  # on a Sunday the week is over: nothing can be due later this week
        assert len(items.this_week) >= 1
    assert len(items.later) >= 1
    assert len(open_followups(ws)) == summary.followups
    # the referral checks fall around today as well
    checks = [f for f in open_followups(ws) if f.referral_id]
    assert len(checks) == summary.referral_checks
    assert min(f.due_date for f in checks) < today < max(f.due_date for f in checks)


def _all_certifications(ws) -> list[certifications.Certification]:
    return [cert for row in list_organisations(ws, limit=1000) for cert in certifications.of_organisation(ws, row.id)]


def _reminder_ids(ws) -> set[str]:
    return {cert.reminder_followup_id for cert in _all_certifications(ws) if cert.reminder_followup_id}


def test_follow_ups_besides_the_referral_checks(history):
    ws, summary = history
    reminders = _reminder_ids(ws)
    own = [f for f in open_followups(ws) if not f.referral_id and f.id not in reminders]
    assert len(own) == summary.followups - summary.referral_checks - summary.certification_reminders
    assert len(own) in range(25, 41)
    assert len([f for f in own if f.contact_id]) >= 5
    recurring = {f.organisation_name: f.recurrence_text for f in own if f.recurrence}
    assert len(recurring) >= 3
    assert recurring["MKB-fonds Rivierland"] == "elk kwartaal"
    assert summary.followups_done >= 3


@pytest.mark.parametrize("weekday", range(7))
def test_follow_ups_fall_in_their_part_of_the_agenda_on_any_day(weekday):
    today = dt.date(2026, 11, 23) + dt.timedelta(days=weekday)  # a Monday, and the days after it
    end_of_week = today + dt.timedelta(days=6 - today.weekday())
    for item in demo._FOLLOW_UP_PLAN:
        due = demo._due(item, today)
        if item.this_week:
            assert today < due <= end_of_week or (today == end_of_week and (due - today).days in range(1, 4))
        elif item.done:
            assert due < today
        elif item.days < 0:
            assert (today - due).days in range(1, 11), item
        elif item.days == 0:
            assert due == today
        else:
            assert due > today and (item.days < 7 or due > end_of_week)
        assert due == today or due.weekday() < 5 or item.this_week


def test_loading_on_a_given_day_dates_the_agenda_around_it(ws):
    wednesday = dt.date(2027, 3, 17)
    summary = demo.load_demo(ws, today=wednesday)
    items = agenda(ws, today=wednesday)
    parts = (items.overdue, items.today, items.this_week, items.later)
    assert sum(map(len, parts)) == summary.followups
    overdue, due_today, this_week, later = ([f for f in part if not f.referral_id] for part in parts)
    assert len(overdue) >= 5 and len(due_today) in range(2, 4) and len(this_week) >= 3 and len(later) >= 10
    checks = [[f for f in part if f.referral_id] for part in (items.overdue, items.this_week, items.later)]
    assert all(checks), "the checks of referrals being handled: some overdue, some this week, some later"


# --------------------------------------------------------------------------------------------
# Certifications, targets and the toolbox


def test_certifications_in_every_status(history):
    ws, summary = history
    rows = _all_certifications(ws)
    assert len(rows) == summary.certifications
    assert len(rows) in range(25, 36)
    statuses = Counter(cert.status for cert in rows)
    assert all(statuses[status] >= 1 for status in certifications.STATUSES), statuses
    assert summary.certification_statuses == {status: statuses[status] for status in certifications.STATUSES}
    partners = {row.id for row in list_organisations(ws, limit=1000) if row.is_partner}
    assert not any(cert.organisation_id in partners for cert in rows)
    kinds = Counter(cert.kind_name for cert in rows)
    assert {kind.name for kind in certifications.kinds(ws)} == set(kinds)
    assert kinds[demo.LABEL] == max(kinds.values()) >= 12
    label = Counter(cert.status for cert in rows if cert.kind_name == demo.LABEL)
    assert label[certifications.OBTAINED] >= 5
    assert label[certifications.APPLIED] + label[certifications.WORKING] > label[certifications.OBTAINED]


def test_certifications_are_dated_consistently(history):
    ws, _ = history
    today = clock.today()
    for cert in _all_certifications(ws):
        if cert.status in (certifications.OBTAINED, certifications.EXPIRED):
            assert cert.obtained_on and cert.valid_until and cert.obtained_on < cert.valid_until
            assert cert.obtained_on <= today
            assert (cert.valid_until >= today) == (cert.status == certifications.OBTAINED), cert
        else:
            assert cert.started_on and cert.started_on <= today and cert.obtained_on is None
        if cert.started_on and cert.obtained_on:
            assert cert.started_on < cert.obtained_on
        if cert.kind_name == "SROI-badge" and cert.obtained_on:
            assert (cert.valid_until - cert.obtained_on).days in range(365, 367)


def test_some_certifications_expire_soon_after_the_load_date(history):
    ws, _ = history
    today = clock.today()
    soon = certifications.expiring(ws, 60, today=today)
    assert len(soon) in range(1, 7)
    assert all(today <= cert.valid_until <= today + dt.timedelta(days=60) for cert in soon)
    assert "SROI-badge" in {cert.kind_name for cert in soon}


def test_certification_reminders_are_on_the_agenda(history):
    ws, summary = history
    reminders = _reminder_ids(ws)
    assert len(reminders) == summary.certification_reminders >= 10
    planned = {f.id: f for f in open_followups(ws)}
    assert reminders <= set(planned)
    today = clock.today()
    assert all(planned[r].due_date >= today for r in reminders)
    # the ones that run out soon are on the agenda in the weeks before
    for cert in certifications.expiring(ws, 60, today=today):
        assert planned[cert.reminder_followup_id].due_date < cert.valid_until


def test_loading_on_a_given_day_dates_the_expiring_certifications_around_it(ws):
    day = dt.date(2027, 3, 17)
    summary = demo.load_demo(ws, today=day)
    assert summary.certifications in range(25, 36)
    soon = certifications.expiring(ws, 60, today=day)
    assert soon and all(day <= cert.valid_until <= day + dt.timedelta(days=60) for cert in soon)
    running = [c for c in _all_certifications(ws) if c.status in certifications.IN_PROGRESS]
    assert running and all(c.started_on < day for c in running)
    assert all(c.deadline > day for c in running if c.deadline)
    assert len(targets.targets_for(ws, 2027)) == len(targets.targets_for(ws, 2026)) == len(demo._TARGETS)


def test_targets_for_the_load_year_with_their_realisation(history):
    ws, summary = history
    year = clock.today().year
    assert summary.target_years == [year - 1, year]
    assert summary.targets == 2 * len(demo._TARGETS)
    assert len(targets.targets_for(ws, year - 1)) == len(demo._TARGETS)
    realised = targets.realisations(ws, year, date_to=clock.today())
    assert len(realised) == len(demo._TARGETS)
    by_label = {r.target.label: r for r in realised}
    assert set(targets.METRICS) == {r.target.metric for r in realised}
    assert by_label["Doorverwijzingen geland (% van afgerond)"].target.value == 80
    assert by_label["Partners in het ecosysteem"].realised == summary.partners
    label = {r.target.metric: r for r in realised if r.target.kind_name == demo.LABEL}
    assert set(label) == {"certification_participants", "certification_obtained", "certification_in_progress"}
    assert label["certification_participants"].target.value == (
        label["certification_obtained"].target.value + label["certification_in_progress"].target.value)
    assert all(r.realised >= 1 for r in label.values())
    assert label["certification_participants"].realised == (
        label["certification_obtained"].realised + label["certification_in_progress"].realised)
    sroi = next(r for r in realised if r.target.kind_name == "SROI-badge")
    assert sroi.target.metric == "certification_obtained" and sroi.realised >= 1


def test_targets_the_user_set_are_kept(ws):
    year = clock.today().year
    kept = targets.set_target(ws, year, "contacts", 999)
    summary = demo.load_demo(ws)
    assert summary.targets == 2 * len(demo._TARGETS) - 1
    contacts = [t for t in targets.targets_for(ws, year) if t.metric == "contacts"]
    assert [(t.id, t.value) for t in contacts] == [(kept.id, 999)]


def test_toolbox_shows_progress(history):
    ws, summary = history
    round_ = workbook.current_round(ws)
    stored = workbook.answers(ws, round_.id)
    assert len(stored) == summary.toolbox_items >= 30
    per_module, _, overall = workbook.progress(workbook.content_for(ws), stored)
    assert all(per_module[number].done > 0 for number in (1, 2, 3, 5)), per_module
    assert all(per_module[number].done in range(1, 4) for number in (8, 13)), per_module
    assert all(per_module[number].done == 0 for number in per_module if number not in (1, 2, 3, 5, 8, 13))
    assert 0 < overall.share < 0.5
    answered = [a for a in stored.values() if a.answer]
    assert len(answered) >= 10 and all(a.answer[0].isupper() and a.answer.endswith(".") for a in answered)
    assert any(a.note for a in stored.values() if a.item_id.startswith(("m08-", "m13-")))


def test_toolbox_the_user_started_is_left_alone(ws):
    round_ = workbook.current_round(ws)
    workbook.save_answer(ws, round_.id, "m01-q-collegas-voorstanders", answer="Onze eigen wethouder.")
    summary = demo.load_demo(ws)
    assert summary.toolbox_items == 0
    stored = workbook.answers(ws, round_.id)
    assert list(stored) == ["m01-q-collegas-voorstanders"]
    assert stored["m01-q-collegas-voorstanders"].answer == "Onze eigen wethouder."
