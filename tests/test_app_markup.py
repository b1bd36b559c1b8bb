"""Stored text is data, never markup: names, notes and answers that look like Textual/Rich markup
(`[/b]`, `[b]`, `[link=x]`, `[@click=app.quit]`, `\\[`, a lone `]`, `[let op]`) are shown exactly as
typed on every screen, and the app keeps running."""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from desk.care import privacy
from desk.core import settings
from desk.core.clock import LOCAL_TZ
from desk.records import contacts, departments, events, organisations, persons, terms
from desk.toolbox import workbook
from desk.work import certifications, drafts, followups, referrals, targets
from screens.agenda import AgendaScreen
from screens.app import make_app
from screens.confirm import ConfirmScreen
from screens.contact_detail import ContactDetailScreen, ContactFormScreen
from screens.dashboard import DashboardScreen
from screens.departments import DepartmentFormScreen, DepartmentsScreen
from screens.ecosystem import EcosystemScreen
from screens.events import EventsScreen
from screens.followup_form import FollowUpFormScreen
from screens.help import HelpScreen
from screens.import_wizard import ImportWizard
from screens.intake import IntakeScreen
from screens.log import LogScreen
from screens.organisation_detail import OrganisationDetailScreen
from screens.organisation_form import OrganisationFormScreen
from screens.organisations import OrganisationsScreen
from screens.person_detail import PersonDetailScreen
from screens.person_form import PersonFormScreen
from screens.referral_detail import ReferralDetailScreen
from screens.referral_form import ReferralFormScreen
from screens.referrals import ReferralsScreen
from screens.report import ReportScreen
from screens.retention import RetentionScreen
from screens.targets import TargetsScreen
from screens.toolbox import CompareScreen, ModuleScreen, ToolboxScreen
from tests.pilot_helpers import screen_text, settle, type_text

SIZE = (200, 60)
TODAY = dt.date.today()  # the records are stamped with the real clock; every date below is relative to it

MUNICIPALITY = "Gemeente [Zuid] [/b]"
ORG = "Atelier [Zuid] [/b] & Co"
CITY = "Oss [let op]"
ORG_NOTES = r"zie [/b] mail [incl. btw] \[ ] [link=x]site[/link]"
CLICK = "[@click=app.quit]stop[/]"
THEME = "Circulair [pilot]"
PARTNER = "Partner [/] Oost"
PERSON = "Jan [b] Smit"
ROLE = "[i]eigenaar"
PERSON_NOTES = "belt [red]na vijven"
EVENT = "Beurs [link=x]2026"
PLACE = "Hal ]3["
SUBJECT = "Offerte [let op] [/b]"
CONTACT_NOTES = "Jan [b] Smit zei: [@click=app.quit]klik[/]"
QUESTION = "Vraag [incl. btw] ]"
PARTNER_QUESTION = "Ruimte [b]gezocht"
OUTCOME = r"Afloop \[ok] [/b]"
FOLLOWUP = "Bellen [@click=app.bell]nu[/]"
DEPARTMENT = "Afdeling [EZ] [/b]"
DEPARTMENT_CONTACT = "Piet [b]"
KIND = "Keurmerk [x] [/b]"
ANSWER = "Antwoord [b]vet[/b] [/b]"
ROUND = "Ronde [2027]"


@dataclass
class Seeded:
    org_id: str
    contact_id: str
    partner_referral_id: str
    item_id: str


def seed(ws) -> Seeded:
    """Every kind of stored text, filled with markup-like strings through the desk/ services."""
    settings.set_setting(ws, settings.ORGANISATION_NAME, MUNICIPALITY)
    terms.add_term(ws, terms.THEME, THEME)
    domain = terms.labels(ws, terms.ECOSYSTEM_DOMAIN)[0]
    org = organisations.create_organisation(ws, {"name": ORG, "city": CITY, "notes": f"{ORG_NOTES}\n{CLICK}",
                                                 "themes": [THEME]})
    partner = organisations.create_organisation(ws, {"name": PARTNER, "is_partner": True,
                                                     "ecosystem_domains": [domain]})
    person = persons.create_person(ws, {"name": PERSON, "role": ROLE, "notes": PERSON_NOTES,
                                        "organisation_ids": [org.id]})
    event = events.create_event(ws, {"name": EVENT, "date": TODAY, "place": PLACE})
    occurred = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(10), LOCAL_TZ)
    contact = contacts.create_contact(ws, {"organisation_id": org.id, "occurred_at": occurred, "subject": SUBJECT,
                                           "notes": CONTACT_NOTES, "person_ids": [person.id], "event_id": event.id,
                                           "channel": "Evenement", "needs": [terms.labels(ws, terms.NEED)[0]]})
    department = departments.save_department(ws, {"name": DEPARTMENT, "contact_name": DEPARTMENT_CONTACT})
    referrals.create_referral(ws, organisation_id=org.id, question=QUESTION, department_id=department.id)
    to_partner = referrals.create_referral(ws, organisation_id=org.id, question=PARTNER_QUESTION,
                                           partner_id=partner.id)
    referrals.change_status(ws, to_partner.id, referrals.SENT, today=TODAY)
    referrals.change_status(ws, to_partner.id, referrals.LANDED, OUTCOME, today=TODAY)
    followups.create_followup(ws, title=FOLLOWUP, due=TODAY, organisation_id=org.id, today=TODAY)
    kind_id = certifications.add_kind(ws, KIND, 12)
    certifications.save_certification(ws, organisation_id=org.id, kind_id=kind_id, status=certifications.OBTAINED,
                                      obtained_on=TODAY - relativedelta(months=11), today=TODAY)
    targets.set_target(ws, TODAY.year, "certification_obtained", 3, kind_id)
    round_ = workbook.current_round(ws)
    item = next(i for m in workbook.content_for(ws).modules for i in m.items if i.kind == "question")
    workbook.save_answer(ws, round_.id, item.id, answer=ANSWER)
    return Seeded(org.id, contact.id, to_partner.id, item.id)


def assert_shown(app, *texts: str) -> str:
    """Each text appears on screen exactly as stored, and the app is still running."""
    assert app.is_running and app.return_code is None
    shown = screen_text(app)
    missing = [text for text in texts if text not in shown]
    assert not missing, f"not shown as typed: {missing}\n--- screen ---\n{shown}"
    return shown


async def open_tab(pilot, pane_id: str) -> None:
    await pilot.click(f"#--content-tab-{pane_id}")
    await settle(pilot)


async def test_dashboard_organisations_and_every_organisation_tab(ws, config_path) -> None:
    seeded = seed(ws)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.title == f"Desk · {MUNICIPALITY}"
        assert_shown(app, f"Desk · {MUNICIPALITY}", ORG, SUBJECT, DEPARTMENT, f"{KIND} behaald", KIND, "Test Gebruiker")

        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)
        assert_shown(app, ORG, CITY, PARTNER)
        await pilot.press("slash")
        await type_text(pilot, "atelier")
        await settle(pilot)
        assert_shown(app, ORG, CITY, "1 organisatie")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert_shown(app, ORG, CITY, ORG_NOTES, CLICK, THEME)
        await open_tab(pilot, "tab-timeline")
        assert_shown(app, SUBJECT)
        await open_tab(pilot, "tab-referrals")
        assert_shown(app, DEPARTMENT, QUESTION, PARTNER, PARTNER_QUESTION)
        await open_tab(pilot, "tab-followups")
        assert_shown(app, FOLLOWUP)
        await open_tab(pilot, "tab-certifications")
        assert_shown(app, KIND)
        await open_tab(pilot, "tab-persons")
        assert_shown(app, PERSON, ROLE)
        await open_tab(pilot, "tab-history")
        assert_shown(app, ORG, PERSON, SUBJECT, QUESTION, OUTCOME, FOLLOWUP, KIND)

        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert_shown(app, "Toetsen: Organisatie")
        await pilot.press("escape")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert_shown(app, f"{ORG} archiveren?")
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen) and app.screen.org_id == seeded.org_id


async def test_a_click_action_in_stored_text_is_not_a_link(ws, config_path) -> None:
    seeded = seed(ws)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(OrganisationDetailScreen(seeded.org_id))
        await settle(pilot)
        lines = assert_shown(app, CLICK).splitlines()
        y = next(row for row, line in enumerate(lines) if CLICK in line)
        x = lines[y].index(CLICK) + CLICK.index("stop")
        await pilot.click(offset=(x, y))
        await pilot.click(offset=(x + 1, y))
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert_shown(app, CLICK)


async def test_person_contact_and_referral_details_and_the_erasure_marker(ws, config_path) -> None:
    seeded = seed(ws)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(OrganisationDetailScreen(seeded.org_id))
        await settle(pilot)

        await open_tab(pilot, "tab-timeline")
        app.screen.query_one("#timeline").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert_shown(app, SUBJECT, ORG, PERSON, EVENT, CONTACT_NOTES)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactFormScreen)
        assert_shown(app, f"Contactmoment bewerken — {ORG}", PERSON, SUBJECT)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert_shown(app, f"Contactmoment '{SUBJECT}' verwijderen?")
        await pilot.press("n")
        await pilot.press("escape")
        await settle(pilot)

        await open_tab(pilot, "tab-referrals")
        referral_table = app.screen.query_one("#referrals")
        referral_table.focus()
        referral_table.move_cursor(row=referral_table.get_row_index(seeded.partner_referral_id))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReferralDetailScreen)
        assert_shown(app, ORG, PARTNER, PARTNER_QUESTION, OUTCOME)
        await pilot.press("escape")
        await settle(pilot)

        await open_tab(pilot, "tab-persons")
        app.screen.query_one("#persons").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PersonDetailScreen)
        assert_shown(app, PERSON, ROLE, PERSON_NOTES, f"aangemaakt: {PERSON}")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, PersonFormScreen)
        assert_shown(app, f"Contactpersoon bewerken: {PERSON}")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert_shown(app, f"{PERSON} wissen?")
        await pilot.press("j")
        await settle(pilot)
        assert_shown(app, f"{PERSON} is gewist")  # the notification

        app.push_screen(ContactDetailScreen(seeded.contact_id))
        await settle(pilot)
        assert_shown(app, f"{privacy.REDACTED} zei: [@click=app.quit]klik[/]")


async def test_log_agenda_and_referrals_with_their_figures(ws, config_path) -> None:
    seed(ws)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogScreen)
        assert_shown(app, ORG, SUBJECT, EVENT)
        await pilot.click("#event_id")
        await settle(pilot)
        assert_shown(app, EVENT)  # the filter's options
        await pilot.press("escape")
        await pilot.click("#search")
        await type_text(pilot, "offerte")
        await settle(pilot)
        assert_shown(app, ORG, SUBJECT, "1 contactmoment")

        app.screen.query_one("#log-list").focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert_shown(app, FOLLOWUP, ORG)
        table = app.screen.query_one("#agenda")
        table.focus()
        followup_row = next(i for i in range(table.row_count) if str(table.get_row_at(i)[2]) == FOLLOWUP)
        table.move_cursor(row=followup_row)
        await pilot.press("s")
        await settle(pilot)
        assert_shown(app, f"'{FOLLOWUP}' uitstellen tot:")
        await pilot.press("escape")
        await pilot.press("space")
        await settle(pilot)
        assert_shown(app, f"Gedaan: {FOLLOWUP}.")  # the notification

        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralsScreen)
        assert_shown(app, ORG, DEPARTMENT, QUESTION, PARTNER, PARTNER_QUESTION)
        await pilot.press("c")
        await settle(pilot)
        assert_shown(app, DEPARTMENT, PARTNER)
        await pilot.click("#target")
        await settle(pilot)
        assert_shown(app, f"Afdeling · {DEPARTMENT}")  # the filter's options
        await pilot.press("end")
        assert_shown(app, f"Partner · {PARTNER}")
        await pilot.press("escape")


async def test_toolbox_report_and_ecosystem(ws, config_path) -> None:
    seeded = seed(ws)
    app = make_app(ws, config_path, today=lambda: TODAY)
    module = next(m for m in workbook.content_for(ws).modules if any(i.id == seeded.item_id for i in m.items))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ToolboxScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, ROUND)
        await pilot.press("enter")
        await settle(pilot)
        assert_shown(app, ROUND, f"Nieuwe ronde '{ROUND}' begonnen")
        tree = app.screen.query_one("#toolbox-tree")
        tree.cursor_line = next(i for i in range(tree.last_line + 1) if tree.get_node_at_line(i).data == module.number)
        tree.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ModuleScreen)
        items = app.screen.query_one("#items")
        items.move_cursor(row=items.get_row_index(seeded.item_id))
        await settle(pilot)
        assert_shown(app, ANSWER, ROUND)
        await pilot.press("escape")
        await settle(pilot)
        workbook.save_answer(ws, workbook.current_round(ws).id, seeded.item_id, answer=ANSWER + " later")
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        assert_shown(app, ROUND, ANSWER)
        await pilot.press("escape")

        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert_shown(app, f"{KIND} behaald", THEME, DEPARTMENT, PARTNER, EVENT, KIND)

        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EcosystemScreen)
        assert_shown(app, PARTNER)


async def run_palette_command(pilot, name: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await type_text(pilot, name)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_palette_screens_events_departments_targets_and_retention(ws, config_path) -> None:
    seed(ws)
    later = TODAY + relativedelta(years=3)  # everyone has been quiet for longer than the retention period
    kind_id = next(kind.id for kind in certifications.kinds(ws) if kind.name == KIND)
    targets.set_target(ws, later.year, "certification_obtained", 3, kind_id)
    app = make_app(ws, config_path, today=lambda: later)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert_shown(app, "Bewaartermijn", "Evenementen")
        await pilot.press("escape")

        await run_palette_command(pilot, "Bewaartermijn")
        assert isinstance(app.screen, RetentionScreen)
        assert_shown(app, ORG, PERSON)
        table = app.screen.query_one("#quiet")
        table.move_cursor(row=next(i for i in range(table.row_count) if str(table.get_row_at(i)[1]) == PERSON))
        await pilot.press("w")
        await settle(pilot)
        assert_shown(app, f"{PERSON} wissen? Naam, e-mail en telefoon")  # the erasure's one confirmation
        await pilot.press("n", "escape")
        await settle(pilot)

        await run_palette_command(pilot, "Evenementen")
        assert isinstance(app.screen, EventsScreen)
        assert_shown(app, EVENT, PLACE)
        await pilot.press("enter")
        await settle(pilot)
        assert_shown(app, f"Evenementmodus aan: {EVENT},", f"Evenement: {EVENT} · ctrl+e zet uit")  # notification and status bar

        await run_palette_command(pilot, "Afdelingen")
        assert isinstance(app.screen, DepartmentsScreen)
        assert_shown(app, DEPARTMENT, DEPARTMENT_CONTACT)
        table = app.screen.query_one("#departments")
        table.move_cursor(row=next(i for i in range(table.row_count) if str(table.get_row_at(i)[0]) == DEPARTMENT))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DepartmentFormScreen)
        assert_shown(app, f"Afdeling bewerken: {DEPARTMENT}")
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(pilot)

        await run_palette_command(pilot, "Doelen")
        assert isinstance(app.screen, TargetsScreen)
        assert_shown(app, f"{KIND} behaald")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_forms_and_what_is_typed_in_them(ws, config_path) -> None:
    seeded = seed(ws)
    events.set_current_event(ws, events.find_event(ws, EVENT).id)
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(OrganisationDetailScreen(seeded.org_id))
        await settle(pilot)
        for key, form, heading in (("e", OrganisationFormScreen, f"Organisatie bewerken: {ORG}"),
                                   ("v", ReferralFormScreen, f"Doorverwijzen — {ORG}"),
                                   ("f", FollowUpFormScreen, f"Nieuwe opvolging — {ORG}")):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, form)
            assert_shown(app, heading)
            if form is ReferralFormScreen:
                await pilot.click("#target")
                await settle(pilot)
                assert_shown(app, f"Afdeling · {DEPARTMENT}")
                await pilot.press("end")
                assert_shown(app, f"Partner · {PARTNER}")
                await pilot.press("escape")
            await pilot.press("escape")
            await settle(pilot)

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert_shown(app, f"evenement: {EVENT}", f"✓ bestaande organisatie: {ORG}")
        await pilot.click("#person_name")
        await type_text(pilot, "jan")
        await settle(pilot)
        assert_shown(app, PERSON)  # the person suggestions
        await pilot.click("#needs")
        await type_text(pilot, "[/b] [let op]")
        await pilot.pause()
        assert_shown(app, "[/b]", "[let op]")  # what could not be read, shown back as typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert_shown(app, "niet herkend: '[/b]")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "[let op]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert_shown(app, "niet herkend: '[let op]'")
        await pilot.press("ctrl+a", "ctrl+k")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert_shown(app, f"Contactmoment vastgelegd bij {ORG}")  # the notification

        await pilot.click("#organisation")
        await type_text(pilot, "Atelier [Zuid]")
        await settle(pilot)
        assert_shown(app, f"{ORG} · {CITY}")  # the suggestions

        app.push_screen(FollowUpFormScreen())
        await settle(pilot)
        await pilot.click("#organisation_id Input")
        await type_text(pilot, "atelier")
        await settle(pilot)
        assert_shown(app, f"{ORG} · {CITY}")  # the organisation picker
        await pilot.press("enter")
        await settle(pilot)
        assert_shown(app, f"✓ {ORG}")


async def test_a_draft_with_markup_like_text_is_offered_back_as_typed(ws, config_path) -> None:
    drafts.save_draft(ws, drafts.INTAKE, {"organisation": ORG, "subject": SUBJECT, "notes": CONTACT_NOTES})
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert_shown(app, f"Er is een contactmoment ({ORG}) dat nog")
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert_shown(app, ORG, SUBJECT, CONTACT_NOTES)


async def test_an_imported_file_with_markup_like_names(ws, config_path, tmp_path) -> None:
    path = tmp_path / "[lijst] [b].csv"
    path.write_text(f"Bedrijf;Plaats;[b]Opmerking\r\n{ORG};{CITY};{ORG_NOTES}\r\n{ORG};{CITY};nog eens\r\n",
                    encoding="utf-8")
    app = make_app(ws, config_path, today=lambda: TODAY)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(ImportWizard())
        await settle(pilot)
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await settle(pilot)
        assert_shown(app, f"{path.name}:", "[b]Opmerking", ORG)  # file, column and preview row
        await pilot.click("#skip-invalid")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert_shown(app, "Ingelezen: 1 nieuw")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert_shown(app, ORG, CITY)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert_shown(app, ORG, CITY)


# --- a guard over the source: the common ways of handing stored text to a markup parser ---

SCREENS = Path(__file__).resolve().parent.parent / "screens"
# Calls whose text argument Textual reads as markup when it is a str.
MARKUP_SINKS = {"Static", "Label", "update", "add_row", "add_column", "add_columns", "Option", "add_option",
                "add_leaf", "add", "Button", "Checkbox", "SystemCommand", "from_markup"}


def _name(node: ast.AST) -> str:
    """`notify` for both `self.notify` and `notify`."""
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _plain(call: ast.Call) -> bool:
    return any(k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False
               for k in call.keywords)


def _built_text(node: ast.AST) -> bool:
    """A str built at run time from parts: an f-string, `+`, `%`, `.format()` or `.join()`."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _built_text(node.left) or _built_text(node.right) or any(
            isinstance(side, ast.Constant) and isinstance(side.value, str) for side in (node.left, node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr in ("format", "join") and isinstance(node.func.value, (ast.Constant, ast.JoinedStr))
    if isinstance(node, ast.IfExp):
        return _built_text(node.body) or _built_text(node.orelse)
    return False


def _modules() -> list[Path]:
    return sorted(SCREENS.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(SCREENS)))
def test_no_screen_passes_built_text_to_a_markup_parser(path: Path) -> None:
    """Text built from values goes through screens/literal.py; a notification never reads markup.
    It sees only what is built in the call itself (a str built earlier and passed by name is not
    caught): the screen tests above are what show that nothing stored is parsed."""
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        sends_notification = name == "notify" or (name == "call_from_thread" and node.args
                                                  and _name(node.args[0]) == "notify")
        if sends_notification and not _plain(node):
            problems.append(f"line {node.lineno}: a notification without markup=False")
        if name in MARKUP_SINKS and any(_built_text(arg) for arg in node.args):
            problems.append(f"line {node.lineno}: {name}() gets text built from values")
    assert not problems, f"{path.name}: " + "; ".join(problems)
