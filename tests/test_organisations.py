"""desk/ organisations and persons against a real SQLite file."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk.core.errors import NotFound, ValidationFailed
from desk.core.search import fts_query
from desk.records import organisations, persons, terms


def _names(ws, query: str) -> list[str]:
    return [row.name for row in organisations.list_organisations(ws, query)]


def test_create_normalises_and_stamps(ws) -> None:
    org = organisations.create_organisation(ws, {
        "name": "  De   Verbinding B.V. ", "kvk": "1234 5678", "postcode": "3311ab", "website": "deverbinding.nl",
        "themes": ["Onderwijs", "zorg & welzijn"], "sdgs": "8, 10, 8", "impact_type": "Impact first",
        "legal_form": "BV",
    })
    assert org.name == "De Verbinding B.V."
    assert org.kvk == "12345678"
    assert org.postcode == "3311 AB"
    assert org.website == "https://deverbinding.nl"
    assert org.themes == ["Zorg & welzijn", "Onderwijs"]  # in list order
    assert org.sdgs == [8, 10]
    assert org.created_by == org.updated_by == "TG"
    assert org.created_at.endswith("+00:00")
    assert len(org.id) == 36


@pytest.mark.parametrize(("field", "value", "fragment"), [
    ("kvk", "1234", "8 cijfers"),
    ("kvk", "abcdefgh", "8 cijfers"),
    ("branch_number", "12345", "12 cijfers"),
    ("postcode", "0123 AB", "postcode"),
    ("postcode", "1234 SS", "postcode"),
    ("website", "geen adres", "webadres"),
    ("sdgs", "18", "SDG 18"),
    ("name", "   ", "verplicht"),
    ("themes", ["Ruimtevaart"], "niet in de lijst"),
])
def test_bad_input_names_the_field_in_dutch_and_saves_nothing(ws, field, value, fragment) -> None:
    data = {"name": "Goed Bedrijf", field: value}
    with pytest.raises(ValidationFailed) as caught:
        organisations.create_organisation(ws, data)
    assert field in caught.value.errors
    assert fragment in caught.value.errors[field]
    assert organisations.count_organisations(ws) == 0


def test_kvk_is_unique_but_old_numbers_stay_findable(ws) -> None:
    first = organisations.create_organisation(ws, {"name": "Oud BV", "kvk": "11112222"})
    with pytest.raises(ValidationFailed, match="hoort al bij Oud BV"):
        organisations.create_organisation(ws, {"name": "Dubbel", "kvk": "11112222"})
    renamed = organisations.update_organisation(ws, first.id, {"name": "Nieuw BV", "kvk": "33334444"})
    assert renamed.former_kvks == ["11112222"]
    assert organisations.find_by_kvk(ws, "11112222").id == first.id
    assert _names(ws, "11112222") == ["Nieuw BV"]


def test_update_is_audited_with_changed_fields(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Fietsatelier", "city": "Dordrecht"})
    organisations.update_organisation(ws, org.id, {**org.as_input().model_dump(), "city": "Zwijndrecht"})
    entries = list(ws.db.query("SELECT action, summary, author FROM audit WHERE entity_id = ? ORDER BY id", [org.id]))
    assert entries == [
        {"action": "aangemaakt", "summary": "Fietsatelier", "author": "TG"},
        {"action": "gewijzigd", "summary": "Plaats", "author": "TG"},
    ]


def test_search_finds_by_prefix_person_theme_and_accentless(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Café De Kringloop", "city": "Gorinchem", "themes": ["Circulaire economie"]})
    organisations.create_organisation(ws, {"name": "Bakkerij Brood", "city": "Dordrecht"})
    persons.create_person(ws, {"name": "Fatima el Amrani", "email": "fatima@kringloop.nl", "organisation_ids": [org.id]})
    assert _names(ws, "kring") == ["Café De Kringloop"]
    assert _names(ws, "cafe") == ["Café De Kringloop"]
    assert _names(ws, "fatim") == ["Café De Kringloop"]
    assert _names(ws, "circulair") == ["Café De Kringloop"]
    assert _names(ws, "gorinchem kring") == ["Café De Kringloop"]
    assert _names(ws, "") == ["Bakkerij Brood", "Café De Kringloop"]
    assert organisations.count_organisations(ws, "dord") == 1


@pytest.mark.parametrize("text", ["2027-03", "e-mail", '"', "*", "AND", "OR NOT", "(", "NEAR(", "a:b", "^", "'", "-", ""])
def test_search_takes_any_text(ws, text) -> None:
    organisations.create_organisation(ws, {"name": "E-mail Expert 2027-03"})
    organisations.list_organisations(ws, text)
    organisations.count_organisations(ws, text)


def test_search_on_awkward_words_still_finds(ws) -> None:
    organisations.create_organisation(ws, {"name": "E-mail Expert 2027-03"})
    assert _names(ws, "e-mail") == ["E-mail Expert 2027-03"]
    assert _names(ws, "2027-03") == ["E-mail Expert 2027-03"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(max_size=40))
def test_search_never_fails_on_arbitrary_text(ws, text) -> None:
    organisations.list_organisations(ws, text, limit=5)


@given(st.text(max_size=60))
def test_fts_query_quotes_every_word(text) -> None:
    query = fts_query(text)
    if query is not None:
        assert query.count('"') % 2 == 0 and query.endswith("*")


def test_archive_hides_from_default_list_and_delete_leaves_tombstone(ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Stil Bedrijf"})
    organisations.set_archived(ws, org.id, True)
    assert organisations.count_organisations(ws, include_archived=False) == 0
    assert organisations.count_organisations(ws, include_archived=True) == 1
    organisations.delete_organisation(ws, org.id)
    assert organisations.count_organisations(ws) == 0
    with pytest.raises(NotFound):
        organisations.get_organisation(ws, org.id)
    assert ws.db.execute("SELECT deleted_at IS NOT NULL FROM organisations WHERE id = ?", [org.id]).fetchone() == (1,)


def test_person_belongs_to_several_organisations(ws) -> None:
    a = organisations.create_organisation(ws, {"name": "A"})
    b = organisations.create_organisation(ws, {"name": "B"})
    person = persons.create_person(ws, {"name": "Jan Bestuurder", "email": "JAN@Example.NL", "organisation_ids": [a.id]})
    assert person.email == "jan@example.nl"
    persons.link_person(ws, person.id, b.id)
    assert [p.name for p in organisations.get_organisation(ws, b.id).persons] == ["Jan Bestuurder"]
    with pytest.raises(ValidationFailed, match="e-mailadres"):
        persons.update_person(ws, person.id, {"name": "Jan", "email": "geen-mail"})


def test_terms_are_seeded_once_and_extendable(ws) -> None:
    assert "Arbeidsparticipatie" in terms.labels(ws, terms.THEME)
    assert len(terms.labels(ws, terms.ECOSYSTEM_DOMAIN)) == 6
    terms.add_term(ws, terms.THEME, "Ruimtevaart")
    org = organisations.create_organisation(ws, {"name": "Raket BV", "themes": ["ruimtevaart"]})
    assert org.themes == ["Ruimtevaart"]
    terms.seed_defaults(ws)
    assert terms.labels(ws, terms.THEME).count("Arbeidsparticipatie") == 1
