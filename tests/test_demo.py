"""The fictional demo data set loads through the services, covers every list, and is safe to load
twice."""

from __future__ import annotations

import time

import pytest
from stdnum.nl import postcode as nl_postcode

from desk import demo, settings, terms
from desk.config import make_user
from desk.errors import DeskError
from desk.organisations import count_organisations, create_organisation, get_organisation, list_organisations
from desk.workspace import open_workspace


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
    assert elapsed < 5, f"demo load took {elapsed:.1f} s"


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
            assert person.phone and (person.phone.startswith("06-") or person.phone.startswith("0"))


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
    assert 1 <= len(archived) <= 3
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
    assert second.skipped_organisations == first.organisations
    assert count_organisations(ws) == len(organisations)
    assert "overgeslagen" in str(second)


def test_force_fills_in_missing_demo_organisations(ws, loaded):
    from desk.organisations import delete_organisation

    _, organisations, _ = loaded
    gone = next(org for org in organisations if org.name == "Fietsatelier Oost")
    delete_organisation(ws, gone.id)
    again = demo.load_demo(ws, force=True)
    assert again.organisations == 1
    assert again.persons == len(gone.persons)
    assert count_organisations(ws) == len(organisations)


def test_summary_reads_as_dutch(ws):
    summary = demo.load_demo(ws)
    text = str(summary)
    assert f"{summary.organisations} organisaties" in text
    assert f"{summary.persons} contactpersonen" in text


def test_data_is_deterministic():
    first = [(p.name, p.email, p.phone) for p in demo._persons()]
    assert first == [(p.name, p.email, p.phone) for p in demo._persons()]
    names = [org.name for org in demo._organisations()]
    assert len(names) == len(set(names))
    keys = [org.key for org in demo._organisations()]
    assert len(keys) == len(set(keys))
