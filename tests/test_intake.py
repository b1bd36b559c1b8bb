"""The quick intake: few keys, no duplicates, nothing lost."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.core import clock
from desk.core.errors import ValidationFailed
from desk.records import contacts, events, organisations
from desk.work import drafts, duplicates, intake
from screens.confirm import ConfirmScreen
from screens.duplicate_question import DuplicateQuestion
from screens.intake import IntakeScreen
from tests.conftest import TERMINAL_SIZE
from tests.pilot_helpers import screen_text, settle, static_text, type_text


class KeyCounter:
    """Presses keys through the pilot and counts those that are not typed content."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.control_keys = 0

    async def type(self, text: str) -> None:
        await self.pilot.press(*[{" ": "space"}.get(char, char) for char in text])

    async def key(self, *keys: str) -> None:
        self.control_keys += len(keys)
        await self.pilot.press(*keys)


async def test_intake_for_new_organisation_and_person_with_few_keys(make_app, ws) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        keys = KeyCounter(pilot)
        await keys.key("n")
        await settle(pilot)
        await keys.type("Zonnige Zaken")
        await keys.key("tab")
        await keys.type("Mila Jansen")
        await keys.key("tab")
        await keys.type("mila@zonnig.example")
        await keys.key("tab")
        await keys.type("06 12345678")
        await keys.key("tab")
        await keys.type("fin, verg")
        await keys.key("tab")
        await keys.type("Wil een zonnedak op de loods, zoekt subsidie.")
        await settle(pilot)
        await keys.key("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#organisation").value == ""  # ready for the next conversation
        print(f"control keys beyond typed content: {keys.control_keys}")
        assert keys.control_keys <= 12

    [row] = contacts.list_contacts(ws)
    contact = contacts.get_contact(ws, row.id)
    assert contact.organisation_name == "Zonnige Zaken"
    assert [name for _, name in contact.persons] == ["Mila Jansen"]
    assert contact.needs == ["Financiering", "Vergunningen"]
    assert contact.notes == "Wil een zonnedak op de loods, zoekt subsidie."
    assert contact.subject == contact.notes
    assert contact.author == "TG"
    org = organisations.get_organisation(ws, contact.organisation_id)
    assert org.persons[0].email == "mila@zonnig.example"
    assert drafts.load_draft(ws, drafts.INTAKE) is None


async def test_choosing_an_existing_organisation_and_person(make_app, ws) -> None:
    org = organisations.create_organisation(ws, {"name": "Kringloop Rivierland", "city": "Rivierstad"})
    from desk.records import persons
    persons.create_person(ws, {"name": "Ahmed Bakker", "email": "ahmed@kringloop.example", "organisation_ids": [org.id]})
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"kringl")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "bestaande organisatie" in static_text(pilot, "#organisation-info")
        await pilot.press("down", "enter")  # the organisation's only person
        await settle(pilot)
        assert app.screen.query_one("#person_email").value == "ahmed@kringloop.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert organisations.count_organisations(ws) == 1
    [row] = contacts.list_contacts(ws)
    assert [name for _, name in contacts.get_contact(ws, row.id).persons] == ["Ahmed Bakker"]


async def test_duplicate_needs_confirmation_in_the_form(make_app, ws) -> None:
    organisations.create_organisation(ws, {"name": "De Verbinding B.V."})
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"de verbinding bv")
        await settle(pilot)
        assert "bestaat al?" in static_text(pilot, "#organisation-info")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DuplicateQuestion)
        await pilot.press("escape")  # back to the form
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert organisations.count_organisations(ws) == 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("n")  # a new one after all
        await settle(pilot)
    assert organisations.count_organisations(ws) == 2


async def test_the_duplicate_question_uses_the_existing_one_with_enter(make_app, ws) -> None:
    """It offered only Terug / Nieuw aanmaken; using the existing one took four more keys."""
    existing = organisations.create_organisation(ws, {"name": "De Verbinding B.V."})
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"de verbinding bv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DuplicateQuestion)
        assert "De Verbinding B.V. (plaats onbekend) — zelfde naam" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
    assert organisations.count_organisations(ws) == 1
    [row] = contacts.list_contacts(ws)
    assert contacts.get_contact(ws, row.id).organisation_id == existing.id


@pytest.mark.parametrize("typed", [
    "De Verbinding B.V.", "de verbinding bv", "DE VERBINDING", "De  Verbinding, B.V.", "Verbinding BV",
    "De Verbindng", "de verbinding b.v", "Dé Verbinding",
])
def test_duplicate_variants_are_found(ws, typed) -> None:
    existing = organisations.create_organisation(ws, {"name": "De Verbinding B.V.", "kvk": "12345678"})
    assert [m.id for m in duplicates.find_similar(ws, typed)] == [existing.id]


def test_same_kvk_is_a_duplicate_whatever_the_name(ws) -> None:
    existing = organisations.create_organisation(ws, {"name": "De Verbinding B.V.", "kvk": "12345678"})
    [match] = duplicates.find_similar(ws, "Totaal Andere Naam", "12345678")
    assert match.id == existing.id and match.reason == "zelfde KvK-nummer"


def test_duplicate_check_sees_every_change_to_the_names_it_keeps(ws) -> None:
    """The normalised names are kept between keystrokes; a new, renamed or deleted organisation
    is seen at the next check."""
    first = organisations.create_organisation(ws, {"name": "Zeepziederij Schuim"})
    assert [m.name for m in duplicates.find_similar(ws, "Zeepziederij Schuim BV")] == ["Zeepziederij Schuim"]
    assert duplicates.find_similar(ws, "Fietsfabriek Oost") == []
    second = organisations.create_organisation(ws, {"name": "Fietsfabriek Oost"})
    assert [m.id for m in duplicates.find_similar(ws, "Fietsfabriek Oost")] == [second.id]
    organisations.update_organisation(ws, first.id, {**organisations.get_organisation(ws, first.id).model_dump(),
                                                     "name": "Kaarsenmakerij Vlam"})
    assert duplicates.find_similar(ws, "Zeepziederij Schuim") == []
    assert [m.name for m in duplicates.find_similar(ws, "Kaarsenmakerij Vlam")] == ["Kaarsenmakerij Vlam"]
    organisations.delete_organisation(ws, second.id)
    assert duplicates.find_similar(ws, "Fietsfabriek Oost") == []


@pytest.mark.parametrize("typed", ["Verbindingsweg Logistiek", "De Brug", "Groene Verbinding Energie", "Vb"])
def test_truly_new_names_give_no_warning(ws, typed) -> None:
    organisations.create_organisation(ws, {"name": "De Verbinding B.V."})
    organisations.create_organisation(ws, {"name": "Stichting Buurtkracht"})
    assert duplicates.find_similar(ws, typed) == []


def test_intake_service_refuses_duplicate_without_confirmation_and_writes_nothing(ws) -> None:
    organisations.create_organisation(ws, {"name": "Fietsatelier Oost"})
    with pytest.raises(intake.DuplicateOrganisation):
        intake.save_intake(ws, {"organisation_name": "fietsatelier oost", "notes": "x"})
    assert contacts.count_contacts(ws) == 0 and organisations.count_organisations(ws) == 1


def test_bad_person_email_rolls_back_the_new_organisation(ws) -> None:
    with pytest.raises(ValidationFailed) as caught:
        intake.save_intake(ws, {"organisation_name": "Nieuw Initiatief", "person_name": "Piet",
                                "person_email": "geen mail", "notes": "hallo"})
    assert "person_email" in caught.value.errors
    assert organisations.count_organisations(ws) == 0 and contacts.count_contacts(ws) == 0


async def test_event_mode_defaults_intakes_to_the_event(make_app, ws) -> None:
    event = events.create_event(ws, {"name": "Beursvloer 2026", "date": "2026-03-12", "place": "Rivierstad"})
    events.set_current_event(ws, event.id)
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        assert "Evenement: Beursvloer 2026" in static_text(pilot, "StatusBar")
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Buurtcamping")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [row] = contacts.list_contacts(ws)
    assert row.channel == "Evenement" and row.event_name == "Beursvloer 2026"


async def test_escape_with_typed_text_asks_and_discarding_removes_the_draft(make_app, ws) -> None:
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Half")
        await pilot.pause(1.2)  # the draft is written about a second after the last keystroke
        assert drafts.load_draft(ws, drafts.INTAKE)["organisation"] == "Half"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await settle(pilot)
        assert not isinstance(app.screen, IntakeScreen)
    assert drafts.load_draft(ws, drafts.INTAKE) is None


async def test_the_first_ctrl_s_shows_every_error_at_once(make_app, ws) -> None:
    """E-mail and phone errors came only on the second ctrl+s; the first reported the follow-up only."""
    app = make_app()
    with clock.frozen(dt.date(2026, 12, 2)):  # 3 December 2026 is a Thursday
        await _type_an_intake_full_of_errors(app)
    assert organisations.count_organisations(ws) == 0


async def _type_an_intake_full_of_errors(app) -> None:
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Bakkerij Vos")
        for field, text in (("person_name", "Anna Vos"), ("person_email", "anna..vos@x.nl"),
                            ("person_phone", "0612345"), ("follow_up_text", "vrijdag 3 december bellen")):
            app.screen.query_one(f"#{field}").focus()
            await type_text(pilot, text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "geen geldig e-mailadres" in static_text(pilot, "#person_email-error")
        assert "geen geldig telefoonnummer" in static_text(pilot, "#person_phone-error")
        assert "geen vrijdag" in static_text(pilot, "#follow_up_text-error")
        assert isinstance(app.screen, IntakeScreen)


async def test_an_intake_field_is_checked_when_it_is_left_and_its_error_goes_when_it_is_right(make_app, ws) -> None:
    """E-mail, phone and KvK showed their error only at ctrl+s, and then kept it after the fix."""
    app = make_app()
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await type_text(pilot, "Bakkerij Vos")
        app.screen.query_one("#person_email").focus()
        await type_text(pilot, "anna@")
        await pilot.pause()
        assert static_text(pilot, "#person_email-error") == ""  # half typed is not wrong yet
        await pilot.press("tab")  # to the phone
        await pilot.pause()
        assert "geen geldig e-mailadres" in static_text(pilot, "#person_email-error")
        await type_text(pilot, "0612345")
        app.screen.query_one("#organisation_kvk").focus()
        await pilot.pause()
        assert "geen geldig telefoonnummer" in static_text(pilot, "#person_phone-error")
        await type_text(pilot, "123")
        app.screen.query_one("#person_email").focus()
        await pilot.pause()
        assert "8 cijfers" in static_text(pilot, "#organisation_kvk-error")

        await pilot.press("end")  # focus selects the text; go on after it
        await type_text(pilot, "vos.nl")  # anna@vos.nl: right, and the error goes at once
        await pilot.pause()
        assert static_text(pilot, "#person_email-error") == ""
        assert "geen geldig telefoonnummer" in static_text(pilot, "#person_phone-error")  # the others stay
        app.screen.query_one("#person_phone").focus()
        await pilot.press("end")
        await type_text(pilot, "678")
        await pilot.pause()
        assert static_text(pilot, "#person_phone-error") == ""
        app.screen.query_one("#follow_up_text").focus()
        await type_text(pilot, "over 2 weken bellen")
        await pilot.pause()
        assert static_text(pilot, "#follow_up_text-error").startswith("→ opvolging")  # a preview while typing
    assert organisations.count_organisations(ws) == 0
