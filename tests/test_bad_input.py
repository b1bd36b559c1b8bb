"""Bad input everywhere: every validator and parser returns a value or a clear message, never an
exception escaping to the user; any Unicode and very long notes round-trip."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.core.config import make_user
from desk.core.errors import DeskError, ValidationFailed
from desk.core.search import fts_query
from desk.core.validation import validate
from desk.dates.phrases import parse_date, parse_datetime
from desk.dates.recurrence import parse_recurrence
from desk.dates.tasks import split_date_phrase
from desk.records import contacts, needs, organisations, persons, terms
from desk.records.models import FIELD_CHECKS, OrganisationInput, PersonInput, check_field

TODAY = dt.date(2026, 11, 23)
LOOSE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("field", sorted(FIELD_CHECKS))
@given(text=st.text(max_size=80))
@settings(max_examples=150, deadline=None)
def test_field_checks_give_a_value_or_a_dutch_message(field, text) -> None:
    message = check_field(field, text)
    assert message is None or (isinstance(message, str) and message)


@given(data=st.dictionaries(st.sampled_from(list(OrganisationInput.model_fields)), st.text(max_size=40)))
@settings(max_examples=200, deadline=None)
def test_organisation_input_validates_or_names_the_field(data) -> None:
    try:
        validate(OrganisationInput, data, {})
    except ValidationFailed as exc:
        assert exc.errors and all(isinstance(m, str) and m for m in exc.errors.values())


@given(data=st.dictionaries(st.sampled_from(["name", "role", "email", "phone", "notes"]), st.text(max_size=40)))
@settings(max_examples=200, deadline=None)
def test_person_input_validates_or_names_the_field(data) -> None:
    try:
        validate(PersonInput, data, {})
    except ValidationFailed as exc:
        assert exc.errors


@given(text=st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_phrase_parsers_only_raise_value_errors(text) -> None:
    for parse in (lambda t: parse_date(t, TODAY), lambda t: parse_datetime(t, TODAY),
                  lambda t: split_date_phrase(t, TODAY), parse_recurrence):
        try:
            parse(text)
        except ValueError as exc:
            assert str(exc)


@given(text=st.text(max_size=60))
def test_needs_and_search_take_any_text(text) -> None:
    chosen, unknown = needs.resolve_needs(text, terms.DEFAULTS[terms.NEED])
    assert set(chosen) <= set(terms.DEFAULTS[terms.NEED]) and all(isinstance(u, str) for u in unknown)
    fts_query(text)


@given(name=st.text(max_size=30), initials=st.text(max_size=8))
def test_user_config_validates_or_explains(name, initials) -> None:
    try:
        make_user(name, initials)
    except ValidationFailed as exc:
        assert exc.errors


@LOOSE
@given(name=st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs")), min_size=1, max_size=60)
       .filter(lambda s: s.strip()))
def test_any_unicode_name_round_trips_and_is_found(ws, name) -> None:
    """Any visible text; invisible characters are removed (tests/test_text_cleaning.py)."""
    try:
        org = organisations.create_organisation(ws, {"name": name})
    except (ValidationFailed, DeskError):
        return  # a name of only control characters is refused with a message; that is fine
    assert organisations.get_organisation(ws, org.id).name == " ".join(name.split())
    organisations.list_organisations(ws, name)


@pytest.mark.parametrize("name", ["Zoë Çelik-Ünal", "محمد الحسيني", "שרה לוי", "李小龙", "Renée 🌱 Groen",
                                  "Ōsaka Ōkami", "Ǆemal Đurić"])
def test_names_in_every_script_round_trip_through_database_search_and_contacts(ws, name) -> None:
    org = organisations.create_organisation(ws, {"name": f"{name} BV"})
    person = persons.create_person(ws, {"name": name, "organisation_ids": [org.id]})
    assert persons.get_person(ws, person.id).name == name
    first_word = name.split()[0]
    assert org.id in [r.id for r in organisations.list_organisations(ws, first_word)]
    contact = contacts.create_contact(ws, {"organisation_id": org.id, "notes": f"Gesprek met {name}"})
    assert contacts.get_contact(ws, contact.id).notes == f"Gesprek met {name}"


def test_a_one_megabyte_note_round_trips_and_is_searchable(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Lange Notities BV"})
    note = ("Een heel lang verslag met accenten éëï en emoji 🌍. " * 20_000)[:1_000_000] + " sleutelwoord"
    contact = contacts.create_contact(ws, {"organisation_id": org.id, "notes": note})
    assert contacts.get_contact(ws, contact.id).notes == note.strip()
    assert contacts.count_contacts(ws, contacts.ContactFilter(query="sleutelwoord")) == 1
