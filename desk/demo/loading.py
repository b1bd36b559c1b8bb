"""Loading the demo through the services, part by part; each ``_load_...`` step uses the ids the
earlier steps put in the ``_Context``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desk.core import clock, settings
from desk.core.clock import LOCAL_TZ
from desk.core.errors import DeskError
from desk.core.workspace import Workspace
from desk.demo.agenda import ANY_CONTACT, _certification_dates, _due, _workday
from desk.demo.data import (
    _CERTIFICATION_PLAN,
    _DEPARTMENT_CONTACTS,
    _EVENTS,
    _FOLLOW_UP_PLAN,
    _TARGETS,
    _TOOLBOX,
    _Org,
    _organisations,
)
from desk.demo.history import _contact_plan, _PlannedContact
from desk.demo.persons import _department_email, _persons
from desk.demo.referrals import _referral_plan
from desk.demo.summary import MUNICIPALITY, DemoSummary
from desk.records.contacts import create_contact
from desk.records.departments import list_departments, save_department
from desk.records.events import create_event, find_event
from desk.records.organisations import (
    count_organisations,
    create_organisation,
    find_by_kvk,
    get_organisation,
    list_organisations,
)
from desk.records.persons import create_person
from desk.toolbox import workbook
from desk.work import certifications, targets
from desk.work.followups import create_followup, mark_done, open_followups
from desk.work.referrals import change_status, check_days, create_referral

NOT_EMPTY_MESSAGE = "De database is niet leeg; gebruik --force om de demogegevens toch toe te voegen."


@dataclass
class _Context:
    """What the load steps share: the workspace, the running summary and the ids made so far."""

    ws: Workspace
    summary: DemoSummary
    org_ids: dict[str, str] = field(default_factory=dict)  # demo key → id, new or already present
    new_org_keys: set[str] = field(default_factory=set)
    person_ids: dict[str, str] = field(default_factory=dict)  # person name → id
    event_ids: dict[str, str] = field(default_factory=dict)  # event name → id, new or already present
    today: dt.date = field(default_factory=dt.date.today)  # the day the agenda is built around
    plan: list[_PlannedContact] = field(default_factory=list)  # every demo contact moment, made or not
    contact_ids: dict[_PlannedContact, str] = field(default_factory=dict)  # the ones made in this load → id


def is_empty(ws: Workspace) -> bool:
    """True when the database holds no organisation (archived ones count; deleted ones do not)."""
    return count_organisations(ws, include_archived=True) == 0


def load_demo(ws: Workspace, force: bool = False, today: dt.date | None = None) -> DemoSummary:
    """Fill the database with the fictional Rivierstad data set.

    Refuses a database that already holds organisations, unless ``force``: then the demo is added
    alongside, skipping demo organisations that are already there (same KvK-nummer, or the same
    name for those without one) so that loading twice does not make doubles. Persons, contact
    moments, referrals and follow-ups come only with the organisations made in this load; an event
    that is already there (same name) is used, not made again; a department that already has a
    contact person keeps it.

    The open follow-ups are dated around ``today`` (default: the actual date).
    """
    # One transaction (each step's own writes nest as savepoints): a full disk or a lock halfway
    # leaves nothing behind, so the demo can simply be loaded again.
    with ws.write():
        if not force and not is_empty(ws):
            raise DeskError(NOT_EMPTY_MESSAGE)
        context = _Context(ws, DemoSummary(), today=today or clock.today(), plan=_contact_plan())
        _load_settings(context)
        _load_organisations(context)
        _load_persons(context)
        _load_events(context)
        _load_contacts(context)
        _load_departments(context)
        _load_referrals(context)
        _load_followups(context)
        _load_certifications(context)
        _load_targets(context)
        _load_toolbox(context)
    return context.summary


def _load_settings(context: _Context) -> None:
    current = settings.organisation_name(context.ws)
    if not current:
        settings.set_setting(context.ws, settings.ORGANISATION_NAME, MUNICIPALITY)
        context.summary.municipality_set = True


def _existing_id(ws: Workspace, org: _Org) -> str | None:
    if org.kvk:
        found = find_by_kvk(ws, org.kvk)
        return found.id if found else None
    for row in list_organisations(ws, org.name, limit=50):
        if row.name.casefold() == org.name.casefold():
            return row.id
    return None


def _load_organisations(context: _Context) -> None:
    ws, summary = context.ws, context.summary
    for org in _organisations():
        existing = _existing_id(ws, org)
        if existing:
            context.org_ids[org.key] = existing
            summary.skipped_organisations += 1
            continue
        created = create_organisation(ws, org.as_input())
        context.org_ids[org.key] = created.id
        context.new_org_keys.add(org.key)
        summary.organisations += 1
        summary.partners += created.is_partner
        summary.archived += created.archived


def _load_persons(context: _Context) -> None:
    """Persons of the organisations made in this load; a person at an organisation that was already
    there is linked to it too, but not made again when all of their organisations were there."""
    for person in _persons():
        if not context.new_org_keys.intersection(person.org_keys):
            continue
        created = create_person(context.ws, {
            "name": person.name, "role": person.role, "email": person.email, "phone": person.phone,
            "notes": person.notes, "organisation_ids": [context.org_ids[key] for key in person.org_keys],
        })
        context.person_ids[person.name] = created.id
        context.summary.persons += 1


def _load_events(context: _Context) -> None:
    """The demo events, each made once: an event with the same name is used as it is."""
    for event in _EVENTS:
        found = find_event(context.ws, event.name)
        if found is None:
            found = create_event(context.ws, {"name": event.name, "date": event.date, "place": event.place})
            context.summary.events += 1
        context.event_ids[event.name] = found.id


def _load_contacts(context: _Context) -> None:
    """The contact history of the organisations made in this load (so a forced reload adds none twice)."""
    for planned in context.plan:
        if planned.org_key not in context.new_org_keys:
            continue
        created = create_contact(context.ws, {
            "organisation_id": context.org_ids[planned.org_key], "occurred_at": planned.occurred_at,
            "channel": planned.channel, "person_ids": [context.person_ids[name] for name in planned.person_names],
            "subject": planned.subject, "notes": planned.notes, "needs": list(planned.needs),
            "event_id": context.event_ids[planned.event_name] if planned.event_name else None,
            "follow_up_text": planned.follow_up_text,
        })
        context.contact_ids[planned] = created.id
        context.summary.contacts += 1


def _load_departments(context: _Context) -> None:
    """A contact person for each seeded department that has none yet; one the user filled in (or
    renamed) stays as it is."""
    for department in list_departments(context.ws):
        if department.name not in _DEPARTMENT_CONTACTS or any(
                (department.contact_name, department.contact_email, department.contact_phone)):
            continue
        name, phone = _DEPARTMENT_CONTACTS[department.name]
        save_department(context.ws, {
            "name": department.name, "domain": department.domain, "contact_name": name,
            "contact_email": _department_email(name), "contact_phone": phone,
        }, department.id)
        context.summary.departments_filled += 1


def _partner_id(context: _Context, key: str, known: dict[str, str | None]) -> str | None:
    """The id of a demo partner, when it is an active partner in this database."""
    if key not in known:
        org_id = context.org_ids.get(key)
        org = get_organisation(context.ws, org_id) if org_id else None
        known[key] = org.id if org and org.is_partner and not org.archived else None
    return known[key]


def _load_referrals(context: _Context) -> None:
    """Referrals that came out of the contact moments made in this load, walked to their status.

    Each is made and moved at the moments the plan gives (after its contact moment, so in the past),
    never later than the moment of loading. The ``today`` given to ``change_status`` dates the check
    it schedules: for a referral still being handled that check falls around the load date, for the
    others it falls after the sending and is done (or cancelled) when the referral closed.
    """
    ws, summary = context.ws, context.summary
    departments = {department.name: department for department in list_departments(ws)}
    partners: dict[str, str | None] = {}
    days_to_check = check_days(ws)
    latest = _latest_moment(context.today)
    for planned in _referral_plan(context.plan):
        contact_id = context.contact_ids.get(planned.contact)
        if contact_id is None:  # the organisation was already there, and its history with it
            continue
        if planned.to_partner:
            partner_id = _partner_id(context, planned.target, partners)
            if partner_id is None:
                continue
            target, internal_contact = {"partner_id": partner_id}, None
        else:
            department = departments.get(planned.target)
            if department is None:  # renamed or archived by the user
                continue
            target = {"department_id": department.id}
            # as the intake fills it in: the department's contact person and e-mail
            internal_contact = ", ".join(p for p in (department.contact_name, department.contact_email) if p) or None
        made, *moments = (min(moment, latest) for moment in planned.moments)
        referral = create_referral(ws, organisation_id=context.org_ids[planned.contact.org_key],
                                   question=planned.question, needs=list(planned.needs),
                                   internal_contact=internal_contact, contact_id=contact_id, at=made, **target)
        for (status, note), at in zip(planned.steps, moments, strict=True):
            if planned.check_in_days is not None:
                check = _workday(context.today + dt.timedelta(days=planned.check_in_days), context.today)
                today = check - dt.timedelta(days=days_to_check)
            else:
                today = at.astimezone(LOCAL_TZ).date()
            change_status(ws, referral.id, status, note, today=today, at=at)
        summary.referrals += 1
        summary.referral_statuses[planned.status] += 1
        checks = len(open_followups(ws, referral_id=referral.id))
        summary.referral_checks += checks
        summary.followups += checks


def _latest_moment(today: dt.date) -> dt.datetime:
    """Now, or the end of the office day of ``today`` when the demo is loaded as if on an earlier day."""
    now = clock.now_local()
    return now if today >= now.date() else dt.datetime.combine(today, dt.time(17), LOCAL_TZ)


def _latest_contact_id(context: _Context, org_key: str, about: str) -> str | None:
    made = [c for c in context.plan if c.org_key == org_key and c in context.contact_ids]
    fitting = [c for c in made if about == ANY_CONTACT or about in c.needs] or made
    return context.contact_ids[fitting[-1]] if fitting else None


def _load_followups(context: _Context) -> None:
    """The agenda of the organisations made in this load, dated around ``context.today``."""
    ws, summary = context.ws, context.summary
    for item in _FOLLOW_UP_PLAN:
        if item.org_key not in context.new_org_keys:
            continue
        followup = create_followup(
            ws, title=item.title, due=_due(item, context.today), organisation_id=context.org_ids[item.org_key],
            recurrence=item.recurrence, today=context.today,
            contact_id=_latest_contact_id(context, item.org_key, item.about) if item.about else None,
        )
        if item.done:
            summary.followups_done += 1
            summary.followups += mark_done(ws, followup.id, today=context.today) is not None
        else:
            summary.followups += 1


def _load_certifications(context: _Context) -> None:
    """The certifications of the organisations made in this load. Saving one plans its reminder
    before the expiry or deadline, dated from ``context.today``; those count as open follow-ups."""
    ws, summary = context.ws, context.summary
    kinds = {kind.name: kind for kind in certifications.kinds(ws)}
    for planned in _CERTIFICATION_PLAN:
        kind = kinds.get(planned.kind)
        if planned.org_key not in context.new_org_keys or kind is None:  # renamed or archived by the user
            continue
        values = _certification_dates(planned, kind, context.today)
        if values is None:
            continue
        saved = certifications.save_certification(
            ws, organisation_id=context.org_ids[planned.org_key], kind_id=kind.id, notes=planned.notes or None,
            today=context.today, **values)
        summary.certifications += 1
        summary.certification_statuses[saved.status] += 1
        if saved.reminder_followup_id:
            summary.certification_reminders += 1
            summary.followups += 1


def _load_targets(context: _Context) -> None:
    """Targets for the load year and the year before; one the user set already is left as it is."""
    ws, summary = context.ws, context.summary
    kinds = {kind.name: kind.id for kind in certifications.kinds(ws)}
    for year, column in ((context.today.year - 1, 2), (context.today.year, 3)):
        present = {(t.metric, t.kind_id) for t in targets.targets_for(ws, year)}
        made = 0
        for row in _TARGETS:
            metric, kind_name, value = row[0], row[1], row[column]
            kind_id = kinds.get(kind_name) if kind_name else None
            if (kind_name and kind_id is None) or (metric, kind_id) in present:
                continue
            targets.set_target(ws, year, metric, value, kind_id=kind_id)
            made += 1
        summary.targets += made
        if made:
            summary.target_years.append(year)


def _load_toolbox(context: _Context) -> None:
    """The first round of the toolbox, only when nothing has been filled in yet in the current
    round: the workbook of the user's own municipality is never mixed with the demo's."""
    ws = context.ws
    round_ = workbook.current_round(ws)
    if workbook.answers(ws, round_.id):
        return
    known = {item.id for module in workbook.content_for(ws).modules for item in module.items}
    for item_id, (answer, status, note) in _TOOLBOX.items():
        if item_id not in known:  # hidden in the municipality's own version of the toolbox
            continue
        workbook.save_answer(ws, round_.id, item_id, answer=answer or None, status=status, note=note or None)
        context.summary.toolbox_items += 1
