"""A fictional demo data set: the municipality of Rivierstad and the impact entrepreneurs, partners
and contact persons around it.

Everything here is made up: names, addresses, KvK-nummers (all start with 9), websites (on the
reserved ``.example`` domain), e-mail addresses and phone numbers. Organisations, persons and events
are written out as plain Python data so that they read like a register. Generated are the phone
numbers and the contact history: two years of contact moments before ``REFERENCE_DATE``, composed
from the tables below with a seeded random generator, so every load gives the same data set.

``load_demo`` goes through the services, part by part (organisations, persons, events, contact
moments, the departments' contact persons, referrals, follow-ups, certifications, targets and a
first round of the toolbox); each ``_load_...`` step uses the ids the earlier steps put in the
``_Context``. Only the agenda is dated relative to the day of loading: the checks of referrals still
being handled and the open follow-ups fall around that day, and so do the certifications still
running (their deadline lies ahead) and a few obtained ones that expire in the weeks after it, so
the agenda and the dashboard look alive whenever the demo is opened. The targets are for the year
of loading and the year before. Everything else is the same on every load, the referrals' history
included (made shortly after their contact moment, sent a few working days later, closed weeks
later), apart from the times the services stamp themselves (when an organisation, person or contact
moment was made: the moment of loading).
"""

from __future__ import annotations

import datetime as dt
import random
import string
import unicodedata
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from desk.core import clock, settings
from desk.core.clock import LOCAL_TZ
from desk.core.errors import DeskError
from desk.core.workspace import Workspace
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
from desk.work.referrals import (
    FAILED,
    IN_PROGRESS,
    LANDED,
    OPEN,
    SENT,
    STATUSES,
    WITHDRAWN,
    change_status,
    check_days,
    create_referral,
)

MUNICIPALITY = "Gemeente Rivierstad"

NOT_EMPTY_MESSAGE = "De database is niet leeg; gebruik --force om de demogegevens toch toe te voegen."

# Places in the fictional region, with the municipality each belongs to.
_MUNICIPALITY_OF_CITY = {
    "Rivierstad": "Rivierstad",
    "Oosterwaard": "Rivierstad",
    "Brugdorp": "Rivierstad",
    "Laagveld": "Laagveld",
    "Wilgenhoven": "Laagveld",
}

# Impact types, as in terms.DEFAULTS.
IF, IS, REG, MI = "Impact first", "Impact second", "Regulier", "Maatschappelijk initiatief"


@dataclass
class DemoSummary:
    municipality: str = MUNICIPALITY
    organisations: int = 0
    partners: int = 0
    archived: int = 0
    persons: int = 0
    events: int = 0
    contacts: int = 0
    departments_filled: int = 0  # departments that got an internal contact person
    referrals: int = 0
    referral_statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    followups: int = 0  # open follow-ups made in this load, the checks of referrals included
    referral_checks: int = 0  # of which checks whether a referral has landed
    followups_done: int = 0  # made and already done, so there is some history
    certifications: int = 0
    certification_statuses: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(certifications.STATUSES, 0))
    certification_reminders: int = 0  # open follow-ups before an expiry or deadline, counted in followups
    targets: int = 0  # targets set (a target that was already there is left alone)
    target_years: list[int] = field(default_factory=list)
    toolbox_items: int = 0  # toolbox items answered, ticked or annotated in the current round
    skipped_organisations: int = 0
    municipality_set: bool = False

    def __str__(self) -> str:
        text = (f"{self.organisations} organisaties ({self.partners} partners, {self.archived} gearchiveerd), "
                f"{self.persons} contactpersonen, {self.events} evenementen, {self.contacts} contactmomenten, "
                f"{self.referrals} doorverwijzingen, {self.certifications} keurmerken en "
                f"{self.followups} open opvolgingen")
        of_which = [part for count, part in (
            (self.referral_checks, f"{self.referral_checks} checks van doorverwijzingen"),
            (self.certification_reminders, f"{self.certification_reminders} herinneringen voor keurmerken"),
        ) if count]
        if of_which:
            text += f" (waarvan {' en '.join(of_which)})"
        if self.targets:
            years = " en ".join(str(year) for year in self.target_years)
            text += f"; {self.targets} doelen voor {years}"
        if self.toolbox_items:
            text += f"; {self.toolbox_items} onderdelen van de toolbox ingevuld"
        if self.departments_filled:
            text += f"; {self.departments_filled} afdelingen kregen een interne contactpersoon"
        if self.skipped_organisations:
            text += f"; {self.skipped_organisations} organisaties stonden er al en zijn overgeslagen"
        return text


@dataclass(frozen=True)
class _Org:
    key: str
    name: str
    legal_form: str | None
    impact_type: str | None
    address: str  # "Straat 1, 1234 AB Plaats"
    kvk: str | None
    website: str | None
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    notes: str
    branch_number: str | None = None
    domains: tuple[str, ...] = ()  # ecosystem domains; an organisation with domains is a partner
    archived: bool = False

    def as_input(self) -> dict:
        street, rest = (part.strip() for part in self.address.split(",", 1))
        postcode, city = rest[:7], rest[8:]
        return {
            "name": self.name, "kvk": self.kvk, "branch_number": self.branch_number,
            "legal_form": self.legal_form, "street": street, "postcode": postcode, "city": city,
            "municipality": _MUNICIPALITY_OF_CITY[city], "website": self.website,
            "impact_type": self.impact_type, "themes": list(self.themes), "sdgs": list(self.sdgs),
            "notes": self.notes, "is_partner": self.is_partner,
            "ecosystem_domains": list(self.domains), "archived": self.archived,
        }

    @property
    def is_partner(self) -> bool:
        return bool(self.domains)

    @property
    def mail_domain(self) -> str | None:
        if not self.website:
            return None
        return self.website.removeprefix("www.").split("/", 1)[0]


@dataclass(frozen=True)
class _Person:
    name: str
    role: str
    org_keys: tuple[str, ...]
    email: str | None = None
    phone: str | None = None
    notes: str = ""


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


# --------------------------------------------------------------------------------------------
# Organisations


def _partners() -> list[_Org]:
    """The ecosystem: fictional counterparts of KvK, ROM, MKB-fonds, mbo, WSP, SROI-unit, network,
    hogeschool and an accelerator."""
    return [
        _Org("loket", "Ondernemersloket Regio Rivierstad", "Stichting", None,
             "Stationsplein 4, 6841 BK Rivierstad", "95832730", "www.ondernemersloket-rivierstad.example",
             ("Arbeidsparticipatie",), (8, 17),
             "Eerste aanspreekpunt voor starters en inschrijvingen. Houdt elke maand een startersspreekuur "
             "in het stadhuis.",
             domains=("Business support", "Netwerk")),
        _Org("rom", "Ontwikkelingsmaatschappij Rivierland", "NV", None,
             "Havenkade 88, 6842 EC Rivierstad", "99027228", "www.omrivierland.example",
             ("Energietransitie", "Circulaire economie"), (8, 9, 17),
             "Regionale ontwikkelingsmaatschappij die investeert in innovatieve en circulaire bedrijven. "
             "Beheert ook het Rivierland Impactfonds.",
             domains=("Financiering", "Business support")),
        _Org("mkbfonds", "MKB-fonds Rivierland", "BV", None,
             "Havenkade 88, 6842 EC Rivierstad", "96099226", "www.mkbfondsrivierland.example",
             (), (8,),
             "Achtergestelde leningen van 25.000 tot 250.000 euro voor mkb'ers in de regio. Staat open "
             "voor impactondernemers met een sluitende businesscase.",
             domains=("Financiering",)),
        _Org("mbo", "Stichting MBO Rivierstad", "Stichting", None,
             "Schoolstraat 20, 6843 GT Rivierstad", "95271957", "www.mborivierstad.example",
             ("Onderwijs", "Arbeidsparticipatie"), (4, 8),
             "Regionaal opleidingscentrum met entree- en BBL-opleidingen. Zoekt leerbedrijven, ook bij "
             "sociale ondernemingen.",
             branch_number="000049251593", domains=("Menselijk kapitaal",)),
        _Org("wsp", "WSP Rivierland", None, None,
             "Kanaalweg 15, 6844 HR Rivierstad", None, "www.wsprivierland.example",
             ("Arbeidsparticipatie",), (8, 10),
             "Werkgeversservicepunt van de gemeenten in Rivierland en UWV. Bemiddelt kandidaten uit het "
             "doelgroepregister en adviseert over loonkostensubsidie en jobcoaching.",
             domains=("Menselijk kapitaal",)),
        _Org("sroi", "SROI-punt Rivierstad", None, None,
             "Markt 1, 6841 CE Rivierstad", None, "www.rivierstad.example/sroi",
             ("Arbeidsparticipatie",), (8, 12, 17),
             "Onderdeel van de gemeente dat de social return-verplichtingen in opdrachten bewaakt. "
             "Koppelt opdrachtnemers aan sociale ondernemingen.",
             domains=("Markt & beleid",)),
        _Org("impactnetwerk", "Impactnetwerk Rivierland", "Vereniging", None,
             "Veerweg 3, 6842 LP Rivierstad", "94825159", "www.impactnetwerkrivierland.example",
             ("Sociale cohesie",), (17,),
             "Netwerk van ruim zestig sociale ondernemers in de regio. Organiseert elk kwartaal een "
             "impactborrel en jaarlijks de Impact Dag Rivierland.",
             domains=("Netwerk",)),
        _Org("hogeschool", "Hogeschool Rivierland, lectoraat Sociaal Ondernemen", "Stichting", None,
             "Campuslaan 1, 6845 AZ Rivierstad", "94900991", "www.hsrivierland.example",
             ("Onderwijs",), (4, 8, 17),
             "Het lectoraat doet praktijkgericht onderzoek naar impactmeting. Studenten voeren graag een "
             "impactmeting uit bij een sociale onderneming.",
             branch_number="000037710268", domains=("Onderzoek & kennis",)),
        _Org("versneller", "Impactversneller Rivierstad", "BV", None,
             "Spoorzone 12, 6841 WT Rivierstad", "94819091", "www.impactversneller.example",
             (), (8, 9, 17),
             "Versnellingsprogramma van zes maanden voor jonge impactondernemingen, met coaching op "
             "businesscase en impactmeting.",
             domains=("Business support", "Onderzoek & kennis")),
    ]


def _enterprises() -> list[_Org]:
    """Impact entrepreneurs, regular companies and citizens' initiatives in the region."""
    return [
        _Org("tweedekans", "Koffiebranderij De Tweede Kans", "Maatschappelijke BV", IF,
             "Havenkade 12, 6842 EB Rivierstad", "97400346", "www.detweedekans.example",
             ("Arbeidsparticipatie", "Voedsel & landbouw"), (8, 10, 12),
             "Brandt fairtrade koffie met mensen die lang zonder werk zaten. Wil een tweede locatie "
             "openen en zoekt daarvoor financiering en een geschikt pand.",
             branch_number="000052274410"),
        _Org("fietsatelier", "Fietsatelier Oost", "BV", IF,
             "Molenstraat 41, 6843 KL Rivierstad", "97056747", "www.fietsatelieroost.example",
             ("Arbeidsparticipatie", "Circulaire economie"), (8, 10, 12),
             "Knapt afgedankte fietsen op met leerlingen van de entreeopleiding. Loopt tegen de grens "
             "van de werkplaatsruimte aan."),
        _Org("buurtkracht", "Stichting Buurtkracht", "Stichting", MI,
             "Pauwstraat 7, 6844 BN Rivierstad", "95360060", "www.buurtkracht.example",
             ("Sociale cohesie", "Armoede & schulden"), (1, 10, 11),
             "Bewonersinitiatief in Rivierstad-Oost met een buurtkamer en een wekelijkse gratis maaltijd. "
             "Draait op vrijwilligers en subsidie en wil een eigen verdienmodel opbouwen."),
        _Org("groenegevels", "Groene Gevels BV", "BV", IS,
             "Ambachtsweg 23, 6846 RT Rivierstad", "99337510", "www.groenegevels.example",
             ("Gezonde leefomgeving", "Energietransitie", "Arbeidsparticipatie"), (8, 11, 13),
             "Legt groene gevels en daken aan; de helft van de ploeg komt uit de Participatiewet. Doet "
             "graag mee aan aanbestedingen van de gemeente tegen hittestress."),
        _Org("debrug", "Werkplaats De Brug", "Stichting", IF,
             "Industrieweg 60, 6846 PH Rivierstad", "95983360", "www.werkplaatsdebrug.example",
             ("Arbeidsparticipatie",), (8, 10),
             "Sociale werkplaats met montage, verpakking en een houtafdeling voor ruim honderd "
             "medewerkers met een arbeidsbeperking. Zoekt nieuwe opdrachtgevers nu een grote klant vertrekt.",
             branch_number="000031968527"),
        _Org("nieuwedraad", "Nieuwe Draad", "BV", IF,
             "Spoorzone 12, 6841 WT Rivierstad", "98225646", "www.nieuwedraad.example",
             ("Circulaire economie", "Arbeidsparticipatie"), (5, 8, 12),
             "Circulaire textielstartup die afgedankte bedrijfskleding tot nieuw garen laat verwerken; "
             "het naaiwerk doen statushouders. Zit in het programma van de Impactversneller."),
        _Org("wilgenhoeve", "Zorgboerderij De Wilgenhoeve", "VOF", IF,
             "Dijkweg 101, 6865 AK Wilgenhoven", "90042527", "www.dewilgenhoeve.example",
             ("Zorg & welzijn", "Voedsel & landbouw"), (2, 3, 15),
             "Zorgboerderij met dagbesteding voor ouderen met dementie en jongeren met autisme. Wil een "
             "boerderijwinkel beginnen en vraagt naar de regels van het omgevingsplan."),
        _Org("rivierstroom", "Energiecoöperatie Rivierstroom", "Coöperatie", MI,
             "Lindelaan 2, 6851 CG Oosterwaard", "99190751", "www.rivierstroom.example",
             ("Energietransitie", "Sociale cohesie"), (7, 11, 13),
             "Coöperatie met 480 leden en een zonnedak op de sporthal. Bereidt een postcoderoosproject op "
             "het dak van de oude veiling voor."),
        _Org("glans", "Schoonmaakbedrijf Glans & Co", "BV", IS,
             "Energieweg 9, 6846 TB Rivierstad", "95710873", "www.glansenco.example",
             ("Arbeidsparticipatie", "Armoede & schulden"), (1, 8, 10),
             "Schoonmaakbedrijf met 85 medewerkers, van wie ruim de helft uit de doelgroep van de "
             "Participatiewet. Heeft PSO 30+ en wil de SROI-badge halen.",
             branch_number="000046120873"),
        _Org("taalcafe", "Taalcafé De Verbinding", "Stichting", MI,
             "Bibliotheekplein 1, 6843 VB Rivierstad", "92363714", "www.taalcafedeverbinding.example",
             ("Onderwijs", "Sociale cohesie"), (4, 10),
             "Vrijwilligers oefenen twee keer per week Nederlands met nieuwkomers in de bibliotheek. "
             "Zoekt een vaste financier voor de betaalde coördinator."),
        _Org("geldwijs", "Stichting Geldwijs Rivierstad", "Stichting", MI,
             "Kerkstraat 8, 6841 EJ Rivierstad", "93526984", "www.geldwijs.example",
             ("Armoede & schulden",), (1, 10),
             "Getrainde vrijwilligers helpen huishoudens met hun administratie en voorkomen zo schulden. "
             "Werkt nauw samen met het sociaal wijkteam."),
        _Org("repaircafe", "Repair Café Oosterwaard", None, MI,
             "Dorpsstraat 14, 6851 AM Oosterwaard", None, None,
             ("Circulaire economie", "Sociale cohesie"), (12,),
             "Maandelijks reparatiecafé in het dorpshuis, zonder eigen rechtspersoon. Vraagt of er een "
             "kleine subsidie voor gereedschap mogelijk is."),
        _Org("smaakmakers", "Lunchroom Smaakmakers", "BV", IF,
             "Marktplein 5, 6841 CN Rivierstad", "99840186", "www.smaakmakers.example",
             ("Arbeidsparticipatie", "Voedsel & landbouw"), (8, 10),
             "Lunchroom waar jongeren met een licht verstandelijke beperking het horecavak leren. Heeft "
             "het label Ondernemen met impact aangevraagd."),
        _Org("rechtswinkel", "Stichting Rechtswinkel Rivierstad", "Stichting", MI,
             "Kerkstraat 10, 6841 EJ Rivierstad", "94219689", "www.rechtswinkelrivierstad.example",
             ("Rechtvaardigheid", "Armoede & schulden"), (10, 16),
             "Gratis juridisch spreekuur door rechtenstudenten en vrijwillige advocaten. Merkt een "
             "groeiende vraag over huur en toeslagen."),
        _Org("eerlijkeketen", "Eerlijke Keten", "BV", IF,
             "Havenkade 30, 6842 EB Rivierstad", "99352468", "www.eerlijkeketen.example",
             ("Rechtvaardigheid", "Voedsel & landbouw"), (8, 12, 16),
             "Importeert cacao en specerijen rechtstreeks van coöperaties, tegen een eerlijke prijs. Wil "
             "leveren aan de kantines van de gemeente en vraagt naar de inkoopregels."),
        _Org("codeschool", "Codeschool Rivierstad", "Stichting", IF,
             "Spoorzone 14, 6841 WT Rivierstad", "97735513", "www.codeschoolrivierstad.example",
             ("Onderwijs", "Arbeidsparticipatie"), (4, 8, 10),
             "Leidt statushouders en zij-instromers in negen maanden op tot junior developer. Zoekt "
             "werkgevers voor stageplaatsen."),
        _Org("kleineakker", "Stadsboerderij De Kleine Akker", "Coöperatie", MI,
             "Polderweg 77, 6844 ZR Rivierstad", "99606110", "www.dekleineakker.example",
             ("Voedsel & landbouw", "Gezonde leefomgeving", "Sociale cohesie"), (2, 3, 11),
             "Coöperatieve stadsboerderij met een zelfoogsttuin en moestuinlessen voor basisscholen. Het "
             "huurcontract voor de grond loopt over twee jaar af."),
        _Org("vanderlinden", "Bouwbedrijf Van der Linden", "BV", REG,
             "Ambachtsweg 5, 6846 RT Rivierstad", "96664202", "www.vanderlindenbouw.example",
             ("Arbeidsparticipatie",), (8, 9, 11),
             "Familiebedrijf in nieuwbouw en renovatie met 120 medewerkers. Heeft een SROI-verplichting "
             "uit de renovatie van drie scholen en zoekt sociale partners om die in te vullen.",
             branch_number="000018472935"),
        _Org("verhoef", "Drukkerij Verhoef", "BV", REG,
             "Industrieweg 14, 6846 PG Rivierstad", "96314012", "www.drukkerijverhoef.example",
             ("Circulaire economie",), (12, 13),
             "Drukkerij die overstapt op gerecycled papier en plantaardige inkt. Vraagt naar subsidie "
             "voor het verduurzamen van de machines."),
        _Org("yilmaz", "Yilmaz Installatietechniek", "Eenmanszaak", REG,
             "Esdoornstraat 19, 6843 RM Rivierstad", "91354318", "www.yilmaztechniek.example",
             ("Energietransitie",), (7, 13),
             "Installeert warmtepompen en zonnepanelen en heeft meer werk dan mensen. Wil graag een "
             "leerling-monteur via het WSP of het mbo."),
        _Org("groenrijk", "Hoveniersbedrijf Groenrijk", "VOF", IS,
             "Tuinbouwweg 3, 6861 BH Laagveld", "91645033", "www.groenrijk.example",
             ("Gezonde leefomgeving", "Arbeidsparticipatie"), (8, 11, 15),
             "Hoveniersbedrijf dat elk jaar twee mensen met een arbeidsbeperking in dienst neemt. "
             "Onderhoudt het openbaar groen in Laagveld."),
        _Org("kringloop", "Kringloop Rivierland", "Stichting", IF,
             "Industrieweg 72, 6846 PH Rivierstad", "96188185", "www.kringlooprivierland.example",
             ("Circulaire economie", "Arbeidsparticipatie"), (8, 12),
             "Kringloopbedrijf met drie winkels en een ophaaldienst; veel medewerkers werken met behoud "
             "van uitkering. Wil samen met Nieuwe Draad een textielsorteerlijn starten.",
             branch_number="000027395016"),
        _Org("samenoud", "Zorgcoöperatie Samen Oud", "Coöperatie", MI,
             "Kerkplein 2, 6855 CJ Brugdorp", "98430815", "www.samenoud.example",
             ("Zorg & welzijn", "Sociale cohesie"), (3, 10, 11),
             "Dorpsbewoners regelen samen vervoer, maaltijden en klusjes voor ouderen in Brugdorp. "
             "Onderzoekt met de gemeente een kleinschalige woonvorm."),
        _Org("zonnedak", "Zonnedak Rivierstad", "BV", REG,
             "Energieweg 21, 6846 TB Rivierstad", "94025425", "www.zonnedakrivierstad.example",
             ("Energietransitie",), (7, 13),
             "Legt zonnepanelen op bedrijfsdaken en verenigingsgebouwen. Zoekt samenwerking met de "
             "energiecoöperatie voor daken die te klein zijn voor een eigen project."),
        _Org("houtwerkplaats", "Houtwerkplaats Het Tweede Leven", "Eenmanszaak", IF,
             "Molenstraat 3, 6843 KG Rivierstad", "91280435", "www.hettweedeleven.example",
             ("Circulaire economie",), (12,),
             "Maakte meubels van sloophout met twee leerwerkplekken. De eigenaar is in 2025 gestopt; de "
             "machines zijn overgenomen door Werkplaats De Brug.",
             archived=True),
        _Org("gedeeldetafel", "Catering De Gedeelde Tafel", "VOF", IS,
             "Ambachtsweg 31, 6846 RV Rivierstad", "95184138", "www.gedeeldetafel.example",
             ("Voedsel & landbouw", "Arbeidsparticipatie"), (2, 8, 12),
             "Cateraar voor bedrijfslunches die overschotten van telers verwerkt en drie statushouders in "
             "dienst heeft. Wil meedoen aan de aanbesteding voor de catering van het stadhuis."),
        _Org("rivierhaven", "Logistiek Centrum Rivierhaven", "BV", REG,
             "Havenweg 100, 6842 XK Rivierstad", "91504328", "www.lcrivierhaven.example",
             ("Arbeidsparticipatie",), (8, 9),
             "Distributiecentrum met 300 medewerkers en structureel vacatures. Wil een inclusieve afdeling "
             "met jobcoaching opzetten en vraagt naar de no-riskpolis en loonkostensubsidie.",
             branch_number="000041836209"),
        _Org("zoeteverschil", "Bakkerij Het Zoete Verschil", "Eenmanszaak", IF,
             "Dorpsstraat 30, 6861 AN Laagveld", "91998500", "www.hetzoeteverschil.example",
             ("Arbeidsparticipatie", "Voedsel & landbouw"), (8, 10),
             "Ambachtelijke bakkerij waar mensen met een arbeidsbeperking meebakken. De eigenaar wil een "
             "BV oprichten om te kunnen groeien."),
        _Org("jongtalent", "Stichting Jong Talent Rivierstad", "Stichting", MI,
             "Sportlaan 12, 6845 DK Rivierstad", "93746093", "www.jongtalentrivierstad.example",
             ("Onderwijs", "Arbeidsparticipatie", "Sociale cohesie"), (4, 8, 10),
             "Koppelt jongeren zonder startkwalificatie aan een mentor uit het bedrijfsleven. Zoekt "
             "bedrijven voor snuffelstages."),
        _Org("buurtbus", "Buurtbusvereniging Laagveld", "Vereniging", MI,
             "Stationsweg 2, 6861 CP Laagveld", "98586960", None,
             ("Sociale cohesie", "Gezonde leefomgeving"), (10, 11),
             "Vrijwillige chauffeurs reden een buurtbus tussen Laagveld en Wilgenhoven. In 2025 opgegaan "
             "in de regionale buurtbus van de vervoerder.",
             archived=True),
        _Org("wolenwolk", "Atelier Wol & Wolk", "Eenmanszaak", IF,
             "Tolhuisstraat 6, 6851 BV Oosterwaard", "90192750", "www.wolenwolk.example",
             ("Arbeidsparticipatie", "Circulaire economie"), (5, 8, 12),
             "Breiatelier waar vrouwen met weinig kansen op de arbeidsmarkt producten maken van restgaren. "
             "Verkoopt vooral online en zoekt een winkelruimte in de binnenstad."),
    ]


def _organisations() -> list[_Org]:
    return _partners() + _enterprises()


# --------------------------------------------------------------------------------------------
# Persons

# Contact persons per organisation: (name, role) or (name, role, e-mail) when the organisation has
# no website to take the mail domain from.
_PERSONS_BY_ORG: dict[str, list[tuple[str, ...]]] = {
    "loket": [("Marieke van Dijk", "Accountmanager starters"), ("Youssef Benali", "Adviseur ondernemerschap")],
    "rom": [("Ingrid Hofstede", "Directeur"), ("Pieter-Jan Smit", "Investment manager")],
    "mkbfonds": [("Robert Kuipers", "Fondsmanager"), ("Esra Doğan", "Analist")],
    "mbo": [("Annemiek Brouwer", "Coördinator bedrijfscontacten"), ("Dewi Kartosen", "Praktijkopleider entree")],
    "wsp": [("Samira Ouali", "Accountmanager werkgevers"), ("Gerrit Jansen", "Teamleider")],
    "sroi": [("Linda Boersma", "SROI-adviseur"), ("Mohamed Azzouzi", "Contractmanager inkoop")],
    "impactnetwerk": [("Tom Verbeek", "Communitymanager")],
    "hogeschool": [("Esther Wijnands", "Lector Sociaal Ondernemen"), ("Kwame Mensah", "Onderzoeker")],
    "versneller": [("Lucas Meijer", "Oprichter"), ("Sophie de Graaf", "Programmamanager")],
    "tweedekans": [("Fatima el Amrani", "Oprichter en directeur"), ("Bart Hendriks", "Bedrijfsleider branderij"),
                   ("Joyce Sitaldin", "Jobcoach")],
    "fietsatelier": [("Ruud Bakker", "Eigenaar"), ("Emre Kaya", "Werkplaatsmeester")],
    "buurtkracht": [("Wilma de Boer", "Coördinator")],
    "groenegevels": [("Jeroen Mulder", "Directeur"), ("Aylin Demir", "Projectleider")],
    "debrug": [("Hans Visser", "Directeur-bestuurder"), ("Priya Ramdin", "HR-adviseur"),
               ("Marco Rossi", "Accountmanager")],
    "nieuwedraad": [("Lotte Vermeulen", "Oprichter"), ("Ahmad Al-Khatib", "Productieleider")],
    "wilgenhoeve": [("Gert Lammers", "Eigenaar"), ("Janny Lammers", "Eigenaar en zorgcoördinator")],
    "rivierstroom": [("Sanne Kok", "Secretaris"), ("Bas Claassen", "Projectleider zon")],
    "glans": [("Ricardo Martina", "Directeur"), ("Agnieszka Nowak", "Leidinggevende schoonmaak"),
              ("Mirjam Peters", "HR-adviseur")],
    "taalcafe": [("Thea Wouters", "Coördinator"), ("Abdi Warsame", "Vrijwilliger en taalmaatje")],
    "geldwijs": [("Kees van Leeuwen", "Voorzitter"), ("Naima Chaoui", "Coördinator vrijwilligers")],
    "repaircafe": [("Frits Dekker", "Organisator", "frits.dekker@mail.example")],
    "smaakmakers": [("Inge Smits", "Eigenaar"), ("Daan Willems", "Chef-kok en leermeester")],
    "rechtswinkel": [("Joost Hermans", "Voorzitter"), ("Eline Tan", "Coördinator spreekuur")],
    "eerlijkeketen": [("Kofi Boateng", "Oprichter"), ("Maaike Scholten", "Inkoper")],
    "codeschool": [("Rami Haddad", "Directeur"), ("Julia Kowalczyk", "Coördinator stages")],
    "kleineakker": [("Femke Jacobs", "Tuinder en bestuurslid"), ("Wouter van den Berg", "Penningmeester")],
    "vanderlinden": [("Arjan van der Linden", "Directeur"), ("Monique Timmermans", "HR-manager"),
                     ("Stefan Bos", "Projectleider renovatie scholen")],
    "verhoef": [("Paul Verhoef", "Eigenaar"), ("Karin Verhoef", "Bedrijfsleider")],
    "yilmaz": [("Mehmet Yilmaz", "Eigenaar"), ("Elif Yilmaz", "Administratie en planning")],
    "groenrijk": [("Bram Koster", "Vennoot"), ("Erik Koster", "Vennoot")],
    "kringloop": [("Carla Huisman", "Directeur"), ("Hakan Öztürk", "Bedrijfsleider"),
                  ("Anouk Prins", "Trajectbegeleider")],
    "samenoud": [("Riet van Dam", "Voorzitter"), ("Jan-Willem Post", "Coördinator vrijwilligers")],
    "zonnedak": [("Niels de Wit", "Accountmanager zakelijk")],
    "houtwerkplaats": [("Sjoerd Wiersma", "Eigenaar")],
    "gedeeldetafel": [("Mei Ling Chen", "Vennoot"), ("Lieke van Rijn", "Vennoot"),
                      ("Tesfay Gebremedhin", "Souschef")],
    "rivierhaven": [("Martijn de Jong", "Vestigingsmanager"), ("Shanti Baldew", "HR-businesspartner")],
    "zoeteverschil": [("Gerda Vos", "Eigenaar")],
    "jongtalent": [("Dennis Pinas", "Oprichter"), ("Zeynep Arslan", "Mentorcoördinator")],
    "buurtbus": [("Henk Schouten", "Secretaris", "buurtbus.laagveld@mail.example")],
    "wolenwolk": [("Hanneke Blom", "Eigenaar")],
}

# People who hold a role at more than one organisation: (name, role, organisation keys, notes).
_SHARED_PERSONS: list[tuple[str, str, tuple[str, ...], str]] = [
    ("Henk Bosman", "Voorzitter", ("rivierstroom", "buurtkracht"),
     "Voorzitter van Energiecoöperatie Rivierstroom en penningmeester van Stichting Buurtkracht."),
    ("Nadia Bouzid", "Directeur", ("impactnetwerk", "geldwijs"),
     "Directeur van Impactnetwerk Rivierland; lid van de raad van toezicht van Stichting Geldwijs Rivierstad."),
]

_SMALL_FORMS = {"Eenmanszaak", "VOF"}


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _email(name: str, org: _Org) -> str | None:
    """first.lastname@domain; just first name at a one-person business or a VOF."""
    domain = org.mail_domain
    if domain is None:
        return None
    first, *rest = _ascii(name).split()
    local = first if org.legal_form in _SMALL_FORMS else f"{first}.{''.join(rest)}"
    return f"{local}@{domain}"


def _phone(rng: random.Random) -> str:
    """A made-up Dutch number: mostly mobile, some landline in the region's area code."""
    if rng.random() < 0.3:
        return f"0488-{rng.randint(200000, 899999)}"
    return f"06-{rng.randint(10000000, 59999999)}"


def _persons() -> list[_Person]:
    orgs = {org.key: org for org in _organisations()}
    rng = random.Random(2026)
    persons: list[_Person] = []
    for key, entries in _PERSONS_BY_ORG.items():
        for name, role, *email in entries:
            persons.append(_Person(name, role, (key,), email[0] if email else _email(name, orgs[key]), _phone(rng)))
    for name, role, keys, notes in _SHARED_PERSONS:
        persons.append(_Person(name, role, keys, _email(name, orgs[keys[0]]), _phone(rng), notes))
    return persons


# --------------------------------------------------------------------------------------------
# Events

# The history is dated relative to this fixed day, not to today, so that every load is the same.
REFERENCE_DATE = dt.date(2026, 11, 1)
HISTORY_START = dt.date(2024, 11, 1)
HISTORY_END = REFERENCE_DATE - dt.timedelta(days=1)

IMPACT_DAYS, MKB_DAG, BEURSVLOER, AWARD, OVERLEGTAFEL = "impact days", "mkb-dag", "beursvloer", "award", "overlegtafel"


@dataclass(frozen=True)
class _Event:
    name: str
    date: dt.date
    place: str
    kind: str
    intakes: int  # how many organisations the account manager spoke there
    hours: tuple[int, int]  # from, until (local time)
    article: str = "de"  # as a sentence refers to it: "op de Beursvloer …", "op The Impact Days …"

    @property
    def reference(self) -> str:
        return f"{self.article} {self.name}".strip()


_EVENTS: list[_Event] = [
    _Event("The Impact Days 2025", dt.date(2025, 5, 20), "Energiehuis, Rivierstad", IMPACT_DAYS, 18, (10, 17),
           article=""),
    _Event("MKB-dag 2025", dt.date(2025, 10, 3), "Stadhuis Rivierstad", MKB_DAG, 12, (13, 18)),
    _Event("Overlegtafel Impact Ondernemen najaar 2025", dt.date(2025, 10, 21), "Stadhuis Rivierstad",
           OVERLEGTAFEL, 6, (14, 16)),
    _Event("Beursvloer Rivierstad 2025", dt.date(2025, 11, 13), "Sporthal De Waard, Rivierstad", BEURSVLOER, 15,
           (16, 19)),
    _Event("Social Impact Award 2026", dt.date(2026, 3, 26), "Schouwburg Rivierstad", AWARD, 10, (19, 22)),
    _Event("Overlegtafel Impact Ondernemen voorjaar 2026", dt.date(2026, 4, 14), "Stadhuis Rivierstad",
           OVERLEGTAFEL, 6, (14, 16)),
    _Event("The Impact Days 2026", dt.date(2026, 6, 2), "Energiehuis, Rivierstad", IMPACT_DAYS, 20, (10, 17),
           article=""),
    _Event("Beursvloer Rivierstad 2026", dt.date(2026, 10, 8), "Sporthal De Waard, Rivierstad", BEURSVLOER, 15,
           (16, 19)),
]


# --------------------------------------------------------------------------------------------
# Contact history: who the account manager speaks how often, and about what


@dataclass(frozen=True)
class _History:
    """What an organisation's contact history is about; the moments themselves are composed."""

    contacts: int  # contact moments besides the event intakes
    needs: tuple[str, ...]  # plausible support needs, most pressing first
    plan: str  # what they are working on, a definite phrase: "de tweede locatie"
    start: dt.date = HISTORY_START  # first contact; later than HISTORY_START for newcomers
    end: dt.date = HISTORY_END  # last contact; earlier for organisations that stopped


FIN, PERS, VASTGOED, VERG = "Financiering", "Personeel/doelgroep vinden", "Vastgoed", "Vergunningen"
BC, INKOOP, IMPACT, NETWERK, SROI = "Businesscase", "Inkoop/aanbesteding", "Impact meten", "Netwerk", "SROI"
DOORVERWIJZING = "Doorverwijzing"

_HISTORIES: dict[str, _History] = {
    # partners: fewer, steadier contacts
    "loket": _History(3, (DOORVERWIJZING, NETWERK), "het startersspreekuur"),
    "rom": _History(3, (FIN, DOORVERWIJZING), "het Rivierland Impactfonds"),
    "mkbfonds": _History(2, (FIN, DOORVERWIJZING), "leningen aan impactondernemers"),
    "mbo": _History(3, (PERS, DOORVERWIJZING), "leerbedrijven bij sociale ondernemingen"),
    "wsp": _History(4, (PERS, DOORVERWIJZING), "plaatsingen uit het doelgroepregister"),
    "sroi": _History(4, (SROI, INKOOP), "social return in gemeentelijke opdrachten"),
    "impactnetwerk": _History(3, (NETWERK,), "de impactborrels"),
    "hogeschool": _History(2, (IMPACT, NETWERK), "impactmetingen door studenten"),
    "versneller": _History(2, (BC, IMPACT), "de nieuwe lichting van het programma"),
    # entrepreneurs and initiatives
    "tweedekans": _History(10, (FIN, VASTGOED, PERS, IMPACT), "de tweede locatie"),
    "fietsatelier": _History(6, (VASTGOED, PERS, BC), "de uitbreiding van de werkplaats"),
    "buurtkracht": _History(7, (BC, FIN, NETWERK), "de buurtkamer"),
    "groenegevels": _History(7, (INKOOP, SROI, PERS), "groene daken op scholen"),
    "debrug": _History(8, (INKOOP, NETWERK, SROI, BC), "de montageafdeling"),
    "nieuwedraad": _History(7, (FIN, BC, IMPACT, VASTGOED), "de sorteerlijn voor textiel",
                            start=dt.date(2025, 3, 10)),
    "wilgenhoeve": _History(6, (VERG, FIN, BC), "de boerderijwinkel"),
    "rivierstroom": _History(6, (VERG, FIN, NETWERK), "het zonnedak op de oude veiling"),
    "glans": _History(7, (SROI, PERS, INKOOP), "de SROI-badge"),
    "taalcafe": _History(4, (FIN, NETWERK), "de betaalde coördinator"),
    "geldwijs": _History(4, (FIN, IMPACT, NETWERK), "de uitbreiding naar Laagveld"),
    "repaircafe": _History(2, (FIN,), "nieuw gereedschap"),
    "smaakmakers": _History(6, (PERS, IMPACT, NETWERK), "het label Ondernemen met impact"),
    "rechtswinkel": _History(3, (VASTGOED, NETWERK), "het extra spreekuur in Oosterwaard"),
    "eerlijkeketen": _History(5, (INKOOP, NETWERK, BC), "de levering aan de gemeentekantines"),
    "codeschool": _History(6, (PERS, FIN, NETWERK), "de volgende lichting"),
    "kleineakker": _History(6, (VASTGOED, VERG, FIN), "de nieuwe locatie van de stadsboerderij"),
    "vanderlinden": _History(6, (SROI, PERS, INKOOP), "de renovatie van de drie scholen"),
    "verhoef": _History(4, (FIN, IMPACT), "de verduurzaming van de drukpersen"),
    "yilmaz": _History(5, (PERS, FIN), "de groei van het bedrijf"),
    "groenrijk": _History(4, (PERS, INKOOP, SROI), "het groenonderhoud in Laagveld"),
    "kringloop": _History(6, (VASTGOED, VERG, NETWERK, PERS), "de textielsorteerlijn"),
    "samenoud": _History(5, (VASTGOED, VERG, FIN), "de kleinschalige woonvorm"),
    "zonnedak": _History(4, (NETWERK, INKOOP), "de daken van verenigingsgebouwen"),
    "houtwerkplaats": _History(2, (FIN, BC), "een doorstart", end=dt.date(2025, 4, 30)),
    "gedeeldetafel": _History(5, (INKOOP, SROI, BC), "de catering van het stadhuis", start=dt.date(2025, 4, 7)),
    "rivierhaven": _History(6, (PERS, SROI, NETWERK), "de inclusieve afdeling", start=dt.date(2025, 1, 13)),
    "zoeteverschil": _History(4, (BC, FIN, PERS), "de groei van de bakkerij", start=dt.date(2025, 6, 2)),
    "jongtalent": _History(4, (NETWERK, FIN), "de snuffelstages"),
    "buurtbus": _History(1, (FIN,), "een nieuwe bus", end=dt.date(2025, 6, 30)),
    "wolenwolk": _History(4, (VASTGOED, BC, NETWERK), "de winkel in de binnenstad", start=dt.date(2025, 9, 1)),
}

# The partner the account manager refers to for a need.
_REFERRALS: dict[str, tuple[str, ...]] = {
    FIN: ("mkbfonds", "rom"), PERS: ("wsp", "mbo"), BC: ("versneller", "loket"), IMPACT: ("hogeschool",),
    NETWERK: ("impactnetwerk",), SROI: ("sroi",), INKOOP: ("sroi",),
}
_PARTNER_NAMES = {
    "loket": "het Ondernemersloket", "rom": "de ontwikkelingsmaatschappij", "mkbfonds": "het MKB-fonds",
    "mbo": "MBO Rivierstad", "wsp": "het WSP", "sroi": "het SROI-punt", "impactnetwerk": "het Impactnetwerk",
    "hogeschool": "de hogeschool", "versneller": "de Impactversneller",
}
# A need as it reads inside a sentence.
_NEED_PHRASES = {
    DOORVERWIJZING: "een doorverwijzing", PERS: "personeel uit de doelgroep", FIN: "financiering",
    VASTGOED: "huisvesting", VERG: "vergunningen", BC: "de businesscase", INKOOP: "aanbestedingen",
    IMPACT: "impactmeting", NETWERK: "contacten in de regio", SROI: "social return",
}

# Channels of the contacts between events, with their weights.
_CHANNELS = {"Gesprek": 30, "Telefoon": 25, "E-mail": 22, "Werkbezoek": 11, "Online": 12}
_AMOUNTS = ("25.000", "40.000", "60.000", "75.000", "120.000", "150.000")

# Templates. Placeholders: {first} (first person present), {plan}, {partner}, {other} (another
# organisation), {amount}, {need} (a need as a phrase), {event}, {next_event}, {year}. A template is
# only used when every placeholder in it has a value.

_NEED_SUBJECTS: dict[str, tuple[str, ...]] = {
    FIN: ("Financiering voor {plan}", "Lening of subsidie voor {plan}", "Financieringsaanvraag besproken",
          "Begroting en financieringsbehoefte"),
    PERS: ("Nieuwe medewerkers uit de doelgroep", "Vacatures en loonkostensubsidie", "Leerwerkplekken en BBL",
           "Jobcoaching voor nieuwe medewerkers"),
    VASTGOED: ("Huisvesting voor {plan}", "Zoektocht naar een geschikt pand", "Huurcontract en tijdelijke ruimte"),
    VERG: ("Vergunning voor {plan}", "Vragen over het omgevingsplan", "Stand van de vergunningaanvraag"),
    BC: ("Businesscase voor {plan}", "Verdienmodel en prijsstelling", "Doorrekenen van de businesscase"),
    INKOOP: ("Meedoen aan aanbestedingen van de gemeente", "Inkoopregels en drempelbedragen",
             "Onderaannemer worden bij een grote opdracht"),
    IMPACT: ("Impactmeting opzetten", "Impactrapportage over vorig jaar", "Welke indicatoren voor de impact"),
    NETWERK: ("In contact brengen met {other}", "Samenwerking met {other} verkend", "Aansluiten bij het Impactnetwerk"),
    SROI: ("Social return en de SROI-badge", "Invulling van de SROI-verplichting", "Social return samen met {other}"),
    DOORVERWIJZING: ("Doorverwijzing naar {partner}", "Warme overdracht aan {partner}"),
}
_NEED_NOTES: dict[str, tuple[str, ...]] = {
    FIN: ("{first} zoekt ongeveer {amount} euro voor {plan}.",
          "De bank ziet het nog niet zitten; {partner} is mogelijk een optie.",
          "Gesproken over een combinatie van lening en subsidie voor {plan}.",
          "De begroting is nog niet compleet; gevraagd om een liquiditeitsprognose voor het komende jaar."),
    PERS: ("{first} wil mensen uit het doelgroepregister aannemen, maar weet niet hoe loonkostensubsidie werkt.",
           "Afgesproken om de vacatures door te zetten naar {partner}.",
           "Twee nieuwe medewerkers hebben jobcoaching nodig; gevraagd hoe dat vergoed wordt.",
           "Er staan drie vacatures open die al maanden niet vervuld worden."),
    VASTGOED: ("Het huidige pand is te klein voor {plan}.",
               "Twee leegstaande panden op het bedrijventerrein doorgegeven.",
               "De huurprijs is een struikelblok; gevraagd naar maatschappelijke huur in gemeentelijk vastgoed."),
    VERG: ("Vraag of {plan} past binnen het omgevingsplan.",
           "Uitgelegd welke stappen nodig zijn voor de omgevingsvergunning en een vergunningverlener gekoppeld.",
           "De aanvraag ligt al zes weken; nagevraagd bij team Vergunningen."),
    BC: ("Businesscase samen doorgenomen; de kosten van begeleiding staan er nog niet in.",
         "Het verdienmodel leunt nog sterk op subsidie; gesproken over betaalde diensten aan bedrijven.",
         "{first} twijfelt over de prijzen; geadviseerd eerst de kostprijs per product uit te rekenen."),
    INKOOP: ("Uitgelegd hoe de gemeente inkoopt en welke drempelbedragen gelden.",
             "{first} wil inschrijven op opdrachten van de gemeente, maar vindt de eisen ingewikkeld.",
             "Voorgesteld om als onderaannemer mee te doen met een grotere partij."),
    IMPACT: ("Nog geen cijfers over de impact; voorgesteld te beginnen met een paar kernindicatoren.",
             "Impactrapportage van vorig jaar doorgenomen: mooi verhaal, weinig harde cijfers.",
             "Studenten van {partner} kunnen een impactmeting doen; contact gelegd."),
    NETWERK: ("{first} kent nog weinig andere sociale ondernemers in de regio.",
              "Voorgesteld om kennis te maken met {other}.",
              "Uitgenodigd voor de volgende impactborrel van het Impactnetwerk."),
    SROI: ("Uitgelegd hoe social return werkt en wat de SROI-badge vraagt.",
           "{other} moet een SROI-verplichting invullen; voorgesteld om kennis te maken.",
           "Gevraagd welke functies geschikt zijn voor mensen met een afstand tot de arbeidsmarkt."),
    DOORVERWIJZING: ("Doorverwezen naar {partner}; {first} neemt zelf contact op.",
                     "Warme overdracht aan {partner} gedaan met een korte mail aan beide."),
}
# Social return seen from a regular company that has to deliver it.
_SROI_NOTES_REGULAR = (
    "Er ligt een SROI-verplichting van ongeveer {amount} euro; samen gekeken hoe die in te vullen.",
    "{other} kan mogelijk een deel van de social return invullen.",
    "Uitgelegd welke inzet meetelt voor social return.",
)

_FIRST_SUBJECTS = ("Kennismaking", "Kennismakingsgesprek", "Eerste gesprek over {plan}")
_GENERAL_SUBJECTS = ("Stand van zaken", "Korte check-in", "Bijpraten over {plan}",
                     "Terugkoppeling na het vorige gesprek", "Hoe staat het met {plan}?")
_VISIT_SUBJECTS = ("Werkbezoek met rondleiding", "Werkbezoek met de wethouder", "Op bezoek: {plan}")
_PARTNER_SUBJECTS = ("Afstemming over {plan}", "Kwartaaloverleg", "Terugkoppeling over {other}",
                     "Voorbereiding van {next_event}", "Samenwerkingsafspraken voor {year}",
                     "Nieuwe werkafspraken over doorverwijzen")
_EVENT_SUBJECTS: dict[str, tuple[str, ...]] = {
    IMPACT_DAYS: ("Intake op {event}", "Gesprek bij de stand op {event}", "Vraag over {need} op {event}",
                  "Bijgepraat op {event}"),
    MKB_DAG: ("Gesprek op {event}", "Intake op {event}", "Vraag over {need} op {event}"),
    BEURSVLOER: ("Match op {event} met {other}", "Intake op {event}", "Aanbod en vraag op {event}"),
    AWARD: ("Genomineerd voor {event}", "Pitch op {event}", "Gesprek na de uitreiking van {event}"),
    OVERLEGTAFEL: ("Overlegtafel: afspraken over doorverwijzen", "Overlegtafel: signalen uit de praktijk",
                   "Overlegtafel: agenda voor {year}"),
}

_CHANNEL_OPENINGS: dict[str, tuple[str, ...]] = {
    "Gesprek": ("Gesprek op het stadhuis met {first}.", "Afspraak met {first} op kantoor."),
    "Telefoon": ("{first} belde.", "Telefonisch contact met {first}.", "Teruggebeld op verzoek van {first}."),
    "E-mail": ("Vraag per mail van {first}.", "Mailwisseling met {first}."),
    "Werkbezoek": ("Rondleiding gehad van {first}.", "Op bezoek geweest; {first} liet de werkvloer zien."),
    "Online": ("Via Teams gesproken met {first}.", "Online afspraak met {first}."),
}
_EVENT_OPENINGS: dict[str, tuple[str, ...]] = {
    IMPACT_DAYS: ("Kwam langs bij de stand van de gemeente.", "Na de workshop over impactmeting even doorgepraat.",
                  "Kort gesproken in de pauze van het middagprogramma."),
    MKB_DAG: ("Kort gesproken bij de stand van het Ondernemersloket.",
              "Aangesproken na de paneldiscussie over personeel.", "{first} kwam af op de lezing over inkoop."),
    BEURSVLOER: ("Op de Beursvloer een match gemaakt met {other}.", "Kwam langs bij de matchtafel van de gemeente.",
                 "Bood zelf hulp aan en zocht hulp bij {need}."),
    AWARD: ("{first} pitchte voor de jury; mooi verhaal over de impact.", "Na de uitreiking nagepraat bij de borrel.",
            "Niet gewonnen, maar veel aandacht gekregen uit de zaal."),
}
_GENERAL_NOTES = ("Vooral bijgepraat; op dit moment geen concrete vraag.",
                  "Het gaat goed: de omzet groeit en er is een nieuwe medewerker begonnen.",
                  "{first} vertelde over {plan}; het loopt volgens planning.",
                  "De agenda van de komende evenementen doorgestuurd.",
                  "Lastige periode door ziekte in het team, maar {first} blijft positief over {plan}.")
_PARTNER_NOTES = ("Afgesproken dat we elkaar vaker doorverwijzen; {first} stuurt een overzicht van het aanbod.",
                  "{other} is bij hen in beeld en de eerste gesprekken lopen goed.",
                  "Ze merken meer vragen over {need} dan vorig jaar.",
                  "Samen een stand op {next_event} besproken.",
                  "Werkafspraken over {plan} opgeschreven en gedeeld met het team.",
                  "Twee casussen doorgenomen; bij één is een vervolggesprek gepland.")
_OVERLEGTAFEL_NOTES = ("{first} gaf een update over {plan}.",
                       "Afgesproken dat elke partner één vast aanspreekpunt heeft voor doorverwijzingen.",
                       "{first} ziet dat {need} vaak het knelpunt is.",
                       "Gezamenlijke stand op {next_event} afgesproken.")
_CLOSINGS = ("Afgesproken om contact te houden.", "{first} laat weten hoe het verder gaat.",
             "Informatie nagestuurd per mail.", "Mooi initiatief om te blijven volgen.")
_PARTNER_CLOSINGS = ("Kort verslag gedeeld met de collega's.", "Het volgende overleg staat in de agenda.")

_FOLLOW_UPS = ("over 2 weken nabellen", "volgende week terugbellen", "over een maand langsgaan",
               "maandag contactgegevens van {partner} mailen", "donderdag intro-mail naar {partner}",
               "over 3 weken vragen hoe het gesprek met {partner} ging", "begin volgende maand afspraak plannen",
               "over 6 weken stand van zaken vragen")
_NEED_FOLLOW_UPS = {
    INKOOP: "vrijdag offerte doorsturen naar Inkoop", FIN: "dinsdag aanvraagformulier toesturen",
    VERG: "over een week checken of de aanvraag binnen is", VASTGOED: "volgende week lijst met panden sturen",
    SROI: "vrijdag SROI-aanvraag doorsturen naar het SROI-punt",
}


@dataclass(frozen=True)
class _PlannedContact:
    org_key: str
    occurred_at: dt.datetime
    channel: str
    person_names: tuple[str, ...]
    subject: str
    notes: str
    needs: tuple[str, ...]
    event_name: str | None = None
    follow_up_text: str | None = None


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_name(name: str) -> str:
    return "Mei Ling" if name.startswith("Mei Ling ") else name.split()[0]


class _HistoryWriter:
    """Composes the contact moments from the tables above; one seeded generator, so the same every time."""

    def __init__(self) -> None:
        self.rng = random.Random(REFERENCE_DATE.toordinal())
        self.orgs = {org.key: org for org in _organisations()}
        self.persons: dict[str, list[str]] = {key: [] for key in self.orgs}
        for person in _persons():
            for key in person.org_keys:
                self.persons[key].append(person.name)

    def plan(self) -> list[_PlannedContact]:
        contacts = [c for org in self.orgs.values() for c in self._between_events(org)]
        contacts += [c for event in _EVENTS for c in self._at_event(event)]
        return sorted(contacts, key=lambda c: (c.occurred_at, c.org_key))

    # -- the pieces

    def _pick(self, templates: tuple[str, ...], values: dict[str, str]) -> str:
        usable = [t for t in templates if _fields(t) <= values.keys()]
        return self.rng.choice(usable).format(**values)

    def _say(self, templates: tuple[str, ...], values: dict[str, str]) -> str:
        """A subject or sentence: picked like ``_pick``, starting with a capital."""
        return _sentence(self._pick(templates, values))

    def _weighted_sample(self, items: list, weights: list[float], k: int) -> list:
        """k items without replacement, heavier ones more likely (Efraimidis–Spirakis)."""
        keyed = sorted(zip(items, weights, strict=True), key=lambda iw: self.rng.random() ** (1 / iw[1]), reverse=True)
        return [item for item, _ in keyed[:k]]

    def _needs(self, history: _History, count: int) -> list[str]:
        """``count`` of the organisation's needs, the more pressing ones more likely."""
        needs = list(history.needs)
        return self._weighted_sample(needs, [len(needs) - i for i in range(len(needs))], count)

    def _some_needs(self, history: _History, most: int) -> list[str]:
        """Zero to ``most`` needs: mostly one or two."""
        return self._needs(history, min(most, len(history.needs), self.rng.choices((0, 1, 2, 3), (15, 45, 30, 10))[0]))

    def _present(self, key: str, channel: str) -> tuple[str, ...]:
        names = self.persons[key]
        if channel in ("Gesprek", "Werkbezoek") and len(names) > 1 and self.rng.random() < 0.25:
            return tuple(self.rng.sample(names, 2))
        return (self.rng.choice(names),)

    def _other(self, org: _Org, need: str | None) -> str:
        """Another organisation to bring into the conversation: for social return the other side of it,
        otherwise one working on a shared theme."""
        candidates = [o for o in self.orgs.values() if o.key != org.key and not o.is_partner and not o.archived]
        if need == SROI:
            wanted_regular = org.impact_type != REG
            pool = [o for o in candidates if "Arbeidsparticipatie" in o.themes
                    and (o.impact_type == REG) == wanted_regular and o.impact_type != MI]
        else:
            pool = [o for o in candidates if set(o.themes) & set(org.themes)]
        return self.rng.choice(pool or candidates).name

    def _values(self, org: _Org, when: dt.date, persons: tuple[str, ...],
                needs: list[str]) -> tuple[dict[str, str], dict[str, str]]:
        """The placeholder values for one contact moment, and the partner referred to for each need."""
        history = _HISTORIES[org.key]
        main_need = needs[0] if needs else history.needs[0]
        values = {"first": _first_name(persons[0]), "plan": history.plan, "amount": self.rng.choice(_AMOUNTS),
                  "other": self._other(org, main_need), "need": _NEED_PHRASES[main_need],
                  "year": str(when.year + (when.month >= 10))}
        partners = {need: _PARTNER_NAMES[self.rng.choice(_REFERRALS[need])] for need in needs if need in _REFERRALS}
        if partners:
            values["partner"] = next(iter(partners.values()))  # for the main need: referrals, follow-ups
        upcoming = next((e for e in _EVENTS if e.date > when and e.kind != OVERLEGTAFEL), None)
        if upcoming:
            values["next_event"] = upcoming.reference
        return values, partners

    def _need_note(self, org: _Org, need: str, values: dict[str, str], partners: dict[str, str]) -> str:
        """A sentence about one need; {partner} in it is the partner for that need."""
        if need != DOORVERWIJZING:
            values = {k: v for k, v in values.items() if k != "partner"}
            if need in partners:
                values["partner"] = partners[need]
        templates = _SROI_NOTES_REGULAR if need == SROI and org.impact_type == REG else _NEED_NOTES[need]
        return self._say(templates, values)

    def _follow_up(self, needs: list[str], values: dict[str, str], chance: float) -> str | None:
        if self.rng.random() >= chance:
            return None
        specific = [_NEED_FOLLOW_UPS[need] for need in needs if need in _NEED_FOLLOW_UPS]
        if specific and self.rng.random() < 0.5:
            return self.rng.choice(specific)
        return self._pick(_FOLLOW_UPS, values)

    def _moment(self, day: dt.date, hours: tuple[int, int], minutes: int) -> dt.datetime:
        """A time on ``day`` between the hours, on a multiple of ``minutes``."""
        slots = (hours[1] - hours[0]) * 60 // minutes
        minute = hours[0] * 60 + self.rng.randrange(slots) * minutes
        return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), LOCAL_TZ)

    def _working_day(self, history: _History) -> dt.date:
        """A weekday in the organisation's period, a bit less likely in the summer holidays."""
        while True:
            day = history.start + dt.timedelta(days=self.rng.randrange((history.end - history.start).days + 1))
            if day.weekday() < 5 and not (day.month in (7, 8) and self.rng.random() < 0.5):
                return day

    # -- contacts between events

    def _between_events(self, org: _Org) -> list[_PlannedContact]:
        history = _HISTORIES[org.key]
        days: set[dt.date] = set()
        while len(days) < history.contacts:
            days.add(self._working_day(history))
        newcomer = history.start > HISTORY_START
        return [self._regular(org, day, first=newcomer and i == 0) for i, day in enumerate(sorted(days))]

    def _regular(self, org: _Org, day: dt.date, first: bool) -> _PlannedContact:
        history = _HISTORIES[org.key]
        rng = self.rng
        if first:  # a newcomer: get to know them, on the spot
            channel = rng.choice(("Gesprek", "Werkbezoek"))
            needs = list(history.needs[:rng.randint(1, 2)])
        else:
            channel = rng.choices(list(_CHANNELS), weights=list(_CHANNELS.values()))[0]
            needs = self._some_needs(history, 2 if org.is_partner else 3)
        if not org.is_partner and needs and needs[0] in _REFERRALS and len(needs) < 3 and rng.random() < 0.25:
            needs.append(DOORVERWIJZING)  # the account manager refers them to a partner for the main need
        persons = self._present(org.key, channel)
        values, partners = self._values(org, day, persons, needs)

        if first:
            subject = self._say(_FIRST_SUBJECTS, values)
        elif org.is_partner:
            subject = self._say(_PARTNER_SUBJECTS, values)
        elif DOORVERWIJZING in needs and "partner" in values:
            subject = self._say(_NEED_SUBJECTS[DOORVERWIJZING], values)
        elif channel == "Werkbezoek" and rng.random() < 0.5:
            subject = self._say(_VISIT_SUBJECTS, values)
        elif needs:
            subject = self._say(_NEED_SUBJECTS[needs[0]], values)
        else:
            subject = self._say(_GENERAL_SUBJECTS, values)

        sentences = []
        if rng.random() < 0.35:
            sentences.append(self._say(_CHANNEL_OPENINGS[channel], values))
        if org.is_partner:
            sentences.append(self._say(_PARTNER_NOTES, values))
        elif needs:
            noted = [needs[0], DOORVERWIJZING] if DOORVERWIJZING in needs else needs[:2]
            sentences += [self._need_note(org, need, values, partners) for need in noted]
        else:
            sentences.append(self._say(_GENERAL_NOTES, values))
        if len(sentences) == 1 and rng.random() < 0.4:
            sentences.append(self._say(_PARTNER_CLOSINGS if org.is_partner else _CLOSINGS, values))

        if channel in ("Telefoon", "E-mail"):
            moment = self._moment(day, (8, 18), 5)
        else:  # appointments, on the half hour
            moment = self._moment(day, (9, 17), 30)
        return _PlannedContact(org.key, moment, channel, persons, subject, " ".join(dict.fromkeys(sentences[:3])),
                               tuple(needs), follow_up_text=self._follow_up(needs, values, 0.3))

    # -- intakes at events

    def _at_event(self, event: _Event) -> list[_PlannedContact]:
        def attends(org: _Org) -> bool:
            history = _HISTORIES[org.key]
            # the overlegtafel is for partners; the other events are where entrepreneurs come
            return history.start <= event.date <= history.end and org.is_partner == (event.kind == OVERLEGTAFEL)

        present = [org for org in self.orgs.values() if attends(org)]
        weights = [_HISTORIES[org.key].contacts + 1 for org in present]
        return [self._intake(org, event) for org in self._weighted_sample(present, weights, event.intakes)]

    def _intake(self, org: _Org, event: _Event) -> _PlannedContact:
        history = _HISTORIES[org.key]
        rng = self.rng
        persons = self._present(org.key, "Evenement")
        meeting = event.kind == OVERLEGTAFEL
        if meeting:
            needs = self._some_needs(history, 1)
        else:
            needs = self._needs(history, min(len(history.needs), rng.choice((1, 1, 2))))
            if event.kind == BEURSVLOER and NETWERK not in needs and rng.random() < 0.4:
                needs.append(NETWERK)
        values, partners = self._values(org, event.date, persons, needs)
        values["event"] = event.reference

        subject = self._say(_EVENT_SUBJECTS[event.kind], values)
        if meeting:  # one meeting, everybody from the start
            sentences = [self._say(_OVERLEGTAFEL_NOTES, values)]
            moment = dt.datetime.combine(event.date, dt.time(event.hours[0]), LOCAL_TZ)
        else:
            sentences = [self._say(_EVENT_OPENINGS[event.kind], values)]
            # at the Beursvloer, the network is the match itself: no sentence about it
            noted = [need for need in needs if not (event.kind == BEURSVLOER and need == NETWERK)]
            sentences += [self._need_note(org, need, values, partners) for need in noted[:2]]
            moment = self._moment(event.date, event.hours, 10)
        return _PlannedContact(org.key, moment, "Evenement", persons, subject, " ".join(dict.fromkeys(sentences)),
                               tuple(needs), event.name,
                               follow_up_text=None if meeting else self._follow_up(needs, values, 0.5))


def _contact_plan() -> list[_PlannedContact]:
    """Every demo contact moment, oldest first. Pure data: the same on every call."""
    return _HistoryWriter().plan()


# --------------------------------------------------------------------------------------------
# Departments: the internal contact person at each department a referral can go to

MUNICIPAL_MAIL_DOMAIN = "rivierstad.example"

# Department name (as seeded by desk.records.departments) → (contact person, direct line).
_DEPARTMENT_CONTACTS: dict[str, tuple[str, str]] = {
    "Werk & Inkomen": ("Sandra Meijer", "0488-540210"),
    "Inkoop": ("Frank Hoekstra", "0488-540235"),
    "Vergunningen": ("Yvonne Kramer", "0488-540262"),
    "Vastgoed": ("Marcel Gerritsen", "0488-540248"),
    "Subsidies": ("Nicole van Wijk", "0488-540271"),
    "Duurzaamheid": ("Thijs Veenstra", "0488-540286"),
    "Sociaal domein": ("Hatice Karaca", "0488-540293"),
    "Economische Zaken": ("Jasper van den Brink", "0488-540205"),
    "Ruimtelijke ordening": ("Ellen Verschuren", "0488-540257"),
}


def _department_email(name: str) -> str:
    first, *rest = _ascii(name).split()
    return f"{first}.{''.join(rest)}@{MUNICIPAL_MAIL_DOMAIN}"


# --------------------------------------------------------------------------------------------
# Referrals: some of the needs from the contact history, referred to a department or a partner


@dataclass(frozen=True)
class _Route:
    """Where a need can be referred to, with how the question and the outcome read.

    Placeholders: {org}, {plan}, {first} (the contact person), {amount}. ``themes`` and
    ``impact_types`` limit the route to organisations that have one of them."""

    need: str
    target: str  # a department name, or the key of a partner
    questions: tuple[str, ...]
    landed: tuple[str, ...]
    failed: tuple[str, ...]
    to_partner: bool = False
    regular_questions: tuple[str, ...] = ()  # for a regular company, when it asks differently
    themes: tuple[str, ...] = ()
    impact_types: tuple[str, ...] = ()
    weight: float = 1.0

    def fits(self, org: _Org) -> bool:
        return ((not self.themes or bool(set(self.themes) & set(org.themes)))
                and (not self.impact_types or org.impact_type in self.impact_types))


def _department(need: str, name: str, questions: tuple[str, ...], landed: tuple[str, ...], failed: tuple[str, ...],
                **kwargs) -> _Route:
    return _Route(need, name, questions, landed, failed, **kwargs)


def _partner(need: str, key: str, questions: tuple[str, ...], landed: tuple[str, ...], failed: tuple[str, ...],
             **kwargs) -> _Route:
    return _Route(need, key, questions, landed, failed, to_partner=True, **kwargs)


_ROUTES: list[_Route] = [
    # financing
    _department(FIN, "Subsidies",
                ("Is er een gemeentelijke subsidie of regeling voor {plan}?",
                 "Welke subsidie past bij {plan}, en kan Subsidies meekijken naar de aanvraag?"),
                ("Subsidie verleend voor {plan}; de beschikking is binnen.",
                 "Aanvraag samen met Subsidies rondgemaakt en toegekend; het voorschot is uitbetaald."),
                ("Aanvraag afgewezen: {plan} valt buiten de regeling.",
                 "Het subsidieplafond voor dit jaar was al bereikt; volgend jaar opnieuw aanvragen.")),
    _department(FIN, "Duurzaamheid",
                ("Komt {plan} in aanmerking voor de duurzaamheidsregeling voor ondernemers?",
                 "Kan Duurzaamheid meedenken over de financiering van {plan}?"),
                ("Bijdrage uit het duurzaamheidsfonds toegekend voor {plan}.",
                 "Energieadvies gehad en een bijdrage uit de regeling voor verduurzaming ontvangen."),
                ("De regeling voor verduurzaming was voor dit jaar uitgeput.",),
                themes=("Energietransitie", "Circulaire economie"), weight=2.0),
    _department(FIN, "Sociaal domein",
                ("Kan het sociaal domein bijdragen aan {plan}, gezien wat {org} voor de wijk doet?",
                 "Is er vanuit het sociaal domein een vaste bijdrage mogelijk voor {plan}?"),
                ("Opgenomen in de subsidieregeling voor maatschappelijke initiatieven, voor twee jaar.",
                 "Afspraak gemaakt over een vaste bijdrage per deelnemer vanuit het sociaal domein."),
                ("Past niet binnen de beleidsregels van het sociaal domein; gezocht naar een fonds.",),
                impact_types=(MI,), weight=2.0),
    _partner(FIN, "mkbfonds",
             ("Kan het MKB-fonds meefinancieren aan {plan}? De bank ziet het nog niet zitten.",
              "Is een achtergestelde lening van ongeveer {amount} euro mogelijk voor {plan}?"),
             ("Lening van {amount} euro toegekend; het eerste deel is uitbetaald.",
              "De kredietcommissie ging akkoord met een lening van {amount} euro voor {plan}."),
             ("Afgewezen: de businesscase is nog te onzeker. Over een half jaar opnieuw bekijken.",
              "Het fonds vond de aflossingscapaciteit te laag voor een lening."),
             impact_types=(IF, IS, REG)),
    _partner(FIN, "rom",
             ("Past {plan} bij het Rivierland Impactfonds van de ontwikkelingsmaatschappij?",
              "Wil de ontwikkelingsmaatschappij kijken naar een investering in {plan}?"),
             ("Investering van {amount} euro uit het Rivierland Impactfonds is rond.",
              "Participatie in {plan} toegezegd, met een coach van de ontwikkelingsmaatschappij erbij."),
             ("Te klein voor het impactfonds; de ontwikkelingsmaatschappij raadt het MKB-fonds aan.",
              "Geen match: het fonds zoekt bedrijven die sneller kunnen groeien."),
             impact_types=(IF, IS, REG)),
    # personnel
    _department(PERS, "Werk & Inkomen",
                ("Kan Werk & Inkomen helpen met loonkostensubsidie en jobcoaching voor nieuwe medewerkers?",
                 "Welke kandidaten uit de bijstand passen bij de vacatures van {org}?"),
                ("Twee kandidaten uit de bijstand zijn begonnen, met loonkostensubsidie en een jobcoach.",
                 "De loonwaardemeting is gedaan en de loonkostensubsidie loopt."),
                ("Op dit moment geen geschikte kandidaten in het bestand.",
                 "De kandidaat is na de proefplaatsing niet gebleven; later opnieuw proberen.")),
    _partner(PERS, "wsp",
             ("Kan het WSP kandidaten uit het doelgroepregister voorstellen voor de openstaande vacatures?",
              "Kan het WSP helpen met werving en de no-riskpolis voor nieuwe medewerkers van {org}?"),
             ("Het WSP stelde drie kandidaten voor; twee zijn in dienst, met jobcoaching.",
              "De eerste medewerker via het WSP is gestart met een proefplaatsing."),
             ("Het WSP had geen kandidaten met de juiste certificaten.",
              "Na twee kennismakingen haakte {org} af: de begeleiding kostte te veel tijd.")),
    _partner(PERS, "mbo",
             ("Kan {org} leerbedrijf worden voor de entreeopleiding van MBO Rivierstad?",
              "Kan MBO Rivierstad BBL-leerlingen of stagiairs plaatsen bij {org}?"),
             ("Erkend als leerbedrijf; twee BBL-leerlingen zijn begonnen.",
              "Een stagiair van de entreeopleiding is gestart en het bevalt goed."),
             ("De erkenning als leerbedrijf liep vast op de begeleiding op de werkvloer.",)),
    # housing and permits
    _department(VASTGOED, "Vastgoed",
                ("Heeft de gemeente een pand voor {plan}, eventueel tegen maatschappelijke huur?",
                 "Kan Vastgoed meezoeken naar ruimte voor {plan}?"),
                ("Huurcontract getekend voor een gemeentelijk pand tegen maatschappelijke huur.",
                 "Tijdelijke ruimte gevonden in een leegstaand schoolgebouw van de gemeente."),
                ("Geen geschikt gemeentelijk pand beschikbaar; {first} zoekt verder via makelaars.",
                 "Het aangeboden pand was te duur om te verbouwen.")),
    _department(VASTGOED, "Ruimtelijke ordening",
                ("Is er in de gebiedsplannen op termijn een plek voor {plan}?",),
                ("Locatie gereserveerd in het gebiedsplan; intentieovereenkomst getekend.",),
                ("De beoogde locatie krijgt een woonbestemming; geen ruimte voor {plan}.",), weight=0.5),
    _department(VERG, "Vergunningen",
                ("Welke vergunningen zijn nodig voor {plan}, en hoe lang duurt de aanvraag?",
                 "Kan een vergunningverlener meekijken naar de aanvraag voor {plan}?"),
                ("Na vooroverleg is de omgevingsvergunning voor {plan} verleend.",
                 "De vergunning is binnen; er kwamen geen bezwaren."),
                ("Vergunning geweigerd vanwege de geluidsnormen; het plan wordt aangepast.",
                 "De aanvraag is ingetrokken omdat het bouwplan niet haalbaar bleek.")),
    _department(VERG, "Ruimtelijke ordening",
                ("Past {plan} binnen het omgevingsplan, of is een afwijking nodig?",),
                ("Een afwijking van het omgevingsplan is mogelijk; de aanvraag loopt nu via Vergunningen.",),
                ("Past niet binnen het omgevingsplan, en de gemeente wil er niet van afwijken.",), weight=0.5),
    # business case
    _partner(BC, "versneller",
             ("Kan {org} mee in het volgende programma van de Impactversneller?",
              "Kan de Impactversneller helpen de businesscase voor {plan} sluitend te krijgen?"),
             ("Toegelaten tot het versnellingsprogramma; de eerste coachsessie is geweest.",
              "Businesscase met de coach van de Impactversneller doorgerekend; die sluit nu."),
             ("Niet geselecteerd voor deze lichting; uitgenodigd voor de volgende ronde.",)),
    _partner(BC, "loket",
             ("Kan het Ondernemersloket meekijken naar het ondernemingsplan voor {plan}?",
              "Kan het Ondernemersloket met {first} de businesscase voor {plan} doorrekenen?"),
             ("Twee gesprekken op het startersspreekuur; het ondernemingsplan is aangescherpt.",),
             ("Na één gesprek afgehaakt; {first} had er geen tijd voor.",)),
    _department(BC, "Economische Zaken",
                ("Kan Economische Zaken meedenken over het verdienmodel van {plan}?",),
                ("Adviesgesprek met Economische Zaken gehad; er volgt een proefopdracht van de gemeente.",),
                ("Economische Zaken zag geen rol voor de gemeente in de businesscase.",)),
    # procurement and social return
    _department(INKOOP, "Inkoop",
                ("Hoe kan {org} meedingen naar opdrachten van de gemeente, en welke drempelbedragen gelden?",
                 "Kan Inkoop {org} uitnodigen bij een meervoudig onderhandse aanbesteding?"),
                ("Uitgenodigd voor een meervoudig onderhandse aanbesteding en de opdracht gegund.",
                 "{org} staat nu op de lijst van leveranciers die de gemeente uitnodigt."),
                ("Ingeschreven, maar niet gegund: de prijs lag te hoog.",
                 "Voldeed niet aan de eisen voor referenties en verzekering.")),
    _partner(INKOOP, "sroi",
             ("Kan het SROI-punt {org} koppelen aan een opdrachtnemer die werk wil uitbesteden?",),
             ("Via het SROI-punt gekoppeld aan een opdrachtnemer; de eerste opdracht loopt.",),
             ("Geen opdrachtnemer gevonden die dit werk kon uitbesteden.",)),
    _partner(SROI, "sroi",
             ("Wat is er nodig voor de SROI-badge, en kan het SROI-punt {org} koppelen aan opdrachtnemers?",
              "Kan het SROI-punt {org} voorstellen aan bedrijven met een SROI-verplichting?"),
             ("De SROI-badge is behaald; twee opdrachtnemers hebben al werk uitbesteed.",
              "Social return voor een groot deel ingevuld via inkoop bij sociale ondernemingen."),
             ("Het SROI-punt kon de inzet niet laten meetellen; de functies waren te licht.",),
             regular_questions=("Hoe kan {org} de SROI-verplichting uit {plan} invullen, liefst met sociale "
                                "ondernemers uit de regio?",
                                "Kan het SROI-punt meedenken over de invulling van de social return van {org}?")),
    _department(SROI, "Werk & Inkomen",
                ("Welke kandidaten uit de Participatiewet kunnen bij {org} aan de slag en meetellen voor "
                 "social return?",),
                ("Twee mensen uit de bijstand zijn aan het werk; het telt mee voor de social return.",),
                ("De functies bleken niet geschikt voor de kandidaten van Werk & Inkomen.",)),
    # impact and network
    _partner(IMPACT, "hogeschool",
             ("Kunnen studenten van de hogeschool de impact van {org} meten?",
              "Kan het lectoraat helpen een impactmeting op te zetten voor {plan}?"),
             ("Studenten hebben de impactmeting afgerond; het rapport is binnen.",
              "Samen met het lectoraat vijf kernindicatoren gekozen; de eerste meting is gedaan."),
             ("Dit semester waren er geen studenten beschikbaar.",)),
    _partner(IMPACT, "versneller",
             ("Kan de Impactversneller {org} helpen een impactmeting op te zetten?",),
             ("Workshop impactmeting gevolgd; er zijn nu vaste indicatoren.",),
             ("Het programma bleek te duur voor {org}.",)),
    _partner(NETWERK, "impactnetwerk",
             ("Kan het Impactnetwerk {org} in contact brengen met andere sociale ondernemers in de regio?",
              "Kan {org} aansluiten bij het Impactnetwerk en de impactborrels?"),
             ("Lid geworden van het Impactnetwerk en aangesloten bij de impactborrel.",
              "Via het Impactnetwerk in contact gekomen met twee ondernemers; er loopt een samenwerking."),
             ("Het lidmaatschap bleek te duur; {first} volgt wel de nieuwsbrief.",)),
    _department(NETWERK, "Economische Zaken",
                ("Kan Economische Zaken {org} voorstellen aan de bedrijven op het bedrijventerrein?",),
                ("Voorgesteld aan de ondernemersvereniging; {org} is nu lid.",),
                ("De ondernemersvereniging had geen belangstelling.",)),
]

_WITHDRAWN_NOTES = ("{first} heeft het inmiddels zelf geregeld.", "Het plan is uitgesteld tot volgend jaar.",
                    "{first} had via een andere weg al contact gelegd.", "{first} wil eerst zelf verder zoeken.")
_WITHDRAWN_BEFORE_SENDING = ("Nog niet doorgezet: {first} heeft het al zelf opgelost.",
                             "Vraag vervalt: {org} kiest voor een andere aanpak.")

REFERRAL_COUNT = 50
# The oldest ones are closed, the newest are still open; the ones in between are being handled.
_CLOSED_SHARE, _OPEN_SHARE = 0.52, 0.12
_LANDED_SHARE, _FAILED_SHARE = 0.55, 0.23  # of the closed ones; the rest is withdrawn
# For referrals still being handled, the days from the load date to their check: oldest first.
_CHECK_FROM, _CHECK_UNTIL = -8, 24

# How the referrals moved, counted from their contact moment: made a few minutes after it, sent
# within a few working days, taken up days to weeks later and closed after a spread that differs
# per department or partner (typical days from sending to landing; a short line is quick).
_MADE_AFTER_MINUTES = (5, 50)
_SEND_WITHIN_WORKDAYS = 3
_DAYS_TO_LAND = {
    "Sociaal domein": 9, "Economische Zaken": 12, "Werk & Inkomen": 17, "Duurzaamheid": 24, "Inkoop": 29,
    "Subsidies": 37, "Vastgoed": 44, "Vergunningen": 51, "Ruimtelijke ordening": 55,
    "impactnetwerk": 6, "loket": 10, "wsp": 20, "versneller": 23, "sroi": 26, "mbo": 32, "hogeschool": 35,
    "mkbfonds": 41, "rom": 47,
}
_DEFAULT_DAYS_TO_LAND = 21
_LAND_SPREAD = 0.35  # one referral lands up to this share sooner or later than its target's typical
_LAND_DAYS = (5, 58)  # bounds, before moving a weekend day to the Monday after
_FAIL_DAYS = (7, 80)  # failing tends to take a little longer: it is given up after a while
_TAKEN_UP_DAYS = (2, 35)  # from sending to being handled, for the ones still being handled
_WITHDRAWN_DAYS = (1, 30)


@dataclass(frozen=True)
class _PlannedReferral:
    contact: _PlannedContact
    target: str  # department name or partner key
    to_partner: bool
    question: str
    needs: tuple[str, ...]
    steps: tuple[tuple[str, str | None], ...]  # (status, note), after being made
    moments: tuple[dt.datetime, ...]  # when it was made, then when each step happened
    check_in_days: int | None = None  # being handled: when its check is due, counted from the load date

    @property
    def status(self) -> str:
        return self.steps[-1][0] if self.steps else OPEN


def _amount_in(text: str, rng: random.Random) -> str:
    """The amount in euros the contact moment mentions ("60.000"), or else a likely one."""
    for word in text.split():
        if word.replace(".", "").isdigit() and "." in word:
            return word
    return rng.choice(_AMOUNTS[1:])


def _referral_plan(contacts: list[_PlannedContact]) -> list[_PlannedReferral]:
    """Which contact moments led to a referral, where to, and how far each has come. Pure data: the
    same on every call, whatever is in the database."""
    rng = random.Random(REFERENCE_DATE.toordinal() + 1)
    timing = random.Random(REFERENCE_DATE.toordinal() + 2)  # its own, so the timing leaves the rest as it is
    orgs = {org.key: org for org in _organisations()}
    routes_for = {(org.key, need): [r for r in _ROUTES if r.need == need and r.fits(org)]
                  for org in orgs.values() for need in {route.need for route in _ROUTES}}

    # every need an active entrepreneur raised, with the contact moments it came up in
    mentions: dict[tuple[str, str], list[_PlannedContact]] = {}
    for contact in contacts:
        org = orgs[contact.org_key]
        if org.is_partner or org.archived:
            continue
        for need in contact.needs:
            if routes_for.get((org.key, need)):
                mentions.setdefault((org.key, need), []).append(contact)
    # in a random order, weighted (Efraimidis–Spirakis); a question about the network is quickly asked,
    # so fewer of those become a referral
    weighted = [(pair, 0.3 if pair[1] == NETWERK else 1.0) for pair in sorted(mentions)]
    pairs = [pair for pair, _ in sorted(weighted, key=lambda pw: rng.random() ** (1 / pw[1]), reverse=True)]

    chosen: list[tuple[_PlannedContact, str]] = []
    used: set[_PlannedContact] = set()
    for org_key, need in pairs:
        if len(chosen) == REFERRAL_COUNT:
            break
        moments = [c for c in mentions[(org_key, need)] if c not in used]
        if not moments:
            continue
        # where the account manager referred on the spot, that is the moment; otherwise the latest
        # mention or an earlier one
        on_the_spot = [c for c in moments if DOORVERWIJZING in c.needs and c.needs[0] == need]
        contact = on_the_spot[-1] if on_the_spot else moments[-1] if rng.random() < 0.5 else rng.choice(moments)
        used.add(contact)
        chosen.append((contact, need))
    chosen.sort(key=lambda cn: (cn[0].occurred_at, cn[0].org_key, cn[1]))

    count = len(chosen)
    closed, still_open = round(count * _CLOSED_SHARE), round(count * _OPEN_SHARE)
    handled = count - closed - still_open
    landed, failed = round(closed * _LANDED_SHARE), round(closed * _FAILED_SHARE)
    outcomes = [LANDED] * landed + [FAILED] * failed + [WITHDRAWN] * (closed - landed - failed)
    rng.shuffle(outcomes)
    progress = [SENT] * (handled // 2) + [IN_PROGRESS] * (handled - handled // 2)
    rng.shuffle(progress)
    finals = outcomes + progress + [OPEN] * still_open

    plan = []
    for i, ((contact, need), final) in enumerate(zip(chosen, finals, strict=True)):
        org = orgs[contact.org_key]
        route = _choose_route(routes_for[(org.key, need)], contact, rng)
        values = {"org": org.name, "plan": _HISTORIES[org.key].plan, "first": _first_name(contact.person_names[0]),
                  "amount": _amount_in(contact.notes, rng)}
        questions = route.regular_questions if org.impact_type == REG and route.regular_questions else route.questions
        question = _sentence(rng.choice(questions).format(**values))
        needs = tuple(n for n in contact.needs if n == need or any(
            r.need == n and r.target == route.target for r in routes_for.get((org.key, n), [])))
        steps = _steps(final, route, values, rng)
        check = None
        if final in (SENT, IN_PROGRESS):
            rank = i - closed  # among the ones being handled, oldest first
            check = _CHECK_FROM + round(rank * (_CHECK_UNTIL - _CHECK_FROM) / max(handled - 1, 1))
        moments = _timeline(contact, route.target, steps, timing)
        plan.append(_PlannedReferral(contact, route.target, route.to_partner, question, needs, steps, moments, check))
    return plan


def _next_workday(day: dt.date) -> dt.date:
    """The day itself, or the Monday after when it falls in the weekend."""
    return day + dt.timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def _add_workdays(day: dt.date, count: int) -> dt.date:
    for _ in range(count):
        day = _next_workday(day + dt.timedelta(days=1))
    return day


def _at_the_office(day: dt.date, after: dt.datetime, rng: random.Random) -> dt.datetime:
    """A moment on ``day`` during office hours (9:00 to 17:00), but always later than ``after``."""
    moment = dt.datetime.combine(day, dt.time(9), LOCAL_TZ) + dt.timedelta(minutes=rng.randrange(0, 8 * 60, 5))
    return moment if moment > after else after + dt.timedelta(minutes=rng.randrange(10, 120, 5))


def _timeline(contact: _PlannedContact, target: str, steps: tuple[tuple[str, str | None], ...],
              rng: random.Random) -> tuple[dt.datetime, ...]:
    """When the referral was made and when each step happened, counted from its contact moment."""
    made = contact.occurred_at + dt.timedelta(minutes=rng.randrange(*_MADE_AFTER_MINUTES, 5))
    moments = [made]
    statuses = [status for status, _ in steps]
    final = statuses[-1] if statuses else OPEN
    typical = _DAYS_TO_LAND.get(target, _DEFAULT_DAYS_TO_LAND)
    # days from sending to closing, chosen first so that being taken up can fall in between
    if final == LANDED:
        closed_after = round(typical * rng.uniform(1 - _LAND_SPREAD, 1 + _LAND_SPREAD))
        closed_after = min(max(closed_after, _LAND_DAYS[0]), _LAND_DAYS[1])
    elif final == FAILED:
        closed_after = min(max(round(typical * rng.uniform(0.8, 1.6)), _FAIL_DAYS[0]), _FAIL_DAYS[1])
    else:
        closed_after = rng.randint(*_WITHDRAWN_DAYS)
    sent: dt.date | None = None
    for status in statuses:
        if status == SENT:  # the same day, unless the conversation ran into the evening
            workdays = rng.randint(0, _SEND_WITHIN_WORKDAYS)
            sent = day = _add_workdays(made.date(), max(workdays, made.hour >= 17))
        elif status == IN_PROGRESS and final == IN_PROGRESS:
            day = sent + dt.timedelta(days=rng.randint(*_TAKEN_UP_DAYS))
        elif status == IN_PROGRESS:  # on the way to closing: somewhere in the first two thirds
            day = sent + dt.timedelta(days=rng.randint(1, max(1, min(21, closed_after * 2 // 3))))
        else:  # closed: counted from sending, or from making when it was withdrawn before sending
            day = (sent or made.date()) + dt.timedelta(days=closed_after)
        moments.append(_at_the_office(day if status == SENT else _next_workday(day), moments[-1], rng))
    return tuple(moments)


def _choose_route(routes: list[_Route], contact: _PlannedContact, rng: random.Random) -> _Route:
    """The partner named in the conversation, when there is one; otherwise a weighted pick."""
    said = f"{contact.subject} {contact.notes}".casefold()
    named = [r for r in routes if r.to_partner and _PARTNER_NAMES[r.target].casefold() in said]
    if named:
        return named[0]
    return rng.choices(routes, weights=[r.weight for r in routes])[0]


_SENT_NOTES = ("Overdrachtsmail verstuurd.", "Warme overdracht gedaan; {first} is op de hoogte.",
               "Telefonisch overgedragen en de gegevens nagemaild.")
_IN_PROGRESS_NOTES = ("Het eerste gesprek is geweest.", "Intake gedaan; de aanvraag is in behandeling.",
                      "Ze zijn ermee bezig; {first} heeft een vervolgafspraak.")


def _steps(final: str, route: _Route, values: dict[str, str], rng: random.Random) -> tuple[tuple[str, str | None], ...]:
    """The status changes from open to ``final``, each with a note."""
    def say(templates: tuple[str, ...]) -> str:
        return _sentence(rng.choice(templates).format(**values))

    if final == OPEN:
        return ()
    if final == WITHDRAWN and rng.random() < 0.5:
        return ((WITHDRAWN, say(_WITHDRAWN_BEFORE_SENDING)),)
    steps: list[tuple[str, str | None]] = [(SENT, say(_SENT_NOTES))]
    if final == IN_PROGRESS or (final in (LANDED, FAILED) and rng.random() < 0.6):
        steps.append((IN_PROGRESS, say(_IN_PROGRESS_NOTES)))
    if final == WITHDRAWN:
        steps.append((WITHDRAWN, say(_WITHDRAWN_NOTES)))
    elif final in (LANDED, FAILED):
        steps.append((final, say(route.landed if final == LANDED else route.failed)))
    return tuple(steps)


# --------------------------------------------------------------------------------------------
# Follow-ups: the account manager's agenda, around the day the demo is loaded

ANY_CONTACT = "*"


@dataclass(frozen=True)
class _PlannedFollowUp:
    org_key: str
    title: str
    days: int  # from the load date; with ``this_week``: which of the days left in the week
    recurrence: str | None = None
    about: str | None = None  # linked to the latest contact moment about this need (ANY_CONTACT: any)
    this_week: bool = False
    done: bool = False  # made and marked done at once, so there is some history


def _week(org_key: str, title: str, slot: int, **kwargs) -> _PlannedFollowUp:
    return _PlannedFollowUp(org_key, title, slot, this_week=True, **kwargs)


_FOLLOW_UP_PLAN: list[_PlannedFollowUp] = [
    # overdue
    _PlannedFollowUp("groenegevels", "Offerte SROI nabellen", -3, about=SROI),
    _PlannedFollowUp("tweedekans", "Terugkoppeling financieringsaanvraag bij het MKB-fonds vragen", -6, about=FIN),
    _PlannedFollowUp("wilgenhoeve", "Nagaan of de vergunningaanvraag voor de boerderijwinkel binnen is", -2,
                     about=VERG),
    _PlannedFollowUp("taalcafe", "Terugkoppeling subsidieaanvraag vragen", -8, about=FIN),
    _PlannedFollowUp("kringloop", "Lijst met panden voor de sorteerlijn sturen", -1, about=VASTGOED),
    _PlannedFollowUp("codeschool", "Stageplaatsen voor de nieuwe lichting nabellen", -5),
    _PlannedFollowUp("verhoef", "Aanvraagformulier duurzaamheidssubsidie toesturen", -4, about=FIN),
    # today
    _PlannedFollowUp("debrug", "Hans bellen over nieuwe opdrachtgevers voor de montage", 0, about=INKOOP),
    _PlannedFollowUp("eerlijkeketen", "Inkoopregels voor het kantinecontract mailen", 0),
    _PlannedFollowUp("smaakmakers", "Vragen hoe de aanvraag voor het label loopt", 0, about=ANY_CONTACT),
    # the rest of this week
    _week("nieuwedraad", "Intro-mail naar de ontwikkelingsmaatschappij sturen", 0, about=FIN),
    _week("rivierstroom", "Stand van de vergunningaanvraag voor het zonnedak vragen", 1, about=VERG),
    _week("glans", "Gesprek over de SROI-badge voorbereiden", 2),
    _week("fietsatelier", "Werkbezoek in de werkplaats plannen", 3),
    _week("samenoud", "Afspraak met Vastgoed over de woonvorm inplannen", 4, about=VASTGOED),
    _week("wolenwolk", "Winkelruimtes in de binnenstad doorsturen", 5),
    # later
    _PlannedFollowUp("zonnedak", "Kennismaking met Rivierstroom nabellen", 8),
    _PlannedFollowUp("buurtkracht", "Verdienmodel van de buurtkamer samen doorrekenen", 9, about=BC),
    _PlannedFollowUp("gedeeldetafel", "Herinneren aan de aanbesteding voor de catering van het stadhuis", 10),
    _PlannedFollowUp("rivierhaven", "Jobcoaching op de inclusieve afdeling evalueren", 12, about=PERS),
    _PlannedFollowUp("vanderlinden", "Voortgang SROI-verplichting scholen opvragen", 14, about=SROI),
    _PlannedFollowUp("yilmaz", "Vragen of de leerling-monteur is begonnen", 16),
    _PlannedFollowUp("rechtswinkel", "Ruimte voor het spreekuur in Oosterwaard zoeken", 18),
    _PlannedFollowUp("kleineakker", "Grondhuur met Vastgoed bespreken", 21, about=VASTGOED),
    _PlannedFollowUp("jongtalent", "Bedrijven voor snuffelstages voorstellen", 23),
    _PlannedFollowUp("geldwijs", "Uitbreiding naar Laagveld bespreken", 27),
    _PlannedFollowUp("repaircafe", "Vragen of het nieuwe gereedschap binnen is", 30),
    _PlannedFollowUp("zoeteverschil", "Vragen of de BV is opgericht", 35),
    _PlannedFollowUp("groenrijk", "Contract groenonderhoud Laagveld navragen", 42),
    # repeating, with partners
    _PlannedFollowUp("mkbfonds", "Kwartaaloverleg met het MKB-fonds", 17, recurrence="elk kwartaal"),
    _PlannedFollowUp("impactnetwerk", "Overlegtafel Impact Ondernemen voorbereiden met het Impactnetwerk", 45,
                     recurrence="twee keer per jaar"),
    _PlannedFollowUp("loket", "Startersspreekuur in het stadhuis bijwonen", 6, recurrence="elke maand"),
    # done already (the monthly check-in with the WSP then comes back next month)
    _PlannedFollowUp("wsp", "Maandelijkse check-in met het WSP", -27, recurrence="elke maand", done=True),
    _PlannedFollowUp("groenegevels", "Inkoopkalender van de gemeente mailen", -12, done=True),
    _PlannedFollowUp("buurtkracht", "Contactgegevens van het Impactnetwerk mailen", -15, done=True),
    _PlannedFollowUp("fietsatelier", "Lijst met leegstaande bedrijfsruimtes sturen", -19, about=VASTGOED,
                     done=True),
    _PlannedFollowUp("kleineakker", "Verslag van het gesprek met Vastgoed nasturen", -9, done=True),
    _PlannedFollowUp("codeschool", "Intro-mail naar het WSP sturen", -22, about=PERS, done=True),
]


def _workday(day: dt.date, today: dt.date) -> dt.date:
    """Not in the weekend (unless it is today): an earlier day to the Friday before, a later one to the
    Monday after."""
    if day == today or day.weekday() < 5:
        return day
    if day < today:
        return day - dt.timedelta(days=day.weekday() - 4)
    return day + dt.timedelta(days=7 - day.weekday())


def _due(item: _PlannedFollowUp, today: dt.date) -> dt.date:
    if not item.this_week:
        return _workday(today + dt.timedelta(days=item.days), today)
    left = [today + dt.timedelta(days=n) for n in range(1, 7 - today.weekday())]  # until Sunday
    slots = [day for day in left if day.weekday() < 5] or left
    if not slots:  # on a Sunday the week is over: early next week then
        slots = [today + dt.timedelta(days=n) for n in (1, 2, 3)]
    return slots[item.days % len(slots)]


# --------------------------------------------------------------------------------------------
# Certifications: who is working on which label, after the progress reports of label programmes
# (many organisations working on the label 'Ondernemen met impact', a fair number obtained)

LABEL, SROI_BADGE, PSO, B_CORP, CODE = ("Label Ondernemen met impact", "SROI-badge", "PSO 30+", "B Corp",
                                        "Code Sociale Ondernemingen")


@dataclass(frozen=True)
class _PlannedCertification:
    """One organisation's certification. Obtained and expired ones are history, dated like the
    contact moments; the ones still running are dated from the load day (``started_days_ago``), as
    the checks of running referrals are, so their deadline lies ahead; a few obtained ones run out
    soon after the load day (``expires_in_days``), so the dashboard always has some to show."""

    org_key: str
    kind: str
    status: str
    started: dt.date | None = None
    obtained: dt.date | None = None
    started_days_ago: int | None = None
    expires_in_days: int | None = None
    notes: str = ""


def _running(org_key: str, kind: str, status: str, days_ago: int, notes: str = "") -> _PlannedCertification:
    return _PlannedCertification(org_key, kind, status, started_days_ago=days_ago, notes=notes)


def _obtained(org_key: str, kind: str, started: dt.date | None, obtained: dt.date,
              notes: str = "") -> _PlannedCertification:
    return _PlannedCertification(org_key, kind, certifications.OBTAINED, started, obtained, notes=notes)


def _expiring(org_key: str, kind: str, in_days: int, notes: str = "") -> _PlannedCertification:
    return _PlannedCertification(org_key, kind, certifications.OBTAINED, expires_in_days=in_days, notes=notes)


_APPLIED, _WORKING, _EXPIRED = certifications.APPLIED, certifications.WORKING, certifications.EXPIRED

_CERTIFICATION_PLAN: list[_PlannedCertification] = [
    # the label 'Ondernemen met impact': obtained
    _obtained("tweedekans", LABEL, dt.date(2025, 1, 13), dt.date(2025, 6, 20),
              "Eén van de eerste labelhouders in Rivierstad."),
    _obtained("debrug", LABEL, dt.date(2025, 2, 3), dt.date(2025, 9, 12)),
    _obtained("groenegevels", LABEL, dt.date(2025, 4, 28), dt.date(2025, 11, 7),
              "Het label telt mee bij de aanbestedingen voor groene daken."),
    _obtained("kringloop", LABEL, dt.date(2025, 6, 16), dt.date(2026, 2, 20)),
    _obtained("codeschool", LABEL, dt.date(2025, 9, 1), dt.date(2026, 4, 24)),
    _obtained("vanderlinden", LABEL, dt.date(2025, 11, 10), dt.date(2026, 6, 19),
              "Eerste bouwbedrijf in de regio met het label; goed werkgeverschap staat in het jaarplan."),
    _expiring("fietsatelier", LABEL, 45, "De herbeoordeling moet nog worden aangevraagd."),
    # the label: working on it or applied
    _running("rivierhaven", LABEL, _WORKING, 250, "Doet mee met de inclusieve afdeling als proef."),
    _running("gedeeldetafel", LABEL, _WORKING, 190),
    _running("eerlijkeketen", LABEL, _WORKING, 160),
    _running("wilgenhoeve", LABEL, _WORKING, 130),
    _running("yilmaz", LABEL, _WORKING, 100, "Wil het label halen om een leerling-monteur aan te trekken."),
    _running("verhoef", LABEL, _WORKING, 75),
    _running("zoeteverschil", LABEL, _WORKING, 50),
    _running("smaakmakers", LABEL, _APPLIED, 40, "Aanvraag ingediend; het intakegesprek volgt."),
    _running("wolenwolk", LABEL, _APPLIED, 20),
    _running("zonnedak", LABEL, _APPLIED, 8),
    _PlannedCertification("houtwerkplaats", LABEL, _EXPIRED, dt.date(2022, 11, 7), dt.date(2023, 5, 12),
                           notes="Niet verlengd: de eigenaar is gestopt."),
    # SROI-badges (valid one year)
    _obtained("kringloop", SROI_BADGE, None, dt.date(2026, 5, 15)),
    _obtained("debrug", SROI_BADGE, None, dt.date(2026, 6, 5)),
    _obtained("groenegevels", SROI_BADGE, None, dt.date(2026, 7, 10)),
    _obtained("vanderlinden", SROI_BADGE, None, dt.date(2026, 9, 25),
              "Koopt voor de schoolrenovaties in bij Werkplaats De Brug en Groene Gevels."),
    _expiring("gedeeldetafel", SROI_BADGE, 38, "Verlenging bespreken voor de aanbesteding van de catering."),
    _running("glans", SROI_BADGE, _WORKING, 60),
    _running("rivierhaven", SROI_BADGE, _APPLIED, 15),
    _PlannedCertification("groenrijk", SROI_BADGE, _EXPIRED, None, dt.date(2025, 3, 3),
                          notes="Niet verlengd; het contract in Laagveld vroeg er niet meer om."),
    # PSO 30+
    _obtained("glans", PSO, dt.date(2025, 5, 6), dt.date(2025, 10, 2)),
    _expiring("debrug", PSO, 52, "De audit voor de hercertificering is nog niet gepland."),
    _running("kringloop", PSO, _WORKING, 90),
    # B Corp
    _obtained("eerlijkeketen", B_CORP, dt.date(2024, 6, 3), dt.date(2025, 2, 14)),
    _running("nieuwedraad", B_CORP, _APPLIED, 30, "Kan pas beoordeeld worden na een volledig boekjaar."),
    # Code Sociale Ondernemingen
    _obtained("tweedekans", CODE, dt.date(2024, 10, 1), dt.date(2025, 3, 10)),
    _obtained("codeschool", CODE, dt.date(2025, 10, 6), dt.date(2026, 1, 23)),
]


def _certification_dates(planned: _PlannedCertification, kind: certifications.CertificationKind,
                         today: dt.date) -> dict | None:
    """Status and dates for loading on ``today``; None when it would lie after that day (a load as
    if on an earlier day). An obtained one whose validity ended before ``today`` is stored as
    verlopen, as the account manager would have marked it."""
    validity = relativedelta(months=kind.validity_months or 12)
    if planned.started_days_ago is not None:
        return {"status": planned.status, "started_on": today - dt.timedelta(days=planned.started_days_ago),
                "obtained_on": None, "valid_until": None}
    if planned.expires_in_days is not None:
        until = today + dt.timedelta(days=planned.expires_in_days)
        obtained = until - validity
        return {"status": planned.status, "started_on": obtained - dt.timedelta(days=150),
                "obtained_on": obtained, "valid_until": until}
    if planned.obtained > today:
        return None
    until = planned.obtained + validity
    status = certifications.EXPIRED if until < today else planned.status
    return {"status": status, "started_on": planned.started, "obtained_on": planned.obtained,
            "valid_until": until}


# --------------------------------------------------------------------------------------------
# Targets: the yearly goals of the programme, for the load year and the one before it

# metric, kind (for the certification metrics), target for the year before, target for the load year.
# The label targets follow a city's 75 participants / 50 obtained / 25 working on it, scaled to the
# thirty-odd entrepreneurs here: 18 / 12 / 6 (so the demo, like that city, has more working on the
# label than planned and fewer who obtained it).
_TARGETS: list[tuple[str, str | None, float, float]] = [
    ("contacts", None, 140, 150),
    ("event_intakes", None, 50, 60),
    ("referrals", None, 20, 30),
    ("landed_share", None, 75, 80),
    ("partners", None, 8, 10),
    ("certification_participants", LABEL, 12, 18),
    ("certification_obtained", LABEL, 6, 12),
    ("certification_in_progress", LABEL, 6, 6),
    ("certification_obtained", SROI_BADGE, 3, 6),
]


# --------------------------------------------------------------------------------------------
# Toolbox: the first round of the workbook, as the account manager of Rivierstad filled it in

_DONE = "gedaan"

# item id → (answer, status, note); empty fields are left as they are
_TOOLBOX: dict[str, tuple[str, str | None, str]] = {
    # 1 draagvlak
    "m01-q-collegas-voorstanders": (
        "De wethouders van Economie en van Werk & Inkomen staan er allebei achter. Ambtelijk zijn de "
        "teamleider Economische Zaken, de SROI-adviseur van Inkoop en de accountmanagers van het WSP "
        "duidelijke voorstanders. De beleidsadviseur circulaire economie denkt graag mee.", None, ""),
    "m01-q-collegas-overtuigen": (
        "Vastgoed en Vergunningen zien impactondernemers nog vooral als extra werk. Bij Inkoop zijn de "
        "juristen voorzichtig vanwege de aanbestedingsregels, en Financiën wil eerst zien wat het oplevert.",
        None, ""),
    "m01-c-coalition-of-the-willing": ("", _DONE, "Werkgroep van zes collega's uit vier afdelingen; "
                                                  "we komen elke zes weken bij elkaar."),
    "m01-c-voortgang-delen": ("", _DONE, "Elk kwartaal een bericht op intranet en een korte update in het "
                                         "MT Economie."),
    "m01-a-werkbezoek-ondernemer": ("", _DONE, "Met de wethouder en twee collega's van Inkoop op bezoek "
                                               "geweest bij Koffiebranderij De Tweede Kans."),
    "m01-a-koploper-bezoeken": ("", None, "Contact gelegd met een koplopergemeente; het bezoek is nog "
                                          "niet gepland."),
    "m01-a-presentatie-collegas": ("", _DONE, "Gegeven in het teamoverleg van Werk & Inkomen en bij "
                                              "Inkoop. Vastgoed volgt in het voorjaar."),
    "m01-c-coalitieakkoord": ("", _DONE, "Het coalitieakkoord wil werk voor iedereen en een circulaire "
                                         "economie; daar sluiten we bij aan."),
    "m01-c-zichtbaarheid-contact": ("", _DONE, ""),
    "m01-q-kortetermijndoelen": (
        "Dit jaar willen we de impactondernemers in onze gemeente in beeld hebben en gesproken, per "
        "afdeling een vast aanspreekpunt hebben, twee keer een Overlegtafel Impact Ondernemen houden en "
        "meer ondernemers helpen het label Ondernemen met impact te halen.", None, ""),
    # 2 makelaarsteam
    "m02-q-makelaar-of-team": (
        "Een klein makelaarsteam. De accountmanager impact ondernemen bij Economische Zaken is het vaste "
        "aanspreekpunt voor ondernemers en mag vragen rechtstreeks bij de andere afdelingen neerleggen. "
        "Elke afdeling heeft een vaste collega die die vragen oppakt.", None, ""),
    "m02-q-teamleden": (
        "De accountmanager impact ondernemen als trekker, de SROI-adviseur van Inkoop, een "
        "accountmanager van Werk & Inkomen, een collega van Vastgoed en de beleidsadviseur circulaire "
        "economie. Vergunningen schuift aan als er een concrete aanvraag ligt.", None, ""),
    "m02-q-nieuwe-collega": (
        "Voorlopig niet. De accountmanager heeft 24 uur per week voor deze rol en de teamleden maken er "
        "een paar uur per maand voor vrij. Bij de evaluatie kijken we opnieuw.", None, ""),
    "m02-q-dienstverlening-of-beleid": (
        "Allebei, maar we beginnen bij de dienstverlening: persoonlijk contact, doorverwijzen en het "
        "netwerk versterken. Aan de kant van het beleid pakken we eerst inkoop en vastgoed op, omdat "
        "daar de meeste vragen over gaan.", None, ""),
    "m02-c-kwaliteit-verbinder": ("", _DONE, ""),
    "m02-c-kwaliteit-ecosysteembouwer": ("", _DONE, ""),
    "m02-c-kwaliteit-accountmanager": ("", _DONE, ""),
    "m02-c-kwaliteit-doorzetter": ("", _DONE, ""),
    "m02-c-kwaliteit-communicatief": ("", _DONE, ""),
    "m02-c-kwaliteit-strateeg": ("", None, "Missen we nog; we vragen iemand van Strategie en Beleid."),
    "m02-a-gesprek-werkzaamheden": ("", _DONE, "Besproken in de startbijeenkomst: we zijn sterk in "
                                               "verbinden en doorverwijzen, minder in strategie. Daarom "
                                               "sluit Strategie twee keer per jaar aan."),
    # 3 impactondernemers in de regio
    "m03-c-andere-afdelingen": ("", _DONE, ""),
    "m03-c-social-return": ("", _DONE, "Het SROI-punt gaf een lijst van bedrijven die hun verplichting via "
                                       "sociale ondernemingen invullen."),
    "m03-c-bekende-ondernemers": ("", _DONE, ""),
    "m03-c-impactnetwerken": ("", _DONE, "Impactnetwerk Rivierland heeft ons aan de leden voorgesteld."),
    "m03-a-overzicht-impactondernemers": ("", _DONE, "Staat in Desk: ruim dertig organisaties met hun "
                                                     "contactpersonen."),
    "m03-q-definitie": (
        "Voor de dienstverlening tellen we iedere organisatie mee waarvoor maatschappelijke impact het "
        "hoofddoel is, en bedrijven die aantoonbaar werk maken van hun impact. Voor inkoop vragen we een "
        "bewijs, zoals een registratie bij de Code Sociale Ondernemingen, PSO 30+ of het label "
        "Ondernemen met impact.", None, ""),
    "m03-q-gesprekspartners": (
        "Eerst de ondernemers met veel mensen met een afstand tot de arbeidsmarkt in dienst, zoals "
        "Werkplaats De Brug, Schoonmaakbedrijf Glans & Co en Kringloop Rivierland. Daarna de jonge "
        "bedrijven uit de Impactversneller.", None, ""),
    "m03-q-vragen-ondernemers": (
        "Vooral financiering, betaalbare bedrijfsruimte en toegang tot opdrachten van de gemeente. Veel "
        "ondernemers zoeken ook personeel en willen weten hoe ze hun impact kunnen laten zien.", None, ""),
    "m03-c-nulmeting": ("", _DONE, "De eerste ronde gesprekken geldt als nulmeting; alles staat in Desk."),
    "m03-r-social-enterprise-monitor": ("", _DONE, ""),
    # 5 andere domeinen
    "m05-a-domeinen-in-kaart": ("", _DONE, "Werk & Inkomen en Inkoop werken al het meest met "
                                           "impactondernemers, vaak zonder ze zo te noemen."),
    "m05-q-afdelingen-bekend": (
        "Werk & Inkomen en Inkoop weten goed wat het is. Bij Vastgoed, Vergunningen en Subsidies is het "
        "nog onbekend; daar geven we binnenkort een korte presentatie.", None, ""),
    "m05-q-mvi-beleid": (
        "Ja, het inkoopbeleid heeft een paragraaf over maatschappelijk verantwoord inkopen. Bij kleinere "
        "opdrachten nodigen we waar het kan een sociale onderneming uit om een offerte te doen.", None, ""),
    "m05-q-sroi-regeling": (
        "Bij opdrachten vanaf een ton geldt een SROI-verplichting van vijf procent van de opdrachtwaarde. "
        "Het SROI-punt bewaakt de afspraken; inkopen bij een sociale onderneming telt mee.", None, ""),
    "m05-q-subsidieregelingen": (
        "Gedeeltelijk. De subsidie voor verduurzaming staat open voor alle ondernemers, maar de regeling "
        "voor maatschappelijke initiatieven alleen voor stichtingen en verenigingen. Een ondernemer met "
        "een BV valt daardoor soms tussen wal en schip.", None, ""),
    "m05-a-werkblad-vragen-collegas": ("", None, "Zes gesprekken gevoerd en de vragen genoteerd; "
                                                 "Vergunningen en Financiën moeten nog."),
    "m05-c-vraag-capaciteit": ("", _DONE, "Vooral bij Vastgoed en Vergunningen."),
    "m05-c-vraag-inkoopregels": ("", _DONE, "Vraag van Inkoop; de juristen zoeken het uit."),
    "m05-c-vraag-wat-is-het": ("", _DONE, ""),
    # 8 ecosysteem: a start
    "m08-a-partijen-per-domein": ("", _DONE, "Negen partners staan met hun domein in Desk."),
    "m08-c-gedeelde-visie": ("", _DONE, "Uitgesproken op de Overlegtafel Impact Ondernemen van het voorjaar."),
    "m08-c-randvoorwaarden": ("", None, "De afspraken over doorverwijzen staan nog niet op papier."),
    # 13 zicht op impact: a start
    "m13-a-voortgang-rapporteren": ("", _DONE, "Elk jaar een voortgangsrapportage aan de raad, met de "
                                               "cijfers uit Desk."),
    "m13-c-certificaat-is-geen-meting": ("", _DONE, ""),
    "m13-c-kennis-meetinstrumenten": ("", None, "De hogeschool wil hier een workshop over geven."),
}


# --------------------------------------------------------------------------------------------
# Loading


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
