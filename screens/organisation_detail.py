"""One organisation: its profile, its timeline of contact moments and its contact persons."""

from __future__ import annotations

from concurrent.futures import Future

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from desk.care import privacy
from desk.core.clock import local_text
from desk.core.errors import NotFound
from desk.records import contacts, organisations
from desk.records.models import Organisation
from desk.work import certifications, followups, referrals
from screens.base import DeskScreen
from screens.certification_form import CertificationFormScreen
from screens.confirm import ConfirmScreen
from screens.contact_detail import ContactDetailScreen
from screens.followup_form import FollowUpFormScreen
from screens.intake import IntakeScreen
from screens.literal import lines, literal, styled
from screens.organisation_form import OrganisationFormScreen
from screens.person_detail import PersonDetailScreen
from screens.person_form import PersonFormScreen
from screens.referral_detail import ReferralDetailScreen
from screens.referral_form import ReferralFormScreen
from screens.widgets.tables import FittedTable, row_table


def profile_text(org: Organisation) -> Text:
    """The profile as label/value lines, skipping what is empty."""
    address = ", ".join(part for part in (org.street, " ".join(p for p in (org.postcode, org.city) if p)) if part)
    fields = [
        ("KvK-nummer", org.kvk),
        ("Eerdere KvK-nummers", ", ".join(org.former_kvks)),
        ("Vestigingsnummer", org.branch_number),
        ("Rechtsvorm", org.legal_form),
        ("Adres", address),
        ("Gemeente", org.municipality),
        ("Website", org.website),
        ("Type", org.impact_type),
        ("Thema's", ", ".join(org.themes)),
        ("SDG's", ", ".join(str(sdg) for sdg in org.sdgs)),
        ("Partner", "ja — " + (", ".join(org.ecosystem_domains) or "geen domein") if org.is_partner else ""),
        ("Status", "gearchiveerd" if org.archived else ""),
        ("Aangemaakt", f"{local_text(org.created_at)} door {org.created_by}"),
        ("Gewijzigd", f"{local_text(org.updated_at)} door {org.updated_by}"),
    ]
    rows = [styled((f"{label}:", "bold"), " ", value) for label, value in fields if value]
    if org.notes:
        rows += ["", ("Notities", "bold"), org.notes]
    return lines(rows)


class OrganisationDetailScreen(DeskScreen):
    CSS_PATH = "organisation_detail.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="organisation.back"),
        Binding("n", "new_contact", "Contactmoment", id="organisation.new_contact",
                tooltip="Nieuw contactmoment met deze organisatie"),
        Binding("v", "new_referral", "Doorverwijzen", id="organisation.new_referral",
                tooltip="Doorverwijzen naar een afdeling of partner"),
        Binding("f", "new_followup", "Opvolging +", id="organisation.new_followup",
                tooltip="Opvolging toevoegen: wat en wanneer"),
        Binding("k", "new_certification", "Keurmerk +", id="organisation.new_certification",
                tooltip="Keurmerk of label toevoegen"),
        Binding("e", "edit", "Bewerken", id="organisation.edit", tooltip="Gegevens van de organisatie wijzigen"),
        Binding("p", "new_person", "Contactpersoon +", id="organisation.new_person",
                tooltip="Contactpersoon toevoegen"),
        Binding("x", "toggle_archive", "Archiveren", id="organisation.archive",
                tooltip="Archiveren of terughalen"),
    ]

    def __init__(self, org_id: str) -> None:
        super().__init__()
        self.org_id = org_id
        self.org: Organisation | None = None
        # Read while the screen is being built, so that the first frame can show the profile.
        self._first_read: Future[Organisation] | None = Future()
        self.app.run_worker(self._read_first, thread=True, group="organisation-first-read")

    def _read_first(self) -> None:
        try:
            self._first_read.set_result(organisations.get_organisation(self.app.ws, self.org_id))
        except Exception as exc:  # noqa: BLE001 - handed to load(), which shows it or lets it fail there
            self._first_read.set_exception(exc)

    def compose_body(self) -> ComposeResult:
        yield Static("", id="org-title")
        with TabbedContent(id="org-tabs"):
            with TabPane("Profiel", id="tab-profile"), VerticalScroll():
                yield Static("", id="profile")
            with TabPane("Tijdlijn", id="tab-timeline"):
                yield row_table("timeline", "Wanneer", "Onderwerp", "Kanaal", "Vragen", "Door", main=1)
            with TabPane("Verwijzingen", id="tab-referrals"):
                yield row_table("referrals", "Status", "Naar", "Vraag", "Dagen")
            with TabPane("Opvolging", id="tab-followups"):
                yield row_table("followups", "Wanneer", "Wat", "Herhaling")
            with TabPane("Keurmerken", id="tab-certifications"):
                yield row_table("certifications", "Keurmerk", "Status", "Behaald op", "Geldig tot", "Uiterlijk behalen")
            with TabPane("Personen", id="tab-persons"):
                yield row_table("persons", "Naam", "Functie", "E-mail", "Telefoon")
            with TabPane("Wijzigingen", id="tab-history"):
                yield row_table("history", "Wanneer", "Door", "Wat", "Soort", "Toelichting")

    def on_mount(self) -> None:
        first = self._first_read
        if first is not None and first.done() and first.exception() is None:
            self._show_profile(first.result())  # in the first frame; load() reads the rest

    def on_screen_resume(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="organisation-detail")
    def load(self) -> None:
        """The profile first (the tab a user sees on opening), then the tabs: the busiest organisation
        has hundreds of contact moments and a long history."""
        first, self._first_read = self._first_read, None
        try:
            org = first.result() if first is not None else organisations.get_organisation(self.ws, self.org_id)
        except NotFound as exc:
            self.app.call_from_thread(self._gone, str(exc))
            return
        self.app.call_from_thread(self._show_profile, org)
        self.wait_for_frame()
        history = contacts.timeline(self.ws, self.org_id)
        open_items = followups.open_followups(self.ws, organisation_id=self.org_id)
        referral_items = referrals.list_referrals(self.ws, organisation_id=self.org_id)
        held = certifications.of_organisation(self.ws, self.org_id)
        changes = privacy.organisation_history(self.ws, self.org_id)
        self.app.call_from_thread(self._show_tabs, org, history, open_items, referral_items, held, changes)

    def _gone(self, message: str) -> None:
        self.notify(message, severity="error", markup=False)
        self.app.pop_screen()

    def _show_profile(self, org: Organisation) -> None:
        self.org = org
        self.title = org.name
        self.sub_title = "Organisatie"
        badge = ("  ", (" gearchiveerd ", "reverse")) if org.archived else ()
        self.query_one("#org-title", Static).update(styled((org.name, "bold"), *badge, "  ", (org.city or "", "dim")))
        self.query_one("#profile", Static).update(profile_text(org))

    def _show_tabs(self, org: Organisation, history: list[contacts.ContactRow],
                   open_items: list[followups.FollowUp], referral_items: list[referrals.Referral],
                   held: list[certifications.Certification], changes: list[dict]) -> None:
        today = self.app.today()
        day = lambda value: f"{value:%d-%m-%Y}" if value else ""  # noqa: E731
        entity_names = {"organisation": "organisatie", "person": "persoon", "contact": "contactmoment",
                        "referral": "doorverwijzing", "followup": "opvolging", "certification": "keurmerk"}
        tables = {
            "#timeline": [((local_text(c.occurred_at), c.subject, c.channel, c.needs, c.author), c.id) for c in history],
            "#referrals": [((r.status, r.target_name, r.question, r.age_days(today)), r.id)
                           for r in reversed(referral_items)],
            "#certifications": [((c.kind_name, c.status, day(c.obtained_on), day(c.valid_until),
                                  day(c.deadline) if c.status in certifications.IN_PROGRESS else ""), c.id) for c in held],
            "#history": [((local_text(change["at"]), change["author"], change["action"],
                           entity_names.get(change["entity"], change["entity"]), change["summary"]), None)
                         for change in changes],
            "#followups": [((item.when_text, item.title, item.recurrence_text), item.id) for item in open_items],
            "#persons": [((p.name, p.role, p.email, p.phone), p.id) for p in org.persons],
        }
        for selector, rows in tables.items():
            self.query_one(selector, FittedTable).fill((tuple(map(literal, cells)), key) for cells, key in rows)

    def action_new_contact(self) -> None:
        if self.org:
            self.app.push_screen(IntakeScreen(organisation=self.org), lambda _: self.load())

    @on(DataTable.RowSelected, "#timeline")
    def open_contact(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(ContactDetailScreen(event.row_key.value), lambda _: self.load())

    def action_new_referral(self) -> None:
        if self.org:
            self.app.push_screen(ReferralFormScreen(self.org.id, self.org.name), lambda _: self.load())

    @on(DataTable.RowSelected, "#referrals")
    def open_referral(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(ReferralDetailScreen(event.row_key.value), lambda _: self.load())

    def action_new_certification(self) -> None:
        if self.org:
            self.app.push_screen(CertificationFormScreen(self.org.id, self.org.name), lambda _: self.load())

    @on(DataTable.RowSelected, "#certifications")
    def edit_certification(self, event: DataTable.RowSelected) -> None:
        cert = certifications.get_certification(self.ws, event.row_key.value)
        self.app.push_screen(CertificationFormScreen(self.org.id, self.org.name, cert), lambda _: self.load())

    def action_new_followup(self) -> None:
        if self.org:
            self.app.push_screen(FollowUpFormScreen(organisation_id=self.org.id, organisation_name=self.org.name),
                                 lambda _: self.load())

    @on(DataTable.RowSelected, "#followups")
    def edit_followup(self, event: DataTable.RowSelected) -> None:
        item = followups.get_followup(self.ws, event.row_key.value)
        self.app.push_screen(FollowUpFormScreen(item), lambda _: self.load())

    def action_edit(self) -> None:
        if self.org:
            self.app.push_screen(OrganisationFormScreen(self.org), lambda _: self.load())

    def action_new_person(self) -> None:
        if self.org:
            self.app.push_screen(PersonFormScreen(organisation=self.org), lambda _: self.load())

    @on(DataTable.RowSelected, "#persons")
    def open_person(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(PersonDetailScreen(event.row_key.value, self.org), lambda _: self.load())

    def action_toggle_archive(self) -> None:
        if not self.org:
            return
        archive = not self.org.archived
        question = (f"{self.org.name} archiveren? De organisatie blijft vindbaar met 'h' in de lijst."
                    if archive else f"{self.org.name} terughalen uit het archief?")

        def answered(yes: bool | None) -> None:
            if yes:
                organisations.set_archived(self.ws, self.org_id, archive)
                self.notify("Gearchiveerd." if archive else "Teruggehaald.", markup=False)
                self.load()

        self.app.push_screen(ConfirmScreen(question), answered)
